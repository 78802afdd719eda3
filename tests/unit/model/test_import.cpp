// What an import does with a record the ledger already has (compare_activity: the same, an update,
// a conflict) and the program in derived ids (docs/formats.md "Ledger file", v1.1 notes).
#include "../helpers.hpp"

#include "input/csv_input.hpp"
#include "model/records.hpp"

#include <string>
#include <vector>

using namespace recert;
using test::all;
using test::d;

namespace {

// Cisco (the default) with ISC2 and CompTIA merged in, as `import` loads them.
const Rules& cisco_isc2_comptia() {
    static const Rules rules = test::merged({"cisco", "isc2", "comptia"});
    return rules;
}

std::vector<Activity> read_activities(const std::string& text, const Rules& rules) {
    CsvReader reader{std::string_view(text), ','};
    CsvInput out;
    read_csv(reader, "claims.csv", rules, nullptr, "Ana Silva", CsvContent::Activities, out);
    INFO(all(out.errors));
    REQUIRE(out.errors.empty());
    return out.activities;
}

Activity claim(ClaimStatus status, std::optional<Date> submitted = std::nullopt,
               std::optional<Date> credited = std::nullopt) {
    Activity a;
    a.id = "portal-17";
    a.holder = "Ana";
    a.date = d("2025-01-10");
    a.credits = 2400;
    a.title = "ENARSI course";
    a.category = "training";
    a.status = status;
    a.submitted = submitted;
    a.credited = credited;
    return a;
}

} // namespace

// --- compare_activity ----------------------------------------------------------------------------

TEST_CASE("A record brought again unchanged is the same record", "[import][compare]") {
    const Activity ledger = claim(ClaimStatus::Pending, d("2025-01-12"));
    CHECK(compare_activity(ledger, ledger).match == RecordMatch::Same);
    // claim dates the incoming record leaves out, a category it leaves out, spaces around the
    // title are no news
    Activity incoming = ledger;
    incoming.submitted.reset();
    incoming.category.clear();
    incoming.title = "  ENARSI course ";
    const ActivityComparison c = compare_activity(ledger, incoming);
    CHECK(c.match == RecordMatch::Same);
    CHECK(c.changes.empty());
}

TEST_CASE("A pending claim brought again approved is an update of its status and credited date",
          "[import][compare]") {
    const Activity ledger = claim(ClaimStatus::Pending, d("2025-01-12"));
    const Activity incoming = claim(ClaimStatus::Approved, d("2025-01-12"), d("2025-03-02"));
    const ActivityComparison c = compare_activity(ledger, incoming);
    REQUIRE(c.match == RecordMatch::Update);
    REQUIRE(c.changes.size() == 2);
    CHECK(c.changes[0].field == "status");
    CHECK(c.changes[0].before == "pending");
    CHECK(c.changes[0].after == "approved");
    CHECK(c.changes[1].field == "credited");
    CHECK(c.changes[1].before.empty());
    CHECK(c.changes[1].after == "2025-03-02");
    CHECK(c.updated.status == ClaimStatus::Approved);
    CHECK(c.updated.credited == d("2025-03-02"));
    CHECK(c.updated.submitted == d("2025-01-12"));
    CHECK(c.updated.id == "portal-17");
    CHECK(c.updated.category == "training"); // the ledger's record, with the news applied
}

TEST_CASE("An unclaimed activity brought again submitted is an update of status and date",
          "[import][compare]") {
    const ActivityComparison c = compare_activity(claim(ClaimStatus::Unclaimed),
                                                  claim(ClaimStatus::Pending, d("2025-02-01")));
    REQUIRE(c.match == RecordMatch::Update);
    REQUIRE(c.changes.size() == 2);
    CHECK(c.changes[1].field == "submitted");
    CHECK(c.updated.submitted == d("2025-02-01"));
    // a submission date alone (the same status) is news too
    const ActivityComparison dates = compare_activity(claim(ClaimStatus::Pending, d("2025-02-01")),
                                                      claim(ClaimStatus::Pending, d("2025-02-03")));
    REQUIRE(dates.match == RecordMatch::Update);
    CHECK(dates.changes.at(0).before == "2025-02-01");
    CHECK(dates.changes.at(0).after == "2025-02-03");
}

TEST_CASE("A claim never goes back to an earlier stage by import", "[import][compare]") {
    const Activity approved = claim(ClaimStatus::Approved, d("2025-01-12"), d("2025-03-02"));
    for (ClaimStatus earlier : {ClaimStatus::Pending, ClaimStatus::Unclaimed}) {
        const ActivityComparison c = compare_activity(approved, claim(earlier, d("2025-01-12")));
        CHECK(c.match == RecordMatch::Conflict);
        CHECK_THAT(c.problem, Catch::Contains("would go back"));
        REQUIRE(c.changes.size() == 1);
        CHECK(c.changes[0].before == "approved");
    }
    CHECK(compare_activity(claim(ClaimStatus::Pending), claim(ClaimStatus::Unclaimed)).match ==
          RecordMatch::Conflict);
    // the program may reverse a decision: approved and rejected are one stage; a rejected claim
    // keeps no credited date
    const ActivityComparison reversed = compare_activity(approved, claim(ClaimStatus::Rejected));
    REQUIRE(reversed.match == RecordMatch::Update);
    CHECK(reversed.updated.status == ClaimStatus::Rejected);
    CHECK_FALSE(reversed.updated.credited);
    REQUIRE(reversed.changes.size() == 2);
    CHECK(reversed.changes[1].field == "credited");
    CHECK(reversed.changes[1].after.empty());
}

