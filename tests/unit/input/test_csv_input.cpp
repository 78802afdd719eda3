// CSV files as input (read_csv) and import mappings (load_map): canonical columns, certifications
// and mixed files, every bad row reported at its cell, `recert-map/1` mappings for foreign exports
// (docs/formats.md "Activities CSV", "Certifications CSV", "Import mapping").
#include "../helpers.hpp"

#include "input/csv_input.hpp"

#include <string>
#include <vector>

using namespace recert;
using test::all;
using test::cisco;
using test::d;
using test::Pos;

namespace {

CsvInput read(const std::string& text, CsvContent content = CsvContent::Activities,
              const ImportMap* map = nullptr, const std::string& holder = "Ana") {
    CsvReader reader(std::string_view(text), map ? map->delimiter : ',');
    CsvInput out;
    read_csv(reader, "acts.csv", cisco(), map, holder, content, out);
    return out;
}

std::vector<Pos> positions(const Diagnostics& ds) {
    std::vector<Pos> out;
    for (const auto& e : ds) out.push_back({e.line, e.column});
    return out;
}

ImportMap map_of(const std::string& json) {
    auto res = load_map(json, "map.json");
    INFO(all(res.errors));
    REQUIRE(res.ok());
    return *res.value;
}

Diagnostics map_errors(const std::string& json) {
    auto res = load_map(json, "map.json");
    CHECK_FALSE(res.ok());
    CHECK_FALSE(res.value.has_value());
    return res.errors;
}

const std::string& cert_id(const HeldCertification& h) {
    return cisco().certifications[h.cert].id;
}

} // namespace

TEST_CASE("csv input: canonical columns in any order and any case", "[csv_input]") {
    const auto in = read("Credits,TITLE, Date ,Status,category\n"
                         "40,ENARSI course,2024-05-01,pending,training\n"
                         "1.25,Webinar,2024-06-02,,\n");
    INFO(all(in.errors));
    CHECK(in.errors.empty());
    CHECK(in.notices.empty());
    CHECK(in.rows == 2);
    REQUIRE(in.activities.size() == 2);
    const auto& a = in.activities[0];
    CHECK(a.kind == ActivityKind::CE);
    CHECK(a.credits == 4000);
    CHECK(a.title == "ENARSI course");
    CHECK(a.date == d("2024-05-01"));
    CHECK(a.status == ClaimStatus::Pending);
    CHECK(a.category == "training");
    CHECK(a.holder == "Ana");
    CHECK_FALSE(a.id.empty());
    CHECK(in.activities[1].credits == 125);
    CHECK(in.activities[1].status == ClaimStatus::Approved);
    CHECK(in.activities[1].category.empty());
}

TEST_CASE("csv input: an exam row and a given id", "[csv_input]") {
    const auto in = read("id,date,exam\nmy-exam,2025-06-01,300-410\n");
    INFO(all(in.errors));
    CHECK(in.errors.empty());
    REQUIRE(in.activities.size() == 1);
    CHECK(in.activities[0].kind == ActivityKind::Exam);
    CHECK(in.activities[0].exam == "300-410");
    CHECK(in.activities[0].exam_kind == "concentration");
    CHECK(in.activities[0].id == "my-exam");
}

TEST_CASE("csv input: a derived id is the same however the credits are spelled",
          "[csv_input][ids]") {
    // the hash reads plain whole credits and the date as given, anything else as formatted
    const auto in = read("date,credits,title,exam,kind\n"
                         "2024-05-01,40,Course,,\n"
                         "2024-05-01,040,Course,,\n"
                         "2024-05-01,40.00,Course,,\n"
                         "2024-05-01, 40 ,Course,,\n"
                         "2024-05-01,0,Course,,\n"
                         "2024-05-01,0.5,Course,,\n"
                         "2024-05-01,00.50,Course,,\n"
                         "2024-05-01,1000000,Course,,\n"
                         "0001-01-01,7,Course,,\n"
                         "2024-05-01,,Exam day,350-401,exam\n");
    INFO(all(in.errors));
    REQUIRE(in.errors.empty());
    REQUIRE(in.activities.size() == 10);
    for (const Activity& a : in.activities) {
        INFO(a.title << " " << a.credits);
        CHECK(a.id == derive_activity_id(a));
    }
    CHECK(in.activities[0].id == in.activities[1].id);
    CHECK(in.activities[0].id == in.activities[2].id);
    CHECK(in.activities[0].id == in.activities[3].id);
    CHECK(in.activities[5].id == in.activities[6].id);
    CHECK(in.activities[0].id != in.activities[4].id);
}

