// CompTIA, ISC2 and PMI as built-in rules files, alone and mixed with Cisco: each case is built
// from the programs' published rules (summed up in README's programs table), worked examples first.
#include "../helpers.hpp"
#include "builtin_programs.hpp"
#include "model/policy.hpp"

#include <algorithm>

using namespace recert;
using test::d;
using test::ds;

namespace {

using test::program;
using Run = test::RulesRun;

// Cisco (the default) with the other three merged in.
const Rules& all_programs() {
    static const Rules rules = test::merged({"cisco", "comptia", "isc2", "pmi"});
    return rules;
}

Run run(const Rules& rules, const std::string& certs, const std::string& activities,
        const char* as_of) {
    return test::run_with(rules, certs, activities, as_of);
}

Run run(const std::string& certs, const std::string& activities, const char* as_of) {
    return test::run_with(all_programs(), certs, activities, as_of);
}

const Notice* notice(const CertReport& r, const std::string& code) {
    for (const auto& n : r.notices)
        if (n.code == code) return &n;
    return nullptr;
}

const HistoryEvent* event(const CertReport& r, const std::string& name) {
    for (const auto& h : r.history)
        if (h.event == name) return &h;
    return nullptr;
}

Centi missing_in(const PathStatus& p, const std::string& category) {
    for (const auto& [cat, n] : p.missing_categories)
        if (cat == category) return n;
    return 0;
}

} // namespace

// ---------------------------------------------------------------- CompTIA

TEST_CASE("CompTIA: A+ passed 2015-01-15 and renewed in its cycle is valid to 2021-01-15",
          "[programs][comptia]") {
    auto r = run(R"([{"id": "a-plus", "earned": "2015-01-15"}])",
                 R"([{"date": "2016-06-01", "credits": 20, "category": "course"}])", "2016-07-01");
    const auto& c = r.cert("a-plus");
    CHECK(ds(c.last_recertified) == "2016-06-01");
    CHECK(ds(c.expires) == "2021-01-15"); // anchored on the expiry 2018-01-15, not on the renewal
    CHECK(ds(c.cycle_start) == "2018-01-16");
    CHECK(c.state == State::Active);
}

TEST_CASE("CompTIA counts by completion", "[programs][comptia][credited]") {
    // credits_count_on: completed: the claim's submission and credit dates do not move the day
    auto r = run(R"([{"id": "a-plus", "earned": "2015-01-15"}])",
                 R"([{"date": "2016-06-01", "credits": 20, "category": "course",
                      "submitted": "2016-09-01", "credited": "2016-10-01"}])",
                 "2016-11-01");
    CHECK(ds(r.cert("a-plus").last_recertified) == "2016-06-01");
}

TEST_CASE("No timing advice where credits count on completion", "[programs][comptia][timing]") {
    auto r = run(R"([{"id": "security-plus", "earned": "2024-06-01"}])",
                 R"([{"date": "2025-11-01", "credits": 50, "status": "unclaimed",
                      "category": "course"}])",
                 "2026-02-01");
    CHECK(!r.cert("security-plus").claim_timing);
}

TEST_CASE("CompTIA: Security+ earned 2025-02-10 renews an A+ expiring 2026-05-01 to 2028-02-10",
          "[programs][comptia][cascade]") {
    auto r = run(R"([{"id": "a-plus", "earned": "2023-05-01"},
                     {"id": "security-plus", "earned": "2025-02-10"}])",
                 "[]", "2025-03-01");
    const auto& a = r.cert("a-plus");
    CHECK(ds(a.expires) == "2028-02-10");
    CHECK(a.renewed_by == "security-plus");
    CHECK(ds(r.cert("security-plus").expires) == "2028-02-10");
}

TEST_CASE("CompTIA: a cascade from a renewal gives the lower certification the renewing "
          "one's cycle",
          "[programs][comptia][cascade]") {
    // Security+ renewed on 2023-06-01 from its expiry 2025-06-01 to 2028-06-01: A+ takes that
    // expiry and that cycle (from 2025-06-02), not a five-year window from 2023-06-02 that the
    // 20 CEUs of 2024-01-01 would renew once more
    auto r = run(R"([{"id": "a-plus", "earned": "2022-01-01"},
                     {"id": "security-plus", "earned": "2022-06-01"}])",
                 R"([{"date": "2023-06-01", "credits": 50, "category": "course"},
                     {"date": "2024-01-01", "credits": 20, "category": "course"}])",
                 "2024-02-01");
    const auto& a = r.cert("a-plus");
    CHECK(ds(a.expires) == "2028-06-01");
    CHECK(ds(a.last_recertified) == "2023-06-01");
    CHECK(ds(a.cycle_start) == "2025-06-02");
    CHECK(a.renewed_by == "security-plus");
    CHECK(ds(r.cert("security-plus").expires) == "2028-06-01");
}

TEST_CASE("CompTIA: a cascade that changes nothing", "[programs][comptia][cascade]") {
    // A+ renewed to 2025-01-01 in 2019; Security+ earned 2021-01-01 expires 2024-01-01, earlier:
    // A+ keeps its expiry and its window (from 2022-01-02), so the CEUs of 2021-06-01 belong to
    // its closed cycle and do not renew it again
    auto r = run(R"([{"id": "a-plus", "earned": "2019-01-01"},
                     {"id": "security-plus", "earned": "2021-01-01"}])",
                 R"([{"date": "2019-06-01", "credits": 20, "category": "course"},
                     {"date": "2021-06-01", "credits": 20, "category": "course"}])",
                 "2021-07-01");
    const auto& a = r.cert("a-plus");
    CHECK(ds(a.expires) == "2025-01-01");
    CHECK(ds(a.last_recertified) == "2019-06-01");
    CHECK(ds(a.cycle_start) == "2022-01-02");
    CHECK(a.renewed_by.empty());
    CHECK(event(a, "renewed") == nullptr);
    CHECK(r.cert("security-plus").approved == 2000);
}

