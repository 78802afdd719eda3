// Loading rules files: the built-in Cisco program and the errors a broken rules file produces
// (docs/formats.md "Rules file", docs/semantics.md §4, §7, §9).
#include "../helpers.hpp"

#include <algorithm>
#include <functional>

using namespace recert;
using test::all;
using test::at;
using test::pos_of;
using ojson = nlohmann::ordered_json;

namespace {

// A small valid rules document, mutated by each test.
ojson base_rules() {
    return ojson::parse(R"({
      "schema": "recert-rules/1",
      "program": {"id": "t", "name": "Test program", "unit": "CE credits"},
      "categories": [{"id": "training", "name": "Training"}],
      "exam_kinds": [{"id": "core", "name": "Core exam"}, {"id": "concentration", "name": "Concentration exam"}],
      "levels": [
        {"id": "pro", "name": "Professional", "rank": 3, "validity_years": 3,
         "paths": [{"credits": {"total": 80}},
                   {"credits": {"total": 40}, "exams": [{"kinds": ["concentration"], "count": 1}]}]}],
      "certifications": [{"id": "xcert", "name": "X Cert", "level": "pro", "aliases": ["XC"]}],
      "exams": [{"code": "100-001", "name": "XCOR", "kind": "core"}]
    })");
}

Result<Rules> load(const ojson& doc, std::string* text_out = nullptr) {
    const std::string text = doc.dump(2);
    if (text_out) *text_out = text;
    return load_rules(text, "rules.json");
}

Result<Rules> load_with(const std::function<void(ojson&)>& mutate,
                        std::string* text_out = nullptr) {
    ojson doc = base_rules();
    mutate(doc);
    return load(doc, text_out);
}

// The one expected error: at `pointer`, located at the nth occurrence of `needle`, with `message`
// in it.
void expect_error(const Result<Rules>& res, const std::string& text, const std::string& pointer,
                  const std::string& message, const std::string& needle, int nth = 0) {
    INFO(all(res.errors));
    CHECK_FALSE(res.ok());
    CHECK_FALSE(res.value.has_value());
    const Diagnostic* d = at(res.errors, pointer);
    REQUIRE(d != nullptr);
    CHECK(d->file == "rules.json");
    CHECK_THAT(d->message, Catch::Contains(message));
    const auto [line, col] = pos_of(text, needle, nth);
    CHECK(d->line == line);
    CHECK(d->column == col);
}

std::vector<std::string> descriptions(const Level& lv) {
    std::vector<std::string> out;
    for (const auto& p : lv.paths) out.push_back(p.description);
    return out;
}

const Level& level(const Rules& r, const std::string& id) {
    auto it =
        std::find_if(r.levels.begin(), r.levels.end(), [&](const Level& l) { return l.id == id; });
    REQUIRE(it != r.levels.end());
    return *it;
}

} // namespace

// --- the built-in Cisco program
// -------------------------------------------------------------------

TEST_CASE("The built-in Cisco rules load without diagnostics", "[rules][cisco]") {
    auto text = builtin_program_text("cisco");
    REQUIRE(text);
    auto res = load_rules(*text, "cisco.json");
    INFO(all(res.errors));
    REQUIRE(res.ok());
    const Rules& r = *res.value;
    CHECK(r.program.id == "cisco");
    CHECK(r.program.unit == "CE credits");
    CHECK(r.claim_window_days == 365);
    CHECK(r.anchor == RenewalAnchor::RecertificationDate);
    CHECK(r.cascade == Cascade::Rank);
    CHECK(r.expiring_days == 90);
    CHECK(r.pending_retroactive);
    CHECK(r.document.at("schema") == "recert-rules/1");
}

TEST_CASE("Built-in program names are looked up case-insensitively; unknown names give nothing",
          "[rules][cisco]") {
    auto names = builtin_program_names();
    CHECK(std::find(names.begin(), names.end(), "cisco") != names.end());
    CHECK(builtin_program_text("CISCO"));
    CHECK(builtin_program_text("PMI"));
    CHECK_FALSE(builtin_program_text("acme"));
}

TEST_CASE("Cisco levels have the ranks and three-year validity of the policy", "[rules][cisco]") {
    const Rules& r = test::cisco();
    CHECK(level(r, "entry").rank == 0);
    CHECK(level(r, "associate").rank == 1);
    CHECK(level(r, "specialist").rank == 2);
    CHECK(level(r, "professional").rank == 3);
    CHECK(level(r, "expert").rank == 4);
    for (const char* id : {"associate", "specialist", "professional", "expert"}) {
        INFO(id);
        CHECK(level(r, id).validity_years == 3);
    }
}

