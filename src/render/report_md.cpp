// `report --format md`: the team view as Markdown tables, for a wiki page or a ticket. Every cell
// from the inputs goes through md_cell, so a `|` in a name cannot add a column.
#include "render/escape.hpp"
#include "render/report.hpp"

namespace recert {

namespace {

void md_row(std::string& out, const std::vector<std::string>& cells) {
    out += '|';
    for (const std::string& c : cells) out += ' ' + c + " |";
    out += '\n';
}

// The header row and its separator; numeric columns aligned right.
void md_head(std::string& out, const std::vector<std::string>& cells,
             const std::vector<bool>& right) {
    md_row(out, cells);
    out += '|';
    for (std::size_t i = 0; i < cells.size(); ++i) out += right[i] ? " ---: |" : " --- |";
    out += '\n';
}

} // namespace

std::string render_report_md(const Rules& rules, const TeamSummary& s) {
    std::string out = "# Team report as of " + format_date(s.as_of) + "\n\n";
    out += std::to_string(s.holders) + (s.holders == 1 ? " holder, " : " holders, ") +
           std::to_string(s.reports) +
           (s.reports == 1 ? " certification held.\n\n" : " certifications held.\n\n");
    std::vector<std::string> head, row;
    for (std::size_t i = 0; i < kStateCount; ++i) {
        head.emplace_back(to_string(static_cast<State>(i)));
        row.push_back(std::to_string(s.states[i]));
    }
    md_head(out, head, std::vector<bool>(kStateCount, true));
    md_row(out, row);

    const bool required = std::any_of(s.certs.begin(), s.certs.end(),
                                      [](const CertSummary& c) { return c.required.has_value(); });
    out += "\n## Headcount\n\nIn force: active, expiring or lifetime; later columns if nobody "
           "acts.\n\n";
    head = {"Certification", "Holders", "Now"};
    for (int d : kActiveInDays) head.push_back("In " + std::to_string(d) + " days");
    if (required) {
        head.emplace_back("Required");
        head.emplace_back("Short now");
        head.emplace_back("Short within 12 months");
    }
    std::vector<bool> right(head.size(), true);
    right[0] = false;
    md_head(out, head, right);
    for (const CertSummary& c : s.certs) {
        row = {md_cell(rules.certifications[c.cert].name), std::to_string(c.holders),
               std::to_string(c.active_now)};
        for (int n : c.active_in) row.push_back(std::to_string(n));
        if (required) {
            int worst = 0;
            for (int m = 0; m < kReportMonths; ++m) worst = std::max(worst, c.shortfall_at(m));
            row.push_back(c.required ? std::to_string(*c.required) : "");
            row.push_back(c.required ? std::to_string(c.shortfall_now()) : "");
            row.push_back(c.required ? std::to_string(worst) : "");
        }
        md_row(out, row);
    }

    if (required) {
        out += "\n## Short at each month end\n\nIf nobody acts.\n\n";
        head = {"Certification"};
        for (const MonthSummary& m : s.months) head.push_back(month_label(m));
        right.assign(head.size(), true);
        right[0] = false;
        md_head(out, head, right);
        for (const CertSummary& c : s.certs) {
            if (!c.required) continue;
            row = {md_cell(rules.certifications[c.cert].name)};
            for (int m = 0; m < kReportMonths; ++m)
                row.push_back(std::to_string(c.shortfall_at(m)));
            md_row(out, row);
        }
    }

    out += "\n## Expiries by month\n\nIf nobody acts.\n\n";
    md_head(out, {"Month", "Expiring", "Certifications"}, {false, true, false});
    for (const MonthSummary& m : s.months) {
        std::string which;
        for (const CertSummary& c : s.certs)
            if (m.by_cert[c.cert])
                which += (which.empty() ? "" : ", ") + md_cell(rules.certifications[c.cert].name) +
                         " " + std::to_string(m.by_cert[c.cert]);
        md_row(out, {month_label(m), std::to_string(m.total), which});
    }

    out += "\n## At risk\n\n" + std::to_string(s.at_risk_total) +
           " (expiring, grace, pending, or expired in the last " +
           std::to_string(kRecentlyExpiredDays) + " days), fewest days left first.\n";
    if (!s.at_risk.empty()) {
        out += '\n';
        md_head(out, {"Holder", "Certification", "State", "Expires", "Days left", "Next step"},
                {false, false, false, false, true, false});
        for (const AtRiskRow& r : s.at_risk)
            md_row(out, {md_cell(r.holder), md_cell(rules.certifications[r.cert].name),
                         std::string(to_string(r.state)), r.expires ? format_date(*r.expires) : "",
                         std::to_string(r.days_left), md_cell(r.next_step)});
    }
    if (s.at_risk_total > s.at_risk.size())
        out += "\nAnd " + std::to_string(s.at_risk_total - s.at_risk.size()) +
               " more not shown (`--limit`).\n";
    return out;
}

} // namespace recert
