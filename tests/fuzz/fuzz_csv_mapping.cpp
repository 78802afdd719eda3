// CSV rows -> certifications and activities (read_csv) against the built-in Cisco rules: once with
// canonical columns and no mapping, once with a fixed recert-map/1 mapping built in code (like
// data/examples/foreign-export.map.json, plus certification columns). And the rows read as
// activities into a table, and as certifications (every built-in program), through the quick
// steps that take the usual rows and through the general steps alone: the two must give the same
// problems and records. Then the rows through a mapping loaded as a user writes one, with "skip"
// and "derive" (like data/examples/hr-export.map.json), and the bytes through every encoding the
// mappings name: what decodes is UTF-8, and likely_encoding agrees with text_problem.
#include "fuzz_common.hpp"
#include "input/csv.hpp"
#include "input/csv_input.hpp"
#include "input/decode.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace recert;

namespace {

const ImportMap& fixed_map() {
    static const ImportMap map = [] {
        ImportMap m;
        m.columns = {{"holder", "Learner"},      {"date", "Completion Date"},
                     {"title", "Item Name"},     {"credits", "CE Credits"},
                     {"status", "Claim Status"}, {"category", "Item Type"},
                     {"exam", "Exam"},           {"kind", "Kind"},
                     {"certification", "Cert"},  {"earned", "Earned"},
                     {"expires", "Expires"},     {"submitted", "Submitted"}};
        m.date_format = "%m/%d/%Y";
        m.values = {
            {"status",
             {{"Approved", "approved"}, {"In Review", "pending"}, {"Denied", "rejected"}}},
            {"category", {{"E-Learning", "training"}, {"Event", "event"}, {"Webinar", "event"}}}};
        m.defaults = {{"kind", "ce"}};
        m.delimiter = ';';
        m.skip_rows = 1;
        return m;
    }();
    return map;
}

// A team export's mapping: rows dropped by vendor, the kind and the status derived from columns.
const ImportMap& skip_derive_map() {
    static const ImportMap map = [] {
        auto loaded = load_map(R"({"schema": "recert-map/1",
          "columns": {"holder": "Employee", "title": "Learning Item", "date": "Completed",
                      "credits": "CE Hours", "exam": "Exam Code", "certification": "Credential",
                      "earned": "Issued", "expires": "Valid Until"},
          "date_format": "%m/%d/%Y",
          "skip": {"Vendor": ["AWS", "Microsoft"]},
          "derive": {"kind": {"from": "Type", "values": {"Course": "ce", "Exam": "exam"}},
                     "status": {"from": "Approval",
                                "values": {"Approved": "approved", "In review": "pending"}}}})",
                               "fuzz.map.json");
        if (!loaded.ok()) fuzz::fail("the fuzz target's own mapping does not load");
        return *loaded.value;
    }();
    return map;
}

// Decoding in each other encoding gives UTF-8 or a problem with a place; the guess at an
// encoding agrees with the check of UTF-8.
void check_decoding(std::string_view bytes) {
    const bool utf8 = input::text_problem(bytes) == nullptr;
    if (utf8 != input::likely_encoding(bytes).empty())
        fuzz::fail("likely_encoding and text_problem disagree");
    for (const std::string& encoding : input::encoding_names()) {
        if (!input::needs_decoding(encoding)) continue; // (UTF-8 is read as it is, checked later)
        input::DecodeProblem problem;
        const auto text = input::decode_to_utf8(bytes, encoding, problem);
        if (!text) {
            if (problem.message.empty() || problem.line < 1 || problem.column < 1)
                fuzz::fail("a decoding problem without a message or a place");
            continue;
        }
        const char* why = input::text_problem(*text);
        if (why != nullptr && text->find('\0') == std::string::npos)
            fuzz::fail("decoded text that is not UTF-8");
    }
}

void check(const CsvInput& in) {
    for (const auto& a : in.activities)
        if (a.id.empty() || a.holder.empty()) fuzz::fail("activity without id or holder");
    for (const auto& c : in.certifications)
        if (c.cert >= fuzz::cisco_rules().certifications.size())
            fuzz::fail("certification index out of range");
    for (const auto& d : in.errors)
        if (d.message.empty()) fuzz::fail("diagnostic without a message");
}

