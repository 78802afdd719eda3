// What a `recert-map/1` mapping does to rows beyond naming columns (docs/formats.md "Import
// mapping"): "skip" drops rows by a column's values and counts them in a note, "derive" takes a
// field from another column through a value map, one mapping serves an activities file and a
// certifications file, and a header that fits nothing says its likely cause.
#include "../helpers.hpp"

#include "input/csv_input.hpp"

#include <string>
#include <vector>

using namespace recert;
using test::all;
using test::cisco;
using test::d;

namespace {

ImportMap mapping_of(const std::string& json) {
    auto res = load_map(json, "map.json");
    INFO(all(res.errors));
    REQUIRE(res.ok());
    return *res.value;
}

Diagnostics mapping_errors(const std::string& json) {
    auto res = load_map(json, "map.json");
    CHECK_FALSE(res.ok());
    return res.errors;
}

CsvInput read_mapped(const std::string& text, const ImportMap* map,
                     CsvContent content = CsvContent::Activities) {
    CsvReader reader(std::string_view(text), map ? map->delimiter : ',');
    CsvInput out;
    read_csv(reader, "hr.csv", cisco(), map, "Ana", content, out);
    return out;
}

const ImportMap& hr_map() {
    static const ImportMap m = mapping_of(R"({ "schema": "recert-map/1",
      "columns": { "holder": "Employee", "date": "Completed", "credits": "Hours",
                   "exam": "Exam Code", "certification": "Credential", "earned": "Issued" },
      "date_format": "%m/%d/%Y",
      "skip": { "Vendor": ["AWS", " microsoft "], "State": ["Retired"] },
      "derive": { "kind": { "from": "Type", "values": { "Exam": "exam", "Course": "ce" } },
                  "category": { "from": "Type", "values": { "Course": "training",
                                                            "Exam": "training" } } } })");
    return m;
}

} // namespace

TEST_CASE("load_map: skip, derive and encoding", "[mapping]") {
    const ImportMap& m = hr_map();
    REQUIRE(m.skip.size() == 2);
    CHECK(m.skip[0].column == "Vendor");
    CHECK(m.skip[0].values == std::vector<std::string>{"AWS", " microsoft "});
    CHECK(m.skip[1].column == "State");
    REQUIRE(m.derive.size() == 2);
    CHECK(m.derive[0].field == "kind");
    CHECK(m.derive[0].index == input::kKind);
    CHECK(m.derive[0].from == "Type");
    CHECK(m.derive[0].values.front() == std::pair<std::string, std::string>{"Exam", "exam"});
    CHECK(m.encoding.empty());
    CHECK(mapping_of(R"({"schema": "recert-map/1", "encoding": "Windows-1252"})").encoding ==
          "windows-1252");
    CHECK(mapping_of(R"({"schema": "recert-map/1", "encoding": "utf-8"})").encoding.empty());

    SECTION("errors, every one reported") {
        const auto e = mapping_errors(R"({"schema": "recert-map/1",
          "skip": { "Vendor": [], "State": "Retired", "Kind": ["x", 1] },
          "derive": { "kinds": { "from": "Type", "values": {} },
                      "status": { "from": "Type" },
                      "exam": { "form": "Type", "values": { "A": "1" } } },
          "encoding": "utf16" })");
        CHECK_THAT(all(e), Catch::Contains("/skip/Vendor") && Catch::Contains("/skip/State") &&
                               Catch::Contains("/skip/Kind/1") &&
                               Catch::Contains("unknown field \"kinds\"") &&
                               Catch::Contains("missing required key \"values\"") &&
                               Catch::Contains("unknown key \"form\"") &&
                               Catch::Contains("unknown encoding \"utf16\""));
        CHECK(e.back().hint == "did you mean \"utf-16\"?");
    }
    SECTION("a field from two sources") {
        auto e = mapping_errors(R"({"schema": "recert-map/1", "columns": {"kind": "Kind"},
          "derive": { "kind": { "from": "Type", "values": { "Exam": "exam" } } } })");
        REQUIRE(e.size() == 1);
        CHECK(e[0].pointer == "/derive/kind");
        CHECK_THAT(e[0].message, Catch::Contains("also in \"columns\""));
        e = mapping_errors(R"({"schema": "recert-map/1", "values": {"kind": {"E": "exam"}},
          "derive": { "kind": { "from": "Type", "values": { "Exam": "exam" } } } })");
        REQUIRE(e.size() == 1);
        CHECK_THAT(e[0].message, Catch::Contains("also in \"values\""));
    }
    SECTION("an encoding that is not close to a known one lists them") {
        const auto e = mapping_errors(R"({"schema": "recert-map/1", "encoding": "ebcdic"})");
        REQUIRE(e.size() == 1);
        CHECK_THAT(e[0].hint, Catch::Contains("windows-1252") && Catch::Contains("iso-8859-1"));
    }
}

