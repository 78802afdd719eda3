// Loading the holder's ledger (`recert-ledger/1`): defaults, derived ids, errors with their
// location, and writing records back (docs/formats.md "Ledger file", docs/semantics.md §2, §5, §9).
#include "../helpers.hpp"

#include <algorithm>
#include <cctype>

using namespace recert;
using ojson = nlohmann::ordered_json;
using test::all;
using test::at;
using test::cisco;
using test::ds;
using test::pos_of;

namespace {

std::string doc(const std::string& certs, const std::string& activities,
                const std::string& holder = "\"Ana\"") {
    std::string s = "{\n  \"schema\": \"recert-ledger/1\",\n";
    if (!holder.empty()) s += "  \"holder\": " + holder + ",\n";
    return s + "  \"certifications\": " + certs + ",\n  \"activities\": " + activities + "\n}\n";
}

Result<Ledger> load(const std::string& text) {
    return load_ledger(text, "ledger.json", cisco());
}

// The ledger `text` fails with an error at `pointer` that mentions `message` and is located at the
// nth occurrence of `needle`.
void expect_error(const std::string& text, const std::string& pointer, const std::string& message,
                  const std::string& needle, int nth = 0) {
    auto res = load(text);
    INFO(text);
    INFO(all(res.errors));
    CHECK_FALSE(res.ok());
    CHECK_FALSE(res.value.has_value());
    const Diagnostic* d = at(res.errors, pointer);
    REQUIRE(d != nullptr);
    CHECK(d->file == "ledger.json");
    CHECK_THAT(d->message, Catch::Contains(message));
    const auto [line, col] = pos_of(text, needle, nth);
    CHECK(d->line == line);
    CHECK(d->column == col);
}

Ledger good(const std::string& text) {
    auto res = load(text);
    INFO(all(res.errors));
    REQUIRE(res.ok());
    return std::move(*res.value);
}

const char* kCerts = R"([{"id": "ccnp-enterprise", "earned": "2023-03-10"}])";

Activity ce(const char* date, Centi credits, const std::string& title = "") {
    Activity a;
    a.holder = "Ana";
    a.date = test::d(date);
    a.kind = ActivityKind::CE;
    a.credits = credits;
    a.title = title;
    return a;
}

} // namespace

// --- a good ledger -------------------------------------------------------------------------------

TEST_CASE("A good ledger loads with its certifications and activities", "[ledger]") {
    Ledger l = good(doc(R"([{"id": "CCNP Enterprise", "earned": "2023-03-10"},
                            {"id": "ccna", "earned": "2021-06-01", "expires": "2024-06-01"}])",
                        R"([{"date": "2024-05-01", "kind": "ce", "credits": 40, "status": "pending",
                             "title": "ENARSI course", "category": "training", "submitted": "2024-05-10"},
                            {"date": "2025-06-01", "kind": "exam", "exam": "300-410"}])"));
    CHECK(l.holder == "Ana");
    REQUIRE(l.certifications.size() == 2);
    CHECK(cisco().certifications[l.certifications[0].cert].id == "ccnp-enterprise");
    CHECK(format_date(l.certifications[0].earned) == "2023-03-10");
    CHECK_FALSE(l.certifications[0].expires);
    CHECK(cisco().certifications[l.certifications[1].cert].id == "ccna");
    CHECK(ds(l.certifications[1].expires) == "2024-06-01");
    REQUIRE(l.activities.size() == 2);
    const Activity& a = l.activities[0];
    CHECK(a.kind == ActivityKind::CE);
    CHECK(a.credits == 4000);
    CHECK(a.status == ClaimStatus::Pending);
    CHECK(a.title == "ENARSI course");
    CHECK(a.category == "training");
    CHECK(ds(a.submitted) == "2024-05-10");
    const Activity& e = l.activities[1];
    CHECK(e.kind == ActivityKind::Exam);
    CHECK(e.exam == "300-410");
    CHECK(e.exam_kind == "concentration");
}

TEST_CASE("A missing status means approved", "[ledger][defaults]") {
    Ledger l = good(doc(kCerts, R"([{"date": "2024-05-01", "credits": 10}])"));
    REQUIRE(l.activities.size() == 1);
    CHECK(l.activities[0].status == ClaimStatus::Approved);
}

