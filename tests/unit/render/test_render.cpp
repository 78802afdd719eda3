// Renderers: CSV cells and rows, the status JSON document, and text for people (docs/formats.md
// "Outputs", docs/semantics.md §8). They only print what the engine computed.
#include "../helpers.hpp"

#include "recert/render.hpp"

#include <algorithm>

using namespace recert;
using ojson = nlohmann::ordered_json;
using test::cisco;
using test::run;

namespace {

const char* kCerts =
    R"([{"id": "ccnp-enterprise", "earned": "2023-03-10"}, {"id": "ccst-networking", "earned": "2024-01-05"}])";
const char* kActs = R"([{"date": "2024-05-01", "credits": 12.5, "title": "Course"},
                        {"date": "2024-06-01", "credits": 10, "status": "pending", "submitted": "2024-06-02"}])";

const ojson& cert_json(const ojson& status, const std::string& id) {
    for (const auto& c : status.at("certifications"))
        if (c.at("id") == id) return c;
    FAIL("no certification " << id << " in the status JSON");
    throw std::logic_error("unreachable");
}

std::vector<std::string> lines(const std::string& s, const std::string& eol) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t at = s.find(eol); at != std::string::npos; at = s.find(eol, start)) {
        out.push_back(s.substr(start, at - start));
        start = at + eol.size();
    }
    if (start < s.size()) out.push_back(s.substr(start));
    return out;
}

} // namespace

// --- csv_cell ------------------------------------------------------------------------------------

TEST_CASE("CSV cells that a spreadsheet would run as a formula are neutralised", "[render][csv]") {
    CHECK(csv_cell("=SUM(A1)") == "'=SUM(A1)");
    CHECK(csv_cell("+1") == "'+1");
    CHECK(csv_cell("-5") == "'-5");
    CHECK(csv_cell("@cmd") == "'@cmd");
    CHECK(csv_cell("\tx") == "'\tx");
    CHECK(csv_cell("\rx") == "\"'\rx\""); // neutralised, then quoted for the CR
    CHECK(csv_cell("a=b") == "a=b");      // only a leading character matters
    CHECK(csv_cell("") == "");
    CHECK(csv_cell("plain text") == "plain text");
}

TEST_CASE("Numeric CSV fields are not neutralised", "[render][csv]") {
    CHECK(csv_cell("-5", true) == "-5");
    CHECK(csv_cell("+3", true) == "+3");
    CHECK(csv_cell("12.5", true) == "12.5");
}

