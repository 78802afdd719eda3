// The engine's decisions, each test named after the rule it checks (docs/semantics.md §3-§8).
#include "../helpers.hpp"

#include <cctype>

using namespace recert;
using test::d;
using test::ds;
using test::run;

namespace {
bool has_notice(const CertReport& r, const std::string& code, const std::string& text) {
    for (const auto& n : r.notices)
        if (n.code == code && n.message.find(text) != std::string::npos) return true;
    return false;
}
} // namespace

TEST_CASE("Recertification date is the day the credits reach the CE-only total",
          "[engine][cycle]") {
    const char* acts =
        R"([{"date": "2024-05-01", "credits": 40}, {"date": "2025-02-14", "credits": 40}])";
    auto r = run(R"([{"id": "ccnp-enterprise", "earned": "2023-03-10"}])", acts, "2025-03-01");
    const auto& c = r.cert("ccnp-enterprise");
    CHECK(ds(c.last_recertified) == "2025-02-14");
    CHECK(ds(c.expires) == "2028-02-14");
    CHECK(ds(c.cycle_start) == "2025-02-15");
    CHECK(c.approved == 0);
    CHECK(c.required == 8000);
    CHECK(c.remaining == 8000);
    CHECK(c.state == State::Active);
}

TEST_CASE("Credits plus a concentration exam recertify on the exam date", "[engine][paths]") {
    const char* acts =
        R"([{"date": "2025-01-10", "credits": 40}, {"date": "2025-06-01", "kind": "exam", "exam": "300-410"}])";
    auto r = run(R"([{"id": "ccnp-enterprise", "earned": "2023-03-10"}])", acts, "2025-07-01");
    const auto& c = r.cert("ccnp-enterprise");
    CHECK(ds(c.last_recertified) == "2025-06-01");
    CHECK(ds(c.expires) == "2028-06-01");
    CHECK(c.history.back().via == "40 CE credits + 1 concentration exam");
}

TEST_CASE("A certification is expired the day after its expiry date", "[engine][dates]") {
    auto r = run(R"([{"id": "ccna", "earned": "2023-09-01"}])",
                 R"([{"date": "2024-01-01", "credits": 25}])", "2026-09-02");
    const auto& c = r.cert("ccna");
    CHECK(c.state == State::Expired);
    CHECK(ds(c.expires) == "2026-09-01");
    CHECK(c.days_left == -1);
    CHECK(c.approved == 2500);
    CHECK(c.remaining == 500);
}

TEST_CASE("On its expiry date a certification is still active", "[engine][dates]") {
    auto r = run(R"([{"id": "ccna", "earned": "2023-09-01"}])", "[]", "2026-09-01");
    CHECK(r.cert("ccna").state == State::Expiring);
    CHECK(r.cert("ccna").days_left == 0);
}

TEST_CASE("Pending claims at expiry make the state pending; approval recertifies retroactively",
          "[engine][pending]") {
    const char* certs = R"([{"id": "ccna", "earned": "2023-09-01"}])";
    auto pending = run(certs,
                       R"([{"date": "2024-01-01", "credits": 25},
                           {"date": "2026-08-25", "credits": 5, "status": "pending", "submitted": "2026-08-26"}])",
                       "2026-09-20");
    CHECK(pending.cert("ccna").state == State::Pending);
    CHECK(pending.cert("ccna").pending == 500);
    CHECK(has_notice(pending.cert("ccna"), "pending_at_expiry",
                     "unless the 5 CE credits pending are approved"));

    auto approved = run(certs,
                        R"([{"date": "2024-01-01", "credits": 25},
                            {"date": "2026-08-25", "credits": 5, "status": "approved", "submitted": "2026-08-26"}])",
                        "2026-09-20");
    const auto& c = approved.cert("ccna");
    CHECK(c.state == State::Active);
    // approved without a credited date: it counts on its submission day (docs/semantics.md §3a),
    // which is still before the expiry
    CHECK(ds(c.last_recertified) == "2026-08-26");
    CHECK(ds(c.expires) == "2029-08-26");
}

TEST_CASE("Pending claims that would not meet a path leave the certification expired",
          "[engine][pending]") {
    auto r = run(
        R"([{"id": "ccna", "earned": "2023-09-01"}])",
        R"([{"date": "2024-01-01", "credits": 20}, {"date": "2026-08-25", "credits": 5, "status": "pending"}])",
        "2026-09-20");
    CHECK(r.cert("ccna").state == State::Expired);
}