TEST_CASE("The CCST level: lifetime before 2025-07-15, then 5 years renewed by exams only",
          "[rules][cisco][lifetime]") {
    const Rules& r = test::cisco();
    const Level& entry = level(r, "entry");
    CHECK(entry.validity_years == 5);
    CHECK(test::ds(entry.lifetime_before) == "2025-07-15");
    CHECK_FALSE(entry.renewed_by_ce);
    CHECK(entry.in_cascade);
    CHECK(
        descriptions(entry) ==
        std::vector<std::string>{
            "1 CCST, associate, concentration, core, expert written or expert lab/practical exam"});
    const Certification* ccst = r.find_certification("ccst-networking");
    REQUIRE(ccst);
    CHECK(r.level_of(*ccst).id == "entry");
}

TEST_CASE("Cisco paths and their descriptions follow docs/semantics.md §4",
          "[rules][cisco][paths]") {
    const Rules& r = test::cisco();
    CHECK(descriptions(level(r, "associate")) ==
          std::vector<std::string>{
              "30 CE credits",
              "1 associate, concentration, core, expert written or expert lab/practical exam"});
    CHECK(descriptions(level(r, "specialist")) ==
          std::vector<std::string>{"40 CE credits",
                                   "1 concentration, core or expert lab/practical exam"});
    CHECK(descriptions(level(r, "professional")) ==
          std::vector<std::string>{"80 CE credits", "40 CE credits + 1 concentration exam",
                                   "2 concentration exams", "1 core exam",
                                   "1 expert lab/practical exam"});
    CHECK(descriptions(level(r, "expert")) ==
          std::vector<std::string>{"120 CE credits", "40 CE credits + 1 core exam",
                                   "40 CE credits + 2 concentration exams",
                                   "80 CE credits + 1 concentration exam", "3 concentration exams",
                                   "1 core exam + 1 concentration exam",
                                   "1 expert lab/practical exam"});
}

TEST_CASE("The 40 CE + 1 concentration path holds exact credits and one exam group",
          "[rules][cisco][paths]") {
    const Level& pro = level(test::cisco(), "professional");
    REQUIRE(pro.paths.size() == 5);
    const Path& p = pro.paths[1];
    REQUIRE(p.credits);
    CHECK(p.credits->total == 4000);
    REQUIRE(p.exams.size() == 1);
    CHECK(p.exams[0].kinds == std::vector<std::string>{"concentration"});
    CHECK(p.exams[0].count == 1);
    CHECK_FALSE(pro.paths[2].credits);
    CHECK(pro.paths[2].exams[0].count == 2);
}

TEST_CASE("A certification is found by id, name or alias, ignoring case",
          "[rules][cisco][lookup]") {
    const Rules& r = test::cisco();
    for (const char* name :
         {"ccnp-enterprise", "CCNP-ENTERPRISE", "CCNP Enterprise", "ccnp enterprise", "CCNP ENT",
          "ccnp ent", "Cisco Certified Network Professional Enterprise"}) {
        INFO(name);
        const Certification* c = r.find_certification(name);
        REQUIRE(c);
        CHECK(c->id == "ccnp-enterprise");
        CHECK(r.level_of(*c).id == "professional");
    }
    const Certification* ccna = r.find_certification("cisco certified network associate");
    REQUIRE(ccna);
    CHECK(ccna->id == "ccna");
    CHECK_FALSE(r.find_certification("ccnp"));
    CHECK_FALSE(r.find_certification(""));
    CHECK_FALSE(r.find_certification("ccnp enterprise ")); // no trimming guesses
}

TEST_CASE("certification_by_id matches ids exactly", "[rules][cisco][lookup]") {
    const Rules& r = test::cisco();
    REQUIRE(r.certification_by_id("ccie-security"));
    CHECK(r.certification_by_id("ccie-security")->name == "CCIE Security");
    CHECK_FALSE(r.certification_by_id("CCIE Security")); // a name is not an id
}

