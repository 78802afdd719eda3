// Cisco's catalogue as the built-in rules give it: CCST, CCT and Customer Success Manager (levels
// that CE does not renew, or that stand outside the cascade), the Automation renaming, retired
// certifications that old ledgers still name, and the CCDE written exam (docs/semantics.md §4,
// docs/formats.md "Rules file").
#include "../helpers.hpp"

using namespace recert;
using test::ds;
using test::run;

namespace {
const char* const kCcstAfter = R"([{"id": "ccst-networking", "earned": "2025-09-01"}])";

bool has_notice_about(const CertReport& r, const std::string& text) {
    for (const auto& n : r.notices)
        if (n.message.find(text) != std::string::npos) return true;
    return false;
}
} // namespace

TEST_CASE("A CCST earned before 2025-07-15 is lifetime", "[catalogue][ccst]") {
    auto r = run(R"([{"id": "ccst-networking", "earned": "2025-07-14"}])", "[]", "2040-01-01");
    const auto& c = r.cert("ccst-networking");
    CHECK(c.state == State::Lifetime);
    CHECK_FALSE(c.expires.has_value());
}

TEST_CASE("A CCST earned on 2025-07-15 or later is valid five years", "[catalogue][ccst]") {
    auto r = run(R"([{"id": "ccst-cybersecurity", "earned": "2025-07-15"}])", "[]", "2026-01-01");
    const auto& c = r.cert("ccst-cybersecurity");
    CHECK(c.state == State::Active);
    CHECK(ds(c.expires) == "2030-07-15");
    CHECK_FALSE(c.required.has_value()); // no credit path
    auto later =
        run(R"([{"id": "ccst-cybersecurity", "earned": "2025-07-15"}])", "[]", "2030-07-16");
    CHECK(later.cert("ccst-cybersecurity").state == State::Expired);
}

TEST_CASE("A CCST is recertified by passing a CCNA exam", "[catalogue][ccst]") {
    auto r = run(kCcstAfter, R"([{"date": "2027-03-01", "kind": "exam", "exam": "200-301"}])",
                 "2027-06-01");
    const auto& c = r.cert("ccst-networking");
    CHECK(ds(c.last_recertified) == "2027-03-01");
    CHECK(ds(c.expires) == "2032-03-01");
    CHECK(c.history.back().via == "1 CCST, associate, concentration, core, expert written or "
                                  "expert lab/practical exam");
}

TEST_CASE("A CCST is recertified by passing another CCST exam", "[catalogue][ccst]") {
    auto r = run(kCcstAfter, R"([{"date": "2028-01-10", "kind": "exam", "exam": "100-160"}])",
                 "2028-02-01");
    CHECK(ds(r.cert("ccst-networking").expires) == "2033-01-10");
}

TEST_CASE("CE credits are not tallied for a CCST and make no claim notices", "[catalogue][ccst]") {
    auto r = run(kCcstAfter,
                 R"([{"date": "2026-01-10", "credits": 60},
                     {"date": "2026-02-10", "credits": 20, "status": "pending"},
                     {"date": "2026-03-10", "credits": 8, "status": "unclaimed"}])",
                 "2026-06-01", true);
    const auto& c = r.cert("ccst-networking");
    CHECK(c.approved == 0);
    CHECK(c.pending == 0);
    CHECK(ds(c.expires) == "2030-09-01");
    CHECK_FALSE(has_notice_about(c, "submit by"));
    REQUIRE_FALSE(c.cycles.empty());
    REQUIRE(c.cycles.front().activities.size() == 3);
    for (const auto& v : c.cycles.front().activities) {
        CHECK_FALSE(v.counted);
        CHECK(v.reason == "CE credits do not renew this certification: only exams do");
    }
}

TEST_CASE("A CE-only renewal of a CCNP does not renew a CCST", "[catalogue][ccst][cascade]") {
    auto r =
        run(R"([{"id": "ccnp-enterprise", "earned": "2025-08-01"},
                     {"id": "ccst-networking", "earned": "2025-09-01"}])",
            R"([{"date": "2026-05-01", "credits": 40}, {"date": "2027-01-10", "credits": 40}])",
            "2027-02-01");
    CHECK(ds(r.cert("ccnp-enterprise").last_recertified) == "2027-01-10");
    const auto& ccst = r.cert("ccst-networking");
    CHECK(ds(ccst.expires) == "2030-09-01");
    CHECK_FALSE(ccst.last_recertified.has_value());
    CHECK(ccst.renewed_by.empty());
}

