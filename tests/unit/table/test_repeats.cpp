// Records given twice (the ledger and CSV files together, a file that repeats a row, an import):
// one rule each for activities (ActivityTable::mark_repeats: the same id) and certifications
// (drop_repeated_certifications: the same holder, certification and earned date). These rules used
// to have copies (a list of activities by id string, sets of certification keys, the engine's own
// dropping); the tests hold the rules to what those copies did, and to the engine.
#include "../helpers.hpp"

#include "engine/team.hpp"
#include "input/csv_input.hpp"
#include "model/records.hpp"
#include "table/activity_table.hpp"

#include <set>
#include <string>
#include <vector>

using namespace recert;
using test::d;

namespace {

Activity ce(const std::string& holder, const char* date, Centi credits, const std::string& title,
            const std::string& id = "") {
    Activity a;
    a.holder = holder;
    a.date = d(date);
    a.credits = credits;
    a.title = title;
    a.id = id.empty() ? derive_activity_id(a) : id;
    return a;
}

// The rule as a list of activities states it: an id seen before is a repeat.
std::vector<bool> repeated_ids(const std::vector<Activity>& v) {
    std::set<std::string> seen;
    std::vector<bool> out;
    for (const Activity& a : v) out.push_back(!seen.insert(a.id).second);
    return out;
}

// Everything a report says of a certification's standing.
std::vector<std::string> standing(const Report& r) {
    std::vector<std::string> out;
    for (const CertReport& c : r.certifications)
        out.push_back(c.holder + " " + std::to_string(c.cert) + " " +
                      std::string(to_string(c.state)) + " " + test::ds(c.expires) + " " +
                      std::to_string(c.approved) + " " + std::to_string(c.pending) + " " +
                      test::ds(c.last_recertified) + " " + c.next_step);
    return out;
}

} // namespace

TEST_CASE("An activity id given twice counts once, as the id strings compare, whatever its form",
          "[repeats]") {
    const Activity a = ce("Ana", "2024-02-01", 1000, "Lab");
    const std::string hex = a.id.substr(2);
    Ledger l;
    l.activities = {
        ce("Ana", "2024-01-01", 500, "", "x1"),
        ce("Ana", "2024-01-02", 500, "", "x1"),  // the same given id, another record
        ce("Ana", "2024-01-01", 500, "", "X1"),  // ids are compared as written
        ce("Ana", "2024-01-01", 500, "", "x1 "), // (a ledger or CSV cell is trimmed before)
        a,
        ce("Ana", "2024-02-01", 1000, "Lab"),          // the same content: the same derived id
        ce("Ana", "2024-02-01", 1000, "Lab 2"),        // other content, another id
        ce("Ana", "2024-02-01", 1000, "", "e-" + hex), // "e-" is not "c-"
        ce("Bo", "2024-03-01", 200, "", a.id),         // a's id given to another record
        ce("Ana", "2024-05-01", 100, "", "c-0123456789abcdef"),
        ce("Bo", "2024-06-01", 100, "", "c-0123456789abcdef"), // derived form, given twice
        ce("Bo", "2024-06-01", 100, "", "c-0123456789ABCDEF"), // not the derived form: text
        ce("Bo", "2024-06-01", 100, "", "C-0123456789ABCDEF"),
        ce("Bo", "2024-06-01", 100, "", "C-0123456789ABCDEF"),
    };
    const std::vector<bool> want = repeated_ids(l.activities);
    ActivityTable t = ActivityTable::from_ledger(l, test::cisco());
    std::size_t repeats = 0;
    for (std::size_t i = 0; i < l.activities.size(); ++i) {
        CAPTURE(i, l.activities[i].id);
        CHECK(t.repeat(i) == want[i]);
        repeats += want[i];
    }
    CHECK(repeats == 5);
    CHECK(t.mark_repeats() == repeats); // again: the same marks
    for (std::size_t i = 0; i < l.activities.size(); ++i) CHECK(t.repeat(i) == want[i]);
}

// `status` and `check` leave repeats in the table (marked, or for rows read without their text,
// dropped by the engine on the holder's day); `explain`, `activities` and `export` drop them from
// the records they list. Either way a report must be the one of the activities without repeats.
TEST_CASE("Repeats in the ledger and a CSV file read into a table count as if dropped first",
          "[repeats]") {
    const Ledger ledger = test::ledger(
        R"([{"id": "ccna", "earned": "2023-01-01"},
            {"id": "ccna", "holder": "Bo", "earned": "2023-01-01"}])",
        R"([{"id": "t1", "date": "2024-01-01", "credits": 15},
            {"date": "2024-02-01", "credits": 10, "title": "Lab"}])");
    // Without the repeats Ana has 29 credits and Bo 20: neither is recertified, as either would
    // be if any repeat counted.
    const std::string csv = "id,holder,date,credits,status,title\n"
                            "t1,Ana,2024-03-01,15,,\n"  // t1 again, on another day
                            ",Ana,2024-02-01,10,,Lab\n" // the ledger's record again
                            ",Ana,2024-02-01,10,,Lab\n"
                            ",Ana,2024-04-01,4,,Other\n"
                            ",Ana,2024-05-01,3,unclaimed,Claim\n" // kept with its text
                            ",Ana,2024-05-01,3,unclaimed,Claim\n"
                            "u1,Bo,2024-01-05,20,,x\n"
                            "u1,Bo,2024-01-05,20,,x\n" // the same record twice in one file
                            "c-0123456789abcdef,Bo,2024-06-01,5,pending,\n"
                            "c-0123456789abcdef,Bo,2024-06-01,5,pending,\n";
    const EvalOptions opt{d("2025-06-01"), false};

    // as status reads: the ledger's table, the file's rows added to it, repeats marked
    ActivityTable table = ActivityTable::from_ledger(ledger, test::cisco());
    CsvInput in;
    in.table = &table;
    CsvReader reader{std::string_view(csv)};
    read_csv(reader, "a.csv", test::cisco(), nullptr, ledger.holder, CsvContent::Activities, in);
    REQUIRE(in.errors.empty());
    table.mark_repeats();
    const Report left_in = evaluate(test::cisco(), ledger.certifications, table, opt);

    // the reference: every activity as a record, those with an id seen before dropped
    CsvInput records;
    CsvReader again{std::string_view(csv)};
    read_csv(again, "a.csv", test::cisco(), nullptr, ledger.holder, CsvContent::Activities,
             records);
    REQUIRE(records.errors.empty());
    Ledger all = ledger;
    for (const Activity& a : records.activities) all.activities.push_back(a);
    const std::vector<bool> repeat = repeated_ids(all.activities);
    Ledger dropped = ledger;
    dropped.activities.clear();
    for (std::size_t i = 0; i < all.activities.size(); ++i)
        if (!repeat[i]) dropped.activities.push_back(all.activities[i]);
    REQUIRE(dropped.activities.size() == 6);
    const Report first = evaluate(test::cisco(), dropped, opt);

    CHECK(standing(left_in) == standing(first));
    REQUIRE(first.certifications.size() == 2);
    CHECK(first.certifications[0].approved == 2900);
    CHECK(first.certifications[1].approved == 2000);
    // and the table of every record marks exactly the ones dropped
    const ActivityTable marked = ActivityTable::from_ledger(all, test::cisco());
    for (std::size_t i = 0; i < all.activities.size(); ++i) CHECK(marked.repeat(i) == repeat[i]);
}