TEST_CASE("CompTIA: a certification earned before 2011-01-01 is good for life",
          "[programs][comptia][lifetime]") {
    auto r = run(R"([{"id": "a-plus", "earned": "2010-12-31"},
                     {"id": "network-plus", "earned": "2011-01-01"}])",
                 "[]", "2026-06-30");
    CHECK(r.cert("a-plus").state == State::Lifetime);
    CHECK_FALSE(r.cert("a-plus").expires.has_value());
    // the cut-off day itself is no longer before it
    CHECK(r.cert("network-plus").state == State::Expired);
    CHECK(ds(r.cert("network-plus").expires) == "2014-01-01");
}

TEST_CASE("CompTIA: webinars count for at most 20 percent of the requirement",
          "[programs][comptia][caps]") {
    const char* certs = R"([{"id": "security-plus", "earned": "2024-01-10"}])";
    auto short_ = run(certs,
                      R"([{"date": "2024-03-01", "credits": 20, "category": "webinar"},
                          {"date": "2024-04-01", "credits": 30, "category": "course"}])",
                      "2024-05-01");
    CHECK(short_.cert("security-plus").approved == 4000); // 10 of the 20 webinar CEUs
    CHECK(short_.cert("security-plus").remaining == 1000);
    CHECK(short_.cert("security-plus").next_step == "earn 10 more CEUs or pass 1 Security+ "
                                                    "exam by 2027-01-10");
    auto met = run(certs,
                   R"([{"date": "2024-03-01", "credits": 20, "category": "webinar"},
                       {"date": "2024-04-01", "credits": 30, "category": "course"},
                       {"date": "2024-06-01", "credits": 10, "category": "course"}])",
                   "2024-07-01");
    CHECK(ds(met.cert("security-plus").last_recertified) == "2024-06-01");
    CHECK(ds(met.cert("security-plus").expires) == "2030-01-10");
}

TEST_CASE("CompTIA: work experience counts 3 CEUs per cycle year, 9 at most",
          "[programs][comptia][caps]") {
    const char* certs = R"([{"id": "a-plus", "earned": "2024-01-10"}])";
    auto one_year =
        run(certs, R"([{"date": "2024-06-01", "credits": 9, "category": "work-experience"}])",
            "2024-07-01");
    CHECK(one_year.cert("a-plus").approved == 300);
    auto spread = run(certs,
                      R"([{"date": "2024-06-01", "credits": 3, "category": "work-experience"},
                          {"date": "2025-06-01", "credits": 3, "category": "work-experience"},
                          {"date": "2026-06-01", "credits": 5, "category": "work-experience"},
                          {"date": "2026-07-01", "credits": 10, "category": "course"}])",
                      "2026-06-15");
    CHECK(spread.cert("a-plus").approved == 900); // 3 + 3 + 3 of the third year's 5
    auto met = run(certs,
                   R"([{"date": "2024-06-01", "credits": 3, "category": "work-experience"},
                       {"date": "2025-06-01", "credits": 3, "category": "work-experience"},
                       {"date": "2026-06-01", "credits": 3, "category": "work-experience"},
                       {"date": "2026-07-01", "credits": 11, "category": "course"}])",
                   "2026-08-01");
    CHECK(ds(met.cert("a-plus").last_recertified) == "2026-07-01");
    CHECK(ds(met.cert("a-plus").expires) == "2030-01-10");
}

TEST_CASE("CompTIA: renewals go down the listed certifications only, never across programs",
          "[programs][comptia][cascade]") {
    auto r = run(R"([{"id": "security-plus", "earned": "2022-01-01"},
                     {"id": "a-plus", "earned": "2023-05-01"},
                     {"id": "ccnp-enterprise", "earned": "2024-01-01"}])",
                 "[]", "2024-02-01");
    // A+ does not renew Security+; CCNP (Cisco: a higher rank renews lower) does not renew A+
    CHECK(ds(r.cert("security-plus").expires) == "2025-01-01");
    CHECK(r.cert("security-plus").renewed_by.empty());
    CHECK(ds(r.cert("a-plus").expires) == "2026-05-01");
    CHECK(r.cert("a-plus").renewed_by.empty());
}

TEST_CASE("CompTIA: passing the current exams renews (A+ needs both cores)",
          "[programs][comptia][exams]") {
    const char* certs = R"([{"id": "a-plus", "earned": "2023-05-01"}])";
    auto one = run(certs, R"([{"date": "2025-01-01", "exam": "220-1201"}])", "2025-01-15");
    CHECK_FALSE(one.cert("a-plus").last_recertified.has_value());
    auto both = run(certs,
                    R"([{"date": "2025-01-01", "exam": "220-1201"},
                        {"date": "2025-02-01", "exam": "220-1202"}])",
                    "2025-03-01");
    CHECK(ds(both.cert("a-plus").last_recertified) == "2025-02-01");
    CHECK(ds(both.cert("a-plus").expires) == "2029-05-01");
    CHECK(both.cert("a-plus").history.back().via == "1 A+ Core 1 exam + 1 A+ Core 2 exam");
}

TEST_CASE("CompTIA: A+ renews by exam only with both cores", "[programs][comptia][exams]") {
    // two passes of Core 1 (220-1101) are not both cores
    const char* certs = R"([{"id": "a-plus", "earned": "2023-05-01"}])";
    auto twice = run(certs,
                     R"([{"date": "2025-01-01", "exam": "220-1101"},
                         {"date": "2025-02-01", "exam": "220-1101"}])",
                     "2025-03-01");
    CHECK_FALSE(twice.cert("a-plus").last_recertified.has_value());
    CHECK(ds(twice.cert("a-plus").expires) == "2026-05-01");
    auto both = run(certs,
                    R"([{"date": "2025-01-01", "exam": "220-1101"},
                        {"date": "2025-02-01", "exam": "220-1102"}])",
                    "2025-03-01");
    CHECK(ds(both.cert("a-plus").last_recertified) == "2025-02-01");
}

TEST_CASE("CompTIA: CySA+ and PenTest+ renew each other", "[programs][comptia][cascade]") {
    auto r = run(R"([{"id": "pentest-plus", "earned": "2022-06-01"},
                     {"id": "security-plus", "earned": "2022-09-01"},
                     {"id": "cysa-plus", "earned": "2024-03-01"}])",
                 "[]", "2024-04-01");
    CHECK(ds(r.cert("pentest-plus").expires) == "2027-03-01");
    CHECK(r.cert("pentest-plus").renewed_by == "cysa-plus");
    CHECK(ds(r.cert("security-plus").expires) == "2027-03-01");
}