TEST_CASE("csv input: unknown columns produce a notice and are ignored", "[csv_input]") {
    const auto in = read("date,Notes,credits,Instructor\n2024-05-01,great,2,Bo\n");
    INFO(all(in.errors));
    CHECK(in.errors.empty());
    REQUIRE(in.activities.size() == 1);
    CHECK(in.activities[0].credits == 200);
    REQUIRE(in.notices.size() == 2);
    CHECK_THAT(in.notices[0], Catch::Contains("acts.csv:1") && Catch::Contains("\"Notes\"") &&
                                  Catch::Contains("not used"));
    CHECK_THAT(in.notices[1], Catch::Contains("\"Instructor\""));
}

TEST_CASE("csv input: a certifications CSV", "[csv_input]") {
    const auto in = read("holder,certification,earned,expires\n"
                         "Ana,CCNP ENT,2023-03-10,\n"
                         "Bo,ccna,2021-06-01,2024-06-01\n"
                         ",CCNP Enterprise,2022-01-05,\n",
                         CsvContent::Certifications, nullptr, "Team");
    INFO(all(in.errors));
    CHECK(in.errors.empty());
    CHECK(in.activities.empty());
    REQUIRE(in.certifications.size() == 3);
    CHECK(in.certifications[0].holder == "Ana");
    CHECK(cert_id(in.certifications[0]) == "ccnp-enterprise");
    CHECK(in.certifications[0].earned == d("2023-03-10"));
    CHECK_FALSE(in.certifications[0].expires.has_value());
    CHECK(in.certifications[1].holder == "Bo");
    CHECK(cert_id(in.certifications[1]) == "ccna");
    CHECK(in.certifications[1].expires == d("2024-06-01"));
    CHECK(in.certifications[2].holder == "Team");
    CHECK(cert_id(in.certifications[2]) == "ccnp-enterprise");

    SECTION("an unknown certification and a bad date, at their cells") {
        const auto bad =
            read("holder,certification,earned\nAna,CCNP Nope,2023-03-10\nBo,ccna,2023-02-30\n",
                 CsvContent::Certifications);
        CHECK(positions(bad.errors) == std::vector<Pos>{{2, 5}, {3, 9}});
        CHECK_THAT(all(bad.errors), Catch::Contains("unknown certification \"CCNP Nope\"") &&
                                        Catch::Contains("invalid date \"2023-02-30\""));
        CHECK(bad.certifications.empty());
    }
    SECTION("the header must have certification and earned") {
        const auto bad = read("holder,certification\nAna,ccna\n", CsvContent::Certifications);
        REQUIRE(bad.errors.size() == 1);
        CHECK(positions(bad.errors) == std::vector<Pos>{{1, 1}});
        CHECK_THAT(bad.errors[0].message, Catch::Contains("earned"));
        CHECK(bad.rows == 0);
    }
}

TEST_CASE("csv input: a mixed CSV, a row is a certification when its certification cell is set",
          "[csv_input]") {
    const auto in = read("holder,date,credits,exam,certification,earned\n"
                         "Ana,,,,ccnp-enterprise,2023-03-10\n"
                         ",2024-05-01,40,,,\n"
                         "Bo,2025-06-01,,300-410,,\n",
                         CsvContent::Mixed);
    INFO(all(in.errors));
    CHECK(in.errors.empty());
    CHECK(in.rows == 3);
    REQUIRE(in.certifications.size() == 1);
    CHECK(cert_id(in.certifications[0]) == "ccnp-enterprise");
    CHECK(in.certifications[0].holder == "Ana");
    REQUIRE(in.activities.size() == 2);
    CHECK(in.activities[0].holder == "Ana"); // the default holder
    CHECK(in.activities[0].credits == 4000);
    CHECK(in.activities[1].holder == "Bo");
    CHECK(in.activities[1].kind == ActivityKind::Exam);

    SECTION("a mixed file needs a date or a certification column") {
        const auto bad = read("holder,credits\nAna,4\n", CsvContent::Mixed);
        REQUIRE(bad.errors.size() == 1);
        CHECK_THAT(bad.errors[0].message, Catch::Contains("\"date\" or \"certification\""));
    }
}