TEST_CASE("Activities completed before the certification was earned never count",
          "[engine][window]") {
    auto r = run(R"([{"id": "ccna", "earned": "2024-06-01"}])",
                 R"([{"date": "2024-05-15", "credits": 30}])", "2024-07-01", true);
    const auto& c = r.cert("ccna");
    CHECK(c.approved == 0);
    CHECK(c.remaining == 3000);
    CHECK(!c.last_recertified);
    REQUIRE(c.outside.size() == 1);
}

TEST_CASE("A core exam alone does not meet the CCIE's 40 CE + 1 core path", "[engine][paths]") {
    auto r = run(R"([{"id": "ccie-enterprise-infrastructure", "earned": "2022-01-15"}])",
                 R"([{"date": "2023-01-01", "kind": "exam", "exam": "350-401"}])", "2023-06-01");
    const auto& c = r.cert("ccie-enterprise-infrastructure");
    CHECK(!c.last_recertified);
    bool found = false;
    for (const auto& p : c.paths)
        if (p.description == "40 CE credits + 1 core exam") {
            found = true;
            CHECK_FALSE(p.met);
            CHECK(p.missing_credits == 4000);
            CHECK(p.missing_exams.empty());
        }
    CHECK(found);
}

TEST_CASE("Feb 29 plus three years is Feb 28", "[engine][dates]") {
    auto r = run(R"([{"id": "ccna", "earned": "2024-02-29"}])", "[]", "2024-03-01");
    CHECK(ds(r.cert("ccna").expires) == "2027-02-28");
}

TEST_CASE("Earning a higher certification renews the lower ones; recertifying the higher renews "
          "them again",
          "[engine][cascade]") {
    const char* certs =
        R"([{"id": "ccna", "earned": "2022-01-10"}, {"id": "ccnp-enterprise", "earned": "2023-03-10"}])";
    auto before = run(certs, "[]", "2023-04-01");
    const auto& ccna = before.cert("ccna");
    CHECK(ccna.renewed_by == "ccnp-enterprise");
    CHECK(ds(ccna.last_recertified) == "2023-03-10");
    CHECK(ds(ccna.expires) == "2026-03-10");

    auto after = run(
        certs, R"([{"date": "2024-08-01", "credits": 40}, {"date": "2025-11-20", "credits": 40}])",
        "2025-12-01");
    CHECK(ds(after.cert("ccnp-enterprise").expires) == "2028-11-20");
    CHECK(ds(after.cert("ccna").expires) == "2028-11-20");
    CHECK(after.cert("ccna").renewed_by == "ccnp-enterprise");
}

TEST_CASE("A lower certification may recertify on its own from the same credits",
          "[engine][cascade]") {
    const char* certs =
        R"([{"id": "ccna", "earned": "2023-01-10"}, {"id": "ccnp-enterprise", "earned": "2023-01-10"}])";
    auto r = run(certs, R"([{"date": "2024-08-01", "credits": 40}])", "2024-09-01");
    CHECK(ds(r.cert("ccna").last_recertified) == "2024-08-01");
    CHECK(r.cert("ccna").renewed_by.empty());
    CHECK(!r.cert("ccnp-enterprise").last_recertified);
    CHECK(r.cert("ccnp-enterprise").approved == 4000); // not used up by the CCNA
}

TEST_CASE("A claim submitted after the claim window is not eligible, with a notice",
          "[engine][claims]") {
    auto r =
        run(R"([{"id": "ccna", "earned": "2023-06-01"}])",
            R"([{"date": "2024-01-01", "credits": 30, "submitted": "2025-02-01"}])", "2025-03-01");
    const auto& c = r.cert("ccna");
    CHECK(c.approved == 0);
    CHECK(!c.last_recertified);
    CHECK(has_notice(c, "claimed_late", "submitted 2025-02-01, 397 days after completion"));
}

TEST_CASE("A claim submitted exactly at the end of the claim window counts", "[engine][claims]") {
    auto r =
        run(R"([{"id": "ccna", "earned": "2023-06-01"}])",
            R"([{"date": "2024-01-01", "credits": 30, "submitted": "2024-12-31"}])", "2025-03-01");
    // it counts, on the day Cisco credits it: without a credited date, the day it was submitted
    CHECK(ds(r.cert("ccna").last_recertified) == "2024-12-31");
}

