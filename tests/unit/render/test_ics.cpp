// iCalendar output (RFC 5545): TEXT escaping, line folding, and which events, dates, reminders and
// UIDs a report becomes.
#include "../helpers.hpp"

#include "recert/ics.hpp"

#include <algorithm>
#include <set>

using namespace recert;
using test::cisco;
using test::d;
using test::run;

namespace {

// Physical lines (without their CRLF); fails on a bare CR or LF.
std::vector<std::string> physical_lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        const std::size_t at = s.find("\r\n", start);
        REQUIRE(at != std::string::npos); // the last line ends in CRLF too
        out.push_back(s.substr(start, at - start));
        start = at + 2;
    }
    for (const auto& l : out) CHECK(l.find_first_of("\r\n") == std::string::npos);
    return out;
}

// Content lines: continuation lines (leading space) joined to the line before.
std::vector<std::string> content_lines(const std::string& s) {
    std::vector<std::string> out;
    for (const auto& l : physical_lines(s)) {
        if (!l.empty() && l[0] == ' ') {
            REQUIRE(!out.empty());
            out.back() += l.substr(1);
        } else {
            out.push_back(l);
        }
    }
    return out;
}

std::size_t count(const std::vector<std::string>& lines, const std::string& line) {
    return static_cast<std::size_t>(std::count(lines.begin(), lines.end(), line));
}

// The content lines of each VEVENT (BEGIN and END excluded).
std::vector<std::vector<std::string>> events(const std::string& ics) {
    std::vector<std::vector<std::string>> out;
    bool in = false;
    for (const auto& l : content_lines(ics)) {
        if (l == "BEGIN:VEVENT") {
            out.emplace_back();
            in = true;
        } else if (l == "END:VEVENT") {
            in = false;
        } else if (in) {
            out.back().push_back(l);
        }
    }
    return out;
}

std::string value(const std::vector<std::string>& event, const std::string& name) {
    for (const auto& l : event)
        if (l.rfind(name + ":", 0) == 0) return l.substr(name.size() + 1);
    return "<none>";
}

bool is_utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

const char* kCerts = R"([{"id": "ccna", "earned": "2025-06-01"},
                         {"id": "ccnp-enterprise", "earned": "2024-03-10"},
                         {"id": "ccst-networking", "earned": "2020-01-01"},
                         {"id": "devnet-associate", "earned": "2020-01-01"}])";
const char* kActs =
    R"([{"id": "ce-webinar", "date": "2026-01-10", "credits": 8, "status": "unclaimed",
                         "title": "Automation; webinar, part 1"},
                        {"id": "ce-old", "date": "2025-06-10", "credits": 2, "status": "unclaimed"}])";

} // namespace

// --- escaping and folding ------------------------------------------------------------------------

TEST_CASE("ics: TEXT values escape backslash, semicolon, comma and newlines", "[ics]") {
    CHECK(ics_escape_text("plain: text") == "plain: text");
    CHECK(ics_escape_text("a\\b;c,d") == "a\\\\b\\;c\\,d");
    CHECK(ics_escape_text("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\nfour");
    CHECK(ics_escape_text(std::string("tab\there\x01\x7f!")) == "tab\there!");
    CHECK(ics_escape_text("Ünïcödé") == "Ünïcödé");
}

TEST_CASE("ics: lines fold at 75 octets and end in CRLF", "[ics]") {
    CHECK(ics_fold_line("SUMMARY:short") == "SUMMARY:short\r\n");
    const std::string exact(75, 'x');
    CHECK(ics_fold_line(exact) == exact + "\r\n");
    const std::string longer(76, 'x');
    CHECK(ics_fold_line(longer) == std::string(75, 'x') + "\r\n x\r\n");
    // continuation lines hold 74 octets after their leading space
    const std::string big(75 + 74 + 1, 'y');
    CHECK(ics_fold_line(big) ==
          std::string(75, 'y') + "\r\n " + std::string(74, 'y') + "\r\n y\r\n");
}

TEST_CASE("ics: folding never splits a UTF-8 character", "[ics]") {
    // 74 ASCII octets then a 2-octet character: the character moves whole to the next line
    const std::string line = std::string(74, 'a') + "é" + std::string(200, 'b') + "€😀";
    const std::string folded = ics_fold_line(line);
    const auto lines = physical_lines(folded);
    REQUIRE(lines.size() > 2);
    CHECK(lines[0] == std::string(74, 'a'));
    std::string joined;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CHECK(lines[i].size() <= 75);
        if (i > 0) {
            REQUIRE(lines[i][0] == ' ');
            CHECK(!is_utf8_continuation(lines[i][1]));
        }
        joined += i ? lines[i].substr(1) : lines[i];
    }
    CHECK(joined == line);
}

// --- the calendar --------------------------------------------------------------------------------

TEST_CASE("ics: calendar: header, CRLF, folded lines, DTSTAMP from the as-of date", "[ics]") {
    auto r = run(kCerts, kActs, "2026-11-01");
    const std::string ics = render_ics(cisco(), r.ledger, r.report);
    for (const auto& l : physical_lines(ics)) CHECK(l.size() <= 75);
    const auto lines = content_lines(ics);
    REQUIRE(lines.size() > 6);
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
    CHECK(count(lines, "VERSION:2.0") == 1);
    CHECK(count(lines, "CALSCALE:GREGORIAN") == 1);
    CHECK(std::any_of(lines.begin(), lines.end(),
                      [](const std::string& l) { return l.rfind("PRODID:", 0) == 0; }));
    CHECK(count(lines, "BEGIN:VEVENT") == count(lines, "END:VEVENT"));
    CHECK(count(lines, "BEGIN:VALARM") == count(lines, "END:VALARM"));
    for (const auto& e : events(ics)) CHECK(value(e, "DTSTAMP") == "20261101T000000Z");
    // a pure function of its inputs
    CHECK(render_ics(cisco(), r.ledger, r.report) == ics);
}

