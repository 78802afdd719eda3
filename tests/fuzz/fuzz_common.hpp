// Shared helpers of the libFuzzer targets (tests/fuzz). Not part of recert_core.
#pragma once

#include "recert/rules.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace recert::fuzz {

// Inputs above this size are ignored so that runs stay fast.
inline constexpr std::size_t kMaxInput = 1 << 20;

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// A property violation: print it and abort, so libFuzzer records a crash.
[[noreturn]] inline void fail(const char* what) {
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
}

// The built-in Cisco rules, loaded once; aborts if they do not load.
inline const Rules& cisco_rules() {
    static const Rules rules = [] {
        const auto text = builtin_program_text("cisco");
        if (!text) fail("no built-in cisco rules");
        auto r = load_rules(*text, "<builtin:cisco>");
        if (!r.ok()) fail("built-in cisco rules do not load");
        return std::move(*r.value);
    }();
    return rules;
}

// Every built-in program merged, Cisco first (as the CLI loads them for CSV inputs).
inline const Rules& all_rules() {
    static const Rules rules = [] {
        Rules all = cisco_rules();
        for (const auto& name : builtin_program_names()) {
            if (all.program_index(name) != Rules::kAny) continue;
            auto r = load_rules(*builtin_program_text(name), "<builtin:" + name + ">");
            if (!r.ok()) fail("built-in rules do not load");
            if (!merge_programs(all, *r.value).empty()) fail("built-in rules do not merge");
        }
        return all;
    }();
    return rules;
}

} // namespace recert::fuzz