TEST_CASE("Unclaimed activities produce a submit-by notice, then a deadline-passed notice",
          "[engine][claims]") {
    const char* certs = R"([{"id": "ccnp-enterprise", "earned": "2025-06-01"}])";
    const char* acts =
        R"([{"date": "2026-01-10", "credits": 8, "status": "unclaimed", "title": "Webinar"}])";
    auto open = run(certs, acts, "2026-11-01");
    CHECK(has_notice(open.cert("ccnp-enterprise"), "claim_deadline", "by 2027-01-10"));
    auto passed = run(certs, acts, "2027-02-01");
    CHECK(has_notice(passed.cert("ccnp-enterprise"), "claim_deadline_passed",
                     "claim deadline passed"));
    CHECK(passed.cert("ccnp-enterprise").approved == 0);
}

TEST_CASE("Rejected claims never count", "[engine][claims]") {
    auto r = run(R"([{"id": "ccna", "earned": "2023-06-01"}])",
                 R"([{"date": "2024-01-01", "credits": 30, "status": "rejected"}])", "2024-03-01");
    CHECK(r.cert("ccna").approved == 0);
    CHECK(r.cert("ccna").pending == 0);
}

TEST_CASE("An activity on the expiry date counts", "[engine][dates]") {
    auto r = run(R"([{"id": "ccna", "earned": "2023-09-01"}])",
                 R"([{"date": "2026-09-01", "credits": 30}])", "2026-09-10");
    CHECK(r.cert("ccna").state == State::Active);
    CHECK(ds(r.cert("ccna").expires) == "2029-09-01");
}

TEST_CASE("Activities after the as-of date are ignored", "[engine][dates]") {
    auto r = run(R"([{"id": "ccna", "earned": "2023-09-01"}])",
                 R"([{"date": "2025-01-01", "credits": 30}])", "2024-12-31");
    CHECK(!r.cert("ccna").last_recertified);
    CHECK(r.cert("ccna").approved == 0);
}

TEST_CASE("The exam that earned a certification does not recertify it", "[engine][exams]") {
    auto r = run(R"([{"id": "ccnp-enterprise", "earned": "2023-03-10"}])",
                 R"([{"date": "2023-03-10", "kind": "exam", "exam": "350-401"}])", "2023-04-01");
    CHECK(!r.cert("ccnp-enterprise").last_recertified);
}

TEST_CASE("Each exam counts for at most one group of a path", "[engine][exams]") {
    // 1 core + 1 concentration needs two different exams: two core exams do not do it
    const char* certs = R"([{"id": "ccie-security", "earned": "2022-01-15"}])";
    auto two_core = run(certs,
                        R"([{"date": "2023-01-01", "kind": "exam", "exam": "350-701"},
                            {"date": "2023-02-01", "kind": "exam", "exam": "350-401"}])",
                        "2023-03-01");
    CHECK(!two_core.cert("ccie-security").last_recertified);
    auto mixed = run(certs,
                     R"([{"date": "2023-01-01", "kind": "exam", "exam": "350-701"},
                         {"date": "2023-02-01", "kind": "exam", "exam": "300-710"}])",
                     "2023-03-01");
    CHECK(ds(mixed.cert("ccie-security").last_recertified) == "2023-02-01");
    CHECK(mixed.cert("ccie-security").history.back().via == "1 core exam + 1 concentration exam");
}

TEST_CASE("An expert lab recertifies a professional certification", "[engine][paths]") {
    auto r =
        run(R"([{"id": "ccnp-security", "earned": "2022-05-01"}])",
            R"([{"date": "2024-04-04", "kind": "exam", "exam": "ccie-sec-lab"}])", "2024-05-01");
    CHECK(ds(r.cert("ccnp-security").last_recertified) == "2024-04-04");
}

TEST_CASE("An explicit expiry from the tracker wins over the computed one", "[engine][dates]") {
    auto r = run(R"([{"id": "ccna", "earned": "2021-06-01", "expires": "2024-06-15"}])", "[]",
                 "2024-06-10");
    CHECK(ds(r.cert("ccna").expires) == "2024-06-15");
}

TEST_CASE("Lifetime certifications never expire", "[engine][lifetime]") {
    auto r = run(R"([{"id": "ccst-networking", "earned": "2015-01-01"}])", "[]", "2030-01-01");
    const auto& c = r.cert("ccst-networking");
    CHECK(c.state == State::Lifetime);
    CHECK(!c.expires);
    CHECK(!c.days_left);
    CHECK(!c.required);
    CHECK(c.paths.empty());
}