TEST_CASE("CSV cells with commas, quotes or newlines are quoted with doubled quotes",
          "[render][csv]") {
    CHECK(csv_cell("a,b") == "\"a,b\"");
    CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_cell("two\nlines") == "\"two\nlines\"");
    CHECK(csv_cell("cr\r\nlf") == "\"cr\r\nlf\"");
    CHECK(csv_cell("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
}

// --- status CSV ----------------------------------------------------------------------------------

TEST_CASE("Status CSV has the documented header and one row per certification", "[render][csv]") {
    auto r = run(kCerts, kActs, "2024-07-01");
    const std::string csv = render_status_csv(cisco(), r.report);
    const auto rows = lines(csv, "\r\n");
    REQUIRE(rows.size() == 3);
    CHECK(csv.size() >= 2);
    CHECK(csv.substr(csv.size() - 2) == "\r\n");
    CHECK(rows[0] == "holder,certification,level,state,expires,days_left,approved,pending,required,"
                     "remaining,next_step");
    const std::string& ccnp = r.cert("ccnp-enterprise").next_step;
    REQUIRE_FALSE(ccnp.empty());
    CHECK(rows[1] == "Ana,ccnp-enterprise,professional,active,2026-03-10,617,12.5,10,80,67.5," +
                         csv_cell(ccnp));
    CHECK(rows[2].rfind("Ana,ccst-networking,entry,lifetime,,,,,,,", 0) == 0);
}

TEST_CASE("Status CSV keeps negative days_left numeric and neutralises a formula-like holder",
          "[render][csv]") {
    auto r =
        run(R"([{"id": "ccna", "holder": "=cmd|x", "earned": "2023-09-01"}])", "[]", "2026-09-02");
    const auto rows = lines(render_status_csv(cisco(), r.report), "\r\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].rfind("'=cmd|x,ccna,associate,expired,2026-09-01,-1,0,0,30,30,", 0) == 0);
}

// --- status JSON ---------------------------------------------------------------------------------

TEST_CASE("Status JSON carries schema, as_of and program", "[render][json]") {
    auto r = run(kCerts, kActs, "2024-07-01");
    const ojson j = status_json(cisco(), r.report);
    CHECK(j.at("schema") == "recert-status/1");
    CHECK(j.at("as_of") == "2024-07-01");
    CHECK(j.at("program") == "cisco");
    REQUIRE(j.at("certifications").is_array());
    CHECK(j.at("certifications").size() == 2);
}

TEST_CASE("Status JSON has every field of docs/semantics.md §8 per certification with the engine's "
          "values",
          "[render][json]") {
    auto r = run(kCerts, kActs, "2024-07-01");
    const ojson j = status_json(cisco(), r.report);
    const ojson& c = cert_json(j, "ccnp-enterprise");
    for (const char* key : {"holder", "id", "name", "level", "state", "retired", "expires",
                            "days_left", "cycle_start", "last_recertified", "renewed_by", "credits",
                            "paths", "notices", "history"}) {
        INFO(key);
        CHECK(c.contains(key));
    }
    CHECK(c["holder"] == "Ana");
    CHECK(c["name"] == "CCNP Enterprise");
    CHECK(c["level"] == "professional");
    CHECK(c["state"] == "active");
    CHECK(c["retired"] == false);
    CHECK(c["expires"] == "2026-03-10");
    CHECK(c["days_left"] == 617);
    CHECK(c["cycle_start"] == "2023-03-10");
    CHECK(c["last_recertified"].is_null());
    CHECK(c["renewed_by"].is_null());

    const ojson& cr = c["credits"];
    for (const char* key : {"approved", "pending", "required", "remaining"}) {
        INFO(key);
        CHECK(cr.at(key).is_number());
    }
    CHECK(cr["approved"].dump() == "12.5");
    CHECK(cr["pending"].dump() == "10");
    CHECK(cr["pending"].is_number_integer());
    CHECK(cr["required"] == 80);
    CHECK(cr["remaining"].dump() == "67.5");

    REQUIRE(c["paths"].size() == 5);
    CHECK(c["paths"][0]["description"] == "80 CE credits");
    CHECK(c["paths"][0]["met"] == false);
    CHECK(c["paths"][0]["missing"]["credits"].dump() == "67.5");
    CHECK(c["paths"][1]["description"] == "40 CE credits + 1 concentration exam");
    CHECK(c["paths"][1]["missing"]["credits"].dump() == "27.5");
    REQUIRE(c["paths"][1]["missing"]["exams"].size() == 1);
    CHECK(c["paths"][1]["missing"]["exams"][0]["kinds"] == ojson::array({"concentration"}));
    CHECK(c["paths"][1]["missing"]["exams"][0]["count"] == 1);

    CHECK(c["notices"].is_array());
    CHECK(c["notices"].empty());
    REQUIRE(c["history"].size() == 1);
    CHECK(c["history"][0]["date"] == "2023-03-10");
    CHECK(c["history"][0]["event"] == "earned");
    CHECK(c["history"][0]["expires"] == "2026-03-10");
}

TEST_CASE("Status JSON shows a renewal by a higher certification", "[render][json][cascade]") {
    auto r = run(
        R"([{"id": "ccna", "earned": "2022-01-10"}, {"id": "ccnp-enterprise", "earned": "2023-03-10"}])",
        "[]", "2023-04-01");
    const ojson j = status_json(cisco(), r.report);
    const ojson& ccna = cert_json(j, "ccna");
    CHECK(ccna["renewed_by"] == "ccnp-enterprise");
    CHECK(ccna["last_recertified"] == "2023-03-10");
    CHECK(ccna["expires"] == "2026-03-10");
    CHECK(ccna["cycle_start"] == "2023-03-11");
    bool renewed = false;
    for (const auto& h : ccna["history"])
        if (h["event"] == "renewed") {
            renewed = true;
            CHECK(h["date"] == "2023-03-10");
            CHECK(h["via"] == "ccnp-enterprise");
        }
    CHECK(renewed);
    // ordered by rank, highest first
    CHECK(j["certifications"][0]["id"] == "ccnp-enterprise");
    CHECK(j["certifications"][1]["id"] == "ccna");
}

TEST_CASE("Status JSON for a lifetime certification has no expiry, no cycle and no requirement",
          "[render][json][lifetime]") {
    auto r = run(kCerts, kActs, "2024-07-01");
    const ojson j = status_json(cisco(), r.report);
    const ojson& c = cert_json(j, "ccst-networking");
    CHECK(c["state"] == "lifetime");
    CHECK(c["expires"].is_null());
    CHECK(c["days_left"].is_null());
    CHECK(c["cycle_start"].is_null());
    CHECK(c["credits"]["required"].is_null());
    CHECK(c["credits"]["remaining"].is_null());
    CHECK(c["paths"].empty());
}

TEST_CASE("Status JSON marks a retired certification", "[render][json][retired]") {
    auto r =
        run(R"([{"id": "ccnp-routing-switching", "earned": "2019-06-01"}])", "[]", "2020-06-01");
    const ojson j = status_json(cisco(), r.report);
    const ojson& c = cert_json(j, "ccnp-routing-switching");
    CHECK(c["retired"] == true);
    bool notice = false;
    for (const auto& n : c["notices"]) notice |= n["code"] == "retired";
    CHECK(notice);
}

TEST_CASE("credits_json is an integer when whole and an exact decimal otherwise",
          "[render][json]") {
    CHECK(credits_json(4000).is_number_integer());
    CHECK(credits_json(4000).dump() == "40");
    CHECK(credits_json(1250).dump() == "12.5");
    CHECK(credits_json(25).dump() == "0.25");
    CHECK(credits_json(10).dump() == "0.1");
    CHECK(credits_json(0).dump() == "0");
}

// --- text ----------------------------------------------------------------------------------------

TEST_CASE("Text output has no ANSI escapes unless colour is asked for", "[render][text]") {
    auto r = run(kCerts, kActs, "2024-07-01");
    const std::string plain = render_status_text(cisco(), r.report, TextStyle{});
    CHECK(plain.find('\033') == std::string::npos);
    CHECK(plain.find("CCNP Enterprise") != std::string::npos);
    CHECK(plain.find("12.5/80") != std::string::npos);
    CHECK(plain.find("Ana · as of 2024-07-01") != std::string::npos);

    const std::string colour = render_status_text(cisco(), r.report, TextStyle{true});
    CHECK(colour.find("\033[32m") != std::string::npos); // active
    CHECK(colour.find("\033[0m") != std::string::npos);

    const auto& ccnp = r.cert("ccnp-enterprise");
    CHECK(render_explain_text(cisco(), r.ledger, ccnp, r.report.as_of, TextStyle{}).find('\033') ==
          std::string::npos);
    CHECK(render_explain_text(cisco(), r.ledger, ccnp, r.report.as_of, TextStyle{true})
              .find('\033') != std::string::npos);
}

TEST_CASE("Text output shows \"never\" as the expiry of a lifetime certification",
          "[render][text][lifetime]") {
    auto r = run(R"([{"id": "ccst-networking", "earned": "2024-01-05"}])", "[]", "2024-07-01");
    const std::string text = render_status_text(cisco(), r.report, TextStyle{});
    std::string row;
    for (const auto& line : lines(text, "\n"))
        if (line.find("CCST Networking") != std::string::npos) row = line;
    REQUIRE_FALSE(row.empty());
    CHECK(row.find("lifetime") != std::string::npos);
    CHECK(row.find("never") != std::string::npos);
}

TEST_CASE("Text output for an empty ledger says so and how to add a certification",
          "[render][text]") {
    auto r = run("[]", "[]", "2024-07-01");
    const std::string text = render_status_text(cisco(), r.report, TextStyle{});
    CHECK(text.find("No certifications recorded") != std::string::npos);
    CHECK(text.find("2024-07-01") != std::string::npos);
}

TEST_CASE("Text output lists each notice once with the certifications it concerns",
          "[render][text]") {
    auto r =
        run(R"([{"id": "ccna", "earned": "2023-06-01"}])",
            R"([{"date": "2024-01-01", "credits": 30, "submitted": "2025-02-01"}])", "2025-03-01");
    const std::string text = render_status_text(cisco(), r.report, TextStyle{});
    CHECK(text.find("Notices:") != std::string::npos);
    CHECK(text.find("CCNA: ") != std::string::npos);
    CHECK(text.find("397 days after completion") != std::string::npos);
}

// --- explain -------------------------------------------------------------------------------------

TEST_CASE("Explain JSON lists cycles with each activity's verdict", "[render][json][explain]") {
    auto r = run(
        R"([{"id": "ccna", "earned": "2024-06-01"}])",
        R"([{"date": "2024-05-15", "credits": 30}, {"date": "2024-07-01", "credits": 5, "status": "rejected"}])",
        "2024-08-01", true);
    const ojson j = explain_json(cisco(), r.ledger, r.cert("ccna"));
    CHECK(j["certification"]["id"] == "ccna");
    REQUIRE(j["cycles"].size() == 1);
    CHECK(j["cycles"][0]["start"] == "2024-06-01");
    CHECK(j["cycles"][0]["outcome"] == "open");
    REQUIRE(j["cycles"][0]["activities"].size() == 1);
    CHECK(j["cycles"][0]["activities"][0]["counted"] == false);
    CHECK(j["cycles"][0]["activities"][0]["reason"] == "rejected");
    REQUIRE(j["outside"].size() == 1);
    CHECK(j["outside"][0]["date"] == "2024-05-15");
    CHECK(j["outside"][0]["credits"] == 30);
}

// --- terminal-aware text -------------------------------------------------------------------------

namespace {

// Display columns of UTF-8 text, one per code point (what the renderer counts).
std::size_t cells(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// The column (in cells) where `needle` starts in `line`.
std::size_t column_of(const std::string& line, const std::string& needle) {
    const std::size_t at = line.find(needle);
    REQUIRE(at != std::string::npos);
    return cells(line.substr(0, at));
}

const char* kLongCerts =
    R"([{"id": "ccna", "earned": "2023-06-01"},
        {"id": "specialist-enterprise-advanced-infrastructure-implementation", "earned": "2024-02-01"},
        {"id": "ccnp-enterprise", "earned": "2023-03-10"}])";
const char* kLongActs = R"([{"date": "2024-05-01", "credits": 40, "title": "Course"},
                            {"date": "2024-06-01", "credits": 5, "status": "rejected"}])";

} // namespace

