// `report --format html`: one self-contained page (placeholder until the page is built).
#include "render/escape.hpp"
#include "render/report.hpp"

namespace recert {

std::string render_report_html(const Rules& rules, const TeamSummary& s) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Team report " +
           format_date(s.as_of) + "</title></head><body><pre>" +
           html(render_report_text(rules, s, TextStyle{})) + "</pre></body></html>\n";
}

} // namespace recert