TEST_CASE("csv input: a missing holder is the default holder", "[csv_input]") {
    SECTION("no holder column") {
        const auto in =
            read("date,credits\n2024-05-01,1\n", CsvContent::Activities, nullptr, "Zoe");
        REQUIRE(in.activities.size() == 1);
        CHECK(in.activities[0].holder == "Zoe");
    }
    SECTION("an empty or blank holder cell") {
        const auto in =
            read("date,credits,holder\n2024-05-01,1,\n2024-05-02,1,  \n2024-05-03,1,Max\n",
                 CsvContent::Activities, nullptr, "Zoe");
        INFO(all(in.errors));
        REQUIRE(in.activities.size() == 3);
        CHECK(in.activities[0].holder == "Zoe");
        CHECK(in.activities[1].holder == "Zoe");
        CHECK(in.activities[2].holder == "Max");
    }
}

TEST_CASE("csv input: ragged rows are reported with their line", "[csv_input]") {
    const auto in = read("date,credits\n"
                         "2024-05-01,40\n"
                         "2024-05-02\n"
                         "2024-05-03,1,extra\n"
                         "2024-05-04,2\n");
    CHECK(positions(in.errors) == std::vector<Pos>{{3, 1}, {4, 1}});
    CHECK_THAT(all(in.errors),
               Catch::Contains("acts.csv:3:1: this row has 1 fields, the header has 2") &&
                   Catch::Contains("acts.csv:4:1: this row has 3 fields, the header has 2"));
    CHECK(in.rows == 4);
    REQUIRE(in.activities.size() == 2);
    CHECK(in.activities[1].date == d("2024-05-04"));
}

TEST_CASE("csv input: every bad row is reported at its bad cell and good rows are still read",
          "[csv_input]") {
    const auto in = read("date,credits,status\n"
                         "2024-05-01,40,approved\n"  // 2: good
                         "2024-13-01,5,approved\n"   // 3: bad date at column 1
                         "2024-05-02,abc,approved\n" // 4: bad credits at column 12
                         "2024-05-03,7,maybe\n"      // 5: bad status at column 14
                         "2024-05-04,8,pending\n");  // 6: good
    INFO(all(in.errors));
    REQUIRE(in.errors.size() == 3);
    CHECK(positions(in.errors) == std::vector<Pos>{{3, 1}, {4, 12}, {5, 14}});
    CHECK_THAT(in.errors[0].message, Catch::Contains("2024-13-01"));
    CHECK_THAT(in.errors[1].message, Catch::Contains("abc"));
    CHECK_THAT(in.errors[2].message, Catch::Contains("maybe"));
    for (const auto& e : in.errors) CHECK(e.file == "acts.csv");
    CHECK(in.rows == 5);
    REQUIRE(in.activities.size() == 2);
    CHECK(in.activities[0].date == d("2024-05-01"));
    CHECK(in.activities[1].date == d("2024-05-04"));
    CHECK(in.activities[1].status == ClaimStatus::Pending);

    SECTION("positions after a multi-line quoted cell and after multi-byte text") {
        const auto m = read("title,date,credits\n"
                            "\"Two\nlines\",2024-05-01,abc\n" // credits on line 3, column 19
                            "\"x\",2024-02-30,1\n"            // line 4: date at column 5
                            "Caf\xC3\xA9,2024-05-01,-\n");    // line 5: credits at column 17
        CHECK(positions(m.errors) == std::vector<Pos>{{3, 19}, {4, 5}, {5, 17}});
        CHECK(m.activities.empty());
    }
    SECTION("two bad cells in one row are both reported") {
        const auto m = read("date,credits,category\n2024-05-01,x,nope\n");
        CHECK(positions(m.errors) == std::vector<Pos>{{2, 12}, {2, 14}});
    }
    SECTION("reader errors are reported among the row errors") {
        const auto m = read("date,credits\n2024-05-01,4\"0\n2024-05-02,1\n");
        INFO(all(m.errors));
        bool quote_error = false;
        for (const auto& e : m.errors)
            if (e.line == 2 && e.column == 13 && e.message.find("quote") != std::string::npos)
                quote_error = true;
        CHECK(quote_error);
        REQUIRE(m.activities.size() == 1);
        CHECK(m.activities[0].date == d("2024-05-02"));
    }
}

