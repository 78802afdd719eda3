// The recert-rules/1 loader on arbitrary text. When a file loads, its indexes must point inside
// the model, and loading the built-in rules' own document again must still work.
#include "fuzz_common.hpp"
#include "recert/rules.hpp"

#include <cstddef>
#include <cstdint>

using namespace recert;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > fuzz::kMaxInput) return -1;
    auto r = load_rules(fuzz::as_text(data, size), "fuzz.json");
    if (!r.ok()) {
        if (r.errors.empty()) fuzz::fail("rules refused without a diagnostic");
        return 0;
    }
    const Rules& rules = *r.value;
    for (const auto& c : rules.certifications) {
        if (c.level >= rules.levels.size()) fuzz::fail("certification level out of range");
        if (rules.find_certification(c.id) == nullptr) fuzz::fail("certification id not found");
    }
    for (const auto& [name, index] : rules.cert_index)
        if (index >= rules.certifications.size()) fuzz::fail("cert_index out of range");
    for (const auto& [code, index] : rules.exam_index)
        if (index >= rules.exams.size()) fuzz::fail("exam_index out of range");
    return 0;
}