TEST_CASE("glyph gives ASCII stand-ins only in ASCII style", "[render][text]") {
    const TextStyle utf8{}, ascii{false, true, 0};
    for (Glyph g : {Glyph::Dot, Glyph::Dash, Glyph::Ellipsis, Glyph::Arrow, Glyph::BarFull,
                    Glyph::BarEmpty}) {
        const std::string a(glyph(ascii, g)), u(glyph(utf8, g));
        CHECK_FALSE(a.empty());
        CHECK(std::all_of(a.begin(), a.end(), [](char c) { return (c & 0x80) == 0; }));
        CHECK(u != a);
    }
}

TEST_CASE("ASCII text output has no byte beyond ASCII", "[render][text]") {
    auto r = run(kLongCerts, kLongActs, "2025-03-01", true);
    const TextStyle ascii{false, true, 80};
    const std::string status = render_status_text(cisco(), r.report, ascii);
    const std::string explain =
        render_explain_text(cisco(), r.ledger, r.cert("ccna"), r.report.as_of, ascii);
    for (const std::string* s : {&status, &explain})
        CHECK(std::all_of(s->begin(), s->end(), [](char c) { return (c & 0x80) == 0; }));
    CHECK(status.find("#") != std::string::npos);
    CHECK(status.find("...") != std::string::npos); // the long name, shortened
}