TEST_CASE("CompTIA: Server+ does not expire; the unit is CEUs", "[programs][comptia]") {
    auto r = run(R"([{"id": "server-plus", "earned": "2020-05-05"},
                     {"id": "network-plus", "earned": "2024-05-05"}])",
                 "[]", "2026-06-30");
    CHECK(r.cert("server-plus").state == State::Lifetime);
    CHECK(r.cert("network-plus").required == 3000);
    CHECK(r.cert("network-plus").next_step.find("earn 30 CEUs") == 0);
}

// ---------------------------------------------------------------- ISC2

TEST_CASE("ISC2: CISSP with 80 Group A and 40 Group B is 10 Group A short",
          "[programs][isc2][minimums]") {
    auto r = run(R"([{"id": "cissp", "earned": "2024-01-10"}])",
                 R"([{"date": "2024-06-01", "credits": 80, "category": "group-a"},
                     {"date": "2024-07-01", "credits": 40, "category": "group-b"}])",
                 "2024-08-01");
    const auto& c = r.cert("cissp");
    REQUIRE(c.paths.size() == 1);
    CHECK_FALSE(c.paths[0].met);
    CHECK(c.paths[0].missing_credits == 1000);
    CHECK(missing_in(c.paths[0], "group-a") == 1000);
    CHECK(c.approved == 12000);
    CHECK_FALSE(c.last_recertified.has_value());
    CHECK(c.next_step == "earn 10 more CPEs (10 group-a) by 2027-01-10");
}

TEST_CASE("ISC2: 90 Group A and 30 Group B renew CISSP from its expiry date",
          "[programs][isc2][anchor]") {
    auto r = run(R"([{"id": "cissp", "earned": "2024-01-10"}])",
                 R"([{"date": "2024-06-01", "credits": 90, "category": "group-a"},
                     {"date": "2025-07-01", "credits": 30, "category": "group-b"}])",
                 "2025-08-01");
    CHECK(ds(r.cert("cissp").last_recertified) == "2025-07-01");
    CHECK(ds(r.cert("cissp").expires) == "2030-01-10");
    CHECK(ds(r.cert("cissp").cycle_start) == "2027-01-11");
}

TEST_CASE("ISC2: in the 90 days after expiry the state is grace, then expired",
          "[programs][isc2][grace]") {
    const char* certs = R"([{"id": "cissp", "earned": "2023-01-10"}])";
    const char* acts = R"([{"date": "2024-01-01", "credits": 60, "category": "group-a"}])";
    auto grace = run(certs, acts, "2026-02-09");
    const auto& c = grace.cert("cissp");
    CHECK(c.state == State::Grace);
    CHECK(c.days_left == -30);
    REQUIRE(notice(c, "grace") != nullptr);
    CHECK(ds(notice(c, "grace")->date) == "2026-04-10");
    CHECK(c.next_step ==
          "claim 60 more CPEs (30 group-a) completed by 2026-01-10, before 2026-04-10 when the "
          "grace period ends");
    CHECK(run(certs, acts, "2026-04-10").cert("cissp").state == State::Grace);
    CHECK(run(certs, acts, "2026-04-11").cert("cissp").state == State::Expired);
}

TEST_CASE("ISC2: a claim submitted in the grace period for a CPE of the cycle renews it",
          "[programs][isc2][grace]") {
    const char* certs = R"([{"id": "cissp", "earned": "2023-01-10"}])";
    auto pending = run(certs,
                       R"([{"date": "2024-01-01", "credits": 90, "category": "group-a"},
                           {"date": "2025-12-20", "credits": 30, "category": "group-b",
                            "status": "pending", "submitted": "2026-02-01"}])",
                       "2026-02-15");
    CHECK(pending.cert("cissp").state == State::Grace);
    CHECK(pending.cert("cissp").pending == 3000);
    auto approved = run(certs,
                        R"([{"date": "2024-01-01", "credits": 90, "category": "group-a"},
                            {"date": "2025-12-20", "credits": 30, "category": "group-b",
                             "status": "approved", "submitted": "2026-02-01"}])",
                        "2026-02-15");
    CHECK(approved.cert("cissp").state == State::Active);
    CHECK(ds(approved.cert("cissp").expires) == "2029-01-10");
}

TEST_CASE("The submission limit: a claim sent after the cycle's last day renews nothing",
          "[programs][submission-limit]") {
    // ISC2: CPEs of the cycle, sent after its 90-day grace period ended on 2026-07-14
    const char* cissp = R"([{"id": "cissp", "earned": "2023-04-15"}])";
    const std::string late = R"([{"date": "2024-01-01", "credits": 100, "category": "group-a"},
        {"date": "2026-04-01", "credits": 20, "category": "group-a", "submitted": "2026-12-01"}])";
    auto expired = run(cissp, late, "2026-12-04");
    CHECK(expired.cert("cissp").state == State::Expired);
    CHECK(expired.cert("cissp").approved == 10000);
    // the same claim sent on the grace period's last day renews it from the expiry
    std::string in_time = late;
    in_time.replace(in_time.find("2026-12-01"), 10, "2026-07-14");
    auto renewed = run(cissp, in_time, "2026-12-04");
    CHECK(renewed.cert("cissp").state == State::Active);
    CHECK(ds(renewed.cert("cissp").expires) == "2029-04-15");
    // CompTIA has no grace period: CEUs reported after the expiry do not renew it
    const char* sec = R"([{"id": "security-plus", "earned": "2022-06-01"}])";
    auto comptia = run(
        sec,
        R"([{"date": "2025-05-01", "credits": 50, "program": "comptia", "submitted": "2025-06-02"}])",
        "2025-07-01");
    CHECK(comptia.cert("security-plus").state == State::Expired);
    auto comptia_in_time = run(
        sec,
        R"([{"date": "2025-05-01", "credits": 50, "program": "comptia", "submitted": "2025-06-01"}])",
        "2025-07-01");
    CHECK(ds(comptia_in_time.cert("security-plus").expires) == "2028-06-01");
    // PMI: PDUs reported after the suspension year (2026-06-01 to 2027-06-01) do not reinstate
    const char* pmp = R"([{"id": "pmp", "earned": "2023-06-01"}])";
    const std::string pdus =
        R"([{"date": "2024-01-01", "credits": 14, "category": "ways-of-working"},
        {"date": "2024-01-02", "credits": 13, "category": "power-skills"},
        {"date": "2024-01-03", "credits": 13, "category": "business-acumen"},
        {"date": "2027-05-01", "credits": 20, "category": "giving-back-other",
         "submitted": "2027-06-02"}])";
    CHECK(run(pmp, pdus, "2027-07-01").cert("pmp").state == State::Expired);
}