TEST_CASE("mapping: skip drops rows by a column's values and counts them", "[mapping]") {
    const auto in = read_mapped("Employee,Vendor,Type,Completed,Hours,Exam Code,State\n"
                                "Ana,Cisco,Course,05/01/2024,8,,\n"
                                "Ana,AWS,Exam,05/02/2024,,SAA-C03,\n"       // not a Cisco exam
                                "Bo, Microsoft ,Exam,05/03/2024,,AZ-900,\n" // blanks, case
                                "Bo,aws,Course,not a date,8,,\n"            // skipped unread
                                "Bo,Cisco,Course,05/04/2024,4,,retired\n"   // second column
                                "Bo,Cisco,Exam,05/05/2024,,350-401,\n",
                                &hr_map());
    INFO(all(in.errors));
    CHECK(in.errors.empty());
    CHECK(in.rows == 6);
    REQUIRE(in.activities.size() == 2);
    CHECK(in.activities[0].holder == "Ana");
    CHECK(in.activities[1].exam == "350-401");
    REQUIRE(in.notices.size() == 1);
    CHECK(in.notices[0] == "hr.csv: skipped 4 rows by the mapping's \"skip\" (Vendor: AWS 2, "
                           "microsoft 1; State: Retired 1)");

    SECTION("nothing skipped: no note") {
        const auto none = read_mapped("Employee,Vendor,Type,Completed,Hours,Exam Code,State\n"
                                      "Ana,Cisco,Course,05/01/2024,8,,\n",
                                      &hr_map());
        CHECK(none.notices.empty());
    }
    SECTION("a skip column the file lacks: a note, no error") {
        const auto lacks = read_mapped("Employee,Type,Completed,Hours,Exam Code\n"
                                       "Ana,Course,05/01/2024,8,\n",
                                       &hr_map());
        INFO(all(lacks.errors));
        CHECK(lacks.errors.empty());
        CHECK(lacks.activities.size() == 1);
        CHECK(lacks.notices == std::vector<std::string>{
                                   "hr.csv:1: the mapping's \"skip\" names column \"Vendor\", "
                                   "which the header lacks: no rows are skipped by it",
                                   "hr.csv:1: the mapping's \"skip\" names column \"State\", which "
                                   "the header lacks: no rows are skipped by it"});
    }
    SECTION("a ragged row is an error even when it would be skipped") {
        const auto ragged = read_mapped("Employee,Vendor,Type,Completed,Hours,Exam Code,State\n"
                                        "Ana,AWS,Course\n",
                                        &hr_map());
        REQUIRE(ragged.errors.size() == 1);
        CHECK_THAT(ragged.errors[0].message, Catch::Contains("3 fields"));
    }
}

TEST_CASE("mapping: derive takes a field from another column through a value map", "[mapping]") {
    const auto in = read_mapped("Employee,Type,Completed,Hours,Exam Code\n"
                                "Ana,Course,05/01/2024,8,\n"
                                "Ana,EXAM,05/02/2024,,350-401\n"   // any case
                                "Ana,,05/03/2024,2,\n"             // empty: the usual default
                                "Ana,Webinar,05/04/2024,1,\n"      // not in the map
                                "Ana,Exams,05/05/2024,,300-410\n", // close to a value
                                &hr_map());
    REQUIRE(in.activities.size() == 3);
    CHECK(in.activities[0].kind == ActivityKind::CE);
    CHECK(in.activities[0].category == "training"); // two fields from one column
    CHECK(in.activities[1].kind == ActivityKind::Exam);
    CHECK(in.activities[1].date == d("2024-05-02"));
    CHECK(in.activities[2].kind == ActivityKind::CE);
    CHECK(in.activities[2].category.empty());
    INFO(all(in.errors));
    // the Type column serves the mapping: only the skip columns the file lacks are noted
    CHECK(in.notices.size() == 2);
    INFO(all(in.errors));
    REQUIRE(in.errors.size() == 4); // each derived field of the two rows
    CHECK(in.errors[0].line == 5);
    CHECK(in.errors[0].column == 5);
    CHECK(in.errors[0].message == "\"Webinar\" in column \"Type\" is not one of the mapping's "
                                  "values for kind: Exam or Course");
    CHECK_THAT(in.errors[0].hint, Catch::Contains("add it to \"derive\" for kind"));
    CHECK(in.errors[2].line == 6);
    CHECK(in.errors[2].hint == "did you mean \"Exam\"?");

    SECTION("the derived field's own checks apply to the value it maps to") {
        const ImportMap m = mapping_of(R"({ "schema": "recert-map/1",
          "derive": { "status": { "from": "Approval", "values": { "OK": "aproved" } } } })");
        const auto bad = read_mapped("date,credits,Approval\n2024-05-01,1,ok\n", &m);
        REQUIRE(bad.errors.size() == 1);
        CHECK(bad.errors[0].column == 14); // at the Approval cell
        CHECK_THAT(bad.errors[0].message, Catch::Contains("aproved"));
    }
    SECTION("a derived field's column the header lacks is an error") {
        const auto lacks =
            read_mapped("Employee,Completed,Hours,Exam Code\nAna,05/01/2024,8,\n", &hr_map());
        REQUIRE_FALSE(lacks.errors.empty());
        CHECK(lacks.errors[0].message ==
              "the mapping derives kind from column \"Type\", but the header has no such column");
    }
    SECTION("a canonical column of a derived field is not read") {
        const ImportMap m = mapping_of(R"({ "schema": "recert-map/1",
          "derive": { "kind": { "from": "Type", "values": { "Course": "ce" } } } })");
        const auto both = read_mapped("date,credits,kind,Type\n2024-05-01,1,exam,Course\n", &m);
        INFO(all(both.errors));
        REQUIRE(both.activities.size() == 1);
        CHECK(both.activities[0].kind == ActivityKind::CE);
        CHECK(both.notices == std::vector<std::string>{"hr.csv:1: column \"kind\" is not used"});
    }
}