TEST_CASE("With a width the status table fits, names shortened and next steps under their rows",
          "[render][text]") {
    auto r = run(kLongCerts, kLongActs, "2025-03-01");
    const std::string wide = render_status_text(cisco(), r.report, TextStyle{});
    const std::string narrow = render_status_text(cisco(), r.report, TextStyle{false, false, 80});
    const std::string& step = r.cert("ccna").next_step;
    REQUIRE_FALSE(step.empty());

    // no width: one line per certification, next step at its end
    bool step_in_row = false;
    for (const auto& line : lines(wide, "\n"))
        step_in_row |= line.find("CCNA ") == 2 && line.find(step) != std::string::npos;
    CHECK(step_in_row);

    // 80 columns: every table line fits, the long name ends in an ellipsis, the next step starts
    // its own indented line, and every bar starts in the heading's credits column
    std::size_t bar_column = 0, bars = 0, in_table = 0;
    bool shortened = false, step_under = false;
    for (const auto& line : lines(narrow, "\n")) {
        if (line.rfind("Notices:", 0) == 0) break;
        if (line.rfind("  CERTIFICATION", 0) == 0) {
            CHECK(line.find("NEXT STEP") == std::string::npos);
            in_table = 1;
        }
        if (!in_table) continue;
        CHECK(cells(line) <= 80);
        shortened |= line.find("Cisco Certified Specialist") != std::string::npos &&
                     line.find("…") != std::string::npos;
        step_under |= line.rfind("    " + step.substr(0, step.find(' ')), 0) == 0;
        const std::size_t at = std::min(line.find("█"), line.find("░")); // the bar's start
        if (at == std::string::npos) continue;
        const std::size_t col = cells(line.substr(0, at));
        if (bars++ == 0) bar_column = col;
        CHECK(col == bar_column);
    }
    CHECK(bars == 3);
    CHECK(shortened);
    CHECK(step_under);
}

