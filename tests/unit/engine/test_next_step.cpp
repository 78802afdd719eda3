// The next step (docs/semantics.md §8, "The nearest ways"): one test per rule, with the situations
// users met, and a property over random ledgers that ties the sentence to what `paths` reports.
#include "../helpers.hpp"

#include "engine/nearest.hpp"
#include "engine/wording.hpp"
#include "recert/credits.hpp"

#include <algorithm>
#include <random>

using namespace recert;
using test::d;

namespace {

const Rules& cisco_rules() {
    static const Rules r = test::program("cisco");
    return r;
}

} // namespace

TEST_CASE("Next step: the credit option is the path with met exams missing the fewest credits",
          "[engine][next-step]") {
    // a CCNP holder with 24.5 credits and a concentration exam: 40 + 1 concentration is 15.5 away,
    // 80 credits alone 55.5
    auto r = test::run_with(cisco_rules(), R"([{"id": "ccnp-enterprise", "earned": "2024-01-10"}])",
                            R"([{"date": "2024-06-01", "credits": 24.5},
                          {"date": "2024-07-01", "kind": "exam", "exam": "300-410"}])",
                            "2024-12-01");
    const auto& c = r.cert("ccnp-enterprise");
    CHECK(c.next_step == "earn 15.5 more CE credits or pass 1 concentration, core or expert "
                         "lab/practical exam by 2027-01-10");
}

TEST_CASE("Next step: the exam option names every kind tied at the fewest exams, in the rules' "
          "order",
          "[engine][next-step]") {
    // a CCIE with 96 credits: one core, one concentration or the lab would each do
    auto r = test::run_with(cisco_rules(),
                            R"([{"id": "ccie-enterprise-infrastructure", "earned": "2024-02-10"}])",
                            R"([{"date": "2024-06-01", "credits": 96}])", "2024-12-01");
    CHECK(r.cert("ccie-enterprise-infrastructure").next_step ==
          "earn 24 more CE credits or pass 1 concentration, core or expert lab/practical exam by "
          "2027-02-10");
    // with a core exam and no credits: 40 credits away from 40 + core; a concentration completes
    // core + concentration
    auto core = test::run_with(
        cisco_rules(), R"([{"id": "ccie-enterprise-infrastructure", "earned": "2024-02-10"}])",
        R"([{"date": "2024-06-01", "kind": "exam", "exam": "350-401"}])", "2024-12-01");
    CHECK(core.cert("ccie-enterprise-infrastructure").next_step ==
          "earn 40 CE credits or pass 1 concentration or expert lab/practical exam by 2027-02-10");
}

TEST_CASE("Next step: exam kinds are named by their names, also for exam-only levels",
          "[engine][next-step]") {
    auto r = test::run_with(cisco_rules(), R"([{"id": "ccst-networking", "earned": "2026-01-10"}])",
                            "[]", "2026-06-01");
    CHECK(r.cert("ccst-networking").next_step ==
          "pass 1 CCST, associate, concentration, core, expert written or expert lab/practical "
          "exam by 2031-01-10");
}

TEST_CASE("Next step: with neither option, the path missing the fewest exams, then credits",
          "[engine][next-step]") {
    Rules rules;
    rules.programs.resize(1);
    rules.exam_kinds = {ExamKind{"concentration", "concentration", 0}, ExamKind{"core", "core", 0}};
    const std::vector<std::string> core{"core"}, conc{"concentration"};
    std::vector<PathStatus> paths(3);
    paths[0].missing_credits = 2000; // 20 credits + 2 concentration exams
    paths[0].missing_exams = {ExamNeed{&conc, 2}};
    paths[1].missing_credits = 4000; // 40 credits + 1 core exam
    paths[1].missing_exams = {ExamNeed{&core, 1}};
    paths[2].missing_credits = 3000; // 30 credits + 1 concentration exam
    paths[2].missing_exams = {ExamNeed{&conc, 1}};
    const engine::NearestWays w = engine::nearest_ways(paths);
    CHECK(w.credit == nullptr);
    CHECK(w.exam.empty());
    CHECK(w.both == &paths[2]); // one exam like paths[1], and fewer credits
    engine::wording::NextStepFacts f;
    f.rules = &rules;
    f.expires = d("2027-05-01");
    f.unit = "CE credits";
    f.paths = paths;
    CHECK(engine::wording::next_step(f) ==
          "earn 30 CE credits and pass 1 concentration exam by 2027-05-01");
    // a met path leaves nothing to choose
    paths[0].met = true;
    const engine::NearestWays none = engine::nearest_ways(paths);
    CHECK((none.credit == nullptr && none.exam.empty() && none.both == nullptr));
}

