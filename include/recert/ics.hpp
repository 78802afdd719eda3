// iCalendar (RFC 5545) output: each upcoming expiry with reminders before it, and each open claim
// deadline, as all-day events. A pure renderer: the DTSTAMP is the report's as-of date at 00:00:00
// UTC, so the same inputs always give the same bytes.
#pragma once

#include "recert/engine.hpp"

#include <string>
#include <string_view>

namespace recert {

// The whole VCALENDAR, CRLF line ends, lines folded at 75 octets.
std::string render_ics(const Rules& rules, const Ledger& ledger, const Report& report);

// A TEXT property value escaped per RFC 5545 3.3.11: backslash, semicolon, comma, newline (CRLF, CR
// or LF become \n); other control characters are dropped.
std::string ics_escape_text(std::string_view text);

// One content line folded per RFC 5545 3.1: at most 75 octets per physical line (the leading
// space of a continuation counts), never inside a UTF-8 sequence; each physical line ends in CRLF.
std::string ics_fold_line(std::string_view line);

} // namespace recert