TEST_CASE("A retired certification stays active until expiry but cannot recertify",
          "[engine][retired]") {
    auto r = run(R"([{"id": "ccnp-routing-switching", "earned": "2019-06-01"}])",
                 R"([{"date": "2021-01-01", "credits": 80}])", "2021-03-01");
    const auto& c = r.cert("ccnp-routing-switching");
    CHECK(c.retired);
    CHECK(c.state == State::Active);
    CHECK(ds(c.expires) == "2022-06-01");
    CHECK(!c.last_recertified);
    CHECK(c.paths.empty());
    CHECK(has_notice(c, "retired", "cannot be recertified"));
}

TEST_CASE("A certification is expiring within the rules' expiring days", "[engine][state]") {
    auto r90 =
        run(R"([{"id": "ccna", "earned": "2023-09-01"}])", "[]", "2026-06-03"); // 90 days left
    CHECK(r90.cert("ccna").state == State::Expiring);
    auto r91 =
        run(R"([{"id": "ccna", "earned": "2023-09-01"}])", "[]", "2026-06-02"); // 91 days left
    CHECK(r91.cert("ccna").state == State::Active);
}

TEST_CASE("Earning a certification again starts a new life", "[engine][cycle]") {
    auto r =
        run(R"([{"id": "ccna", "earned": "2018-01-01"}, {"id": "ccna", "earned": "2022-05-05"}])",
            "[]", "2023-01-01");
    const auto& c = r.cert("ccna");
    CHECK(c.state == State::Active);
    CHECK(ds(c.expires) == "2025-05-05");
    CHECK(c.history.front().event == "earned");
    bool expired_seen = false;
    for (const auto& h : c.history) expired_seen |= h.event == "expired";
    CHECK(expired_seen);
}

TEST_CASE("Holders in one ledger are evaluated independently", "[engine][team]") {
    Ledger l = test::ledger(
        R"([{"id": "ccna", "earned": "2023-01-01"}, {"id": "ccna", "holder": "Bo", "earned": "2023-01-01"}])",
        R"([{"date": "2024-01-01", "credits": 30, "holder": "Bo"}])");
    Report rep = evaluate(test::cisco(), l, EvalOptions{d("2024-02-01"), false});
    REQUIRE(rep.certifications.size() == 2);
    CHECK(rep.certifications[0].holder == "Ana");
    CHECK(!rep.certifications[0].last_recertified);
    CHECK(rep.certifications[1].holder == "Bo");
    CHECK(ds(rep.certifications[1].last_recertified) == "2024-01-01");
}

TEST_CASE("Explain records why each activity did or did not count", "[engine][explain]") {
    auto r = run(R"([{"id": "ccna", "earned": "2023-06-01"}])",
                 R"([{"date": "2024-01-01", "credits": 10, "status": "rejected"},
                     {"date": "2024-02-01", "credits": 10, "status": "pending"},
                     {"date": "2024-03-01", "credits": 10}])",
                 "2024-04-01", true);
    const auto& c = r.cert("ccna");
    REQUIRE(c.cycles.size() == 1);
    REQUIRE(c.cycles[0].activities.size() == 3);
    CHECK(c.cycles[0].activities[0].reason == "rejected");
    CHECK(c.cycles[0].activities[1].reason == "pending approval");
    CHECK(c.cycles[0].activities[2].counted);
}

TEST_CASE("A retired certification requires nothing, since it has no paths", "[engine][retired]") {
    auto r =
        run(R"([{"id": "ccnp-routing-switching", "earned": "2019-06-01"}])", "[]", "2021-06-01");
    CHECK(!r.cert("ccnp-routing-switching").required);
    CHECK(!r.cert("ccnp-routing-switching").remaining);
}

TEST_CASE("Two certifications of one rank met on one day resolve by id, whatever the input order",
          "[engine][cascade]") {
    const char* acts = R"([{"date": "2024-08-01", "credits": 30}])";
    for (
        const char* certs :
        {R"([{"id": "ccna", "earned": "2023-01-10"}, {"id": "devnet-associate", "earned": "2023-01-10"}])",
         R"([{"id": "devnet-associate", "earned": "2023-01-10"}, {"id": "ccna", "earned": "2023-01-10"}])"}) {
        auto r = run(certs, acts, "2024-09-01");
        CHECK(r.cert("ccna").renewed_by.empty());
        CHECK(r.cert("ccna").history.back().via == "30 CE credits");
        CHECK(r.cert("devnet-associate").renewed_by == "ccna");
        CHECK(ds(r.cert("devnet-associate").expires) == "2027-08-01");
    }
}

