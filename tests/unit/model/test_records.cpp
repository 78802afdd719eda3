// The checks of one record that every input shares (model/records): names matched ignoring case
// and stored as the rules spell them, exams by code or name, "did you mean" for close names, and
// the program of an activity that `add` records (docs/semantics.md §9).
#include "../helpers.hpp"

#include "model/records.hpp"

#include <stdexcept>
#include <string>
#include <vector>

using namespace recert;
using test::all;

namespace {

// Cisco (the default, 0) with ISC2 (1), CompTIA (2) and PMI (3) merged in, as `add` loads them.
const Rules& four_programs() {
    static const Rules rules = test::merged({"cisco", "isc2", "comptia", "pmi"});
    return rules;
}

struct Problem {
    std::string field, message, hint;
};

// program_for_new_activity for a CE activity of `category` (or an exam), with the problems it
// reports.
struct Choice {
    std::size_t program;
    std::vector<Problem> problems;
};
Choice choose(std::vector<std::size_t> held, std::string_view category,
              ActivityKind kind = ActivityKind::CE, std::string_view exam = "",
              std::size_t given = Rules::kAny) {
    Choice c{0, {}};
    c.program = program_for_new_activity(
        four_programs(), given, held, "Marco", kind, category, exam, "",
        [&](std::string_view field, std::string message, std::string hint) {
            c.problems.push_back({std::string(field), std::move(message), std::move(hint)});
        });
    return c;
}

std::optional<CheckedActivity> check(ActivityFields f, std::vector<Problem>& problems) {
    return check_activity(
        f, four_programs(), "Ana",
        [&](std::string_view field, std::string message, std::string hint) {
            problems.push_back({std::string(field), std::move(message), std::move(hint)});
        });
}

} // namespace

TEST_CASE("The program of a new activity is the holder's, never guessed from another program's "
          "category",
          "[records][program]") {
    constexpr std::size_t cisco = 0, isc2 = 1, comptia = 2, pmi = 3;
    SECTION("one program held: it, with or without a category of it") {
        CHECK(choose({cisco}, "training").program == cisco);
        CHECK(choose({cisco, cisco}, "").program == cisco);
        CHECK(choose({isc2}, "").program == isc2);
        CHECK(choose({pmi}, "Education").program == pmi); // names ignore case
    }
    SECTION("a category of another program is an error naming the holder's program") {
        const Choice c = choose({cisco}, "education");
        CHECK(c.program == Rules::kAny);
        REQUIRE(c.problems.size() == 1);
        CHECK(c.problems[0].field == "category");
        CHECK(c.problems[0].message == "\"education\" is a category of pmi, not of cisco (the "
                                       "program of Marco's certifications)");
        CHECK(c.problems[0].hint == "cisco's categories: training, event, authoring, other; or "
                                    "give --program pmi to record it for pmi");
    }
    SECTION("several programs held: the one the category belongs to") {
        CHECK(choose({cisco, isc2}, "group-a").program == isc2);
        CHECK(choose({cisco, isc2}, "training").program == cisco);
        const Choice none = choose({cisco, isc2}, "");
        CHECK(none.program == Rules::kAny);
        REQUIRE(none.problems.size() == 1);
        CHECK(none.problems[0].field == "program");
        CHECK(none.problems[0].hint ==
              "give --program cisco or --program isc2, or a category of one of them");
    }
    SECTION("no certification yet: the program in force stands for the holder's") {
        CHECK(choose({}, "").program == cisco);
        CHECK(choose({}, "event").program == cisco);
        const Choice c = choose({}, "group-b");
        REQUIRE(c.problems.size() == 1);
        CHECK_THAT(c.problems[0].message,
                   Catch::Contains("(the program in force; Marco holds no certification yet)"));
    }
    SECTION("a program the user names is taken as it is") {
        const Choice c = choose({cisco}, "education", ActivityKind::CE, "", pmi);
        CHECK(c.program == pmi);
        CHECK(c.problems.empty());
    }
    SECTION("a name no program knows is left to the record's check, in the holder's program") {
        const Choice c = choose({comptia}, "nosuch");
        CHECK(c.program == comptia);
        CHECK(c.problems.empty());
    }
    SECTION("an exam: the program of its catalog, which must be the holder's") {
        CHECK(choose({cisco}, "", ActivityKind::Exam, "ENARSI").program == cisco);
        const Choice c = choose({cisco}, "", ActivityKind::Exam, "sy0-701");
        CHECK(c.program == Rules::kAny);
        REQUIRE(c.problems.size() == 1);
        CHECK(c.problems[0].field == "exam");
        CHECK(c.problems[0].hint == "give --program comptia to record it for comptia");
    }
}