TEST_CASE("csv input: header problems", "[csv_input]") {
    SECTION("an empty file") {
        const auto in = read("");
        REQUIRE(in.errors.size() == 1);
        CHECK_THAT(format_location(in.errors[0]),
                   Catch::Contains("acts.csv:1:1") && Catch::Contains("empty"));
    }
    SECTION("no date column") {
        const auto in = read("credits,title\n4,x\n");
        REQUIRE(in.errors.size() == 1);
        CHECK_THAT(in.errors[0].message, Catch::Contains("no \"date\" column"));
        CHECK(in.rows == 0);
    }
    SECTION("a column that repeats a field") {
        const auto in = read("date,credits,Date\n2024-05-01,1,2024-05-02\n");
        REQUIRE(in.errors.size() == 1);
        CHECK(positions(in.errors) == std::vector<Pos>{{1, 14}});
        CHECK_THAT(in.errors[0].message, Catch::Contains("repeats"));
    }
}

TEST_CASE("csv input: cells that recert escaped on export come back without the apostrophe",
          "[csv_input]") {
    const auto in = read("date,credits,title,holder\n"
                         "2024-05-01,1,'=SUM(A1),'@ana\n"
                         "2024-05-02,1,'+1 course,Bo\n"
                         "2024-05-03,1,'-x,Cy\n"
                         "2024-05-04,1,'plain,Dee\n"
                         "2024-05-05,1,'',Eve\n");
    INFO(all(in.errors));
    CHECK(in.errors.empty());
    REQUIRE(in.activities.size() == 5);
    CHECK(in.activities[0].title == "=SUM(A1)");
    CHECK(in.activities[0].holder == "@ana");
    CHECK(in.activities[1].title == "+1 course");
    CHECK(in.activities[2].title == "-x");
    CHECK(in.activities[3].title == "'plain"); // not an escape: kept
    CHECK(in.activities[4].title == "''");
}

TEST_CASE("csv input: a mapping for a foreign export", "[csv_input][mapping]") {
    const ImportMap m = map_of(R"({ "schema": "recert-map/1",
      "columns": { "date": "Completion Date", "credits": "CE Credits", "title": "Item Name",
                   "status": "Claim Status", "submitted": "Sent" },
      "date_format": "%m/%d/%Y",
      "values": { "status": { "Approved": "approved", "In Review": "pending" } },
      "defaults": { "kind": "ce", "category": "training" },
      "delimiter": ";", "skip_rows": 1 })");
    CHECK(m.delimiter == ';');
    CHECK(m.skip_rows == 1);
    CHECK(m.date_format == "%m/%d/%Y");
    CHECK(m.columns.at("credits") == "CE Credits");
    CHECK(m.values.at("status").at("In Review") == "pending");
    CHECK(m.defaults.at("category") == "training");

    const auto in = read("Exported by Portal;;;;;\n"
                         "Item Name;completion date;CE Credits;Claim Status;Sent;Category\n"
                         "ENARSI course;05/01/2024;40;Approved;05/10/2024;\n" // 3
                         "Webinar;12/31/2024;1,5;in review;;event\n" // 4: credits "1,5" is bad
                         "Lab;1/2/2025;2;IN REVIEW;;\n"              // 5
                         "Bad;2024-05-01;2;Approved;;\n"             // 6: date does not match
                         "Feb;02/30/2024;2;Approved;;\n",            // 7: not a real day
                         CsvContent::Activities, &m);
    INFO(all(in.errors));
    CHECK(in.notices.empty());
    CHECK(in.rows == 5);
    REQUIRE(in.activities.size() == 2);
    const auto& a = in.activities[0];
    CHECK(a.title == "ENARSI course");
    CHECK(a.date == d("2024-05-01"));
    CHECK(a.submitted == d("2024-05-10"));
    CHECK(a.credits == 4000);
    CHECK(a.status == ClaimStatus::Approved);
    CHECK(a.category == "training"); // default for an empty cell
    CHECK(a.kind == ActivityKind::CE);
    const auto& b = in.activities[1];
    CHECK(b.date == d("2025-01-02"));
    CHECK(b.status == ClaimStatus::Pending); // value map, case-insensitive
    REQUIRE(in.errors.size() == 3);
    CHECK(positions(in.errors) == std::vector<Pos>{{4, 20}, {6, 5}, {7, 5}});
    CHECK_THAT(in.errors[0].message, Catch::Contains("1,5"));
    CHECK_THAT(in.errors[1].message,
               Catch::Contains("date \"2024-05-01\" does not match the format \"%m/%d/%Y\""));
    CHECK_THAT(in.errors[2].message, Catch::Contains("02/30/2024"));

    SECTION("a value given in the cell wins over the default") {
        const auto e = read("x\nItem Name;Completion Date;CE Credits;Claim Status;Sent;category\n"
                            "W;12/31/2024;1.5;In Review;;event\n",
                            CsvContent::Activities, &m);
        INFO(all(e.errors));
        REQUIRE(e.activities.size() == 1);
        CHECK(e.activities[0].category == "event");
        CHECK(e.activities[0].status == ClaimStatus::Pending);
    }
}

