// `report --format html`: the team view as one self-contained page. Inline CSS and SVG and one
// inline script (sorting and filtering of the at-risk table, allowed by its hash in the page's
// Content-Security-Policy, which lets nothing else run or load); nothing is fetched. The page is
// whole without the script, prints, and has light and dark palettes. Each number carries a hook
// for tests: cards data-state with <span class="count">, data-month/data-count in the chart,
// data-short on shortfalls, data-more on the --limit line. Every text from the inputs goes
// through append_html; the page is written in one pass into one string.
#include "render/report_html.hpp"
#include "render/escape.hpp"
#include "render/report.hpp"
#include "render/report_assets.hpp"

#include <algorithm>

namespace recert {

std::string report_script_csp_source() {
    static constexpr char kB64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const auto nibble = [](char c) {
        return static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    };
    std::string bytes;
    for (std::size_t i = 0; i + 1 < kReportScriptSha256.size(); i += 2)
        bytes += static_cast<char>(nibble(kReportScriptSha256[i]) << 4 |
                                   nibble(kReportScriptSha256[i + 1]));
    std::string out = "sha256-";
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 2]);
        out += kB64[v >> 18 & 63];
        out += kB64[v >> 12 & 63];
        out += i + 1 < bytes.size() ? kB64[v >> 6 & 63] : '=';
        out += i + 2 < bytes.size() ? kB64[v & 63] : '=';
    }
    return out;
}