TEST_CASE("An exam is found by its code or its name, ignoring case, with its kind",
          "[rules][cisco][lookup]") {
    const Rules& r = test::cisco();
    const Exam* encor = r.find_exam("350-401");
    REQUIRE(encor);
    CHECK(encor->name == "ENCOR");
    CHECK(encor->kind == "core");
    REQUIRE(r.find_exam("300-410"));
    CHECK(r.find_exam("300-410")->kind == "concentration");
    const Exam* lab = r.find_exam("CCIE-EI-LAB");
    REQUIRE(lab);
    CHECK(lab->kind == "expert_lab");
    CHECK_FALSE(r.find_exam("999-999"));
    CHECK(r.find_exam("enarsi") == r.find_exam("300-410")); // by name
    CHECK(r.find_exam("CCDE written")->code == "400-007");
    CHECK_FALSE(r.find_exam(""));
    CHECK(r.has_exam_kind("expert_written"));
    CHECK(r.has_exam_kind("Core")); // ids ignore case, as statuses do
    CHECK(r.has_category("training"));
    CHECK(r.category_index("Training") == r.category_index("training"));
    CHECK_FALSE(r.has_category("giving_back"));
}

TEST_CASE("Retired Cisco certifications carry their retirement date; current ones none",
          "[rules][cisco][retired]") {
    const Rules& r = test::cisco();
    const Certification* rs = r.find_certification("ccnp-routing-switching");
    REQUIRE(rs);
    REQUIRE(rs->retired);
    CHECK(format_date(*rs->retired) == "2020-02-24");
    REQUIRE(r.find_certification("CCIE R&S"));
    CHECK(r.find_certification("CCIE R&S")->retired);
    CHECK_FALSE(r.find_certification("ccna")->retired);
    CHECK_FALSE(r.find_certification("ccnp-enterprise")->retired);
}

TEST_CASE("Every Cisco certification id, name and alias resolves to that certification",
          "[rules][cisco][lookup]") {
    const Rules& r = test::cisco();
    REQUIRE(r.certifications.size() > 20);
    for (const auto& c : r.certifications) {
        INFO(c.id);
        CHECK(r.find_certification(c.id) == &c);
        CHECK(r.find_certification(c.name) == &c);
        for (const auto& a : c.aliases) CHECK(r.find_certification(a) == &c);
    }
}

// --- a small valid file --------------------------------------------------------------------------

TEST_CASE("A minimal rules file loads and derives path descriptions in its own unit", "[rules]") {
    auto res = load(base_rules());
    INFO(all(res.errors));
    REQUIRE(res.ok());
    const Rules& r = *res.value;
    REQUIRE(r.levels.size() == 1);
    // exam kinds by their names; a name that ends in "exam" is not doubled
    CHECK(descriptions(r.levels[0]) ==
          std::vector<std::string>{"80 CE credits", "40 CE credits + 1 Concentration exam"});
    CHECK(r.find_certification("xc") == &r.certifications[0]);
    CHECK(r.find_exam("100-001")->kind == "core");
}

TEST_CASE("Rules file defaults: claim window 365 days, 90 expiring days, rank cascade", "[rules]") {
    auto res = load(base_rules());
    REQUIRE(res.ok());
    CHECK(res.value->claim_window_days == 365);
    CHECK(res.value->expiring_days == 90);
    CHECK(res.value->cascade == Cascade::Rank);
    CHECK(res.value->anchor == RenewalAnchor::RecertificationDate);
}

TEST_CASE("A level with \"validity_years\": null and no paths is lifetime", "[rules][lifetime]") {
    auto res = load_with([](ojson& d) {
        d["levels"].push_back(ojson::parse(
            R"({"id": "entry", "name": "Entry", "rank": 0, "validity_years": null, "paths": []})"));
    });
    INFO(all(res.errors));
    REQUIRE(res.ok());
    CHECK_FALSE(res.value->levels[1].validity_years);
}

TEST_CASE("Category minimums and caps are described on the path", "[rules][paths]") {
    auto res = load_with([](ojson& d) {
        d["categories"].push_back(ojson::parse(R"({"id": "giving", "name": "Giving back"})"));
        d["levels"][0]["paths"].push_back(ojson::parse(
            R"({"credits": {"total": 120, "min": {"training": 90}, "max": {"giving": 25}}})"));
    });
    INFO(all(res.errors));
    REQUIRE(res.ok());
    const Path& p = res.value->levels[0].paths[2];
    CHECK(p.credits->min.at("training") == 9000);
    CHECK(p.credits->max.at("giving") == 2500);
    CHECK(p.description == "120 CE credits (at least 90 training) (at most 25 giving)");
}

// --- errors --------------------------------------------------------------------------------------