TEST_CASE("A CE-only renewal of a CCNP still renews a CCNA: a level that CE renews",
          "[catalogue][cascade]") {
    // the rank cascade itself is unchanged for levels that CE renews: a CCNP renewed by CE renews
    // the CCNA
    auto r = run(R"([{"id": "ccnp-enterprise", "earned": "2025-08-01"},
                     {"id": "ccna", "earned": "2025-09-01"}])",
                 R"([{"date": "2027-01-10", "credits": 80}])", "2027-02-01");
    CHECK(r.cert("ccna").renewed_by == "ccnp-enterprise");
    CHECK(ds(r.cert("ccna").expires) == "2030-01-10");
}

TEST_CASE("A CCNP renewed by credits and a concentration exam renews a CCST on the exam's day",
          "[catalogue][ccst][cascade]") {
    auto r = run(R"([{"id": "ccnp-enterprise", "earned": "2025-08-01"},
                     {"id": "ccst-networking", "earned": "2025-09-01"}])",
                 R"([{"date": "2026-06-01", "kind": "exam", "exam": "300-410"},
                     {"date": "2026-09-01", "credits": 40}])",
                 "2027-01-01");
    CHECK(ds(r.cert("ccnp-enterprise").last_recertified) == "2026-09-01");
    const auto& ccst = r.cert("ccst-networking");
    CHECK(ds(ccst.last_recertified) == "2026-06-01");
    CHECK(ds(ccst.expires) == "2031-06-01"); // not moved to 2031-09-01 by the credits' day
    CHECK(ccst.renewed_by.empty());
}

TEST_CASE("Earning a CCNA renews a CCST", "[catalogue][ccst][cascade]") {
    auto r = run(R"([{"id": "ccst-it-support", "earned": "2025-08-01"},
                     {"id": "ccna", "earned": "2026-05-01"}])",
                 "[]", "2026-06-01");
    const auto& ccst = r.cert("ccst-it-support");
    CHECK(ccst.renewed_by == "ccna");
    CHECK(ds(ccst.expires) == "2031-05-01");
}

TEST_CASE("A CCT is recertified only by its exam: not by CE, not by a higher certification",
          "[catalogue][cct]") {
    auto r =
        run(R"([{"id": "cct", "earned": "2025-03-01"}, {"id": "ccna", "earned": "2026-05-01"}])",
            R"([{"date": "2026-01-10", "credits": 120}])", "2026-06-01");
    const auto& c = r.cert("cct");
    CHECK(c.approved == 0);
    CHECK(ds(c.expires) == "2028-03-01");
    CHECK(c.renewed_by.empty());
    CHECK_FALSE(c.last_recertified.has_value());

    auto by_exam = run(
        R"([{"id": "CCT", "earned": "2025-03-01"}, {"id": "ccst-networking", "earned": "2025-08-01"}])",
        R"([{"date": "2027-11-20", "kind": "exam", "exam": "800-150"}])", "2028-01-01");
    CHECK(ds(by_exam.cert("cct").expires) == "2030-11-20");
    // the CCT exam is not a CCST exam, and a CCT's recertification renews nothing
    CHECK(ds(by_exam.cert("ccst-networking").expires) == "2030-08-01");
}

TEST_CASE("A Customer Success Manager is recertified only by passing 820-605 again",
          "[catalogue][csm]") {
    auto r = run(R"([{"id": "customer-success-manager", "earned": "2025-02-01"},
                     {"id": "ccie-security", "earned": "2024-01-01"}])",
                 R"([{"date": "2026-01-10", "credits": 120}])", "2026-06-01");
    CHECK(ds(r.cert("ccie-security").last_recertified) == "2026-01-10");
    const auto& csm = r.cert("customer-success-manager");
    CHECK(csm.approved == 0);
    CHECK(csm.renewed_by.empty());
    CHECK(ds(csm.expires) == "2028-02-01");

    auto again =
        run(R"([{"id": "Cisco CSM", "earned": "2025-02-01"}])",
            R"([{"date": "2027-12-01", "kind": "exam", "exam": "820-605"}])", "2028-01-01");
    CHECK(ds(again.cert("customer-success-manager").expires) == "2030-12-01");
}