namespace {

// What each state means, for the cards (indexed like State).
constexpr std::array<const char*, kStateCount> kStateMeaning = {
    "in force",
    "in force, expires soon unless renewed",
    "expired, can still be renewed",
    "renews once pending claims are approved",
    "expired",
    "never expires"};

void page_num(std::string& out, long long n) {
    out += std::to_string(n);
}

void page_head(std::string& out, const TeamSummary& s) {
    const std::string date = format_date(s.as_of);
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; script-src '";
    out += report_script_csp_source();
    out += "'; base-uri 'none'; form-action 'none'\">\n"
           "<meta name=\"color-scheme\" content=\"light dark\">\n<title>Team report as of ";
    out += date;
    out += "</title>\n<style>\n";
    out += kReportStyle;
    out += "</style>\n</head>\n<body>\n<header>\n<h1>Team report as of ";
    out += date;
    out += "</h1>\n<p class=\"lead\"><span data-count=\"holders\">";
    page_num(out, s.holders);
    out += s.holders == 1 ? "</span> holder, " : "</span> holders, ";
    out += "<span data-count=\"certifications\">";
    page_num(out, s.reports);
    out += s.reports == 1 ? "</span> certification held" : "</span> certifications held";
    out += "</p>\n<nav aria-label=\"Sections\"><ul><li><a href=\"#states\">By state</a></li>"
           "<li><a href=\"#expiries\">Expiries by month</a></li>"
           "<li><a href=\"#headcount\">Headcount</a></li>"
           "<li><a href=\"#risk\">At risk</a></li></ul></nav>\n</header>\n<main>\n";
}

void page_cards(std::string& out, const TeamSummary& s) {
    out += "<section id=\"states\" aria-labelledby=\"states-h\">\n"
           "<h2 id=\"states-h\">Certifications by state</h2>\n<ul class=\"cards\">\n";
    for (std::size_t i = 0; i < kStateCount; ++i) {
        const std::string_view state = to_string(static_cast<State>(i));
        out += "<li class=\"card\" data-state=\"";
        out += state;
        out += "\"><span class=\"count\">";
        page_num(out, s.states[i]);
        out += "</span> <span class=\"state\">";
        out += state;
        out += "</span><span class=\"what\">";
        out += kStateMeaning[i];
        out += "</span></li>\n";
    }
    out += "</ul>\n</section>\n";
}

// The month's name on one line and its year on the next, for narrow column heads.
void page_month_head(std::string& out, const MonthSummary& m) {
    const std::string label = month_label(m);
    const std::size_t space = label.find(' ');
    out += "<th scope=\"col\" class=\"num\" data-month=\"";
    out += month_key(m);
    out += "\">";
    out += label.substr(0, space);
    out += "<br>";
    out += label.substr(space + 1);
    out += "</th>";
}

// A shortfall cell: "N short" in text and colour, or "met".
void page_short_cell(std::string& out, int shortfall) {
    out += shortfall > 0 ? "<td class=\"num short\" data-short=\""
                         : "<td class=\"num met\" data-short=\"";
    page_num(out, shortfall);
    out += "\">";
    if (shortfall > 0) {
        page_num(out, shortfall);
        out += " short";
    } else {
        out += "met";
    }
    out += "</td>";
}

void page_headcount(std::string& out, const Rules& rules, const TeamSummary& s) {
    out += "<section id=\"headcount\" aria-labelledby=\"headcount-h\">\n"
           "<h2 id=\"headcount-h\">Headcount against requirements</h2>\n";
    if (s.certs.empty()) {
        out += "<p>No certifications held.</p>\n</section>\n";
        return;
    }
    const bool required = std::any_of(s.certs.begin(), s.certs.end(),
                                      [](const CertSummary& c) { return c.required.has_value(); });
    out += "<p>Holders with the certification in force (active, expiring or lifetime) now and, if "
           "nobody acts, later.";
    out += required ? " Short: fewer than required, marked in words and colour.</p>\n"
                    : " No minimums were given (<code>--require</code>).</p>\n";
    out += "<div class=\"scroll\">\n<table class=\"headcount\">\n<thead><tr>"
           "<th scope=\"col\">Certification</th><th scope=\"col\">Level</th>"
           "<th scope=\"col\" class=\"num\">Holders</th><th scope=\"col\" class=\"num\">Now</th>";
    for (int d : kActiveInDays) {
        out += "<th scope=\"col\" class=\"num\">In ";
        page_num(out, d);
        out += " days</th>";
    }
    if (required)
        out += "<th scope=\"col\" class=\"num\">Required</th>"
               "<th scope=\"col\" class=\"num\">Short now</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const CertSummary& c : s.certs) {
        const Certification& cert = rules.certifications[c.cert];
        out += "<tr data-cert=\"";
        append_html(out, cert.id);
        out += "\"><th scope=\"row\">";
        append_html(out, cert.name);
        out += "</th><td>";
        append_html(out, rules.level_of(cert).name);
        out += "</td><td class=\"num\">";
        page_num(out, c.holders);
        out += "</td><td class=\"num\">";
        page_num(out, c.active_now);
        out += "</td>";
        for (int n : c.active_in) {
            out += "<td class=\"num\">";
            page_num(out, n);
            out += "</td>";
        }
        if (required) {
            if (c.required) {
                out += "<td class=\"num\">";
                page_num(out, *c.required);
                out += "</td>";
                page_short_cell(out, c.shortfall_now());
            } else {
                out += "<td class=\"num met\">none</td><td class=\"num met\">-</td>";
            }
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n</div>\n";

    out += "<h3>At each month end</h3>\n<div class=\"scroll\">\n<table class=\"months\">\n"
           "<thead><tr><th scope=\"col\">Certification</th>";
    if (required) out += "<th scope=\"col\" class=\"num\">Required</th>";
    for (const MonthSummary& m : s.months) page_month_head(out, m);
    out += "</tr></thead>\n<tbody>\n";
    for (const CertSummary& c : s.certs) {
        const Certification& cert = rules.certifications[c.cert];
        out += "<tr data-cert=\"";
        append_html(out, cert.id);
        out += "\"><th scope=\"row\">";
        append_html(out, cert.name);
        out += "</th>";
        if (required) {
            out += "<td class=\"num\">";
            if (c.required)
                page_num(out, *c.required);
            else
                out += "none";
            out += "</td>";
        }
        for (int m = 0; m < kReportMonths; ++m) {
            const int active = c.active_at_month_end[static_cast<std::size_t>(m)];
            const int short_by = c.shortfall_at(m);
            out += short_by > 0 ? "<td class=\"num short\" data-short=\""
                                : "<td class=\"num\" data-short=\"";
            page_num(out, short_by);
            out += "\">";
            page_num(out, active);
            if (short_by > 0) {
                out += "<span class=\"tag\">";
                page_num(out, short_by);
                out += " short</span>";
            }
            out += "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n</div>\n</section>\n";
}

void page_risk_row(std::string& out, const Rules& rules, const AtRiskRow& r) {
    const Certification& cert = rules.certifications[r.cert];
    const std::string_view state = to_string(r.state);
    out += "<tr data-state=\"";
    out += state;
    out += "\"><th scope=\"row\">";
    append_html(out, r.holder);
    out += "</th><td>";
    append_html(out, cert.name);
    out += "</td><td><span class=\"badge\">";
    out += state;
    out += "</span></td><td>";
    if (r.expires) {
        const std::string date = format_date(*r.expires);
        out += "<time datetime=\"" + date + "\">" + date + "</time>";
    }
    out += "</td><td class=\"num\">";
    page_num(out, r.days_left);
    out += "</td><td class=\"credits\" data-sort=\"";
    if (r.remaining) page_num(out, *r.remaining);
    out += "\">";
    const std::string& unit = rules.policy_of(cert).program.unit;
    if (r.required) {
        append_credit_bar(out, r.approved, r.pending, *r.required);
        out += "<span class=\"of\">" + format_credits(r.approved) + " / " +
               format_credits(*r.required) + " ";
    } else {
        out += "<span class=\"of\">" + format_credits(r.approved) + " ";
    }
    append_html(out, unit);
    out += "</span>";
    if (r.pending > 0)
        out += "<span class=\"more\">+" + format_credits(r.pending) + " pending</span>";
    out += "</td><td>";
    append_html(out, r.next_step);
    out += "</td></tr>\n";
}

void page_at_risk(std::string& out, const Rules& rules, const TeamSummary& s) {
    out += "<section id=\"risk\" aria-labelledby=\"risk-h\">\n<h2 id=\"risk-h\">At risk</h2>\n"
           "<p><strong class=\"count\" data-count=\"";
    page_num(out, static_cast<long long>(s.at_risk_total));
    out += "\">";
    page_num(out, static_cast<long long>(s.at_risk_total));
    out += "</strong> at risk: expiring, grace, pending, or expired in the last ";
    page_num(out, kRecentlyExpiredDays);
    out += " days; fewest days left first.</p>\n";
    if (!s.at_risk.empty()) {
        out += "<div class=\"scroll\">\n<table id=\"at-risk\">\n<thead><tr>"
               "<th scope=\"col\">Holder</th><th scope=\"col\">Certification</th>"
               "<th scope=\"col\">State</th><th scope=\"col\">Expires</th>"
               "<th scope=\"col\" class=\"num\" data-type=\"number\" aria-sort=\"ascending\">Days "
               "left</th><th scope=\"col\" data-type=\"number\">Credits (approved / "
               "required)</th><th scope=\"col\">Next step</th></tr></thead>\n<tbody>\n";
        for (const AtRiskRow& r : s.at_risk) page_risk_row(out, rules, r);
        out += "</tbody>\n</table>\n</div>\n";
    }
    if (s.at_risk_total > s.at_risk.size()) {
        const std::size_t more = s.at_risk_total - s.at_risk.size();
        out += "<p class=\"more-rows\" data-more=\"";
        page_num(out, static_cast<long long>(more));
        out += "\">And ";
        page_num(out, static_cast<long long>(more));
        out += " more not shown: the table lists the first ";
        page_num(out, static_cast<long long>(s.at_risk.size()));
        out += " (<code>--limit</code> shows more).</p>\n";
    }
    out += "</section>\n";
}

} // namespace

std::string render_report_html(const Rules& rules, const TeamSummary& s) {
    std::string out;
    // the fixed parts are some 25 kB; an at-risk row some 700 bytes
    out.reserve(32768 + s.at_risk.size() * 768);
    page_head(out, s);
    page_cards(out, s);
    append_expiry_chart(out, rules, s);
    page_headcount(out, rules, s);
    page_at_risk(out, rules, s);
    out += "</main>\n<footer><p>Made by recert as of ";
    out += format_date(s.as_of);
    out += ". Figures after that date assume nobody acts.</p></footer>\n<script>";
    out += kReportScript;
    out += "</script>\n</body>\n</html>\n";
    return out;
}

} // namespace recert