TEST_CASE("The submission limit: a \"submit by\" notice names the earlier of the two limits",
          "[programs][submission-limit]") {
    // completed 2026-04-01: the claim window (365 days) would allow 2027-04-01, the grace period
    // ends 2026-07-14
    auto r = run(R"([{"id": "cissp", "earned": "2023-04-15"}])",
                 R"([{"date": "2024-01-01", "credits": 100, "category": "group-a"},
                     {"date": "2026-04-01", "credits": 20, "category": "group-a",
                      "status": "unclaimed"}])",
                 "2026-05-01");
    const Notice* n = notice(r.cert("cissp"), "claim_deadline");
    REQUIRE(n != nullptr);
    CHECK(ds(n->date) == "2026-07-14");
}

TEST_CASE("ISC2: CPEs completed after the expiry do not count in the grace period",
          "[programs][isc2][grace]") {
    auto r = run(R"([{"id": "cissp", "earned": "2023-01-10"}])",
                 R"([{"date": "2024-01-01", "credits": 90, "category": "group-a"},
                     {"date": "2026-02-01", "credits": 30, "category": "group-b"}])",
                 "2026-02-15");
    CHECK(r.cert("cissp").state == State::Grace);
    CHECK(r.cert("cissp").approved == 9000);
}

TEST_CASE("ISC2: excess-only carry-over", "[programs][isc2][carryover]") {
    // 100 Group A and 60 Group B; the cycle needed 90 A: only 10 A are excess (semantics §3.5)
    auto r = run(R"([{"id": "cissp", "earned": "2023-04-15"}])",
                 R"([{"date": "2024-06-01", "credits": 60, "category": "group-a"},
                     {"date": "2024-06-02", "credits": 60, "category": "group-b"},
                     {"date": "2026-01-10", "credits": 40, "category": "group-a"}])",
                 "2026-05-01");
    const auto& c = r.cert("cissp");
    CHECK(ds(c.last_recertified) == "2026-01-10");
    CHECK(ds(c.expires) == "2029-04-15");
    CHECK(c.approved == 1000);
    REQUIRE(event(c, "carried_over") != nullptr);
    CHECK(event(c, "carried_over")->via == "10 CPEs");
}

TEST_CASE("ISC2: excess Group A of the last 6 months carries over, up to 40",
          "[programs][isc2][carryover]") {
    const char* certs = R"([{"id": "cissp", "earned": "2023-09-15"}])";
    auto with = [&](const std::string& extra) {
        return run(certs,
                   R"([{"date": "2024-01-01", "credits": 90, "category": "group-a"},
                       {"date": "2024-02-01", "credits": 30, "category": "group-b"})" +
                       extra + "]",
                   "2026-10-01");
    };
    auto forty = with(R"(, {"date": "2026-06-01", "credits": 40, "category": "group-a"})");
    const auto& c = forty.cert("cissp");
    CHECK(ds(c.expires) == "2029-09-15");
    CHECK(c.approved == 4000);
    REQUIRE(event(c, "carried_over") != nullptr);
    CHECK(ds(event(c, "carried_over")->date) == "2026-09-16");
    CHECK(event(c, "carried_over")->via == "40 CPEs");
    // at most 40
    CHECK(with(R"(, {"date": "2026-06-01", "credits": 60, "category": "group-a"})")
              .cert("cissp")
              .approved == 4000);
    // Group B does not carry over
    CHECK(with(R"(, {"date": "2026-06-01", "credits": 40, "category": "group-b"})")
              .cert("cissp")
              .approved == 0);
    // earned before the last 6 months (2026-03-15 .. 2026-09-15): no carry-over
    CHECK(with(R"(, {"date": "2026-03-01", "credits": 40, "category": "group-a"})")
              .cert("cissp")
              .approved == 0);
    // before the new cycle starts nothing has carried yet
    CHECK(run(certs,
              R"([{"date": "2024-01-01", "credits": 90, "category": "group-a"},
                  {"date": "2024-02-01", "credits": 30, "category": "group-b"},
                  {"date": "2026-06-01", "credits": 40, "category": "group-a"}])",
              "2026-09-15")
              .cert("cissp")
              .approved == 0);
}

TEST_CASE("ISC2: CC needs 45 Group A CPEs", "[programs][isc2][minimums]") {
    auto r = run(R"([{"id": "cc", "earned": "2024-01-01"}])",
                 R"([{"date": "2024-06-01", "credits": 45, "category": "group-b"}])", "2024-07-01");
    CHECK_FALSE(r.cert("cc").paths[0].met);
    CHECK(missing_in(r.cert("cc").paths[0], "group-a") == 4500);
    CHECK(r.cert("cc").required == 4500);
}