TEST_CASE("An unknown top-level key in a rules file is an error with its JSON pointer",
          "[rules][errors]") {
    std::string text;
    auto res = load_with([](ojson& d) { d["claim_windw_days"] = 365; }, &text);
    expect_error(res, text, "/claim_windw_days", "unknown key \"claim_windw_days\"", "365");
    const Diagnostic* d = at(res.errors, "/claim_windw_days");
    REQUIRE(d);
    CHECK_THAT(d->hint, Catch::Contains("claim_window_days")); // did you mean
}

TEST_CASE("An unknown key in a level is an error with its JSON pointer", "[rules][errors]") {
    std::string text;
    auto res = load_with([](ojson& d) { d["levels"][0]["validity"] = "three years"; }, &text);
    expect_error(res, text, "/levels/0/validity", "unknown key \"validity\"", "\"three years\"");
}

TEST_CASE("A path naming an unknown exam kind is an error at that kind", "[rules][errors]") {
    std::string text;
    auto res = load_with(
        [](ojson& d) { d["levels"][0]["paths"][1]["exams"][0]["kinds"].push_back("lab"); }, &text);
    expect_error(res, text, "/levels/0/paths/1/exams/0/kinds/1", "unknown exam kind \"lab\"",
                 "\"lab\"");
}

TEST_CASE("A certification naming an unknown level is an error at its level", "[rules][errors]") {
    std::string text;
    auto res = load_with([](ojson& d) { d["certifications"][0]["level"] = "professionel"; }, &text);
    expect_error(res, text, "/certifications/0/level", "unknown level \"professionel\"",
                 "\"professionel\"");
}

TEST_CASE("A duplicate certification id is an error at the second one", "[rules][errors]") {
    std::string text;
    auto res = load_with(
        [](ojson& d) {
            d["certifications"].push_back(
                ojson::parse(R"({"id": "xcert", "name": "Another", "level": "pro"})"));
        },
        &text);
    expect_error(res, text, "/certifications/1/id", "duplicate certification \"xcert\"",
                 "\"xcert\"", 1);
}

TEST_CASE("An alias that collides with another certification's name is an error, ignoring case",
          "[rules][errors]") {
    std::string text;
    auto res = load_with(
        [](ojson& d) {
            d["certifications"].push_back(ojson::parse(
                R"({"id": "ycert", "name": "Y Cert", "level": "pro", "aliases": ["x CERT"]})"));
        },
        &text);
    expect_error(res, text, "/certifications/1/aliases/0", "already names certification \"xcert\"",
                 "\"x CERT\"");
}

TEST_CASE("A name that collides with another certification's id is an error", "[rules][errors]") {
    std::string text;
    auto res = load_with(
        [](ojson& d) {
            d["certifications"].push_back(
                ojson::parse(R"({"id": "ycert", "name": "XCERT", "level": "pro"})"));
        },
        &text);
    expect_error(res, text, "/certifications/1/name", "already names certification \"xcert\"",
                 "\"XCERT\"");
}

TEST_CASE("An empty path is an error at the path", "[rules][errors]") {
    std::string text;
    auto res =
        load_with([](ojson& d) { d["levels"][0]["paths"].push_back(ojson::object()); }, &text);
    expect_error(res, text, "/levels/0/paths/2", "an empty path", "{}");
}

TEST_CASE("A credit requirement without total or min is an error", "[rules][errors]") {
    std::string text;
    auto res =
        load_with([](ojson& d) { d["levels"][0]["paths"][0]["credits"] = ojson::object(); }, &text);
    expect_error(res, text, "/levels/0/paths/0/credits",
                 "needs \"total\", \"min\" or \"min_per_year\"", "{}");
}

TEST_CASE("A cycle of category parents is an error", "[rules][errors]") {
    std::string text;
    auto res = load_with(
        [](ojson& d) {
            d["categories"] = ojson::parse(R"([{"id": "a", "name": "A", "parent": "b"},
                                               {"id": "b", "name": "B", "parent": "a"},
                                               {"id": "c", "name": "C", "parent": "a"}])");
        },
        &text);
    expect_error(res, text, "/categories/0/parent", "\"a\" is its own ancestor", "\"b\"");
    CHECK(at(res.errors, "/categories/1/parent"));
}

TEST_CASE("A category that is its own parent is an error", "[rules][errors]") {
    std::string text;
    auto res = load_with([](ojson& d) { d["categories"][0]["parent"] = "training"; }, &text);
    expect_error(res, text, "/categories/0/parent", "its own ancestor", "\"training\"", 1);
}