// Two readings of one file's activities into tables, exactly alike.
void same(const CsvInput& a, const ActivityTable& ta, const CsvInput& b, const ActivityTable& tb) {
    if (a.rows != b.rows || a.errors.size() != b.errors.size() || ta.size() != tb.size() ||
        ta.holders().size() != tb.holders().size())
        fuzz::fail("quick and general rows: different counts");
    for (std::size_t i = 0; i < a.errors.size(); ++i)
        if (a.errors[i].line != b.errors[i].line || a.errors[i].column != b.errors[i].column ||
            a.errors[i].message != b.errors[i].message || a.errors[i].hint != b.errors[i].hint)
            fuzz::fail("quick and general rows: different problems");
    for (std::uint32_t h = 0; h < ta.holders().size(); ++h)
        if (ta.holders()[h] != tb.holders()[h]) fuzz::fail("quick and general rows: holders");
    for (std::size_t i = 0; i < ta.size(); ++i) {
        const ActivityRecord &x = ta[i], &y = tb[i];
        if (x.key != y.key || x.holder != y.holder || x.date != y.date || x.flags != y.flags ||
            x.status != y.status || x.kind != y.kind || x.credits != y.credits ||
            x.program != y.program || x.kind_index != y.kind_index ||
            x.count_delta != y.count_delta || ta.submitted(i) != tb.submitted(i) ||
            ta.credited(i) != tb.credited(i) || ta.id(i) != tb.id(i) || ta.title(i) != tb.title(i))
            fuzz::fail("quick and general rows: different records");
    }
}

// Two readings of one file's certifications, exactly alike.
void same_certifications(const CsvInput& a, const CsvInput& b) {
    if (a.rows != b.rows || a.errors.size() != b.errors.size() ||
        a.certifications.size() != b.certifications.size())
        fuzz::fail("quick and general certification rows: different counts");
    for (std::size_t i = 0; i < a.errors.size(); ++i)
        if (a.errors[i].line != b.errors[i].line || a.errors[i].column != b.errors[i].column ||
            a.errors[i].message != b.errors[i].message || a.errors[i].hint != b.errors[i].hint)
            fuzz::fail("quick and general certification rows: different problems");
    for (std::size_t i = 0; i < a.certifications.size(); ++i) {
        const HeldCertification &x = a.certifications[i], &y = b.certifications[i];
        if (x.holder != y.holder || x.cert != y.cert || x.earned != y.earned ||
            x.expires != y.expires)
            fuzz::fail("quick and general certification rows: different certifications");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > fuzz::kMaxInput) return -1;
    const std::string_view text = fuzz::as_text(data, size);
    const Rules& rules = fuzz::cisco_rules();

    {
        CsvReader reader(text, ',');
        CsvInput out;
        read_csv(reader, "fuzz.csv", rules, nullptr, std::string(kDefaultHolder), CsvContent::Mixed,
                 out);
        check(out);
    }
    {
        CsvReader reader(text, fixed_map().delimiter);
        CsvInput out;
        read_csv(reader, "fuzz.csv", rules, &fixed_map(), std::string(kDefaultHolder),
                 CsvContent::Mixed, out, [](std::size_t) {});
        check(out);
    }
    {
        CsvReader reader(text, ',');
        CsvInput out;
        read_csv(reader, "fuzz.csv", rules, &skip_derive_map(), std::string(kDefaultHolder),
                 CsvContent::Mixed, out);
        check(out);
    }
    check_decoding(text);
    {
        ActivityTable tables[2];
        CsvInput ins[2];
        for (int general = 0; general < 2; ++general) {
            CsvReader reader(text, ',');
            ins[general].table = &tables[general];
            ins[general].keep_text = size % 2 == 1; // (every title kept, or the quotable ones)
            ins[general].general_rows_only = general == 1;
            read_csv(reader, "fuzz.csv", fuzz::all_rules(), nullptr, std::string(kDefaultHolder),
                     CsvContent::Activities, ins[general]);
        }
        same(ins[0], tables[0], ins[1], tables[1]);
    }
    {
        CsvInput ins[2];
        for (int general = 0; general < 2; ++general) {
            CsvReader reader(text, ',');
            ins[general].general_rows_only = general == 1;
            read_csv(reader, "fuzz.csv", fuzz::all_rules(), nullptr, std::string(kDefaultHolder),
                     CsvContent::Certifications, ins[general]);
        }
        same_certifications(ins[0], ins[1]);
    }
    return 0;
}
