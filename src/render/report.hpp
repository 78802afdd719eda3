// The team summary (report/summary.hpp) as text, JSON (`recert-report/1`), Markdown and one
// self-contained HTML page. Every text from the inputs (holders, names, next steps) is escaped for
// the context it lands in (render/escape.hpp).
#pragma once

#include "recert/render.hpp"
#include "report/summary.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace recert {

// "2027-01": a month's key in every format.
std::string month_key(const MonthSummary& m);
// "Jan 2027": a month for people.
std::string month_label(const MonthSummary& m);

nlohmann::ordered_json report_json(const Rules& rules, const TeamSummary& s);
std::string render_report_text(const Rules& rules, const TeamSummary& s, const TextStyle& style);
std::string render_report_md(const Rules& rules, const TeamSummary& s);
std::string render_report_html(const Rules& rules, const TeamSummary& s);

} // namespace recert