TEST_CASE("A parent naming an unknown category is an error", "[rules][errors]") {
    std::string text;
    auto res = load_with([](ojson& d) { d["categories"][0]["parent"] = "nowhere"; }, &text);
    expect_error(res, text, "/categories/0/parent", "unknown category \"nowhere\"", "\"nowhere\"");
}

TEST_CASE("A wrong schema string is an error at /schema", "[rules][errors]") {
    std::string text;
    auto res = load_with([](ojson& d) { d["schema"] = "recert-rules/2"; }, &text);
    expect_error(res, text, "/schema", "expected \"recert-rules/1\"", "\"recert-rules/2\"");
}

TEST_CASE("A missing required key is an error at its object", "[rules][errors]") {
    std::string text;
    auto res = load_with([](ojson& d) { d["certifications"][0].erase("level"); }, &text);
    INFO(all(res.errors));
    CHECK_FALSE(res.ok());
    const Diagnostic* d = at(res.errors, "/certifications/0");
    REQUIRE(d);
    CHECK_THAT(d->message, Catch::Contains("missing required key \"level\""));
    CHECK(d->line > 0);
}

TEST_CASE("Malformed JSON is an error at the line and column of the syntax error",
          "[rules][errors]") {
    const std::string text = "{\n  \"schema\": \"recert-rules/1\",\n  \"program\": {\"id\": "
                             "\"t\",, \"name\": \"T\"}\n}\n";
    auto res = load_rules(text, "bad.json");
    REQUIRE(res.errors.size() == 1);
    const Diagnostic& d = res.errors[0];
    CHECK(d.file == "bad.json");
    CHECK_THAT(d.message, Catch::StartsWith("invalid JSON"));
    const auto [line, col] = pos_of(text, ",,");
    CHECK(d.line == line);
    CHECK(d.column == col + 1); // the second comma
    CHECK_FALSE(res.value);
}

TEST_CASE("An empty rules file is reported as empty", "[rules][errors]") {
    auto res = load_rules("  \n", "empty.json");
    REQUIRE(res.errors.size() == 1);
    CHECK_THAT(res.errors[0].message, Catch::Contains("empty"));
}

TEST_CASE("A rules document that is not an object is an error at the root", "[rules][errors]") {
    auto res = load_rules("[1, 2]", "arr.json");
    CHECK_FALSE(res.ok());
    REQUIRE_FALSE(res.errors.empty());
    CHECK(res.errors[0].pointer == "/");
    CHECK_THAT(res.errors[0].message, Catch::Contains("expected an object"));
}

TEST_CASE("A level with a validity but no paths is an error at its paths", "[rules][errors]") {
    std::string text;
    auto res = load_with([](ojson& d) { d["levels"][0]["paths"] = ojson::array(); }, &text);
    expect_error(res, text, "/levels/0/paths", "needs at least one path", "[]");
}

TEST_CASE("Level keys lifetime_before, renewed_by_ce and in_cascade load; their defaults",
          "[rules][lifetime]") {
    auto plain = load(base_rules());
    REQUIRE(plain.ok());
    CHECK_FALSE(plain.value->levels[0].lifetime_before.has_value());
    CHECK(plain.value->levels[0].renewed_by_ce);
    CHECK(plain.value->levels[0].in_cascade);
    auto res = load_with([](ojson& d) {
        d["levels"][0]["lifetime_before"] = "2025-07-15";
        d["levels"][0]["renewed_by_ce"] = false;
        d["levels"][0]["in_cascade"] = false;
        d["levels"][0]["paths"] = ojson::parse(R"([{"exams": [{"kinds": ["core"]}]}])");
    });
    INFO(all(res.errors));
    REQUIRE(res.ok());
    const Level& lv = res.value->levels[0];
    CHECK(test::ds(lv.lifetime_before) == "2025-07-15");
    CHECK_FALSE(lv.renewed_by_ce);
    CHECK_FALSE(lv.in_cascade);
}

TEST_CASE("A credit requirement in a level that CE does not renew is an error at it",
          "[rules][errors]") {
    std::string text;
    auto res = load_with([](ojson& d) { d["levels"][0]["renewed_by_ce"] = false; }, &text);
    INFO(all(res.errors));
    CHECK_FALSE(res.ok());
    const Diagnostic* d = at(res.errors, "/levels/0/paths/0/credits");
    REQUIRE(d != nullptr);
    CHECK_THAT(d->message, Catch::Contains("a level that CE does not renew"));
    // located at the credit requirement's object, just after its key
    const auto [line, col] = pos_of(text, "\"credits\": {");
    CHECK(d->line == line);
    CHECK(d->column == col + 11);
}