TEST_CASE("A missing kind is ce, or exam when an exam code is set", "[ledger][defaults]") {
    Ledger l = good(doc(kCerts, R"([{"date": "2024-05-01", "credits": 10},
                                    {"date": "2024-06-01", "exam": "350-401"}])"));
    REQUIRE(l.activities.size() == 2);
    CHECK(l.activities[0].kind == ActivityKind::CE);
    CHECK(l.activities[1].kind == ActivityKind::Exam);
    CHECK(l.activities[1].exam_kind == "core");
}

TEST_CASE("A record without holder belongs to the file's holder; its own holder wins",
          "[ledger][defaults]") {
    Ledger l = good(doc(
        R"([{"id": "ccna", "earned": "2023-01-01"}, {"id": "ccna", "holder": "Bo", "earned": "2023-01-01"}])",
        R"([{"date": "2024-05-01", "credits": 10}, {"date": "2024-05-01", "credits": 10, "holder": "Bo"}])"));
    REQUIRE(l.certifications.size() == 2);
    CHECK(l.certifications[0].holder == "Ana");
    CHECK(l.certifications[1].holder == "Bo");
    REQUIRE(l.activities.size() == 2);
    CHECK(l.activities[0].holder == "Ana");
    CHECK(l.activities[1].holder == "Bo");
    CHECK(l.activities[0].id != l.activities[1].id); // the holder is part of the derived id
}

TEST_CASE("A ledger without holder uses the default holder \"me\"", "[ledger][defaults]") {
    Ledger l = good(doc(kCerts, R"([{"date": "2024-05-01", "credits": 10}])", ""));
    CHECK(l.holder == "me");
    CHECK(l.holder == kDefaultHolder);
    CHECK(l.certifications.at(0).holder == "me");
    CHECK(l.activities.at(0).holder == "me");
}

TEST_CASE("An empty ledger document loads as an empty ledger", "[ledger]") {
    const std::string text = empty_ledger("Ana").dump(2);
    Ledger l = good(text);
    CHECK(l.holder == "Ana");
    CHECK(l.certifications.empty());
    CHECK(l.activities.empty());
}

TEST_CASE("Credits given as a decimal string are accepted exactly", "[ledger][credits]") {
    Ledger l = good(doc(
        kCerts,
        R"([{"date": "2024-05-01", "credits": "12.5"}, {"date": "2024-05-02", "credits": 0.25}])"));
    CHECK(l.activities.at(0).credits == 1250);
    CHECK(l.activities.at(1).credits == 25);
}

TEST_CASE("An exam not in the catalog is accepted with a valid exam_kind", "[ledger][exams]") {
    Ledger l = good(doc(
        kCerts, R"([{"date": "2024-05-01", "exam": "999-999", "exam_kind": "concentration"}])"));
    REQUIRE(l.activities.size() == 1);
    CHECK(l.activities[0].kind == ActivityKind::Exam);
    CHECK(l.activities[0].exam == "999-999");
    CHECK(l.activities[0].exam_kind == "concentration");
}

TEST_CASE("Status and kind are read case-insensitively", "[ledger]") {
    Ledger l = good(doc(
        kCerts, R"([{"date": "2024-05-01", "kind": "CE", "credits": 1, "status": "Rejected"}])"));
    CHECK(l.activities.at(0).status == ClaimStatus::Rejected);
    CHECK(parse_status("UNCLAIMED") == ClaimStatus::Unclaimed);
    CHECK_FALSE(parse_status("done"));
}

// --- derived ids ---------------------------------------------------------------------------------

TEST_CASE("Derived activity ids are stable, prefixed by kind, and depend on content",
          "[ledger][ids]") {
    const Activity a = ce("2024-05-01", 4000, "Course");
    const std::string id = derive_activity_id(a);
    CHECK(id.rfind("c-", 0) == 0);
    CHECK(id.size() == 18);
    CHECK(std::all_of(id.begin() + 2, id.end(),
                      [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }));
    CHECK(derive_activity_id(a) == id);
    CHECK(derive_activity_id(ce("2024-05-01", 4000, "Course")) == id);

    CHECK(derive_activity_id(ce("2024-05-02", 4000, "Course")) != id);
    CHECK(derive_activity_id(ce("2024-05-01", 4050, "Course")) != id);
    CHECK(derive_activity_id(ce("2024-05-01", 4000, "Course 2")) != id);
    Activity other_holder = a;
    other_holder.holder = "Bo";
    CHECK(derive_activity_id(other_holder) != id);

    Activity exam;
    exam.holder = "Ana";
    exam.date = test::d("2024-05-01");
    exam.kind = ActivityKind::Exam;
    exam.exam = "350-401";
    const std::string eid = derive_activity_id(exam);
    CHECK(eid.rfind("e-", 0) == 0);
    CHECK(eid.size() == 18);
    Activity exam2 = exam;
    exam2.exam = "300-410";
    CHECK(derive_activity_id(exam2) != eid);
}

