// Text from other people's files, made inert for the context it is written into. Every text a
// report takes from its inputs goes through one of these; nothing else escapes.
#pragma once

#include <string>
#include <string_view>

namespace recert {

// HTML text and attribute values (double-quoted), SVG text too: & < > " ' as references.
void append_html(std::string& out, std::string_view text);
std::string html(std::string_view text);

// Data for an inline <script type="application/json">: the JSON text with <, >, & and the line
// separators U+2028/U+2029 as \u escapes, so that no "</script>" or "<!--" can end or change it.
std::string script_json(std::string_view json);

// One Markdown table cell: | and \ escaped, line breaks as spaces, HTML's < > & as references
// (a wiki renders inline HTML), and characters that start Markdown emphasis or links escaped.
std::string md_cell(std::string_view text);

} // namespace recert