TEST_CASE("renewed_by_ce and in_cascade must be true or false", "[rules][errors]") {
    std::string text;
    auto res = load_with([](ojson& d) { d["levels"][0]["in_cascade"] = "no"; }, &text);
    expect_error(res, text, "/levels/0/in_cascade", "expected true or false", "\"no\"");
}

TEST_CASE("lifetime_before on a lifetime level is an error at the date", "[rules][errors]") {
    std::string text;
    auto res = load_with(
        [](ojson& d) {
            d["levels"][0]["validity_years"] = nullptr;
            d["levels"][0]["paths"] = ojson::array();
            d["levels"][0]["lifetime_before"] = "2025-07-15";
        },
        &text);
    expect_error(res, text, "/levels/0/lifetime_before", "a lifetime level", "\"2025-07-15\"");
}

TEST_CASE("\"renews\" naming an unknown certification is an error at that entry",
          "[rules][errors]") {
    std::string text;
    auto res = load_with(
        [](ojson& d) {
            d["certifications"][0]["renews"] = ojson::array({"xcert", "ghost"});
        },
        &text);
    expect_error(res, text, "/certifications/0/renews/1", "unknown certification \"ghost\"",
                 "\"ghost\"");
    CHECK_FALSE(at(res.errors, "/certifications/0/renews/0"));
}

TEST_CASE("\"renews\" may name a certification declared later in the file", "[rules]") {
    auto res = load_with([](ojson& d) {
        d["certifications"][0]["renews"] = ojson::array({"ycert"});
        d["certifications"].push_back(
            ojson::parse(R"({"id": "ycert", "name": "Y Cert", "level": "pro"})"));
    });
    INFO(all(res.errors));
    REQUIRE(res.ok());
    CHECK(res.value->certifications[0].renews == std::vector<std::string>{"ycert"});
}

TEST_CASE("An exam whose kind is unknown is an error at its kind", "[rules][errors]") {
    std::string text;
    auto res = load_with([](ojson& d) { d["exams"][0]["kind"] = "written"; }, &text);
    expect_error(res, text, "/exams/0/kind", "unknown exam kind \"written\"", "\"written\"");
}

TEST_CASE("A bad retirement date is an error at the date", "[rules][errors]") {
    std::string text;
    auto res = load_with([](ojson& d) { d["certifications"][0]["retired"] = "2020-02-30"; }, &text);
    expect_error(res, text, "/certifications/0/retired", "invalid date \"2020-02-30\"",
                 "\"2020-02-30\"");
}

TEST_CASE("Several errors in a rules file are all reported in one pass", "[rules][errors]") {
    std::string text;
    auto res = load_with(
        [](ojson& d) {
            d["colour"] = "red";
            d["levels"][0]["paths"][1]["exams"][0]["kinds"][0] = "conc";
            d["certifications"][0]["level"] = "nope";
            d["exams"][0]["kind"] = "nope";
        },
        &text);
    INFO(all(res.errors));
    CHECK_FALSE(res.value);
    CHECK(res.errors.size() == 4);
    for (const char* p : {"/colour", "/levels/0/paths/1/exams/0/kinds/0", "/certifications/0/level",
                          "/exams/0/kind"}) {
        INFO(p);
        const Diagnostic* d = at(res.errors, p);
        REQUIRE(d);
        CHECK(d->line > 0);
        CHECK(d->column > 0);
    }
}

TEST_CASE("A file with another schema string stops at that one error", "[rules][errors]") {
    std::string text;
    auto res = load_with(
        [](ojson& d) {
            d["schema"] = "recert-ledger/1";
            d["colour"] = "red";
        },
        &text);
    REQUIRE(res.errors.size() == 1);
    CHECK(res.errors[0].pointer == "/schema");
    CHECK_THAT(res.errors[0].message, Catch::Contains("this is not a rules file"));
}

TEST_CASE("A diagnostic prints as file:line:col: message (at pointer)", "[rules][errors]") {
    const std::string text = "{\n  \"schema\": \"recert-rules/1\",\n  \"oops\": 1\n}";
    auto res = load_rules(text, "r.json");
    const Diagnostic* d = at(res.errors, "/oops");
    REQUIRE(d);
    CHECK(format_location(*d) == "r.json:3:11: unknown key \"oops\" (at /oops)");
}
