// The team summary behind `recert report` (src/report/summary.cpp), the requirements file
// (src/report/require.cpp) and the escaping of other people's text (src/render/escape.cpp).
#include "../helpers.hpp"

#include "render/escape.hpp"
#include "report/require.hpp"
#include "report/summary.hpp"

#include <algorithm>
#include <random>

using namespace recert;
using test::cisco;
using test::d;

namespace {

CertReport report_of(const std::string& holder, const std::string& cert, State state,
                     std::optional<Date> expires, Date as_of) {
    CertReport r;
    r.holder = holder;
    r.cert =
        static_cast<std::size_t>(cisco().find_certification(cert) - cisco().certifications.data());
    r.state = state;
    r.expires = expires;
    if (expires) r.days_left = days_between(as_of, *expires);
    r.next_step = "step of " + holder;
    return r;
}

// A random team, holders in name order as the engine hands them on: states consistent with the
// expiry (expired and pending in the past, grace in the past, the rest ahead).
std::vector<CertReport> random_team(std::mt19937& rng, Date as_of, int holders) {
    const auto& certs = cisco().certifications;
    std::vector<CertReport> out;
    for (int h = 0; h < holders; ++h) {
        char name[16];
        std::snprintf(name, sizeof name, "H%05d", h);
        const int held = 1 + static_cast<int>(rng() % 3);
        for (int k = 0; k < held; ++k) {
            const std::string& id = certs[rng() % certs.size()].id;
            const int pick = static_cast<int>(rng() % 6);
            const int ahead = static_cast<int>(rng() % 900);
            const int behind = 1 + static_cast<int>(rng() % 200);
            switch (pick) {
            case 0:
                out.push_back(
                    report_of(name, id, State::Active, add_days(as_of, 91 + ahead), as_of));
                break;
            case 1:
                out.push_back(
                    report_of(name, id, State::Expiring, add_days(as_of, ahead % 91), as_of));
                break;
            case 2:
                out.push_back(report_of(name, id, State::Grace, add_days(as_of, -behind), as_of));
                break;
            case 3:
                out.push_back(report_of(name, id, State::Pending, add_days(as_of, -behind), as_of));
                break;
            case 4:
                out.push_back(report_of(name, id, State::Expired, add_days(as_of, -behind), as_of));
                break;
            default:
                out.push_back(report_of(name, id, State::Lifetime, std::nullopt, as_of));
            }
        }
    }
    return out;
}

bool counts(State s) {
    return s == State::Active || s == State::Expiring || s == State::Lifetime;
}

} // namespace

TEST_CASE("Team summary: every figure equals a count made directly from the reports",
          "[report][summary]") {
    std::mt19937 rng(2026);
    const Date as_of = d("2026-11-30");
    const std::vector<CertReport> team = random_team(rng, as_of, 400);
    const std::size_t limit = 25;
    SummaryBuilder b(cisco(), as_of, {}, limit);
    // in blocks, as the engine hands them on
    for (std::size_t at = 0; at < team.size(); at += 37) {
        std::vector<CertReport> block(
            team.begin() + static_cast<std::ptrdiff_t>(at),
            team.begin() + static_cast<std::ptrdiff_t>(std::min(team.size(), at + 37)));
        b.add(block);
    }
    const TeamSummary s = b.finish();
    CHECK(s.holders == 400);
    CHECK(s.reports == static_cast<int>(team.size()));
    for (std::size_t st = 0; st < kStateCount; ++st)
        CHECK(s.states[st] == std::count_if(team.begin(), team.end(), [&](const CertReport& r) {
                  return static_cast<std::size_t>(r.state) == st;
              }));
    for (const CertSummary& c : s.certs) {
        auto of_cert = [&](auto pred) {
            return static_cast<int>(
                std::count_if(team.begin(), team.end(),
                              [&](const CertReport& r) { return r.cert == c.cert && pred(r); }));
        };
        CHECK(c.holders == of_cert([](const CertReport&) { return true; }));
        CHECK(c.active_now == of_cert([](const CertReport& r) { return counts(r.state); }));
        for (std::size_t i = 0; i < kActiveInDays.size(); ++i) {
            const Date day = add_days(as_of, kActiveInDays[i]);
            CHECK(c.active_in[i] == of_cert([&](const CertReport& r) {
                      return counts(r.state) && (!r.expires || *r.expires >= day);
                  }));
        }
        // month ends: Nov 30 2026, Dec 31 2026, ... Oct 31 2027
        for (int m = 0; m < kReportMonths; ++m) {
            const Date end = add_days(add_months(d("2026-11-01"), m + 1), -1);
            CHECK(c.active_at_month_end[static_cast<std::size_t>(m)] ==
                  of_cert([&](const CertReport& r) {
                      return counts(r.state) && (!r.expires || *r.expires >= end);
                  }));
        }
    }
    // expiries: each month counts the expiries within it, from as_of on, of what is not expired
    REQUIRE(s.months.size() == static_cast<std::size_t>(kReportMonths));
    for (const MonthSummary& m : s.months) {
        const Date next = add_months(m.first, 1);
        const int want =
            static_cast<int>(std::count_if(team.begin(), team.end(), [&](const CertReport& r) {
                return r.state != State::Expired && r.expires && *r.expires >= as_of &&
                       *r.expires >= m.first && *r.expires < next;
            }));
        CHECK(m.total == want);
        int by_level = 0;
        for (int n : m.by_level) by_level += n;
        CHECK(by_level == want);
    }
    // at risk: expiring, grace, pending, expired within 90 days; the first `limit`, fewest days
    // left first
    const auto at_risk =
        static_cast<std::size_t>(std::count_if(team.begin(), team.end(), [&](const CertReport& r) {
            return r.state == State::Expiring || r.state == State::Grace ||
                   r.state == State::Pending ||
                   (r.state == State::Expired && *r.days_left >= -kRecentlyExpiredDays);
        }));
    REQUIRE(at_risk > limit);
    CHECK(s.at_risk_total == at_risk);
    REQUIRE(s.at_risk.size() == limit);
    CHECK(std::is_sorted(
        s.at_risk.begin(), s.at_risk.end(),
        [](const AtRiskRow& a, const AtRiskRow& b) { return a.days_left < b.days_left; }));
    int fewest = 0;
    for (const CertReport& r : team)
        if (r.state != State::Active && r.state != State::Lifetime &&
            *r.days_left >= (r.state == State::Expired ? -kRecentlyExpiredDays : -1000))
            fewest = std::min(fewest, *r.days_left);
    CHECK(s.at_risk.front().days_left == fewest);
}

