// The whole `status` pipeline on a fuzzed ledger: load_ledger against every built-in program
// (Cisco the default; CompTIA, ISC2 and PMI exercise grace, carry-over and per-year rules),
// evaluate at a fixed as-of date with explain off and on, then every renderer: status_json,
// render_status_csv, render_status_text (plain and coloured), and explain_json and
// render_explain_text for each certification. Nothing may crash; explain must not change the
// status.
#include "fuzz_common.hpp"
#include "recert/engine.hpp"
#include "recert/ledger.hpp"
#include "recert/render.hpp"

#include <cstddef>
#include <cstdint>

using namespace recert;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > fuzz::kMaxInput) return -1;
    const Rules& rules = fuzz::all_rules();
    auto loaded = load_ledger(fuzz::as_text(data, size), "fuzz.json", rules);
    if (!loaded.ok()) return 0;
    const Ledger& ledger = *loaded.value;
    static const Date as_of = *make_date(2026, 11, 30);

    std::string plain_json;
    for (const bool explain : {false, true}) {
        const Report report = evaluate(rules, ledger, EvalOptions{as_of, explain});
        const std::string json = status_json(rules, report).dump(2);
        if (!explain)
            plain_json = json;
        else if (json != plain_json)
            fuzz::fail("explain changed the status JSON");
        (void)render_status_csv(rules, report);
        (void)render_status_text(rules, report, TextStyle{false});
        (void)render_status_text(rules, report, TextStyle{true});
        for (const CertReport& cert : report.certifications) {
            if (cert.cert >= rules.certifications.size()) fuzz::fail("report cert out of range");
            (void)explain_json(rules, ledger, cert).dump();
            (void)render_explain_text(rules, ledger, cert, as_of, TextStyle{false});
        }
    }
    return 0;
}