TEST_CASE("ISC2: the optional rule makes 40 CPEs a year a minimum", "[programs][isc2][yearly]") {
    const Rules strict =
        program("isc2", R"("total": 120,)", R"("total": 120, "min_per_year": 40,)");
    const char* certs = R"([{"id": "cissp", "earned": "2024-01-10"}])";
    const char* all_at_once = R"([{"date": "2024-06-01", "credits": 90, "category": "group-a"},
                                  {"date": "2024-07-01", "credits": 30, "category": "group-b"}])";
    // without the rule, 120 in the first year renew; with it, years two and three lack 40 each
    CHECK(run(program("isc2"), certs, all_at_once, "2024-08-01").cert("cissp").last_recertified);
    auto r = run(strict, certs, all_at_once, "2024-08-01");
    CHECK_FALSE(r.cert("cissp").last_recertified.has_value());
    CHECK(r.cert("cissp").paths[0].missing_credits == 8000);
    auto spread = run(strict, certs,
                      R"([{"date": "2024-06-01", "credits": 40, "category": "group-a"},
                          {"date": "2025-06-01", "credits": 40, "category": "group-a"},
                          {"date": "2026-06-01", "credits": 10, "category": "group-a"},
                          {"date": "2026-07-01", "credits": 30, "category": "group-b"}])",
                      "2026-08-01");
    CHECK(ds(spread.cert("cissp").last_recertified) == "2026-07-01");
    // a cycle year already over that fell 20 short cannot be made up: the next step says so
    // instead of asking for credits that could no longer renew it
    auto missed = run(strict, certs,
                      R"([{"date": "2024-06-01", "credits": 20, "category": "group-a"},
                          {"date": "2025-06-01", "credits": 40, "category": "group-a"}])",
                      "2025-08-01");
    const auto& c = missed.cert("cissp");
    CHECK_FALSE(c.paths[0].reachable);
    CHECK(c.next_step == "no path can be met in this cycle any more: the cycle year to 2025-01-10 "
                         "was 20 CPEs short of its yearly minimum; it lapses after 2027-01-10");
    // while the year is still open, the credits are asked for
    auto open =
        run(strict, certs, R"([{"date": "2024-06-01", "credits": 20, "category": "group-a"}])",
            "2024-12-01");
    CHECK(open.cert("cissp").paths[0].reachable);
    CHECK(open.cert("cissp").next_step.starts_with("earn 100 more CPEs"));
}

// ---------------------------------------------------------------- PMI

TEST_CASE("PMI: PMP with 19/8/8 education, 20 creating knowledge and 10 working as a "
          "professional meets 60 exactly",
          "[programs][pmi]") {
    const char* certs = R"([{"id": "pmp", "earned": "2023-06-01"}])";
    const std::string acts =
        R"([{"date": "2024-01-01", "credits": 19, "category": "ways-of-working"},
        {"date": "2024-02-01", "credits": 8, "category": "power-skills"},
        {"date": "2024-03-01", "credits": 8, "category": "business-acumen"},
        {"date": "2024-04-01", "credits": 20, "category": "giving-back-other"})";
    auto before = run(certs, acts + "]", "2024-04-15");
    CHECK(before.cert("pmp").approved == 5500);
    auto r = run(
        certs,
        acts + R"(, {"date": "2024-05-01", "credits": 10, "category": "working-as-professional"}])",
        "2024-06-01");
    CHECK(ds(r.cert("pmp").last_recertified) == "2024-05-01");
    // early renewal does not move the cycle: three years from the old expiry
    CHECK(ds(r.cert("pmp").expires) == "2029-06-01");
}

TEST_CASE("PMI: education needs at least 35 PDUs", "[programs][pmi][minimums]") {
    auto r = run(R"([{"id": "pmp", "earned": "2023-06-01"}])",
                 R"([{"date": "2024-01-01", "credits": 10, "category": "ways-of-working"},
                     {"date": "2024-01-02", "credits": 10, "category": "power-skills"},
                     {"date": "2024-01-03", "credits": 10, "category": "business-acumen"},
                     {"date": "2024-01-04", "credits": 25, "category": "giving-back-other"}])",
                 "2024-02-01");
    const auto& p = r.cert("pmp").paths[0];
    CHECK_FALSE(p.met);
    CHECK(missing_in(p, "education") == 500);
    CHECK(p.missing_credits == 500);
}

TEST_CASE("PMI: each education area needs at least 8 PDUs", "[programs][pmi][minimums]") {
    auto r = run(R"([{"id": "pmp", "earned": "2023-06-01"}])",
                 R"([{"date": "2024-01-01", "credits": 27, "category": "ways-of-working"},
                     {"date": "2024-01-02", "credits": 4, "category": "power-skills"},
                     {"date": "2024-01-03", "credits": 4, "category": "business-acumen"},
                     {"date": "2024-01-04", "credits": 25, "category": "giving-back-other"}])",
                 "2024-02-01");
    const auto& p = r.cert("pmp").paths[0];
    CHECK_FALSE(p.met);
    CHECK(missing_in(p, "power-skills") == 400);
    CHECK(missing_in(p, "business-acumen") == 400);
    CHECK(missing_in(p, "education") == 0);
    CHECK(p.missing_credits == 800);
}

TEST_CASE("PMI: giving back counts 25 PDUs at most", "[programs][pmi][caps]") {
    auto r = run(R"([{"id": "pmp", "earned": "2023-06-01"}])",
                 R"([{"date": "2024-01-01", "credits": 12, "category": "ways-of-working"},
                     {"date": "2024-01-02", "credits": 12, "category": "power-skills"},
                     {"date": "2024-01-03", "credits": 10, "category": "business-acumen"},
                     {"date": "2024-01-04", "credits": 40, "category": "giving-back-other"}])",
                 "2024-02-01");
    CHECK(r.cert("pmp").approved == 5900); // 34 + 25
    CHECK_FALSE(r.cert("pmp").last_recertified.has_value());
}

TEST_CASE("PMI: working as a professional counts 8 PDUs at most", "[programs][pmi][caps]") {
    auto r = run(R"([{"id": "pmp", "earned": "2023-06-01"}])",
                 R"([{"date": "2024-01-01", "credits": 12, "category": "ways-of-working"},
                     {"date": "2024-01-02", "credits": 12, "category": "power-skills"},
                     {"date": "2024-01-03", "credits": 11, "category": "business-acumen"},
                     {"date": "2024-01-04", "credits": 20, "category": "working-as-professional"},
                     {"date": "2024-01-05", "credits": 5, "category": "giving-back-other"}])",
                 "2024-02-01");
    CHECK(r.cert("pmp").approved == 4800); // 35 + 8 + 5
    CHECK(r.cert("pmp").remaining == 1200);
}