TEST_CASE("Team summary: a requirement gives a row even when nobody holds the certification, "
          "and shortfalls never go below zero",
          "[report][summary]") {
    const Date as_of = d("2026-11-30");
    std::vector<CertReport> team = {
        report_of("Ana", "ccna", State::Active, d("2027-01-15"), as_of),
        report_of("Bo", "ccna", State::Expiring, d("2026-12-20"), as_of),
        report_of("Bo", "ccnp-enterprise", State::Active, d("2028-01-01"), as_of)};
    const auto idx = [](const char* id) {
        return static_cast<std::size_t>(cisco().find_certification(id) -
                                        cisco().certifications.data());
    };
    SummaryBuilder b(cisco(), as_of,
                     {{idx("ccna"), 3}, {idx("ccie-security"), 1}, {idx("ccnp-enterprise"), 1}},
                     500);
    b.add(team);
    const TeamSummary s = b.finish();
    CHECK(s.holders == 2);
    auto row = [&](const char* id) -> const CertSummary& {
        for (const CertSummary& c : s.certs)
            if (c.cert == idx(id)) return c;
        FAIL("no row for " << id);
        throw std::logic_error("unreachable");
    };
    CHECK(row("ccie-security").holders == 0);
    CHECK(row("ccie-security").shortfall_now() == 1);
    CHECK(row("ccna").shortfall_now() == 1);
    CHECK(row("ccna").shortfall_at(0) == 1); // Nov 30: both
    CHECK(row("ccna").shortfall_at(1) == 2); // Dec 31: Bo's lapsed on Dec 20
    CHECK(row("ccna").shortfall_at(2) == 3); // Jan 31: Ana's too
    CHECK(row("ccnp-enterprise").shortfall_now() == 0);
    // highest level first
    CHECK(s.certs.front().cert == idx("ccie-security"));
}

TEST_CASE("Requirements: CSV and JSON give the same minimums; names, ids and aliases resolve",
          "[report][require]") {
    auto csv =
        load_requirements("certification,minimum\nCCNA,3\nccnp-enterprise, 2 \n", "r.csv", cisco());
    auto json = load_requirements(
        R"([{"certification": "ccna", "minimum": 3}, {"certification": "CCNP Enterprise", "minimum": 2}])",
        "r.json", cisco());
    REQUIRE(csv.ok());
    REQUIRE(json.ok());
    REQUIRE(csv.value->size() == 2);
    REQUIRE(json.value->size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK((*csv.value)[i].cert == (*json.value)[i].cert);
        CHECK((*csv.value)[i].minimum == (*json.value)[i].minimum);
    }
}

TEST_CASE("Requirements: every problem at its line and column", "[report][require]") {
    const std::string text = "certification,minimum\nCCNA,x\nCCNP Enterprize,1\nccna,2\n";
    auto res = load_requirements(text, "r.csv", cisco());
    REQUIRE_FALSE(res.ok());
    REQUIRE(res.errors.size() == 3);
    CHECK(res.errors[0].line == test::pos_of(text, "x").first);
    CHECK(res.errors[0].column == test::pos_of(text, "x").second);
    CHECK(res.errors[1].line == 3);
    CHECK(res.errors[1].hint.find("ccnp-enterprise") != std::string::npos);
    CHECK(res.errors[2].message.find("required twice") != std::string::npos);
    auto header = load_requirements("cert,min\nCCNA,1\n", "r.csv", cisco());
    CHECK_FALSE(header.ok());
}

TEST_CASE("Escaping: HTML, inline script data and Markdown cells keep hostile text inert",
          "[report][escape]") {
    const std::string hostile =
        R"(<script>alert(1)</script>" onmouseover="x' </style> ]]> <!-- & |)";
    const std::string h = html(hostile);
    for (const char* bad : {"<", ">", "\"", "'"}) CHECK(h.find(bad) == std::string::npos);
    CHECK(h.find("&lt;script&gt;") != std::string::npos);
    CHECK(h.find("&amp; |") != std::string::npos);
    const std::string j = script_json("{\"a\": \"" + hostile + "\u2028\"}");
    CHECK(j.find('<') == std::string::npos);
    CHECK(j.find('>') == std::string::npos);
    CHECK(j.find("\xE2\x80\xA8") == std::string::npos);
    CHECK(j.find("\\u003c/script\\u003e") != std::string::npos);
    const std::string m = md_cell("a | b\nc *d* [e](f) `g` \\");
    std::string unescaped;
    for (std::size_t i = 0; i < m.size(); ++i) {
        if (m[i] == '\\') {
            ++i;
            continue;
        }
        unescaped += m[i];
    }
    CHECK(unescaped.find('|') == std::string::npos);
    CHECK(unescaped.find('*') == std::string::npos);
    CHECK(unescaped.find('`') == std::string::npos);
    CHECK(m.find('\n') == std::string::npos);
}
