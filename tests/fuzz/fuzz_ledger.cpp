// The recert-ledger/1 loader on arbitrary text against the built-in Cisco rules. A loaded ledger
// is written back as JSON records (activity_to_json, certification_to_json).
#include "fuzz_common.hpp"
#include "recert/ledger.hpp"

#include <cstddef>
#include <cstdint>

using namespace recert;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > fuzz::kMaxInput) return -1;
    const Rules& rules = fuzz::cisco_rules();
    auto r = load_ledger(fuzz::as_text(data, size), "fuzz.json", rules);
    if (!r.ok()) {
        if (r.errors.empty()) fuzz::fail("ledger refused without a diagnostic");
        return 0;
    }
    const Ledger& ledger = *r.value;
    for (const auto& c : ledger.certifications) {
        if (c.cert >= rules.certifications.size()) fuzz::fail("certification index out of range");
        (void)certification_to_json(c, rules, ledger.holder).dump();
    }
    for (const auto& a : ledger.activities) {
        if (a.id.empty()) fuzz::fail("activity without an id");
        (void)activity_to_json(a, ledger.holder, rules).dump();
        (void)derive_activity_id(a);
    }
    return 0;
}
