// Pieces of text output shared by the text renderers (text.cpp, text_team.cpp, report_text.cpp):
// measuring and padding UTF-8, wrapping, colour, and the status table with its notices.
#pragma once

#include "recert/render.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace recert::text_parts {

// Next steps and notices under their rows are indented at least this far, and wrapped at least
// this wide.
constexpr std::size_t kStepIndent = 4;
constexpr std::size_t kMinWrap = 20;

// Display width of UTF-8 text (one column per code point).
std::size_t width(std::string_view s);
// `s` followed by spaces up to `w` columns.
std::string pad(std::string_view s, std::size_t w);
// Spaces up to `w` columns, then `s` (figures in a column).
std::string pad_left(std::string_view s, std::size_t w);
// `s` in `color` (an escape sequence) when the style has colour, else `s`.
std::string paint(const TextStyle& st, const char* color, std::string_view s);
// The colour of a state in tables.
const char* state_color(State s);
// "7 active · 2 expiring · 1 expired": how many are in each state (`counts` by State), in the
// order of kStates, in their colours, states with none left out; "" when all are zero.
std::string state_counts(const TextStyle& st, const std::array<int, kStates.size()>& counts);
// Appends `lead` (`lead_cells` columns wide on screen: it may hold colour codes) and `text`, then
// a newline. With a limit (0: none), `text` is broken at spaces so that no line is wider unless a
// single word is, later lines starting with `indent` spaces.
void append_wrapped(std::string& out, std::string_view lead, std::size_t lead_cells,
                    std::string_view text, std::size_t indent, std::size_t limit);

// Whether the status table has a HOLDER column, and how it is filled.
enum class HolderColumn {
    None,     // one holder: named in the heading above the table
    Grouped,  // rows in holder groups: the name on a group's first row, a blank line between
    EveryRow, // rows in another order: the name on every row
};
// Appends the status table of `rows` (a heading row, then one row per report, in that order).
// With a width, a table that would be wider puts each next step on indented lines under its row
// (under the certification column), wrapped at spaces, and shortens certification names and
// then holder names with an ellipsis as far as needed (never below their headings' widths, nor
// holder names below 12 columns).
void append_status_table(std::string& out, const Rules& rules,
                         const std::vector<const CertReport*>& rows, const TextStyle& style,
                         HolderColumn holders);
// Appends "Notices:" and each notice of `rows` once, after the certifications it concerns
// ("CCNA, CCNP Enterprise: ..."), each certification's holder first when `name_holders`
// ("Bo Chen · CCNA: ..."; a message concerning two holders is listed for each). Nothing when
// there is no notice.
void append_status_notices(std::string& out, const Rules& rules,
                           const std::vector<const CertReport*>& rows, const TextStyle& style,
                           bool name_holders);
// What the heading says of the rows' programs: the program's name, or "programs " and their ids
// when there are several.
std::string programs_heading(const Rules& rules, const std::vector<const CertReport*>& rows);

} // namespace recert::text_parts

namespace recert {
// The status text of reports of several holders: one table with a HOLDER column (grouped when
// `grouped`), the notices, and a line counting the certifications in each state (text_team.cpp).
std::string render_team_status_text(const Rules& rules, const Report& report,
                                    const TextStyle& style, bool grouped);
} // namespace recert
