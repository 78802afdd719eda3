// The pieces of the report page (render_report_html, report.hpp) that live in their own files.
// Each appends to the page being written; every text from the inputs is escaped there.
#pragma once

#include "report/summary.hpp"

#include <string>

namespace recert {

// The expiries of the next 12 months as an SVG bar chart stacked by level (axis labels, a count
// axis, role="img" with <title> and <desc>), its legend, and the same numbers as a table in a
// <details>. Hooks for tests: each month's <g data-month="2027-01" data-count="N">, its total as
// <text class="total">, and one <rect data-level data-count> per level that expires in it.
void append_expiry_chart(std::string& out, const Rules& rules, const TeamSummary& s);

// A credit bar: approved (and pending after it) out of required, in steps of 5%, hidden from
// assistive technology (the cell says the same in words).
void append_credit_bar(std::string& out, Centi approved, Centi pending, Centi required);

} // namespace recert