TEST_CASE("csv input: value maps match exactly first, then case-insensitively",
          "[csv_input][mapping]") {
    const ImportMap m = map_of(R"({ "schema": "recert-map/1",
      "values": { "status": { "ok": "approved", "OK": "pending", "Wait": "unclaimed" },
                  "kind": { "Course": "ce", "Test": "exam" } } })");
    const auto in = read("date,credits,exam,status,kind\n"
                         "2024-05-01,1,,ok,course\n"
                         "2024-05-02,1,,OK,COURSE\n"
                         "2024-05-03,1,,wait,Course\n"
                         "2024-05-04,,300-410,,test\n"
                         "2024-05-05,1,,approved,ce\n", // a value that the map lacks passes through
                         CsvContent::Activities, &m);
    INFO(all(in.errors));
    CHECK(in.errors.empty());
    REQUIRE(in.activities.size() == 5);
    CHECK(in.activities[0].status == ClaimStatus::Approved);
    CHECK(in.activities[1].status == ClaimStatus::Pending);
    CHECK(in.activities[2].status == ClaimStatus::Unclaimed);
    CHECK(in.activities[3].kind == ActivityKind::Exam);
    CHECK(in.activities[4].status == ClaimStatus::Approved);
}

TEST_CASE("csv input: mapping defaults fill absent columns", "[csv_input][mapping]") {
    const ImportMap m = map_of(R"({ "schema": "recert-map/1",
      "columns": { "date": "When", "credits": "Hours" },
      "defaults": { "holder": "Team", "status": "pending", "title": "Imported" } })");
    const auto in = read("When,Hours,holder\n2024-05-01,3,\n2024-05-02,4,Ana\n",
                         CsvContent::Activities, &m, "Zoe");
    INFO(all(in.errors));
    CHECK(in.errors.empty());
    REQUIRE(in.activities.size() == 2);
    CHECK(in.activities[0].holder == "Team");
    CHECK(in.activities[0].status == ClaimStatus::Pending);
    CHECK(in.activities[0].title == "Imported");
    CHECK(in.activities[1].holder == "Ana");
    SECTION("a default stands in for a required column") {
        const ImportMap m2 =
            map_of(R"({ "schema": "recert-map/1", "defaults": { "date": "2024-01-01" } })");
        const auto e = read("credits\n5\n", CsvContent::Activities, &m2);
        INFO(all(e.errors));
        REQUIRE(e.activities.size() == 1);
        CHECK(e.activities[0].date == d("2024-01-01"));
    }
}

TEST_CASE("csv input: a mapping naming a column the header lacks is an error",
          "[csv_input][mapping]") {
    const ImportMap m = map_of(R"({ "schema": "recert-map/1",
      "columns": { "date": "Completion Date", "credits": "CE Credits" } })");
    const auto in =
        read("Completion Date,Credits Earned\n2024-05-01,4\n", CsvContent::Activities, &m);
    REQUIRE_FALSE(in.errors.empty());
    CHECK(positions(in.errors)[0] == Pos{1, 1});
    CHECK_THAT(in.errors[0].message, Catch::Contains("\"CE Credits\"") &&
                                         Catch::Contains("credits") &&
                                         Catch::Contains("no such column"));
    CHECK(in.activities.empty());
    CHECK(in.rows == 0);
    SECTION("the header line counts the skipped rows") {
        ImportMap skip = m;
        skip.skip_rows = 2;
        const auto e = read("a\nb\nCompletion Date,Other\n", CsvContent::Activities, &skip);
        REQUIRE_FALSE(e.errors.empty());
        CHECK(positions(e.errors)[0] == Pos{3, 1});
    }
}