TEST_CASE("mapping: one mapping for an activities file and a certifications file", "[mapping]") {
    // the activities file lacks the certification columns, the certifications file the
    // activity columns: neither is an error
    const auto acts = read_mapped("Employee,Vendor,Type,Completed,Hours,Exam Code,State\n"
                                  "Ana,Cisco,Course,05/01/2024,8,,\n",
                                  &hr_map());
    INFO(all(acts.errors));
    CHECK(acts.errors.empty());
    CHECK(acts.activities.size() == 1);
    const auto certs = read_mapped("Employee,Vendor,Credential,Issued\n"
                                   "Ana,Cisco,CCNA,06/01/2023\n"
                                   "Ana,AWS,AWS Certified Solutions Architect,06/02/2023\n",
                                   &hr_map(), CsvContent::Certifications);
    INFO(all(certs.errors));
    CHECK(certs.errors.empty());
    REQUIRE(certs.certifications.size() == 1);
    CHECK(certs.certifications[0].earned == d("2023-06-01"));
    CHECK(certs.notices.back() ==
          "hr.csv: skipped 1 row by the mapping's \"skip\" (Vendor: AWS 1)");
    SECTION("a column for a field the file reads must be there") {
        const auto lacks = read_mapped("Vendor,Credential,Issued\nCisco,CCNA,06/01/2023\n",
                                       &hr_map(), CsvContent::Certifications);
        REQUIRE(lacks.errors.size() == 1);
        CHECK_THAT(lacks.errors[0].message, Catch::Contains("\"Employee\" for holder"));
    }
    SECTION("a file of both kinds (import) needs every column") {
        const auto mixed = read_mapped("Employee,Vendor,Type,Completed,Hours,Exam Code,State\n",
                                       &hr_map(), CsvContent::Mixed);
        CHECK(mixed.errors.size() == 2); // Credential, Issued
    }
}

TEST_CASE("csv input: a header that fits nothing says its likely cause", "[mapping]") {
    SECTION("tabs") {
        const auto in = read_mapped("date\tcredits\n2024-05-01\t1\n", nullptr);
        REQUIRE(in.errors.size() == 1);
        CHECK(in.errors[0].hint ==
              "the header looks separated by tabs; add \"delimiter\": \"\\t\" to the mapping "
              "(--map)");
    }
    SECTION("semicolons, in a mapped column's name") {
        const ImportMap m = mapping_of(R"({ "schema": "recert-map/1",
          "columns": { "date": "Completed", "credits": "Hours" } })");
        const auto in = read_mapped("Completed;Hours\n2024-05-01;1\n", &m);
        INFO(all(in.errors));
        REQUIRE(in.errors.size() == 3); // Completed, Hours, then no date
        CHECK_THAT(in.errors[0].message, Catch::Contains("\"Hours\" for credits"));
        CHECK(in.errors[0].hint ==
              "the header looks separated by \";\"; add \"delimiter\": \";\" to the mapping "
              "(--map)");
    }
    SECTION("a title line before the header is not taken for a delimiter") {
        const auto in = read_mapped("Export; 2024\ndate,credits\n", nullptr);
        REQUIRE(in.errors.size() == 1);
        CHECK(in.errors[0].hint == "map a foreign export's columns with --map");
    }
    SECTION("UTF-16 without a byte order mark") {
        const std::string le("d\0a\0t\0e\0,\0c\0r\0e\0d\0i\0t\0s\0", 24);
        auto in = read_mapped(le, nullptr);
        REQUIRE(in.errors.size() == 1);
        CHECK(in.errors[0].hint == "the file looks like UTF-16 (little-endian) without a byte "
                                   "order mark; add \"encoding\": \"utf-16le\" to the mapping "
                                   "(--map)");
        const std::string be("\0d\0a\0t\0e\0,\0c\0r\0e\0d\0i\0t\0s", 24);
        CsvReader reader{std::string_view(be)};
        CsvInput out;
        out.map_option = "--certs-map";
        read_csv(reader, "c.csv", cisco(), nullptr, "Ana", CsvContent::Certifications, out);
        REQUIRE(out.errors.size() == 1);
        CHECK_THAT(out.errors[0].hint,
                   Catch::Contains("\"utf-16be\"") && Catch::Contains("(--certs-map)"));
    }
}