TEST_CASE("Next step: pending credits are named only when approving them would meet a path",
          "[engine][next-step]") {
    auto some = test::run_with(cisco_rules(), R"([{"id": "ccna", "earned": "2024-01-10"}])",
                               R"([{"date": "2024-06-01", "credits": 10},
                             {"date": "2024-07-01", "credits": 5, "status": "pending"}])",
                               "2024-12-01");
    CHECK(some.cert("ccna").next_step == "earn 20 more CE credits or pass 1 associate, "
                                         "concentration, core, expert written or expert "
                                         "lab/practical exam by 2027-01-10");
    auto enough = test::run_with(cisco_rules(), R"([{"id": "ccna", "earned": "2024-01-10"}])",
                                 R"([{"date": "2024-06-01", "credits": 10},
                               {"date": "2024-07-01", "credits": 20, "status": "pending"}])",
                                 "2024-12-01");
    CHECK(enough.cert("ccna").next_step ==
          "await approval of the pending claims (20 CE credits): enough to recertify");
}

TEST_CASE("Next step: a retirement before the expiry is a notice and the last day to renew",
          "[engine][next-step]") {
    const Rules rules =
        test::program("cisco", R"("id": "ccna",)", R"("id": "ccna", "retired": "2026-06-01",)");
    auto r =
        test::run_with(rules, R"([{"id": "ccna", "earned": "2024-01-10"}])", "[]", "2025-01-01");
    const auto& c = r.cert("ccna");
    CHECK_FALSE(c.retired);
    CHECK(c.next_step.ends_with(
        " by 2026-05-31 (it is retired on 2026-06-01 and cannot be renewed from then on)"));
    const auto n = std::find_if(c.notices.begin(), c.notices.end(),
                                [](const Notice& x) { return x.code == "retiring"; });
    REQUIRE(n != c.notices.end());
    CHECK(n->date == d("2026-06-01"));
    CHECK(n->message == "CCNA will be retired on 2026-06-01: renew it before then; after that it "
                        "cannot be renewed and lapses after 2027-01-10");
    // a retirement after the expiry changes nothing yet
    auto later =
        test::run_with(rules, R"([{"id": "ccna", "earned": "2022-01-10"}])", "[]", "2023-01-01");
    CHECK(later.cert("ccna").next_step.ends_with(" by 2025-01-10"));
}

TEST_CASE("Next step: remaining and the sentence agree, category minimums and subcategories "
          "included",
          "[engine][next-step]") {
    // ISC2 CC: 40 Group A and 20 Group B are 60 credits, yet 5 Group A short of the minimum
    const Rules isc2 = test::program("isc2");
    auto cc = test::run_with(isc2, R"([{"id": "cc", "earned": "2024-01-01"}])",
                             R"([{"date": "2024-06-01", "credits": 40, "category": "group-a"},
                           {"date": "2024-07-01", "credits": 20, "category": "group-b"}])",
                             "2024-12-01");
    const auto& c = cc.cert("cc");
    CHECK(c.approved == 6000);
    CHECK(c.remaining == 500);
    CHECK(c.paths[0].missing_credits == 500);
    CHECK(c.next_step == "earn 5 more CPEs (5 group-a) by 2027-01-01");
    // PMP: a subcategory's PDUs count toward Education's minimum too, so the shortfalls of
    // Education and its areas are not added up (50 more, not 59)
    const Rules pmi = test::program("pmi");
    auto pmp = test::run_with(
        pmi, R"([{"id": "pmp", "earned": "2024-01-01"}])",
        R"([{"date": "2024-06-01", "credits": 10, "category": "giving-back"}])", "2024-12-01");
    const auto& p = pmp.cert("pmp");
    CHECK(p.remaining == 5000);
    CHECK(p.paths[0].missing_credits == 5000);
    CHECK(p.next_step == "earn 50 more PDUs (35 education incl. 8 ways-of-working, 8 power-skills "
                         "and 8 business-acumen) by 2027-01-01");
}