TEST_CASE("PMI: a year of suspension (grace) after the cycle, in which PDUs still count",
          "[programs][pmi][grace]") {
    const char* certs = R"([{"id": "pmp", "earned": "2023-06-01"}])";
    const std::string acts =
        R"([{"date": "2024-01-01", "credits": 14, "category": "ways-of-working"},
        {"date": "2024-01-02", "credits": 13, "category": "power-skills"},
        {"date": "2024-01-03", "credits": 13, "category": "business-acumen"})";
    auto suspended = run(certs, acts + "]", "2026-09-01");
    CHECK(suspended.cert("pmp").state == State::Grace);
    REQUIRE(notice(suspended.cert("pmp"), "grace") != nullptr);
    CHECK(ds(notice(suspended.cert("pmp"), "grace")->date) == "2027-06-01");
    auto reinstated =
        run(certs,
            acts + R"(, {"date": "2026-08-01", "credits": 20, "category": "giving-back-other"}])",
            "2026-09-01");
    CHECK(reinstated.cert("pmp").state == State::Active);
    CHECK(ds(reinstated.cert("pmp").last_recertified) == "2026-08-01");
    CHECK(ds(reinstated.cert("pmp").expires) == "2029-06-01");
    CHECK(run(certs, acts + "]", "2027-06-02").cert("pmp").state == State::Expired);
}

TEST_CASE("PMI: a suspension year is a calendar year, and PMI words it suspended",
          "[programs][pmi][grace]") {
    // expires 2027-07-01: suspended through 2028-07-01, not 365 days (2028-06-30) across the
    // 2028-02-29
    const char* certs = R"([{"id": "pmp", "earned": "2024-07-01"}])";
    auto last_day = run(certs, "[]", "2028-07-01");
    const auto& c = last_day.cert("pmp");
    CHECK(c.state == State::Grace);
    REQUIRE(notice(c, "grace") != nullptr);
    CHECK(ds(notice(c, "grace")->date) == "2028-07-01");
    CHECK(notice(c, "grace")->message ==
          "suspended since 2027-07-02 (the cycle ended on 2027-07-01) until 2028-07-01: "
          "activities completed until then still count");
    CHECK(c.next_step.find("when the suspension ends") != std::string::npos);
    CHECK(run(certs, "[]", "2028-07-02").cert("pmp").state == State::Expired);
    // PDUs of its last day still renew it
    auto renewed = run(certs,
                       R"([{"date": "2028-07-01", "credits": 20, "category": "ways-of-working"},
                           {"date": "2028-07-01", "credits": 20, "category": "power-skills",
                            "title": "b"},
                           {"date": "2028-07-01", "credits": 20, "category": "business-acumen",
                            "title": "c"}])",
                       "2028-07-02");
    CHECK(renewed.cert("pmp").state == State::Active);
    CHECK(ds(renewed.cert("pmp").expires) == "2030-07-01");
    // ISC2's grace period stays "grace"
    auto cissp = run(R"([{"id": "cissp", "earned": "2023-01-10"}])", "[]", "2026-02-09");
    REQUIRE(notice(cissp.cert("cissp"), "grace") != nullptr);
    CHECK(notice(cissp.cert("cissp"), "grace")
              ->message.starts_with("expired on 2026-01-10; in "
                                    "the grace period until"));
}

// `plan` takes the grace period's end from grace_end; the engine's notices must say the same day
// (a copy of the sum in either would drift from the other).
TEST_CASE("The grace period ends on grace_end's day in the engine's notice, for every program "
          "with one",
          "[programs][grace]") {
    const std::vector<std::pair<const char*, const char*>> cases{
        {"cissp", "2026-02-09"}, // ISC2: 90 days, activities of the cycle only
        {"pmp", "2026-09-01"},   // PMI: a year, activities of the grace period count too
    };
    for (const auto& [id, as_of] : cases) {
        CAPTURE(id);
        const Run r =
            run(R"([{"id": ")" + std::string(id) + R"(", "earned": "2023-01-10"}])", "[]", as_of);
        const CertReport& c = r.cert(id);
        REQUIRE(c.state == State::Grace);
        REQUIRE(c.expires);
        const ProgramPolicy& policy =
            all_programs().policy_of(all_programs().certifications[c.cert]);
        REQUIRE((policy.grace_days > 0 || policy.grace_years > 0));
        REQUIRE(notice(c, "grace") != nullptr);
        CHECK(notice(c, "grace")->date == grace_end(policy, *c.expires));
    }
}

TEST_CASE("PMI: up to 20 PDUs earned in the cycle's last year carry over",
          "[programs][pmi][carryover]") {
    auto r = run(R"([{"id": "pmp", "earned": "2023-06-01"}])",
                 R"([{"date": "2024-01-01", "credits": 12, "category": "ways-of-working"},
                     {"date": "2024-01-02", "credits": 12, "category": "power-skills"},
                     {"date": "2024-01-03", "credits": 11, "category": "business-acumen"},
                     {"date": "2024-01-04", "credits": 25, "category": "giving-back-other"},
                     {"date": "2025-01-01", "credits": 10, "category": "power-skills"},
                     {"date": "2026-01-01", "credits": 30, "category": "ways-of-working"}])",
                 "2026-07-01");
    const auto& c = r.cert("pmp");
    CHECK(ds(c.last_recertified) == "2024-01-04");
    CHECK(ds(c.expires) == "2029-06-01");
    // 40 over the requirement, 30 of them in the last year: 20 carry over
    CHECK(c.approved == 2000);
    REQUIRE(event(c, "carried_over") != nullptr);
    CHECK(event(c, "carried_over")->via == "20 PDUs");
}