TEST_CASE("Explain starts the text of counted and not counted rows in one column",
          "[render][text][explain]") {
    auto r = run(R"([{"id": "ccna", "earned": "2024-01-01"}])",
                 R"([{"date": "2024-03-01", "credits": 10, "title": "Kept"},
                     {"date": "2024-04-01", "credits": 5, "status": "rejected", "title": "Lost"}])",
                 "2024-08-01", true);
    const std::string text =
        render_explain_text(cisco(), r.ledger, r.cert("ccna"), r.report.as_of, TextStyle{});
    std::size_t counted = 0, not_counted = 0;
    for (const auto& line : lines(text, "\n")) {
        if (line.find("\"Kept\"") != std::string::npos) counted = column_of(line, "10 CE");
        if (line.find("\"Lost\"") != std::string::npos) not_counted = column_of(line, "5 CE");
    }
    REQUIRE(counted != 0);
    CHECK(counted == not_counted);
}

TEST_CASE("Several holders share one table with a HOLDER column, then a count of each state",
          "[render][text][team]") {
    // Ana's two certifications, and Bo's CCNA with a claim made late (a notice)
    auto ana = run(kCerts, kActs, "2025-03-01");
    auto bo =
        run(R"([{"id": "ccna", "earned": "2023-06-01"}])",
            R"([{"date": "2024-01-01", "credits": 30, "submitted": "2025-02-01"}])", "2025-03-01");
    Report team = ana.report;
    for (CertReport r : bo.report.certifications) {
        r.holder = "Bo";
        team.certifications.push_back(r);
    }
    const std::string text = render_status_text(cisco(), team, TextStyle{});
    const auto rows = lines(text, "\n");
    REQUIRE(rows.size() > 3);
    CHECK(rows[0] == "2 holders · as of 2025-03-01 · Cisco Continuing Education Program");
    CHECK(rows[2].rfind("  HOLDER  CERTIFICATION", 0) == 0);
    // the name on its group's first row only, a blank line between groups
    CHECK(rows[3].rfind("  Ana     CCNP Enterprise", 0) == 0);
    CHECK(rows[4].rfind("          CCST Networking", 0) == 0);
    CHECK(rows[5].empty());
    CHECK(rows[6].rfind("  Bo      CCNA", 0) == 0);
    CHECK(text.find("  - Bo · CCNA: ") != std::string::npos);
    const std::string& last = rows.back();
    CHECK(last.rfind("3 certifications: ", 0) == 0);
    CHECK(last.find("1 lifetime") != std::string::npos);

    // in another order than by holder, the name on every row
    std::swap(team.certifications[1], team.certifications[2]);
    const auto sorted = lines(render_status_text(cisco(), team, TextStyle{}, false), "\n");
    CHECK(sorted[3].rfind("  Ana     CCNP Enterprise", 0) == 0);
    CHECK(sorted[4].rfind("  Bo      CCNA", 0) == 0);
    CHECK(sorted[5].rfind("  Ana     CCST Networking", 0) == 0);

    // 80 columns: the next steps under their rows, right of the holder column
    const auto narrow = lines(render_status_text(cisco(), team, TextStyle{false, false, 80}), "\n");
    for (const auto& line : narrow) CHECK(cells(line) <= 80);
    CHECK(narrow[4].rfind("            earn ", 0) == 0);
}
