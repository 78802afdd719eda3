// The sentences of a report (engine/wording.cpp), each from the facts the replay hands over: a
// sentence can be reworded here without the replay, and these tests say what each fact changes.
#include "../helpers.hpp"

#include "engine/wording.hpp"

using namespace recert;
using namespace recert::engine;
using test::d;

namespace {

// A level of two paths: 80 credits alone, or one core exam.
struct TwoPaths {
    Rules rules;
    std::vector<Path> level;
    std::vector<PathStatus> status;
    TwoPaths(Centi missing_credits, int missing_exams) {
        rules.programs.resize(1);
        rules.exam_kinds.push_back(ExamKind{"core", "core", 0});
        Path ce;
        ce.credits = CreditRequirement{};
        ce.credits->total = 8000;
        ce.description = "80 CE credits";
        Path exam;
        exam.exams = {ExamGroup{{"core"}, 1}};
        exam.description = "1 core exam";
        level = {ce, exam};
        status.resize(2);
        status[0].description = level[0].description;
        status[0].missing_credits = missing_credits;
        status[1].description = level[1].description;
        if (missing_exams > 0)
            status[1].missing_exams.push_back(ExamNeed{&level[1].exams[0].kinds, missing_exams});
    }
    wording::NextStepFacts facts(State state, Centi approved, Centi pending) const {
        wording::NextStepFacts f;
        f.rules = &rules;
        f.state = state;
        f.expires = d("2027-05-01");
        f.grace_end = d("2027-06-30");
        f.grace_activities = false;
        f.approved = approved;
        f.pending = pending;
        f.unit = "CE credits";
        f.paths = status;
        return f;
    }
};

} // namespace

TEST_CASE("Next step: the credit path and the exam path, by the expiry", "[engine][wording]") {
    const TwoPaths p(3000, 1);
    CHECK(wording::next_step(p.facts(State::Active, 5000, 0)) ==
          "earn 30 more CE credits or pass 1 core exam by 2027-05-01");
    // nothing counted yet: not "more"
    CHECK(wording::next_step(p.facts(State::Active, 0, 0)) ==
          "earn 30 CE credits or pass 1 core exam by 2027-05-01");
}

TEST_CASE("Next step: pending claims, enough or not", "[engine][wording]") {
    const TwoPaths p(3000, 1);
    auto f = p.facts(State::Expiring, 5000, 1050);
    // mentioned only when approving them would meet a path (docs/semantics.md §8)
    CHECK(wording::next_step(f) == "earn 30 more CE credits or pass 1 core exam by 2027-05-01");
    f.pending_enough = true;
    CHECK(wording::next_step(f) ==
          "await approval of the pending claims (10.5 CE credits): enough to recertify");
}

TEST_CASE("Next step: a grace period for claims only asks for claims of work done by the expiry",
          "[engine][wording]") {
    const TwoPaths p(3000, 1);
    auto f = p.facts(State::Grace, 5000, 0);
    CHECK(wording::next_step(f) == "claim 30 more CE credits completed by 2027-05-01 or pass 1 "
                                   "core exam, before 2027-06-30 when the grace period ends");
    f.grace_activities = true;
    CHECK(wording::next_step(f) ==
          "earn 30 more CE credits or pass 1 core exam, before 2027-06-30 when the grace period "
          "ends");
}

TEST_CASE("Next step: states that need no path", "[engine][wording]") {
    const TwoPaths p(3000, 1);
    CHECK(wording::next_step(p.facts(State::Lifetime, 0, 0)) ==
          "nothing to do: it does not expire");
    CHECK(wording::next_step(p.facts(State::Expired, 0, 0)) == "earn it again by exam");
    CHECK(wording::next_step(p.facts(State::Pending, 0, 2000)) ==
          "wait for approval of 20 CE credits; it then recertifies retroactively");
    auto f = p.facts(State::Active, 0, 0);
    f.retired = true;
    CHECK(wording::next_step(f) == "retired: cannot be recertified; it lapses after 2027-05-01");
}

TEST_CASE("Reasons: an unclaimed activity until and after its deadline", "[engine][wording]") {
    CHECK(wording::unclaimed(d("2026-07-01"), d("2026-06-30")) ==
          "not claimed yet (submit by 2026-07-01)");
    CHECK(wording::unclaimed(d("2026-07-01"), d("2026-07-01")) ==
          "not claimed yet (submit by 2026-07-01)");
    CHECK(wording::unclaimed(d("2026-07-01"), d("2026-07-02")) ==
          "never claimed (the deadline was 2026-07-01)");
    CHECK(wording::claimed_late(d("2026-03-01"), 400, 365) ==
          "claimed late: submitted 2026-03-01, 400 days after completion (limit 365)");
}

TEST_CASE("Reasons: outside every cycle", "[engine][wording]") {
    using wording::Outside;
    const Date day = d("2025-02-03");
    CHECK(wording::outside(Outside::AfterCycleMet, day, false) ==
          "completed after this cycle was met on 2025-02-03");
    CHECK(
        wording::outside(Outside::AfterCycleMet, day, true)
            .starts_with(
                "completed after this cycle was met on 2025-02-03: the cycle runs to its expiry"));
    CHECK(wording::outside(Outside::AfterLapse, day, false) ==
          "completed after the certification lapsed on 2025-02-03");
    CHECK(wording::outside(Outside::Elsewhere, day, false) == "outside every cycle window");
}

TEST_CASE("Notices carry their code, date and activity", "[engine][wording]") {
    const std::string label =
        wording::activity_label("", "c-1", 1250, "CE credits", d("2026-01-05"));
    CHECK(label == "activity c-1 (12.5 CE credits, completed 2026-01-05)");
    CHECK(wording::activity_label("Lab week", "x", 800, "CEUs", d("2026-01-05")) ==
          "\"Lab week\" (8 CEUs, completed 2026-01-05)");
    const Notice due = wording::claim_deadline(label, d("2027-01-05"), "c-1");
    CHECK(due.code == "claim_deadline");
    CHECK(due.message == "submit the claim for " + label + " by 2027-01-05");
    CHECK(due.date == d("2027-01-05"));
    CHECK(due.activity == "c-1");
    const Notice grace = wording::grace(d("2026-01-01"), d("2026-03-01"), true);
    CHECK(grace.code == "grace");
    CHECK(grace.date == d("2026-03-01"));
    CHECK(grace.message == "expired on 2026-01-01; in the grace period until 2026-03-01: "
                           "activities completed until then still count");
    const Notice retired = wording::retired("CCDA", d("2024-02-24"), std::nullopt);
    CHECK(retired.message == "CCDA was retired on 2024-02-24: it cannot be recertified and stays "
                             "active until its expiry");
}