TEST_CASE("ics: events: upcoming expiries with reminders, open claim deadlines once each",
          "[ics]") {
    // devnet-associate expired in 2023; ccst-networking is lifetime; ce-old's deadline passed
    auto r = run(kCerts, kActs, "2026-11-01");
    const auto evs = events(render_ics(cisco(), r.ledger, r.report));
    REQUIRE(evs.size() == 3);

    // by date: the claim deadline (2027-01-10), CCNP Enterprise (2027-03-10), CCNA (2028-06-01)
    const auto& claim = evs[0];
    CHECK(value(claim, "SUMMARY") == "Submit CE claim: Automation\\; webinar\\, part 1 (Ana)");
    CHECK(value(claim, "DTSTART;VALUE=DATE") == "20270110");
    CHECK(value(claim, "DTEND;VALUE=DATE") == "20270111");
    CHECK(value(claim, "DESCRIPTION").find("Counts toward: CCNP Enterprise\\, CCNA.") !=
          std::string::npos);
    CHECK(count(claim, "BEGIN:VALARM") == 0);

    const auto& ccnp = evs[1];
    CHECK(value(ccnp, "SUMMARY") == "CCNP Enterprise expires (Ana)");
    CHECK(value(ccnp, "DTSTART;VALUE=DATE") == "20270310");
    CHECK(value(ccnp, "DTEND;VALUE=DATE") == "20270311");
    CHECK(value(ccnp, "DESCRIPTION").find("Next step: ") != std::string::npos);
    CHECK(count(ccnp, "TRIGGER:-P90D") == 1);
    CHECK(count(ccnp, "TRIGGER:-P30D") == 1);
    CHECK(count(ccnp, "ACTION:DISPLAY") == 2);

    CHECK(value(evs[2], "SUMMARY") == "CCNA expires (Ana)");
    CHECK(value(evs[2], "DTSTART;VALUE=DATE") == "20280601");
}

TEST_CASE("ics: every expiry carries reminders 90 and 30 days before, whatever the as-of date",
          "[ics]") {
    // CCNA expires 2028-06-01: 90 days before is 2028-03-03, 30 days before is 2028-05-02
    const char* certs = R"([{"id": "ccna", "earned": "2025-06-01"}])";
    auto alarms = [&](const char* as_of) {
        auto r = run(certs, "[]", as_of);
        const auto evs = events(render_ics(cisco(), r.ledger, r.report));
        REQUIRE(evs.size() == 1);
        std::vector<std::string> triggers;
        for (const auto& l : evs[0])
            if (l.rfind("TRIGGER:", 0) == 0) triggers.push_back(l);
        return triggers;
    };
    const std::vector<std::string> both{"TRIGGER:-P90D", "TRIGGER:-P30D"};
    CHECK(alarms("2028-03-03") == both);
    CHECK(alarms("2028-03-04") == both);
    CHECK(alarms("2028-05-03") == both);
    // on the expiry day itself the event is still there
    CHECK(alarms("2028-06-01") == both);
}

TEST_CASE("ics: UIDs are unique and stable across as-of dates and holders", "[ics]") {
    auto uids = [](const test::Run& r) {
        std::vector<std::string> out;
        for (const auto& e : events(render_ics(cisco(), r.ledger, r.report)))
            out.push_back(value(e, "UID"));
        return out;
    };
    const auto a = uids(run(kCerts, kActs, "2026-11-01"));
    const auto b = uids(run(kCerts, kActs, "2026-12-15"));
    CHECK(a == b);
    CHECK(std::set<std::string>(a.begin(), a.end()).size() == a.size());
    for (const auto& u : a) CHECK(u.size() > 7);
    for (const auto& u : a) CHECK(u.substr(u.size() - 7) == "@recert");

    // the same certification of two holders: two events, two UIDs
    Ledger l = test::ledger(R"([{"id": "ccna", "earned": "2025-01-01"},
                                {"id": "ccna", "holder": "Bo", "earned": "2025-01-01"}])");
    Report rep = evaluate(cisco(), l, EvalOptions{d("2026-01-01"), false});
    const auto evs = events(render_ics(cisco(), l, rep));
    REQUIRE(evs.size() == 2);
    CHECK(value(evs[0], "UID") != value(evs[1], "UID"));
    CHECK(value(evs[0], "SUMMARY") == "CCNA expires (Ana)");
    CHECK(value(evs[1], "SUMMARY") == "CCNA expires (Bo)");
}

TEST_CASE("ics: summaries leave out the default holder of a personal ledger", "[ics]") {
    auto res = load_ledger(
        R"({"schema": "recert-ledger/1", "certifications": [{"id": "ccna", "earned": "2025-01-01"}]})",
        "l.json", cisco());
    REQUIRE(res.ok());
    Report rep = evaluate(cisco(), *res.value, EvalOptions{d("2026-01-01"), false});
    const auto evs = events(render_ics(cisco(), *res.value, rep));
    REQUIRE(evs.size() == 1);
    CHECK(value(evs[0], "SUMMARY") == "CCNA expires");
}

TEST_CASE("ics: calendar without anything ahead has no events", "[ics]") {
    auto r = run(R"([{"id": "ccst-networking", "earned": "2020-01-01"}])", "[]", "2026-01-01");
    const auto lines = content_lines(render_ics(cisco(), r.ledger, r.report));
    CHECK(count(lines, "BEGIN:VEVENT") == 0);
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
}