TEST_CASE("A loaded activity without id gets its derived id; an explicit id is kept",
          "[ledger][ids]") {
    Ledger l = good(doc(kCerts, R"([{"date": "2024-05-01", "credits": 40, "title": "Course"},
                                    {"id": "mine-1", "date": "2024-05-01", "credits": 40, "title": "Course"}])"));
    REQUIRE(l.activities.size() == 2);
    CHECK(l.activities[0].id == derive_activity_id(ce("2024-05-01", 4000, "Course")));
    CHECK(l.activities[1].id == "mine-1");
    // the same record in another ledger load has the same id
    Ledger again =
        good(doc(kCerts, R"([{"date": "2024-05-01", "credits": 40.00, "title": "Course"}])"));
    CHECK(again.activities.at(0).id == l.activities[0].id);
}

// --- errors --------------------------------------------------------------------------------------

TEST_CASE("A date that is not strict YYYY-MM-DD is an error at the date",
          "[ledger][errors][dates]") {
    const std::string text = doc(kCerts, R"([{"date": "2024-5-01", "credits": 10}])");
    expect_error(text, "/activities/0/date", "invalid date \"2024-5-01\"", "\"2024-5-01\"");
}

TEST_CASE("2024-02-30 is not a date", "[ledger][errors][dates]") {
    const std::string text = doc(R"([{"id": "ccna", "earned": "2024-02-30"}])", "[]");
    expect_error(text, "/certifications/0/earned", "invalid date \"2024-02-30\"", "\"2024-02-30\"");
}

TEST_CASE("A date given as a number is an error", "[ledger][errors][dates]") {
    const std::string text = doc(kCerts, R"([{"date": 20240501, "credits": 10}])");
    expect_error(text, "/activities/0/date", "expected a date", "20240501");
}

TEST_CASE("An unknown certification is an error at its id", "[ledger][errors]") {
    const std::string text = doc(R"([{"id": "ccnx", "earned": "2023-03-10"}])", "[]");
    expect_error(text, "/certifications/0/id", "unknown certification \"ccnx\"", "\"ccnx\"");
}

TEST_CASE("An expiry before the earned date is an error", "[ledger][errors]") {
    const std::string text =
        doc(R"([{"id": "ccna", "earned": "2023-03-10", "expires": "2023-03-09"}])", "[]");
    expect_error(text, "/certifications/0/expires", "before earned", "\"2023-03-09\"");
}

TEST_CASE("An unknown exam code without exam_kind is an error at the code",
          "[ledger][errors][exams]") {
    const std::string text =
        doc(kCerts, R"([{"date": "2024-05-01", "kind": "exam", "exam": "999-999"}])");
    expect_error(text, "/activities/0/exam", "unknown exam code \"999-999\"", "\"999-999\"");
    auto res = load(text);
    REQUIRE(at(res.errors, "/activities/0/exam"));
    CHECK_THAT(at(res.errors, "/activities/0/exam")->hint, Catch::Contains("exam_kind"));
}

TEST_CASE("An unknown exam_kind is an error at the kind", "[ledger][errors][exams]") {
    const std::string text =
        doc(kCerts, R"([{"date": "2024-05-01", "exam": "999-999", "exam_kind": "lab"}])");
    expect_error(text, "/activities/0/exam_kind", "unknown exam kind \"lab\"", "\"lab\"");
}

TEST_CASE("Negative credits are an error at the credits", "[ledger][errors][credits]") {
    const std::string text = doc(kCerts, R"([{"date": "2024-05-01", "credits": -5}])");
    expect_error(text, "/activities/0/credits", "invalid credits -5", "-5");
}

TEST_CASE("Credits with three decimals are an error", "[ledger][errors][credits]") {
    const std::string text = doc(kCerts, R"([{"date": "2024-05-01", "credits": 1.125}])");
    expect_error(text, "/activities/0/credits", "at most two decimal places", "1.125");
    const std::string as_string = doc(kCerts, R"([{"date": "2024-05-01", "credits": "1.125"}])");
    expect_error(as_string, "/activities/0/credits", "invalid credits", "\"1.125\"");
}