TEST_CASE("A certification given twice is one record, the first one, in any order of holders",
          "[repeats]") {
    auto held = [](const std::string& holder, std::uint32_t cert, const char* earned,
                   std::optional<Date> expires = std::nullopt) {
        return HeldCertification{holder, cert, d(earned), expires};
    };
    // the rule as a set of keys states it
    auto reference = [](const std::vector<HeldCertification>& v) {
        std::set<std::tuple<std::string, std::uint32_t, std::int32_t>> seen;
        std::vector<HeldCertification> out;
        for (const auto& h : v)
            if (seen.insert({h.holder, h.cert, h.earned.days}).second) out.push_back(h);
        return out;
    };
    std::vector<std::vector<HeldCertification>> cases{
        {},
        {held("Ana", 1, "2020-01-01")},
        // in holder order, no repeat (the usual team file)
        {held("Ana", 1, "2020-01-01"), held("Ana", 2, "2020-01-01"), held("Ana", 1, "2021-01-01"),
         held("Bo", 1, "2020-01-01")},
        // in holder order, a repeat in a holder's run, with another expiry (the first one wins)
        {held("Ana", 1, "2020-01-01", d("2023-01-01")), held("Ana", 2, "2020-01-01"),
         held("Ana", 1, "2020-01-01", d("2024-01-01")), held("Bo", 1, "2020-01-01")},
        // not in holder order: the repeat is far from the first
        {held("Bo", 1, "2020-01-01"), held("Ana", 1, "2020-01-01"), held("Bo", 1, "2020-01-01")},
        // the same certification and date for two holders is two records
        {held("Ana", 1, "2020-01-01"), held("Bo", 1, "2020-01-01"), held("Bo", 2, "2020-01-01")},
    };
    // one holder with a long run (more than the quick check looks at), a repeat at its end
    std::vector<HeldCertification> run;
    for (int i = 0; i < 40; ++i)
        run.push_back(
            held("Ana", static_cast<std::uint32_t>(i % 20), i < 20 ? "2020-01-01" : "2021-01-01"));
    run.push_back(held("Ana", 3, "2020-01-01"));
    cases.push_back(run);
    for (const auto& c : cases) {
        CAPTURE(c.size());
        std::vector<HeldCertification> v = c;
        drop_repeated_certifications(v);
        const auto want = reference(c);
        REQUIRE(v.size() == want.size());
        for (std::size_t i = 0; i < v.size(); ++i) {
            CHECK(v[i].holder == want[i].holder);
            CHECK(v[i].cert == want[i].cert);
            CHECK(v[i].earned == want[i].earned);
            CHECK(v[i].expires == want[i].expires);
        }
    }
}

// The engine (HolderEval) also drops a holder's certification given twice, the first one given:
// with the rule applied first, or left to the engine, the report is the same.
TEST_CASE("The engine reports certifications given twice as drop_repeated_certifications leaves "
          "them",
          "[repeats]") {
    const auto& rules = test::cisco();
    auto id = [&](const char* name) {
        return static_cast<std::uint32_t>(rules.find_certification(name) -
                                          rules.certifications.data());
    };
    const std::vector<HeldCertification> given{
        {"Bo", id("ccna"), d("2022-01-01"), d("2025-03-01")},
        {"Ana", id("ccna"), d("2021-06-01"), std::nullopt},
        {"Bo", id("ccna"), d("2022-01-01"), std::nullopt}, // a repeat: Bo's expiry stays
        {"Ana", id("ccnp-enterprise"), d("2021-06-01"), std::nullopt},
        {"Ana", id("ccna"), d("2021-06-01"), d("2030-01-01")}, // a repeat
    };
    std::vector<HeldCertification> dropped = given;
    drop_repeated_certifications(dropped);
    REQUIRE(dropped.size() == 3);
    const ActivityTable none;
    const EvalOptions opt{d("2024-06-01"), false};
    CHECK(standing(evaluate(rules, given, none, opt)) ==
          standing(evaluate(rules, dropped, none, opt)));
}
