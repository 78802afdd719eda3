// Shared helpers for the unit tests: the built-in Cisco rules and small ledgers written as JSON.
#pragma once

#include "recert/engine.hpp"
#include "recert/ledger.hpp"
#include "recert/rules.hpp"

#include <catch2/catch.hpp>

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>

namespace test {

inline const recert::Rules& cisco() {
    static const recert::Rules rules = [] {
        auto res = recert::load_rules(*recert::builtin_program_text("cisco"), "cisco.json");
        if (!res.ok())
            throw std::runtime_error("built-in rules do not load: " + res.errors.front().message);
        return std::move(*res.value);
    }();
    return rules;
}

inline recert::Date d(const char* iso) {
    auto v = recert::parse_iso_date(iso);
    if (!v) throw std::runtime_error(std::string("bad test date ") + iso);
    return *v;
}

// A ledger from its certifications and activities arrays (JSON text).
inline recert::Ledger ledger(const std::string& certs, const std::string& activities = "[]") {
    const std::string text =
        R"({"schema": "recert-ledger/1", "holder": "Ana", "certifications": )" + certs +
        R"(, "activities": )" + activities + "}";
    auto res = recert::load_ledger(text, "test.json", cisco());
    if (!res.ok())
        throw std::runtime_error("test ledger does not load: " +
                                 recert::format_location(res.errors.front()));
    return std::move(*res.value);
}

struct Run {
    recert::Ledger ledger;
    recert::Report report;
    const recert::CertReport& cert(const std::string& id) const {
        for (const auto& r : report.certifications)
            if (cisco().certifications[r.cert].id == id) return r;
        throw std::runtime_error("no report for " + id);
    }
};

inline Run run(const std::string& certs, const std::string& activities, const char* as_of,
               bool explain = false) {
    Run r{ledger(certs, activities), {}};
    r.report = recert::evaluate(cisco(), r.ledger, recert::EvalOptions{d(as_of), explain});
    return r;
}

inline std::string ds(const std::optional<recert::Date>& v) {
    return v ? recert::format_date(*v) : "none";
}

// Every diagnostic as FILE:LINE:COL: message, one a line (for CHECK messages).
inline std::string all(const recert::Diagnostics& ds) {
    std::string s;
    for (const auto& d : ds) s += recert::format_location(d) + "\n";
    return s;
}

// Line and column (1-based) of the nth occurrence of `needle`, counted here, independently of the
// code under test.
inline std::pair<int, int> pos_of(const std::string& text, const std::string& needle, int nth = 0) {
    std::size_t off = text.find(needle);
    for (int i = 0; i < nth && off != std::string::npos; ++i) off = text.find(needle, off + 1);
    REQUIRE(off != std::string::npos);
    int line = 1, col = 1;
    for (std::size_t i = 0; i < off; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return {line, col};
}

// The diagnostic at a JSON pointer, or null.
inline const recert::Diagnostic* at(const recert::Diagnostics& ds, const std::string& pointer) {
    for (const auto& d : ds)
        if (d.pointer == pointer) return &d;
    return nullptr;
}

// Two readings of one file give the same certifications, field by field (the sizes are
// required equal first).
inline void check_same_certifications(const std::vector<recert::HeldCertification>& a,
                                      const std::vector<recert::HeldCertification>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].holder == b[i].holder);
        CHECK(a[i].cert == b[i].cert);
        CHECK(a[i].earned == b[i].earned);
        CHECK(a[i].expires == b[i].expires);
    }
}

// A built-in program's rules, with one piece of its text replaced when `from` is given (a rule
// changed for one test).
inline recert::Rules program(const std::string& name, const std::string& from = "",
                             const std::string& to = "") {
    std::string text(*recert::builtin_program_text(name));
    if (!from.empty()) {
        const auto at = text.find(from);
        if (at == std::string::npos) throw std::runtime_error("patch not found: " + from);
        text.replace(at, from.size(), to);
    }
    auto res = recert::load_rules(text, name + ".json");
    if (!res.ok()) throw std::runtime_error(name + " rules do not load: " + all(res.errors));
    return std::move(*res.value);
}

// Built-in programs merged in order, the first the default, as the CLI merges them.
inline recert::Rules merged(std::initializer_list<const char*> names) {
    auto it = names.begin();
    recert::Rules r = program(*it);
    for (++it; it != names.end(); ++it) {
        const recert::Diagnostics problems = recert::merge_programs(r, program(*it));
        if (!problems.empty()) throw std::runtime_error(all(problems));
    }
    return r;
}

// A ledger evaluated under any rules.
struct RulesRun {
    const recert::Rules* rules = nullptr;
    recert::Ledger ledger;
    recert::Report report;
    const recert::CertReport& cert(const std::string& id) const {
        for (const auto& r : report.certifications)
            if (rules->certifications[r.cert].id == id) return r;
        throw std::runtime_error("no report for " + id);
    }
};

inline RulesRun run_with(const recert::Rules& rules, const std::string& certs,
                         const std::string& activities, const char* as_of, bool explain = false) {
    const std::string text =
        R"({"schema": "recert-ledger/1", "holder": "Ana", "certifications": )" + certs +
        R"(, "activities": )" + activities + "}";
    auto res = recert::load_ledger(text, "test.json", rules);
    if (!res.ok()) throw std::runtime_error("test ledger does not load: " + all(res.errors));
    RulesRun r{&rules, std::move(*res.value), {}};
    r.report = recert::evaluate(rules, r.ledger, recert::EvalOptions{d(as_of), explain});
    return r;
}

// A line:column position, printed as such by Catch.
struct Pos {
    int line, column;
    bool operator==(const Pos&) const = default;
};

} // namespace test

namespace Catch {
template <> struct StringMaker<test::Pos> {
    static std::string convert(const test::Pos& p) {
        return std::to_string(p.line) + ":" + std::to_string(p.column);
    }
};
} // namespace Catch