TEST_CASE("Non-numeric credits are an error", "[ledger][errors][credits]") {
    expect_error(doc(kCerts, R"([{"date": "2024-05-01", "credits": "twelve"}])"),
                 "/activities/0/credits", "invalid credits", "\"twelve\"");
    expect_error(doc(kCerts, R"([{"date": "2024-05-01", "credits": true}])"),
                 "/activities/0/credits", "invalid credits", "true");
}

TEST_CASE("A CE activity without credits is an error", "[ledger][errors][credits]") {
    const std::string text = doc(kCerts, R"([{"date": "2024-05-01", "title": "x"}])");
    auto res = load(text);
    CHECK_FALSE(res.ok());
    const Diagnostic* d = at(res.errors, "/activities/0");
    REQUIRE(d);
    CHECK_THAT(d->message, Catch::Contains("without \"credits\""));
    CHECK(d->line == pos_of(text, "{\"date\"").first);
}

TEST_CASE("An unknown status is an error at the status", "[ledger][errors]") {
    const std::string text =
        doc(kCerts, R"([{"date": "2024-05-01", "credits": 10, "status": "done"}])");
    expect_error(text, "/activities/0/status", "unknown status \"done\"", "\"done\"");
}

TEST_CASE("An unknown kind is an error at the kind", "[ledger][errors]") {
    const std::string text =
        doc(kCerts, R"([{"date": "2024-05-01", "credits": 10, "kind": "lab"}])");
    expect_error(text, "/activities/0/kind", "expected \"ce\" or \"exam\"", "\"lab\"");
}

TEST_CASE("An unknown key in a ledger record is an error with its JSON pointer",
          "[ledger][errors]") {
    const std::string text =
        doc(kCerts, R"([{"date": "2024-05-01", "credits": 10, "note": "hi"}])");
    expect_error(text, "/activities/0/note", "unknown key \"note\"", "\"hi\"");
    const std::string top = doc(kCerts, "[]") + "";
    std::string with_top = top;
    with_top.insert(with_top.find("\"holder\""), "\"holdr\": \"x\",\n  ");
    expect_error(with_top, "/holdr", "unknown key \"holdr\"", "\"x\"");
}

TEST_CASE("A key with a slash is escaped in the JSON pointer and still located",
          "[ledger][errors]") {
    const std::string text =
        doc(kCerts, R"([{"date": "2024-05-01", "credits": 10, "no/te": "hi"}])");
    expect_error(text, "/activities/0/no~1te", "unknown key \"no/te\"", "\"hi\"");
}

TEST_CASE("Locating an error skips strings containing brackets and escaped quotes",
          "[ledger][errors]") {
    const std::string text =
        doc(kCerts, R"([{"title": "a]b\"}{", "date": "2024-05-01", "credits": 1},
                                             {"date": "2024-05-01", "credits": -7}])");
    expect_error(text, "/activities/1/credits", "invalid credits -7", "-7");
}

TEST_CASE("A wrong ledger schema string is an error at /schema", "[ledger][errors]") {
    std::string text = doc(kCerts, "[]");
    text.replace(text.find("recert-ledger/1"), 15, "recert-ledger/2");
    expect_error(text, "/schema", "expected \"recert-ledger/1\"", "\"recert-ledger/2\"");
}

TEST_CASE("An unknown category is an error at the category", "[ledger][errors]") {
    const std::string text =
        doc(kCerts, R"([{"date": "2024-05-01", "credits": 10, "category": "gym"}])");
    expect_error(text, "/activities/0/category", "unknown category \"gym\"", "\"gym\"");
}

TEST_CASE("Duplicate explicit activity ids are an error at the second id",
          "[ledger][errors][ids]") {
    const std::string text = doc(kCerts, R"([{"id": "a1", "date": "2024-05-01", "credits": 10},
                                             {"id": "a1", "date": "2024-06-01", "credits": 20}])");
    expect_error(text, "/activities/1/id", "duplicate activity id \"a1\"", "\"a1\"", 1);
}

TEST_CASE("The same record twice without ids is a duplicate", "[ledger][errors][ids]") {
    const std::string text = doc(kCerts, R"([{"date": "2024-05-01", "credits": 10, "title": "Lab"},
                                             {"date": "2024-05-01", "credits": 10, "title": "Lab"}])");
    expect_error(text, "/activities/1", "the same record twice", "{\"date\"", 1);
}

