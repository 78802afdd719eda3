// CSV rows -> certifications and activities (read_csv) against the built-in Cisco rules: once with
// canonical columns and no mapping, once with a fixed recert-map/1 mapping built in code (like
// data/examples/foreign-export.map.json, plus certification columns).
#include "fuzz_common.hpp"
#include "recert/csv.hpp"
#include "recert/csv_input.hpp"

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

void check(const CsvInput& in) {
    for (const auto& a : in.activities)
        if (a.id.empty() || a.holder.empty()) fuzz::fail("activity without id or holder");
    for (const auto& c : in.certifications)
        if (c.cert >= fuzz::cisco_rules().certifications.size())
            fuzz::fail("certification index out of range");
    for (const auto& d : in.errors)
        if (d.message.empty()) fuzz::fail("diagnostic without a message");
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
    return 0;
}
