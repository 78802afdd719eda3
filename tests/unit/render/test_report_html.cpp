// `report --format html` (render/report_html.cpp, report_svg.cpp): the page's hooks carry the
// summary's numbers, texts from the inputs are escaped, and the page holds one script, allowed by
// its hash. (tests/browser opens real pages in Chromium.)
#include "../helpers.hpp"

#include "render/report.hpp"
#include "render/report_assets.hpp"

using namespace recert;
using test::cisco;
using test::d;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

std::size_t cert_index(const std::string& id) {
    return static_cast<std::size_t>(cisco().certification_by_id(id) -
                                    cisco().certifications.data());
}

// A summary as of 2026-11-30 of one CCNA held by a holder whose name is markup, expiring in
// January; 3 at risk, 1 shown.
TeamSummary hostile_summary() {
    const Rules& rules = cisco();
    TeamSummary s;
    s.as_of = d("2026-11-30");
    s.holders = 1;
    s.reports = 1;
    s.states[static_cast<std::size_t>(State::Expiring)] = 1;
    const std::size_t ccna = cert_index("ccna");
    const std::size_t level = rules.certifications[ccna].level;
    s.levels = {level};
    CertSummary c;
    c.cert = ccna;
    c.holders = 1;
    c.active_now = 1;
    c.active_in = {1, 0, 0};
    c.required = 2;
    s.certs.push_back(c);
    Date first = d("2026-11-01");
    for (int i = 0; i < kReportMonths; ++i, first = add_months(first, 1)) {
        const Ymd ymd = to_ymd(first);
        MonthSummary m{ymd.year,
                       ymd.month,
                       first,
                       0,
                       std::vector<int>(rules.levels.size(), 0),
                       std::vector<int>(rules.certifications.size(), 0)};
        if (i == 2) m.total = m.by_level[level] = m.by_cert[ccna] = 1;
        s.months.push_back(std::move(m));
    }
    AtRiskRow r;
    r.holder = "<script>alert(1)</script>\" onmouseover=\"x";
    r.cert = ccna;
    r.state = State::Expiring;
    r.expires = d("2027-01-20");
    r.days_left = 51;
    r.approved = 2000;
    r.required = 3000;
    r.remaining = 1000;
    r.next_step = "</style><!-- ]]> &amp;";
    s.at_risk.push_back(r);
    s.at_risk_total = 3;
    s.limit = 1;
    return s;
}

} // namespace

TEST_CASE("report html: the summary's numbers behind stable hooks") {
    const std::string page = render_report_html(cisco(), hostile_summary());
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
    CHECK(page.find("<li class=\"card\" data-state=\"expiring\"><span class=\"count\">1</span>") !=
          std::string::npos);
    CHECK(page.find("<g class=\"month\" data-month=\"2027-01\" data-count=\"1\">") !=
          std::string::npos);
    CHECK(page.find("<g class=\"month\" data-month=\"2026-12\" data-count=\"0\">") !=
          std::string::npos);
    CHECK(count(page, "<g class=\"month\"") == kReportMonths);
    CHECK(page.find("data-level=\"associate\" data-count=\"1\"") != std::string::npos);
    // required 2, one in force: 1 short now, in words and by its class
    CHECK(page.find("<td class=\"num short\" data-short=\"1\">1 short</td>") != std::string::npos);
    CHECK(page.find("data-more=\"2\">And 2 more not shown") != std::string::npos);
    CHECK(page.find("<span class=\"done w13\"></span>") != std::string::npos); // 20 of 30
}

TEST_CASE("report html: texts from the inputs are escaped, and one script runs, by its hash") {
    const std::string page = render_report_html(cisco(), hostile_summary());
    CHECK(page.find("alert(1)</script>") == std::string::npos);
    CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x") !=
          std::string::npos);
    CHECK(page.find("&lt;/style&gt;&lt;!-- ]]&gt; &amp;amp;") != std::string::npos);
    CHECK(count(page, "<script") == 1);
    CHECK(count(page, "</script>") == 1);
    CHECK(count(page, "<style") == 1);
    CHECK(count(page, "<!--") == 0);

    const std::string hash = report_script_csp_source();
    REQUIRE(hash.size() == 7 + 44); // "sha256-" and 32 bytes in base64
    CHECK(hash.rfind("sha256-", 0) == 0);
    CHECK(hash.back() == '=');
    CHECK(
        hash.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=",
                               7) == std::string::npos);
    CHECK(page.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'; script-src '" +
                    hash + "'") != std::string::npos);
}