TEST_CASE("Categories and exams are matched ignoring case and stored as the rules spell them",
          "[records]") {
    std::vector<Problem> problems;
    ActivityFields ce;
    ce.date = "2024-03-01";
    ce.credits = "5";
    ce.category = "TRAINING";
    auto a = check(ce, problems);
    REQUIRE(a);
    CHECK(a->category == "training");

    ActivityFields exam;
    exam.date = "2024-03-01";
    exam.kind = "exam";
    for (std::string_view given : {"300-410", "enarsi", "ENARSI"}) {
        CAPTURE(given);
        exam.exam = given;
        auto e = check(exam, problems);
        REQUIRE(e);
        CHECK(e->exam == "300-410");
        CHECK(e->exam_kind == "concentration");
    }
    CHECK(problems.empty());
}

TEST_CASE("A close name is suggested; the way to record an exam outside the catalog only when "
          "none is close",
          "[records]") {
    auto problems_of = [](ActivityFields f) {
        std::vector<Problem> problems;
        CHECK_FALSE(check(f, problems));
        return problems;
    };
    ActivityFields exam;
    exam.date = "2024-03-01";
    exam.kind = "exam";
    exam.exam = "300-41O"; // the letter O
    auto p = problems_of(exam);
    REQUIRE(p.size() == 1);
    CHECK(p[0].message == "unknown exam code \"300-41O\"");
    CHECK(p[0].hint == "did you mean 300-410 (ENARSI)?");
    exam.exam = "ENARS";
    p = problems_of(exam);
    REQUIRE(p.size() == 1);
    CHECK(p[0].hint == "did you mean 300-410 (ENARSI)?");
    exam.exam = "999-999";
    p = problems_of(exam);
    REQUIRE(p.size() == 1);
    CHECK_THAT(p[0].hint, Catch::StartsWith("give \"exam_kind\""));

    ActivityFields ce;
    ce.date = "2024-03-01";
    ce.credits = "5";
    ce.category = "trainnig";
    p = problems_of(ce);
    REQUIRE(p.size() == 1);
    CHECK(p[0].hint == "did you mean training?");
    ce.category = "group-a";
    ce.program = "cisco";
    p = problems_of(ce);
    REQUIRE(p.size() == 1);
    CHECK(p[0].hint == "\"group-a\" is a category of isc2; cisco's categories: training, event, "
                       "authoring, other");

    CHECK(certification_hint(four_programs(), "ccnx") == "did you mean ccna?");
    CHECK(certification_hint(four_programs(), "zzzz") ==
          "use an id, name or alias from `recert rules show`");
}

TEST_CASE("Names are close within two edits, O read as 0", "[records][diagnostic]") {
    CHECK(name_distance("300-41O", "300-410") == 0);
    CHECK(name_distance("ENARSI", "enarsi") == 0);
    CHECK(is_close("trainig", "training"));
    CHECK_FALSE(is_close("ab", "xy"));     // two edits of two letters
    CHECK_FALSE(is_close("gym", "event")); // too far
    CHECK(or_list({}) == "");
    CHECK(or_list({"a"}) == "a");
    CHECK(or_list({"a", "b", "c"}) == "a, b or c");
}