TEST_CASE("A claim submitted before the activity date is an error", "[ledger][errors][claims]") {
    const std::string text =
        doc(kCerts, R"([{"date": "2024-05-01", "credits": 10, "submitted": "2024-04-30"}])");
    expect_error(text, "/activities/0/submitted", "is before the activity date 2024-05-01",
                 "\"2024-04-30\"");
}

TEST_CASE("An exam with credits is an error at the credits", "[ledger][errors][exams]") {
    const std::string text = doc(
        kCerts, R"([{"date": "2024-05-01", "kind": "exam", "exam": "350-401", "credits": 10}])");
    expect_error(text, "/activities/0/credits", "an exam with credits", "10}");
}

TEST_CASE("An exam without an exam code is an error", "[ledger][errors][exams]") {
    const std::string text = doc(kCerts, R"([{"date": "2024-05-01", "kind": "exam"}])");
    auto res = load(text);
    const Diagnostic* d = at(res.errors, "/activities/0");
    REQUIRE(d);
    CHECK_THAT(d->message, Catch::Contains("without \"exam\""));
}

TEST_CASE("A CE activity with an exam code is an error", "[ledger][errors][exams]") {
    const std::string text =
        doc(kCerts, R"([{"date": "2024-05-01", "kind": "ce", "credits": 5, "exam": "350-401"}])");
    expect_error(text, "/activities/0/exam", "a CE activity with an exam code", "\"350-401\"");
}

TEST_CASE("The same certification earned on the same day twice for one holder is a duplicate",
          "[ledger][errors]") {
    const std::string text = doc(R"([{"id": "ccna", "earned": "2023-01-01"},
                                     {"id": "CCNA", "earned": "2023-01-01"}])",
                                 "[]");
    auto res = load(text);
    INFO(all(res.errors));
    CHECK_FALSE(res.ok());
    const Diagnostic* d = at(res.errors, "/certifications/1");
    REQUIRE(d);
    CHECK_THAT(d->message, Catch::Contains("duplicate certification: ccna earned 2023-01-01"));
    CHECK(d->line == pos_of(text, "{\"id\": \"CCNA\"").first);
    CHECK(d->column == pos_of(text, "{\"id\": \"CCNA\"").second);

    // another holder, or another date, is not a duplicate
    good(doc(
        R"([{"id": "ccna", "earned": "2023-01-01"}, {"id": "ccna", "holder": "Bo", "earned": "2023-01-01"}])",
        "[]"));
    good(doc(R"([{"id": "ccna", "earned": "2023-01-01"}, {"id": "ccna", "earned": "2027-01-01"}])",
             "[]"));
}

TEST_CASE("Several ledger errors are all reported in one pass", "[ledger][errors]") {
    const std::string text = doc(R"([{"id": "nope", "earned": "2023-01-01"}])",
                                 R"([{"date": "2024-13-01", "credits": 10},
                                     {"date": "2024-05-01", "credits": -1},
                                     {"date": "2024-05-01", "credits": 1, "status": "maybe"}])");
    auto res = load(text);
    INFO(all(res.errors));
    CHECK_FALSE(res.value);
    CHECK(res.errors.size() == 4);
    for (const char* p : {"/certifications/0/id", "/activities/0/date", "/activities/1/credits",
                          "/activities/2/status"}) {
        INFO(p);
        const Diagnostic* d = at(res.errors, p);
        REQUIRE(d);
        CHECK(d->line > 0);
    }
}

TEST_CASE("Malformed ledger JSON is an error at the line and column of the syntax error",
          "[ledger][errors]") {
    const std::string text = "{\n  \"schema\": \"recert-ledger/1\"\n  \"holder\": \"Ana\"\n}\n";
    auto res = load(text);
    REQUIRE(res.errors.size() == 1);
    CHECK_THAT(res.errors[0].message, Catch::StartsWith("invalid JSON"));
    // a value follows another: the comma is missing right after the first
    CHECK(res.errors[0].message == "invalid JSON: a comma is missing here, between two values");
    const auto [line, col] = pos_of(text, "\"recert-ledger/1\"");
    CHECK(res.errors[0].line == line);
    CHECK(res.errors[0].column == col + 17);
    // where nothing likely is recognised, the parser's own words at its place
    const std::string other = "{\n  \"schema\": \"recert-ledger/1\",,\n}\n";
    auto res2 = load(other);
    REQUIRE(res2.errors.size() == 1);
    CHECK_THAT(res2.errors[0].message, Catch::StartsWith("invalid JSON: syntax error"));
}