// --- The day a claim counts (docs/semantics.md §3a): Cisco counts a claim when it is credited.

TEST_CASE("A claim completed in January and credited in June recertifies in June",
          "[engine][credited]") {
    auto r = run(R"([{"id": "ccna", "earned": "2023-09-01"}])",
                 R"([{"date": "2025-01-10", "credits": 30, "status": "approved",
                      "submitted": "2025-02-01", "credited": "2025-06-02"}])",
                 "2025-07-01");
    const auto& c = r.cert("ccna");
    CHECK(ds(c.last_recertified) == "2025-06-02");
    CHECK(ds(c.expires) == "2028-06-02");
    CHECK(ds(c.cycle_start) == "2025-06-03");
}

TEST_CASE("A claim submitted before expiry and credited after it recertifies retroactively by "
          "completion",
          "[engine][credited][pending]") {
    auto r = run(R"([{"id": "ccna", "earned": "2023-09-01"}])",
                 R"([{"date": "2026-07-01", "credits": 30, "status": "approved",
                      "submitted": "2026-08-20", "credited": "2026-10-05"}])",
                 "2026-11-01");
    const auto& c = r.cert("ccna");
    CHECK(c.state == State::Active);
    CHECK(ds(c.last_recertified) == "2026-07-01"); // its completion date, before the old expiry
    CHECK(ds(c.expires) == "2029-07-01");
}

TEST_CASE("A claim submitted after expiry does not recertify", "[engine][credited][pending]") {
    auto r = run(R"([{"id": "ccna", "earned": "2023-09-01"}])",
                 R"([{"date": "2026-07-01", "credits": 30, "status": "approved",
                      "submitted": "2026-09-05", "credited": "2026-10-05"}])",
                 "2026-11-01");
    const auto& c = r.cert("ccna");
    CHECK(c.state == State::Expired);
    CHECK(ds(c.expires) == "2026-09-01");
    CHECK(!c.last_recertified);
}

TEST_CASE("Without claim dates the completion date counts", "[engine][credited]") {
    auto r = run(R"([{"id": "ccna", "earned": "2023-09-01"}])",
                 R"([{"date": "2025-01-10", "credits": 30}])", "2025-07-01");
    CHECK(ds(r.cert("ccna").last_recertified) == "2025-01-10");
}

TEST_CASE("Without a credited date a claim counts on the day it was submitted",
          "[engine][credited]") {
    auto r =
        run(R"([{"id": "ccna", "earned": "2023-09-01"}])",
            R"([{"date": "2025-01-10", "credits": 30, "submitted": "2025-03-03"}])", "2025-07-01");
    CHECK(ds(r.cert("ccna").last_recertified) == "2025-03-03");
}

TEST_CASE("A claim credited after the as-of date was still pending then", "[engine][credited]") {
    const char* acts = R"([{"date": "2025-01-10", "credits": 30, "status": "approved",
                            "submitted": "2025-02-01", "credited": "2025-06-02"}])";
    auto before = run(R"([{"id": "ccna", "earned": "2023-09-01"}])", acts, "2025-05-01");
    const auto& c = before.cert("ccna");
    CHECK(!c.last_recertified);
    CHECK(c.approved == 0);
    CHECK(c.pending == 3000);
    // and before it was submitted, it was not claimed yet
    auto earlier = run(R"([{"id": "ccna", "earned": "2023-09-01"}])", acts, "2025-01-20");
    CHECK(earlier.cert("ccna").pending == 0);
    CHECK(has_notice(earlier.cert("ccna"), "claim_deadline", "by 2026-01-10"));
}

TEST_CASE("A claim completed before the certification was earned never counts, even if credited "
          "after",
          "[engine][credited]") {
    auto r =
        run(R"([{"id": "ccna", "earned": "2024-03-01"}])",
            R"([{"date": "2024-02-01", "credits": 30, "submitted": "2024-03-05"}])", "2024-06-01");
    CHECK(!r.cert("ccna").last_recertified);
    CHECK(r.cert("ccna").approved == 0);
}