TEST_CASE("Other content under the same id is a conflict, whatever the claim says",
          "[import][compare]") {
    const Activity ledger = claim(ClaimStatus::Pending);
    auto conflict = [&](const Activity& incoming, const std::string& field) {
        const ActivityComparison c = compare_activity(ledger, incoming);
        INFO(field);
        CHECK(c.match == RecordMatch::Conflict);
        REQUIRE_FALSE(c.changes.empty());
        CHECK(c.changes[0].field == field);
    };
    Activity a = claim(ClaimStatus::Approved);
    a.title = "ENARSI course, part 2";
    conflict(a, "title");
    a = claim(ClaimStatus::Approved);
    a.credits = 2450;
    conflict(a, "credits");
    a = claim(ClaimStatus::Approved);
    a.date = d("2025-01-11");
    conflict(a, "date");
    a = claim(ClaimStatus::Approved);
    a.holder = "Bo";
    conflict(a, "holder");
    a = claim(ClaimStatus::Approved);
    a.category = "event";
    conflict(a, "category");
    a = claim(ClaimStatus::Approved);
    a.program = "isc2";
    Activity named = ledger;
    named.program = "comptia";
    CHECK(compare_activity(named, a).match == RecordMatch::Conflict);
}

TEST_CASE("Claim dates that would end up out of order are a conflict", "[import][compare]") {
    // the ledger knows the credited date, the import a later submission
    const Activity ledger = claim(ClaimStatus::Approved, std::nullopt, d("2025-02-01"));
    const ActivityComparison c =
        compare_activity(ledger, claim(ClaimStatus::Approved, d("2025-02-10")));
    CHECK(c.match == RecordMatch::Conflict);
    CHECK_THAT(c.problem, Catch::Contains("before its submission 2025-02-10"));
}

// --- the program in derived ids ------------------------------------------------------------------

TEST_CASE("A derived id without a program is the one derived before programs counted",
          "[import][ids]") {
    // c-284f7cd1489bbe71: the id of this row in the golden case
    // import-same-file-twice-skips-duplicates, derived before the program was part of ids
    const auto acts = read_activities("date,kind,credits,title,category,status,submitted\n"
                                      "2024-03-01,ce,16,ENCOR e-learning,training,approved,"
                                      "2024-03-05\n",
                                      cisco_isc2_comptia());
    REQUIRE(acts.size() == 1);
    CHECK(acts[0].id == "c-284f7cd1489bbe71");
    CHECK_FALSE(acts[0].program_named);
    Activity a;
    a.holder = "Ana Silva";
    a.date = d("2024-03-01");
    a.credits = 1600;
    a.title = "ENCOR e-learning";
    CHECK(derive_activity_id(a) == "c-284f7cd1489bbe71");
    // a program found from the category, not named by the record, leaves the id as it was
    a.program = "isc2";
    CHECK(derive_activity_id(a) == "c-284f7cd1489bbe71");
    const auto implied = read_activities("date,credits,title,category\n"
                                         "2024-03-01,16,ENCOR e-learning,group-a\n",
                                         cisco_isc2_comptia());
    CHECK(implied.at(0).program == "isc2");
    CHECK(implied.at(0).id == "c-284f7cd1489bbe71");
}

TEST_CASE("One activity claimed with two named programs is two records", "[import][ids]") {
    const auto acts = read_activities("date,credits,title,program\n"
                                      "2025-04-28,8,RSA Conference,isc2\n"
                                      "2025-04-28,8,RSA Conference,comptia\n"
                                      "2025-04-28,8,RSA Conference,ISC2\n"
                                      "2025-04-28,8,RSA Conference,\n",
                                      cisco_isc2_comptia());
    REQUIRE(acts.size() == 4);
    CHECK(acts[0].id != acts[1].id);
    CHECK(acts[0].id == acts[2].id); // the program's id, however it is spelled
    CHECK(acts[3].id != acts[0].id);
    CHECK(acts[3].id != acts[1].id);
    for (const Activity& a : acts) {
        INFO(a.program);
        CHECK(a.program_named == !a.program.empty());
        CHECK(a.id == derive_activity_id(a)); // the CSV reading and the public function agree
    }
    // the ledger derives the same id for the record it names the program of
    Activity a = acts[0];
    a.id.clear();
    CHECK(derive_activity_id(a) == acts[0].id);
}