TEST_CASE("The old DevNet names load as aliases of the Automation certifications",
          "[catalogue][names]") {
    const Rules& rules = test::cisco();
    const struct {
        const char* old_name;
        const char* id;
        const char* name;
    } cases[] = {{"Cisco Certified DevNet Associate", "devnet-associate", "CCNA Automation"},
                 {"DevNet Associate", "devnet-associate", "CCNA Automation"},
                 {"Cisco Certified DevNet Professional", "devnet-professional", "CCNP Automation"},
                 {"devnet expert", "devnet-expert", "CCIE Automation"}};
    for (const auto& c : cases) {
        INFO(c.old_name);
        const Certification* cert = rules.find_certification(c.old_name);
        REQUIRE(cert);
        CHECK(cert->id == c.id);
        CHECK(cert->name == c.name);
        CHECK(rules.find_certification(c.name) == cert);
    }
    auto r = run(R"([{"id": "DevNet Professional", "earned": "2024-01-01"}])",
                 R"([{"date": "2025-01-10", "kind": "exam", "exam": "350-901"}])", "2025-02-01");
    CHECK(ds(r.cert("devnet-professional").expires) == "2028-01-10");
    CHECK(rules.find_exam("200-901")->name == "CCNAAUTO");
    CHECK(rules.find_exam("350-901")->name == "AUTOCOR");
    CHECK(rules.find_exam("devnet-expert-lab")->kind == "expert_lab");
}

TEST_CASE("Retired certifications that old ledgers name still load", "[catalogue][retired]") {
    auto r = run(R"([{"id": "CCENT", "earned": "2019-01-10"},
                     {"id": "CCT Routing and Switching", "earned": "2024-06-01"},
                     {"id": "cct-data-center", "earned": "2023-01-01"},
                     {"id": "Cisco Certified Architect", "earned": "2015-05-01"}])",
                 R"([{"date": "2024-06-01", "kind": "exam", "exam": "100-490"}])", "2026-01-01");
    CHECK(r.cert("ccent").state == State::Expired);
    CHECK(ds(r.cert("ccent").expires) == "2022-01-10");
    CHECK(r.cert("cct-routing-switching").retired);
    CHECK(ds(r.cert("cct-routing-switching").expires) == "2027-06-01");
    // the CCT exam of 2024 renewed the CCT Data Center too: any CCT exam renews a CCT
    CHECK(ds(r.cert("cct-data-center").expires) == "2027-06-01");
    CHECK(r.cert("ccar").state == State::Lifetime);
}

TEST_CASE("Passing the CCDE written exam recertifies a CCDE, and a CCIE through the CCDE",
          "[catalogue][ccde]") {
    const char* written = R"([{"date": "2025-05-01", "kind": "exam", "exam": "400-007"}])";
    auto ccde = run(R"([{"id": "ccde", "earned": "2023-01-01"}])", written, "2025-06-01");
    CHECK(ds(ccde.cert("ccde").last_recertified) == "2025-05-01");
    CHECK(ds(ccde.cert("ccde").expires) == "2028-05-01");
    CHECK(ccde.cert("ccde").history.back().via == "1 expert written exam");

    auto ccie = run(R"([{"id": "ccie-security", "earned": "2023-01-01"}])", written, "2025-06-01");
    CHECK_FALSE(ccie.cert("ccie-security").last_recertified.has_value());
    CHECK(ds(ccie.cert("ccie-security").expires) == "2026-01-01");

    auto both = run(R"([{"id": "ccie-security", "earned": "2023-01-01"},
                        {"id": "ccde", "earned": "2023-06-01"}])",
                    written, "2025-06-01");
    CHECK(both.cert("ccie-security").renewed_by == "ccde");
    CHECK(ds(both.cert("ccie-security").expires) == "2028-05-01");
}

TEST_CASE("The exams added since 2025: 300-640 DCAI and the CCDE AI Infrastructure practical",
          "[catalogue][exams]") {
    const Rules& rules = test::cisco();
    REQUIRE(rules.find_exam("300-640"));
    CHECK(rules.find_exam("300-640")->kind == "concentration");
    REQUIRE(rules.find_exam("ccde-ai-practical"));
    CHECK(rules.find_exam("ccde-ai-practical")->kind == "expert_lab");
    CHECK(rules.find_certification("Data Center AI Infrastructure Specialist"));
    auto r = run(R"([{"id": "ccde", "earned": "2023-01-01"}])",
                 R"([{"date": "2025-03-01", "kind": "exam", "exam": "ccde-ai-practical"}])",
                 "2025-04-01");
    CHECK(ds(r.cert("ccde").expires) == "2028-03-01");
}