TEST_CASE("PMI: carry-over comes only from the cycle's own last year",
          "[programs][pmi][carryover]") {
    // PMP earned 2021-03-01, expired 2024-03-01 with 42 PDUs; 30 more on 2024-05-01 in the
    // suspension year renew it to 2027-03-01. Those 30 are not the cycle's last year: nothing
    // of them carries over (12 used to)
    const char* certs = R"([{"id": "pmp", "earned": "2021-03-01"}])";
    auto with = [&](const char* day) {
        const std::string acts = std::string(R"([{"date": ")") + day +
                                 R"(-01", "credits": 12, "category": "ways-of-working"},
                {"date": ")" + day +
                                 R"(-02", "credits": 10, "category": "power-skills"},
                {"date": ")" + day +
                                 R"(-03", "credits": 10, "category": "business-acumen"},
                {"date": ")" + day +
                                 R"(-04", "credits": 10, "category": "giving-back-other"},
                {"date": "2024-05-01", "credits": 30, "category": "ways-of-working"}])";
        return run(certs, acts, "2024-06-01");
    };
    auto early = with("2022-09");
    const auto& c = early.cert("pmp");
    CHECK(ds(c.last_recertified) == "2024-05-01");
    CHECK(ds(c.expires) == "2027-03-01");
    CHECK(c.approved == 0);
    CHECK(event(c, "carried_over") == nullptr);
    // the 42 in the last year: 12 of them are beyond the path (10 Giving Back, then 2 Business
    // Acumen above its 8), carried on the renewal, not before it
    auto late = with("2023-09");
    const auto& l = late.cert("pmp");
    CHECK(l.approved == 1200);
    REQUIRE(event(l, "carried_over") != nullptr);
    CHECK(ds(event(l, "carried_over")->date) == "2024-05-01");
    CHECK(event(l, "carried_over")->date >= event(l, "recertified")->date);
}

TEST_CASE("PMI: excess-only carry-over keeps the PDUs a minimum needed",
          "[programs][pmi][carryover]") {
    // the last year's 8 Business Acumen PDUs were the category's minimum: none is excess
    auto r = run(R"([{"id": "pmp", "earned": "2023-06-01"}])",
                 R"([{"date": "2024-01-01", "credits": 30, "category": "ways-of-working"},
                     {"date": "2024-01-02", "credits": 10, "category": "power-skills"},
                     {"date": "2024-01-03", "credits": 20, "category": "giving-back-other"},
                     {"date": "2026-01-01", "credits": 8, "category": "business-acumen"}])",
                 "2026-07-01");
    const auto& c = r.cert("pmp");
    CHECK(ds(c.last_recertified) == "2026-01-01");
    CHECK(c.approved == 0);
    CHECK(event(c, "carried_over") == nullptr);
}

TEST_CASE("PMI: CAPM needs 15 PDUs, at least 9 of them education, giving back counting 6 at most",
          "[programs][pmi]") {
    const char* certs = R"([{"id": "capm", "earned": "2024-03-01"}])";
    auto short_ = run(certs, R"([{"date": "2024-06-01", "credits": 10, "category": "giving-back"},
                                 {"date": "2024-07-01", "credits": 5, "category": "power-skills"}])",
                      "2024-08-01");
    const auto& c = short_.cert("capm");
    CHECK(c.approved == 1100); // 6 of the 10 giving back count
    CHECK(c.remaining == 400); // 4 more education: 9 in all
    CHECK(c.next_step == "earn 4 more PDUs (4 education) by 2027-03-01");
    auto met = run(certs, R"([{"date": "2024-06-01", "credits": 6, "category": "giving-back"},
                              {"date": "2024-07-01", "credits": 9, "category": "ways-of-working"}])",
                   "2024-08-01");
    CHECK(ds(met.cert("capm").last_recertified) == "2024-07-01");
    CHECK(ds(met.cert("capm").expires) == "2030-03-01");
}

TEST_CASE("ISC2: a CISSP concentration needs 60 CPEs a term, counted from the same activities",
          "[programs][isc2]") {
    auto r = run(
        R"([{"id": "cissp", "earned": "2024-01-10"}, {"id": "CISSP-ISSAP", "earned": "2024-02-01"}])",
        R"([{"date": "2024-06-01", "credits": 60, "category": "group-a"}])", "2024-08-01");
    CHECK(ds(r.cert("issap").last_recertified) == "2024-06-01");
    CHECK(ds(r.cert("issap").expires) == "2030-02-01");
    CHECK(r.cert("cissp").remaining == 6000);
}

TEST_CASE("PMI: PMI-ACP needs 30 PDUs", "[programs][pmi]") {
    auto r = run(R"([{"id": "pmi-acp", "earned": "2024-01-01"}])",
                 R"([{"date": "2024-03-01", "credits": 6, "category": "ways-of-working"},
                     {"date": "2024-03-02", "credits": 6, "category": "power-skills"},
                     {"date": "2024-03-03", "credits": 6, "category": "business-acumen"},
                     {"date": "2024-03-04", "credits": 12, "category": "giving-back-other"}])",
                 "2024-04-01");
    CHECK(r.cert("pmi-acp").required == 3000);
    CHECK(ds(r.cert("pmi-acp").last_recertified) == "2024-03-04");
}

// ---------------------------------------------------------------- mixed

TEST_CASE("Mixed: each program's activities count only for its own certifications",
          "[programs][mixed]") {
    auto r = run(R"([{"id": "ccna", "earned": "2024-01-01"}, {"id": "pmp", "earned": "2024-01-01"},
                     {"id": "cissp", "earned": "2024-01-01"}])",
                 R"([{"date": "2024-03-01", "credits": 30, "category": "training"},
                     {"date": "2024-03-02", "credits": 20, "category": "ways-of-working"},
                     {"date": "2024-03-03", "credits": 15, "category": "group-a"}])",
                 "2024-04-01");
    CHECK(ds(r.cert("ccna").last_recertified) == "2024-03-01");
    CHECK(r.cert("pmp").approved == 2000);
    CHECK(r.cert("cissp").approved == 1500);
    CHECK(r.cert("pmp").next_step.find("PDUs") != std::string::npos);
    CHECK(r.cert("cissp").next_step.find("CPEs") != std::string::npos);
}

TEST_CASE("Mixed: an uncategorised CE activity belongs to the program it names",
          "[programs][mixed]") {
    auto r =
        run(R"([{"id": "ccna", "earned": "2024-01-01"}, {"id": "a-plus", "earned": "2024-01-01"}])",
            R"([{"date": "2024-03-01", "credits": 20, "program": "comptia"}])", "2024-04-01");
    CHECK(ds(r.cert("a-plus").last_recertified) == "2024-03-01");
    CHECK(r.cert("ccna").approved == 0);
}

