// A claim's life (docs/semantics.md §5): ids and id prefixes, and the steps unclaimed → pending →
// approved or rejected, dates never going backwards.
#include "../helpers.hpp"

#include "model/claims.hpp"

using namespace recert;
using test::d;

namespace {

Activity ce(const char* id, const char* date, ClaimStatus status,
            std::optional<Date> submitted = std::nullopt) {
    Activity a;
    a.id = id;
    a.date = d(date);
    a.credits = 800;
    a.status = status;
    a.submitted = submitted;
    return a;
}

std::vector<Activity> some() {
    return {ce("course-a", "2025-03-01", ClaimStatus::Unclaimed),
            ce("course-b", "2025-05-10", ClaimStatus::Unclaimed),
            ce("c-fd3d35c6a72bc635", "2025-06-01", ClaimStatus::Pending, d("2025-06-02")),
            ce("web", "2025-07-01", ClaimStatus::Unclaimed),
            ce("webinar", "2025-07-02", ClaimStatus::Unclaimed)};
}

} // namespace

TEST_CASE("an id is found whole or by any unambiguous prefix", "[claims]") {
    const auto acts = some();
    CHECK(find_activity_id(acts, "course-b").index == 1u);
    CHECK(find_activity_id(acts, "c-f").index == 2u);
    CHECK(find_activity_id(acts, "c-").index == 2u);
    CHECK(!find_activity_id(acts, "c").index); // course-a, course-b and c-fd… start with "c"
}

TEST_CASE("an exact id wins over the longer ids it starts", "[claims]") {
    const auto acts = some();
    CHECK(find_activity_id(acts, "web").index == 3u);
    CHECK(find_activity_id(acts, "webi").index == 4u);
}

TEST_CASE("an ambiguous prefix lists every candidate", "[claims]") {
    const auto r = find_activity_id(some(), "course");
    REQUIRE(r.error);
    CHECK(!r.index);
    CHECK(r.error->message.find("ambiguous") != std::string::npos);
    CHECK(r.error->hint.find("course-a") != std::string::npos);
    CHECK(r.error->hint.find("course-b") != std::string::npos);
}

TEST_CASE("an unknown id suggests the closest id only when it is close", "[claims]") {
    const auto typo = find_activity_id(some(), "cuorse-a");
    REQUIRE(typo.error);
    CHECK(typo.error->hint.find("did you mean course-a") != std::string::npos);
    const auto far = find_activity_id(some(), "zzz-nothing");
    REQUIRE(far.error);
    CHECK(far.error->hint.find("did you mean") == std::string::npos);
}

TEST_CASE("ids resolve each record once and report every problem", "[claims]") {
    Diagnostics errors;
    const auto found =
        resolve_activity_ids(some(), {"course-a", "course-a", "nope", "course"}, errors);
    CHECK(found == std::vector<std::size_t>{0});
    CHECK(errors.size() == 2);
}

TEST_CASE("claim, then approve: submitted and credited dates", "[claims]") {
    Activity a = ce("x", "2025-03-01", ClaimStatus::Unclaimed);
    REQUIRE(!take_claim_step(a, ClaimStep::Claim, d("2025-04-01"), d("2025-05-01")));
    CHECK(a.status == ClaimStatus::Pending);
    CHECK(a.submitted == d("2025-04-01"));
    REQUIRE(!take_claim_step(a, ClaimStep::Approve, d("2025-04-20"), d("2025-05-01")));
    CHECK(a.status == ClaimStatus::Approved);
    CHECK(a.submitted == d("2025-04-01"));
    CHECK(a.credited == d("2025-04-20"));
}

TEST_CASE("an unclaimed claim approved or rejected is submitted that same day", "[claims]") {
    Activity a = ce("x", "2025-03-01", ClaimStatus::Unclaimed);
    REQUIRE(!take_claim_step(a, ClaimStep::Approve, d("2025-04-01"), d("2025-05-01")));
    CHECK(a.submitted == d("2025-04-01"));
    CHECK(a.credited == d("2025-04-01"));
    Activity b = ce("y", "2025-03-01", ClaimStatus::Unclaimed);
    REQUIRE(!take_claim_step(b, ClaimStep::Reject, d("2025-04-01"), d("2025-05-01")));
    CHECK(b.status == ClaimStatus::Rejected);
    CHECK(b.submitted == d("2025-04-01"));
    CHECK(!b.credited);
}

TEST_CASE("a pending claim without a submitted date keeps none when approved", "[claims]") {
    Activity a = ce("x", "2025-03-01", ClaimStatus::Pending);
    REQUIRE(!take_claim_step(a, ClaimStep::Approve, d("2025-04-01"), d("2025-05-01")));
    CHECK(!a.submitted);
    CHECK(a.credited == d("2025-04-01"));
}

TEST_CASE("claim dates never go backwards and are never in the future", "[claims]") {
    const Activity pending = ce("x", "2025-03-01", ClaimStatus::Pending, d("2025-03-10"));
    Activity a = pending;
    CHECK(take_claim_step(a, ClaimStep::Approve, d("2025-03-09"), d("2025-05-01")));
    CHECK(take_claim_step(a, ClaimStep::Reject, d("2025-02-28"), d("2025-05-01")));
    CHECK(take_claim_step(a, ClaimStep::Approve, d("2025-05-02"), d("2025-05-01")));
    CHECK(a.status == ClaimStatus::Pending); // unchanged by every refusal
    CHECK(a.submitted == pending.submitted);
    CHECK(!a.credited);
    Activity u = ce("y", "2025-03-01", ClaimStatus::Unclaimed);
    CHECK(take_claim_step(u, ClaimStep::Claim, d("2025-02-28"), d("2025-05-01")));
    CHECK(!take_claim_step(u, ClaimStep::Claim, d("2025-03-01"), d("2025-05-01")));
}

TEST_CASE("a claim only moves forward, and an exam is no claim", "[claims]") {
    Activity approved = ce("x", "2025-03-01", ClaimStatus::Approved);
    CHECK(take_claim_step(approved, ClaimStep::Claim, d("2025-04-01"), d("2025-05-01")));
    CHECK(take_claim_step(approved, ClaimStep::Reject, d("2025-04-01"), d("2025-05-01")));
    Activity pending = ce("y", "2025-03-01", ClaimStatus::Pending);
    CHECK(take_claim_step(pending, ClaimStep::Claim, d("2025-04-01"), d("2025-05-01")));
    Activity exam = ce("e", "2025-03-01", ClaimStatus::Approved);
    exam.kind = ActivityKind::Exam;
    CHECK(take_claim_step(exam, ClaimStep::Approve, d("2025-04-01"), d("2025-05-01")));
}