TEST_CASE("csv input: mapping with a tab delimiter and skip_rows", "[csv_input][mapping]") {
    const ImportMap m = map_of(R"({ "schema": "recert-map/1", "delimiter": "\t", "skip_rows": 2,
      "columns": { "date": "Date Completed", "credits": "Credits, total" } })");
    CHECK(m.delimiter == '\t');
    const auto in = read("Report\tfor Ana\n\nGenerated 2024\n"
                         "Date Completed\tCredits, total\n"
                         "2024-05-01\t1.5\n",
                         CsvContent::Activities, &m);
    INFO(all(in.errors));
    CHECK(in.errors.empty());
    REQUIRE(in.activities.size() == 1);
    CHECK(in.activities[0].credits == 150);
}

TEST_CASE("load_map: a minimal mapping has the defaults", "[csv_input][mapping]") {
    const ImportMap m = map_of(R"({"schema": "recert-map/1"})");
    CHECK(m.delimiter == ',');
    CHECK(m.skip_rows == 0);
    CHECK(m.date_format.empty());
    CHECK(m.columns.empty());
    CHECK(m.values.empty());
    CHECK(m.defaults.empty());
    // field names are case-insensitive
    const ImportMap c = map_of(R"({"schema": "recert-map/1", "columns": {"Date": "When"}})");
    CHECK(c.columns.at("date") == "When");
}

TEST_CASE("load_map: errors", "[csv_input][mapping]") {
    SECTION("wrong schema") {
        const auto e = map_errors(R"({"schema": "recert-ledger/1"})");
        REQUIRE(e.size() == 1);
        CHECK_THAT(e[0].message, Catch::Contains("recert-map/1"));
        CHECK(e[0].file == "map.json");
        CHECK(e[0].line == 1);
    }
    SECTION("no schema") {
        const auto e = map_errors(R"({"columns": {}})");
        REQUIRE_FALSE(e.empty());
        CHECK_THAT(all(e), Catch::Contains("schema"));
    }
    SECTION("not JSON") {
        const auto e = map_errors("{\"schema\": \"recert-map/1\",\n  \"columns\": }");
        REQUIRE(e.size() == 1);
        CHECK(e[0].line == 2);
    }
    SECTION("an unknown field name, in columns, values and defaults") {
        const auto e = map_errors(R"({"schema": "recert-map/1",
          "columns": {"dat": "When"},
          "values": {"stat": {"a": "b"}},
          "defaults": {"categroy": "training"}})");
        REQUIRE(e.size() == 3);
        CHECK_THAT(all(e), Catch::Contains("unknown field \"dat\"") &&
                               Catch::Contains("unknown field \"stat\"") &&
                               Catch::Contains("unknown field \"categroy\""));
        CHECK(e[0].line == 2);
        CHECK(e[0].pointer == "/columns/dat");
        CHECK_THAT(e[0].hint, Catch::Contains("date"));
    }
    SECTION("an unknown key") {
        const auto e = map_errors(R"({"schema": "recert-map/1", "skip_row": 1})");
        REQUIRE(e.size() == 1);
        CHECK_THAT(e[0].message, Catch::Contains("skip_row"));
    }
    SECTION("a bad delimiter") {
        for (const char* bad : {R"(";;")", R"("")", R"("\"")", R"("\n")", "5"}) {
            INFO(bad);
            const auto e =
                map_errors(std::string(R"({"schema": "recert-map/1", "delimiter": )") + bad + "}");
            REQUIRE(e.size() == 1);
            CHECK_THAT(e[0].message + e[0].pointer, Catch::Contains("delimiter"));
        }
    }
    SECTION("a date_format without %") {
        const auto e = map_errors(R"({"schema": "recert-map/1", "date_format": "mm/dd/yyyy"})");
        REQUIRE(e.size() == 1);
        CHECK_THAT(e[0].message, Catch::Contains("is not a date format"));
        CHECK(e[0].pointer == "/date_format");
    }
    SECTION("a date_format with time, offset or width fields (date::parse misbehaves on them)") {
        for (const char* f : {"%c", "%m/%d/%Y %H:%M", "%z %Y-%m-%d", "%8888888888Y", "%Ey"}) {
            const std::string doc =
                std::string("{\"schema\": \"recert-map/1\", \"date_format\": \"") + f + "\"}";
            const auto e = map_errors(doc);
            INFO(f);
            REQUIRE(e.size() == 1);
            CHECK_THAT(e[0].message, Catch::Contains("is not a date format"));
        }
        CHECK(load_map(R"x({"schema": "recert-map/1", "date_format": "%d. %B %Y (%j)"})x", "m.json")
                  .ok());
    }
    SECTION("bad values") {
        const auto e = map_errors(R"({"schema": "recert-map/1", "columns": {"date": ""},
          "values": {"status": {"a": 1}}, "defaults": {"kind": 2}, "skip_rows": -1})");
        CHECK(e.size() == 4);
    }
    SECTION("every error is reported") {
        const auto e = map_errors(R"({"schema": "recert-map/1", "columns": {"dat": "When"},
          "date_format": "ymd", "delimiter": "::"})");
        CHECK(e.size() == 3);
    }
}