TEST_CASE("A JSON syntax error says its likely cause where it is", "[ledger][errors]") {
    struct Case {
        std::string text, message, at; // `at`: the text the error is located at (its first one)
    };
    const std::vector<Case> cases{
        {"{\"certifications\": [1, 2 ,\n ]}", "invalid JSON: trailing comma before ']'", ",\n"},
        {"{\"a\": {\"b\": 1,}}", "invalid JSON: trailing comma before '}'", ",}"},
        {"{\"schema\": 'recert-ledger/1'}",
         "invalid JSON: strings take double quotes, not single quotes", "'"},
        {"{\"a\": [\"x\" \"y\"]}", "invalid JSON: a comma is missing here, between two values",
         " \"y"},
        {"{\"a\" 1}", "invalid JSON: a ':' is missing here, after the key", " 1"},
        {"{\"earned\": 2024-01-10}", "invalid JSON: a date without double quotes", "2024"},
        {"{\n  // note\n}", "invalid JSON: JSON has no comments", "//"},
        {"{holder: \"Ana\"}", "invalid JSON: text without double quotes", "holder"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        auto res = load(c.text);
        REQUIRE(res.errors.size() == 1);
        CHECK(res.errors[0].message == c.message);
        CHECK_FALSE(res.errors[0].hint.empty());
        const auto [line, col] = pos_of(c.text, c.at);
        CHECK(res.errors[0].line == line);
        CHECK(res.errors[0].column == col);
    }
    // no guess where the parser's words are as good: text after the end, a number JSON lacks, a
    // bad string
    for (const std::string text : {"{}\n{}", "{\"credits\": NaN}", "{\"a\": \"\\ud800\"}"}) {
        CAPTURE(text);
        auto res = load(text);
        REQUIRE(res.errors.size() == 1);
        CHECK_THAT(res.errors[0].message, Catch::StartsWith("invalid JSON: syntax error"));
    }
}

// --- writing records back ------------------------------------------------------------------------

TEST_CASE("Records written with activity_to_json and certification_to_json load back unchanged",
          "[ledger][json]") {
    const Ledger l = good(doc(
        R"([{"id": "CCNP ENT", "earned": "2023-03-10"},
                                  {"id": "ccna", "holder": "Bo", "earned": "2021-06-01", "expires": "2024-06-01"}])",
        R"([{"date": "2024-05-01", "credits": 12.5, "status": "pending", "title": "Course, \"advanced\"",
                                   "category": "training", "submitted": "2024-05-10"},
                                  {"id": "own", "holder": "Bo", "date": "2024-06-01", "credits": "0.25", "status": "unclaimed"},
                                  {"date": "2025-06-01", "exam": "300-410"},
                                  {"date": "2025-07-01", "exam": "X-1", "exam_kind": "core", "title": "Beta exam"}])"));
    ojson out = empty_ledger(l.holder);
    for (const auto& c : l.certifications)
        out["certifications"].push_back(certification_to_json(c, cisco(), l.holder));
    for (const auto& a : l.activities)
        out["activities"].push_back(activity_to_json(a, l.holder, cisco()));

    // only informative fields: the file holder is not repeated, credits are numbers
    CHECK_FALSE(out["certifications"][0].contains("holder"));
    CHECK(out["certifications"][0]["id"] == "ccnp-enterprise");
    CHECK(out["certifications"][1]["holder"] == "Bo");
    CHECK_FALSE(out["activities"][0].contains("holder"));
    CHECK(out["activities"][0]["credits"].is_number());
    CHECK(out["activities"][0]["credits"].get<double>() == 12.5);
    CHECK(out["activities"][0]["credits"].dump() == "12.5");
    CHECK(out["activities"][2]["kind"] == "exam");
    CHECK_FALSE(out["activities"][2].contains("credits"));

    const Ledger back = good(out.dump(2));
    CHECK(back.holder == l.holder);
    REQUIRE(back.certifications.size() == l.certifications.size());
    for (std::size_t i = 0; i < l.certifications.size(); ++i) {
        INFO(i);
        CHECK(back.certifications[i].holder == l.certifications[i].holder);
        CHECK(back.certifications[i].cert == l.certifications[i].cert);
        CHECK(back.certifications[i].earned == l.certifications[i].earned);
        CHECK(back.certifications[i].expires == l.certifications[i].expires);
    }
    REQUIRE(back.activities.size() == l.activities.size());
    for (std::size_t i = 0; i < l.activities.size(); ++i) {
        INFO(i);
        const Activity& a = l.activities[i];
        const Activity& b = back.activities[i];
        CHECK(b.id == a.id);
        CHECK(b.holder == a.holder);
        CHECK(b.date == a.date);
        CHECK(b.kind == a.kind);
        CHECK(b.credits == a.credits);
        CHECK(b.status == a.status);
        CHECK(b.submitted == a.submitted);
        CHECK(b.title == a.title);
        CHECK(b.category == a.category);
        CHECK(b.exam == a.exam);
        CHECK(b.exam_kind == a.exam_kind);
    }
}