TEST_CASE("Next step: a unit of one is singular", "[engine][next-step]") {
    const Rules comptia = test::program("comptia");
    auto r = test::run_with(comptia, R"([{"id": "a-plus", "earned": "2024-01-01"}])",
                            R"([{"date": "2024-06-01", "credits": 19}])", "2024-12-01");
    CHECK(r.cert("a-plus").next_step ==
          "earn 1 more CEU or pass 1 A+ Core 1 exam and 1 A+ Core 2 exam by 2027-01-01");
}

// For random Cisco ledgers, the sentence's credit option is the least missing credits among the
// paths whose exams are met, and its exam option the least missing exams among the paths whose
// credits are met: what `plan` lists, path by path.
TEST_CASE("Next step: on 10,000 random ledgers the options are the least of what paths miss",
          "[engine][next-step][property]") {
    const Rules& rules = cisco_rules();
    const char* certs[] = {"ccna",          "ccnp-enterprise", "ccie-enterprise-infrastructure",
                           "ccnp-security", "ccst-networking", "ccde"};
    const char* exams[] = {"200-301", "350-401", "350-701", "300-410",     "300-415",
                           "300-420", "400-007", "100-150", "ccie-ei-lab", "300-710"};
    std::mt19937 rng(20261205);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    int checked_credit = 0, checked_exam = 0;
    for (int i = 0; i < 10000; ++i) {
        std::string cs = "[", as = "[";
        std::vector<int> order{0, 1, 2, 3, 4, 5}; // distinct certifications
        std::shuffle(order.begin(), order.end(), rng);
        const int n_certs = 1 + pick(3);
        for (int k = 0; k < n_certs; ++k)
            cs += std::string(k ? "," : "") + R"({"id": ")" + certs[order[k]] +
                  R"(", "earned": "202)" + std::to_string(pick(3)) + "-0" +
                  std::to_string(1 + pick(9)) + R"(-15"})";
        const int n_acts = pick(7);
        for (int k = 0; k < n_acts; ++k) {
            const std::string date = "202" + std::to_string(2 + pick(3)) + "-0" +
                                     std::to_string(1 + pick(9)) + "-2" + std::to_string(pick(8));
            as += k ? "," : "";
            if (pick(3) == 0)
                as += R"({"date": ")" + date + R"(", "kind": "exam", "exam": ")" + exams[pick(10)] +
                      R"(", "title": "t)" + std::to_string(k) + R"("})";
            else
                as += R"({"date": ")" + date + R"(", "credits": )" + std::to_string(1 + pick(60)) +
                      (pick(2) ? ".5" : "") + R"(, "status": ")" +
                      (pick(4) == 0 ? "pending" : "approved") + R"(", "title": "t)" +
                      std::to_string(k) + R"("})";
        }
        cs += "]";
        as += "]";
        const test::RulesRun run = test::run_with(rules, cs, as, "2025-06-30");
        for (const CertReport& c : run.report.certifications) {
            if (c.state != State::Active && c.state != State::Expiring && c.state != State::Grace)
                continue;
            if (c.retired || c.next_step.starts_with("await approval")) continue;
            std::optional<Centi> least_credits;
            std::optional<int> least_exams;
            for (const PathStatus& p : c.paths) {
                if (p.met) continue;
                const int e = engine::missing_exam_count(p);
                if (e == 0 && (!least_credits || p.missing_credits < *least_credits))
                    least_credits = p.missing_credits;
                if (e > 0 && engine::credits_met(p) && (!least_exams || e < *least_exams))
                    least_exams = e;
            }
            INFO(cs << " " << as << " -> " << c.next_step);
            if (least_credits) {
                const std::string amount = format_credits(*least_credits) + " ";
                CHECK((c.next_step.starts_with("earn " + amount) ||
                       c.next_step.starts_with("claim " + amount)));
                ++checked_credit;
            }
            if (least_exams) {
                const auto at = c.next_step.find("pass ");
                REQUIRE(at != std::string::npos);
                CHECK(c.next_step.substr(at + 5).starts_with(std::to_string(*least_exams) + " "));
                ++checked_exam;
            }
            if (!least_credits && !least_exams)
                CHECK(c.next_step.find(" and pass ") != std::string::npos);
        }
    }
    // the ledgers exercised both options many times
    CHECK(checked_credit > 1000);
    CHECK(checked_exam > 1000);
}