// The CLI reads several files into one CsvInput (import FILE..., --certs with --activities): errors
// of an earlier file must not stop a later file's rows from being read and checked.
TEST_CASE("csv input: every file read into one CsvInput reports all its problems", "[csv_input]") {
    CsvInput in;
    const std::string a = "date,credits\n2024-05-01,x\n2024-05-02,1\n";
    const std::string b = "date,credits\n2024-05-03,y\n2024-05-04,2\n";
    CsvReader ra{std::string_view(a)};
    read_csv(ra, "a.csv", cisco(), nullptr, "Ana", CsvContent::Activities, in);
    CsvReader rb{std::string_view(b)};
    read_csv(rb, "b.csv", cisco(), nullptr, "Ana", CsvContent::Activities, in);
    INFO(all(in.errors));
    REQUIRE(in.errors.size() == 2);
    CHECK(format_location(in.errors[0]).rfind("a.csv:2:12:", 0) == 0);
    CHECK(format_location(in.errors[1]).rfind("b.csv:2:12:", 0) == 0);
    CHECK(in.activities.size() == 2);
    CHECK(in.rows == 4);
}

namespace {

// One edge case of one rule: a row's cell, whether the row is valid with it, and whether the
// quick steps take it (a valid row in plain cells) or leave it to the general steps.
struct EdgeCase {
    const char* column;
    const char* value;
    bool valid;
    bool quick;
};

// Reads `text` twice, through the general steps only and with the quick steps, and requires the
// same problems and records; returns the reading with the quick steps.
CsvInput read_both_ways(const std::string& text, CsvContent content) {
    CsvInput general, quick;
    for (CsvInput* in : {&general, &quick}) {
        in->general_rows_only = in == &general;
        CsvReader reader{std::string_view(text)};
        read_csv(reader, "edge.csv", cisco(), nullptr, "Ana", content, *in);
    }
    CHECK(general.quick_rows == 0);
    REQUIRE(quick.errors.size() == general.errors.size());
    for (std::size_t i = 0; i < general.errors.size(); ++i) {
        CHECK(format_location(quick.errors[i]) == format_location(general.errors[i]));
        CHECK(quick.errors[i].hint == general.errors[i].hint);
    }
    REQUIRE(quick.activities.size() == general.activities.size());
    for (std::size_t i = 0; i < general.activities.size(); ++i) {
        const Activity &x = quick.activities[i], &y = general.activities[i];
        CHECK(x.id == y.id);
        CHECK(x.holder == y.holder);
        CHECK(x.date == y.date);
        CHECK(x.kind == y.kind);
        CHECK(x.credits == y.credits);
        CHECK(x.status == y.status);
        CHECK(x.submitted == y.submitted);
        CHECK(x.title == y.title);
        CHECK(x.category == y.category);
        CHECK(x.program == y.program);
    }
    test::check_same_certifications(quick.certifications, general.certifications);
    return quick;
}

// A one-row file: `header` with `row`'s cells, one of them replaced by the case's value.
std::string edge_file(const std::vector<std::string>& header, std::vector<std::string> row,
                      const EdgeCase& c) {
    std::string s;
    for (std::size_t i = 0; i < header.size(); ++i) {
        s += (i ? "," : "") + header[i];
        if (header[i] == c.column) row[i] = c.value;
    }
    s += '\n';
    for (std::size_t i = 0; i < row.size(); ++i) s += (i ? "," : "") + row[i];
    return s + '\n';
}

} // namespace