TEST_CASE("A ledger written for holder \"me\" omits the holder of its records", "[ledger][json]") {
    Activity a = ce("2024-01-01", 100);
    a.holder = "me";
    a.id = derive_activity_id(a);
    const ojson j = activity_to_json(a, "me", cisco());
    CHECK_FALSE(j.contains("holder"));
    CHECK(j["credits"] == 1);
    CHECK(j["credits"].is_number_integer());
    CHECK(j["status"] == "approved");
    CHECK(j["id"] == a.id);
}

namespace {
recert::Diagnostics ledger_errors(const std::string& activities) {
    const std::string text =
        R"({"schema": "recert-ledger/1", "holder": "Ana", "certifications": [], "activities": )" +
        activities + "}";
    return recert::load_ledger(text, "l.json", test::cisco()).errors;
}
} // namespace

TEST_CASE("An exam kind that contradicts the catalog is an error", "[ledger][exams]") {
    auto errors = ledger_errors(
        R"([{"date": "2024-01-01", "exam": "350-401", "exam_kind": "concentration"}])");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "/activities/0/exam_kind");
    CHECK_THAT(errors[0].message, Catch::Contains("is a core exam in the catalog"));
    CHECK(ledger_errors(R"([{"date": "2024-01-01", "exam": "350-401", "exam_kind": "core"}])")
              .empty());
}

TEST_CASE("Claim fields on an exam and exam fields on a CE claim are errors", "[ledger][exams]") {
    CHECK(ledger_errors(R"([{"date": "2024-01-01", "exam": "350-401", "status": "rejected"}])")
              .size() == 1);
    CHECK(ledger_errors(R"([{"date": "2024-01-01", "exam": "350-401", "submitted": "2024-01-02"}])")
              .size() == 1);
    CHECK(ledger_errors(R"([{"date": "2024-01-01", "credits": 5, "exam_kind": "core"}])").size() ==
          1);
    CHECK(ledger_errors(R"([{"date": "2024-01-01", "exam": "350-401", "status": "approved"}])")
              .empty());
}

TEST_CASE("A key repeated in one object is an error, not a silent overwrite", "[ledger][json]") {
    auto errors = ledger_errors("[{\"date\": \"2024-01-01\", \"credits\": 10,\n \"credits\": 20}]");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "/activities/0/credits");
    CHECK(errors[0].line == 2);
    CHECK_THAT(errors[0].message, Catch::Contains("duplicate key"));
}

TEST_CASE("Exam records are written without the kind the catalog already gives", "[ledger][json]") {
    auto l = test::ledger(
        "[]",
        R"([{"date": "2024-01-01", "exam": "350-401"}, {"date": "2024-01-02", "exam": "999-1", "exam_kind": "core"}])");
    CHECK_FALSE(
        recert::activity_to_json(l.activities[0], "Ana", test::cisco()).contains("exam_kind"));
    CHECK(recert::activity_to_json(l.activities[1], "Ana", test::cisco())["exam_kind"] == "core");
}

TEST_CASE("A number too large for a double is an error, not an exception", "[ledger][json]") {
    auto res = recert::load_ledger("[1e999]", "big.json", test::cisco());
    REQUIRE(res.errors.size() == 1);
    CHECK_THAT(res.errors[0].message, Catch::Contains("invalid JSON"));
    auto rules =
        recert::load_rules(R"({"schema": "recert-rules/1", "claim_window_days": 1e999})", "r.json");
    REQUIRE(rules.errors.size() == 1);
}