TEST_CASE("A claim credited after a recertification counts in the next cycle",
          "[engine][credited]") {
    // completed before R (the exam), credited after it: its counting day lies in the new window
    auto r = run(R"([{"id": "ccna", "earned": "2023-09-01"}])",
                 R"([{"date": "2025-01-10", "credits": 10, "submitted": "2025-03-01"},
                     {"date": "2025-02-01", "kind": "exam", "exam": "200-301"}])",
                 "2025-07-01");
    const auto& c = r.cert("ccna");
    CHECK(ds(c.last_recertified) == "2025-02-01");
    CHECK(c.approved == 1000);
}

// --- When to submit (docs/semantics.md §3a, "Claim timing")

TEST_CASE("Holding back the claim that completes a path until the latest safe day gains validity",
          "[engine][credited][timing]") {
    auto r = run(R"([{"id": "ccie-enterprise-infrastructure", "earned": "2024-06-01"}])",
                 R"([{"id": "a", "date": "2026-01-15", "credits": 40, "status": "unclaimed"},
                     {"id": "b", "date": "2026-04-15", "credits": 40, "status": "unclaimed"},
                     {"id": "c", "date": "2026-08-15", "credits": 40, "status": "unclaimed"}])",
                 "2026-10-01");
    const auto& c = r.cert("ccie-enterprise-infrastructure");
    REQUIRE(c.claim_timing);
    const ClaimTiming& t = *c.claim_timing;
    CHECK(ds(t.now_expires) == "2029-10-01");
    CHECK(t.submit == std::vector<std::size_t>{0, 1});
    CHECK(t.hold == std::vector<std::size_t>{2});
    CHECK(ds(t.hold_until) == "2027-05-02"); // the expiry less the 30 review days
    CHECK(ds(t.hold_expires) == "2030-05-02");
    CHECK(t.days_gained == 213);
    CHECK(std::any_of(c.notices.begin(), c.notices.end(),
                      [](const Notice& n) { return n.code == "claim_timing"; }));
}

TEST_CASE("A held claim's own deadline comes before the review margin when it is earlier",
          "[engine][credited][timing]") {
    auto r = run(R"([{"id": "ccna", "earned": "2024-06-01"}])",
                 R"([{"id": "a", "date": "2025-11-01", "credits": 15, "status": "unclaimed"},
                     {"id": "b", "date": "2025-12-01", "credits": 15, "status": "unclaimed"}])",
                 "2026-02-01");
    const ClaimTiming& t = *r.cert("ccna").claim_timing;
    CHECK(t.hold == std::vector<std::size_t>{1});
    CHECK(ds(t.hold_until) == "2026-12-01"); // b's claim deadline, a year after completion
    CHECK(t.days_gained == 303);
}

TEST_CASE("No timing advice when the unclaimed claims meet no path, or the others already do",
          "[engine][credited][timing]") {
    auto short_of =
        run(R"([{"id": "ccna", "earned": "2024-06-01"}])",
            R"([{"date": "2025-11-01", "credits": 20, "status": "unclaimed"}])", "2026-02-01");
    CHECK(!short_of.cert("ccna").claim_timing);
    auto pending_meets = run(R"([{"id": "ccna", "earned": "2024-06-01"}])",
                             R"([{"date": "2025-11-01", "credits": 30, "status": "pending",
                                  "submitted": "2025-11-02"},
                                 {"date": "2025-12-01", "credits": 5, "status": "unclaimed"}])",
                             "2026-02-01");
    CHECK(!pending_meets.cert("ccna").claim_timing);
}

TEST_CASE("State names read back in any case, and urgency puts expired first and lifetime last",
          "[engine][states]") {
    for (const State s : kStates) {
        CHECK(state_from_string(to_string(s)) == s);
        std::string upper(to_string(s));
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        CHECK(state_from_string(upper) == s);
    }
    CHECK_FALSE(state_from_string("activ"));
    CHECK_FALSE(state_from_string(""));
    CHECK_FALSE(state_from_string("active "));
    const std::vector<State> urgent_first{State::Expired,  State::Pending, State::Grace,
                                          State::Expiring, State::Active,  State::Lifetime};
    for (std::size_t i = 0; i < urgent_first.size(); ++i)
        CHECK(urgency(urgent_first[i]) == static_cast<int>(i));
}