TEST_CASE("Mixed: records that name the wrong program are refused", "[programs][mixed]") {
    auto load = [](const std::string& certs, const std::string& acts) {
        return load_ledger(R"({"schema": "recert-ledger/1", "certifications": )" + certs +
                               R"(, "activities": )" + acts + "}",
                           "l.json", all_programs());
    };
    auto wrong = load(R"([{"id": "ccna", "program": "isc2", "earned": "2024-01-01"}])", "[]");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.errors.front().message == "ccna is a certification of program cisco, not isc2");
    CHECK(wrong.errors.front().pointer == "/certifications/0/program");
    auto unknown = load(R"([{"id": "ccna", "program": "acme", "earned": "2024-01-01"}])", "[]");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.errors.front().message == "unknown program \"acme\"");
    auto category = load("[]", R"([{"date": "2024-01-01", "credits": 5, "category": "training",
                                    "program": "pmi"}])");
    REQUIRE_FALSE(category.ok());
    CHECK(category.errors.front().message == "unknown category \"training\"");
    CHECK(category.errors.front().hint.find("ways-of-working") != std::string::npos);
    CHECK(load(R"([{"id": "cissp", "program": "ISC2", "earned": "2024-01-01"}])", "[]").ok());
}

TEST_CASE("Mixed: programs that define the same certification id cannot be merged",
          "[programs][mixed][rules]") {
    Rules r = program("cisco");
    Rules copy = program("cisco", R"("id": "cisco")", R"("id": "cisco2")");
    const Diagnostics problems = merge_programs(r, copy);
    REQUIRE_FALSE(problems.empty());
    CHECK(problems.front().message.find("is defined by program \"cisco\" and by program "
                                        "\"cisco2\"") != std::string::npos);
    CHECK(merge_programs(r, program("cisco")).front().message ==
          "program \"cisco\" is loaded twice");
    CHECK(r.programs.size() == 1);
}

TEST_CASE("Every built-in program loads and round-trips through its schema checks",
          "[programs][rules]") {
    for (const auto& name : builtin_program_names()) {
        INFO(name);
        const Rules r = program(name);
        CHECK(r.program.id == name);
        CHECK(r.programs.size() == 1);
        CHECK_FALSE(r.certifications.empty());
        CHECK_FALSE(r.program.source.empty());
    }
    CHECK(all_programs().programs.size() == 4);
    CHECK(all_programs().program.id == "cisco");
}

TEST_CASE("The compiled-in programs equal their rules files as loaded", "[programs][rules]") {
    for (const auto& name : builtin_program_names()) {
        INFO(name);
        Rules loaded = program(name);
        loaded.document = nullptr; // the compiled form keeps no document
        const auto compiled = cli::compiled_program(name);
        REQUIRE(compiled.has_value());
        CHECK(*compiled == loaded);
        CHECK(compiled->certifications.size() == loaded.certifications.size());
    }
    CHECK_FALSE(cli::compiled_program("acme").has_value());
    // and one difference would show: the comparison looks at every field
    Rules changed = *cli::compiled_program("isc2");
    changed.levels[0].carryover->last_months += 1;
    CHECK_FALSE(changed == *cli::compiled_program("isc2"));
}

TEST_CASE("Programs used together are at most as many as an activity record can index",
          "[programs][rules]") {
    // copies of PMI's rules under other program and certification ids
    const nlohmann::ordered_json pmi = nlohmann::ordered_json::parse(*builtin_program_text("pmi"));
    auto copy = [&](std::size_t n) {
        nlohmann::ordered_json doc = pmi;
        const std::string id = "p" + std::to_string(n);
        doc["program"]["id"] = id;
        for (auto& c : doc["certifications"]) c["id"] = id + "-" + c["id"].get<std::string>();
        auto res = load_rules(doc.dump(), id + ".json");
        REQUIRE(res.ok());
        return std::move(*res.value);
    };
    Rules r = program("cisco");
    for (std::size_t n = 1; n < Rules::kMaxPrograms; ++n)
        REQUIRE(merge_programs(r, copy(n)).empty());
    CHECK(r.programs.size() == Rules::kMaxPrograms);
    const Diagnostics problems = merge_programs(r, copy(Rules::kMaxPrograms));
    REQUIRE(problems.size() == 1);
    CHECK(problems.front().message == "program \"p32\" would be program 33; at most 32 programs "
                                      "are used together");
    CHECK(r.programs.size() == Rules::kMaxPrograms);
}

TEST_CASE("A rules file with more categories than an activity record can index is refused",
          "[programs][rules]") {
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(*builtin_program_text("pmi"));
    auto& categories = doc["categories"];
    for (std::size_t i = categories.size(); i <= Rules::kMaxCategories; ++i)
        categories.push_back({{"id", "c" + std::to_string(i)}, {"name", "C"}});
    REQUIRE(categories.size() == Rules::kMaxCategories + 1);
    auto res = load_rules(doc.dump(), "many.json");
    REQUIRE_FALSE(res.ok());
    CHECK(test::all(res.errors).find("65536 categories; at most 65535 are supported") !=
          std::string::npos);
    categories.erase(categories.size() - 1); // as many as fit: loads
    CHECK(load_rules(doc.dump(), "many.json").ok());
}

TEST_CASE("Programs whose categories together are more than a record can index do not merge",
          "[programs][rules]") {
    // two programs of 33,000 categories each: each loads, the pair is too many
    auto many = [](const std::string& id) {
        nlohmann::ordered_json doc = nlohmann::ordered_json::parse(*builtin_program_text("pmi"));
        doc["program"]["id"] = id;
        for (auto& c : doc["certifications"]) c["id"] = id + "-" + c["id"].get<std::string>();
        auto& categories = doc["categories"];
        for (std::size_t i = categories.size(); i < 33000; ++i)
            categories.push_back({{"id", "c" + std::to_string(i)}, {"name", "C"}});
        auto res = load_rules(doc.dump(), id + ".json");
        REQUIRE(res.ok());
        return std::move(*res.value);
    };
    Rules r = program("cisco");
    REQUIRE(merge_programs(r, many("a")).empty());
    const Diagnostics problems = merge_programs(r, many("b"));
    REQUIRE(problems.size() == 1);
    CHECK(problems.front().message ==
          "program \"b\" has too many categories or exam kinds to use with the others");
    CHECK(r.programs.size() == 2);
}