// The quick row steps apply the same rules as check_activity and build_certification (the
// predicates of model/records.hpp). Were one of them to restate a rule and drift (take a date out
// of range, an expiry before the earned date, credits with three decimals...), a row the general
// steps refuse would be taken without a problem, or read differently: each case is one such
// boundary.
TEST_CASE("csv input: the quick steps and the general ones agree on each rule's edge cases",
          "[csv_input][quick]") {
    const std::vector<std::string> header{"holder", "date",      "kind",  "credits",
                                          "status", "submitted", "title", "category"};
    const std::vector<std::string> row{"Bo",       "2024-03-01", "ce",  "3",
                                       "approved", "",           "Lab", "training"};
    const std::vector<EdgeCase> activity_cases{
        {"date", "2024-03-01", true, true},
        {"date", "2024-02-29", true, true},
        {"date", "9899-12-31", true, true}, // the last day recert takes
        {"date", "9900-01-01", false, false},
        {"date", "2023-02-29", false, false},
        {"date", "2024-3-01", false, false},
        {"date", "", false, false},
        {"date", " 2024-03-01", true, false}, // valid, but the general steps trim it
        {"kind", "", true, true},
        {"kind", "ce", true, true},
        {"kind", "CE", true, true},
        {"kind", "exam", false, false}, // an exam without its code
        {"kind", "x", false, false},
        {"credits", "0", true, true},
        {"credits", "3.5", true, true},
        {"credits", "3.25", true, true},
        {"credits", "03", true, true},
        {"credits", "1000000", true, true},
        {"credits", "1000001", false, false},
        {"credits", "3.255", false, false},
        {"credits", "-1", false, false},
        {"credits", "1e3", false, false},
        {"credits", "", false, false},
        {"status", "", true, true},
        {"status", "pending", true, true},
        {"status", "Unclaimed", true, true},
        {"status", "rejected", true, true},
        {"status", "weird", false, false},
        {"submitted", "2024-03-01", true, true},   // the activity's day
        {"submitted", "2024-02-29", false, false}, // before it
        {"submitted", "9899-12-31", true, true},
        {"submitted", "9900-01-01", false, false},
        {"submitted", "bad", false, false},
        {"category", "", true, true},
        {"category", "Training", true, true}, // ids are matched ignoring case
        {"category", "traning", false, false},
        {"category", "unknown", false, false},
        {"title", "'=x", true, false}, // an escaped formula: the general steps unescape it
    };
    for (const EdgeCase& c : activity_cases) {
        CAPTURE(c.column, c.value);
        const CsvInput in = read_both_ways(edge_file(header, row, c), CsvContent::Activities);
        CHECK(in.errors.empty() == c.valid);
        CHECK(in.activities.size() == (c.valid ? 1u : 0u));
        CHECK(in.quick_rows == (c.quick ? 1u : 0u));
    }

    const std::vector<std::string> cert_header{"holder", "certification", "earned", "expires"};
    const std::vector<std::string> cert_row{"Bo", "ccna", "2020-01-05", ""};
    const std::vector<EdgeCase> certification_cases{
        {"earned", "2020-01-05", true, true},
        {"earned", "9899-12-31", true, true},
        {"earned", "9900-01-01", false, false},
        {"earned", "2023-02-29", false, false},
        {"earned", "", false, false},
        {"expires", "2020-01-05", true, true},   // the day earned
        {"expires", "2020-01-04", false, false}, // before it
        {"expires", "9899-12-31", true, true},
        {"expires", "9900-01-01", false, false},
        {"expires", "bad", false, false},
        {"certification", "CCNA", true, true},
        {"certification", "nope", false, false},
        {"certification", "", false, false},
        {"holder", "", true, true}, // the default holder
    };
    for (const EdgeCase& c : certification_cases) {
        CAPTURE(c.column, c.value);
        const CsvInput in =
            read_both_ways(edge_file(cert_header, cert_row, c), CsvContent::Certifications);
        CHECK(in.errors.empty() == c.valid);
        CHECK(in.certifications.size() == (c.valid ? 1u : 0u));
        CHECK(in.quick_rows == (c.quick ? 1u : 0u));
    }
}

// A category given in another case is stored as the rules spell it, whichever steps read the row
// (a quick step that kept the cell's text would write "TRAINING" to the ledger on import).
TEST_CASE("csv input: a category in any case is stored as the rules spell it, by both steps",
          "[csv_input][quick]") {
    const CsvInput in = read_both_ways("date,credits,category\n2024-03-01,3,TRAINING\n"
                                       "2024-03-02,3,  Event \n",
                                       CsvContent::Activities);
    INFO(all(in.errors));
    REQUIRE(in.activities.size() == 2);
    CHECK(in.quick_rows == 1); // the first row; the second needs trimming
    CHECK(in.activities[0].category == "training");
    CHECK(in.activities[1].category == "event");
}
