// Build-time tool: loads the built-in rules files (with every check of `recert rules check`) and
// writes C++ that constructs the same `Rules` objects, so that the command-line tool starts
// without parsing JSON. A test compares what the generated code builds with what load_rules
// gives for the same files (Rules::operator==).
//
//   rules_codegen OUT.cpp NAME=FILE...
#include "recert/rules.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace recert;

namespace {

// A C++ string literal: printable ASCII as is, everything else as three-digit octal escapes
// (which cannot run into the next character, unlike \x).
std::string lit(std::string_view s) {
    std::string out = "std::string(\"";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c >= 0x20 && c < 0x7F) {
            out += ch;
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", c);
            out += buf;
        }
    }
    return out + "\", " + std::to_string(s.size()) + ")";
}

std::string strings(const std::vector<std::string>& v) {
    std::string out = "std::vector<std::string>{";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + lit(v[i]);
    return out + "}";
}

std::string centi(Centi c) {
    return "Centi{" + std::to_string(c) + "}";
}

std::string opt_centi(const std::optional<Centi>& c) {
    return c ? "std::optional<Centi>(" + centi(*c) + ")" : "std::optional<Centi>()";
}

std::string opt_date(const std::optional<Date>& d) {
    return d ? "std::optional<Date>(Date{" + std::to_string(d->days) + "})"
             : "std::optional<Date>()";
}

std::string credit_map(const std::map<std::string, Centi>& m) {
    std::string out = "std::map<std::string, Centi>{";
    bool first = true;
    for (const auto& [k, v] : m) {
        out += (first ? "{" : ", {") + lit(k) + ", " + centi(v) + "}";
        first = false;
    }
    return out + "}";
}

std::string size(std::size_t n) {
    return "std::size_t{" + std::to_string(n) + "}";
}

void policy(std::ostream& o, const ProgramPolicy& p, const std::string& to) {
    o << "    " << to << ".program = ProgramInfo{" << lit(p.program.id) << ", "
      << lit(p.program.name) << ", " << lit(p.program.unit) << ", " << lit(p.program.source) << ", "
      << lit(p.program.effective) << ", " << lit(p.program.notes) << "};\n";
    o << "    " << to << ".claim_window_days = " << p.claim_window_days << ";\n";
    o << "    " << to << ".anchor = static_cast<RenewalAnchor>(" << static_cast<int>(p.anchor)
      << ");\n";
    o << "    " << to << ".cascade = static_cast<Cascade>(" << static_cast<int>(p.cascade)
      << ");\n";
    o << "    " << to << ".expiring_days = " << p.expiring_days << ";\n";
    o << "    " << to << ".pending_retroactive = " << (p.pending_retroactive ? "true" : "false")
      << ";\n";
    o << "    " << to << ".grace_days = " << p.grace_days << ";\n";
    o << "    " << to << ".grace_years = " << p.grace_years << ";\n";
    o << "    " << to << ".grace_suspension = " << (p.grace_suspension ? "true" : "false") << ";\n";
    o << "    " << to << ".grace_activities = " << (p.grace_activities ? "true" : "false") << ";\n";
    o << "    " << to << ".lifetime_before = " << opt_date(p.lifetime_before) << ";\n";
    o << "    " << to << ".credits_count_on = static_cast<CountOn>("
      << static_cast<int>(p.credits_count_on) << ");\n";
    o << "    " << to << ".claim_review_days = " << p.claim_review_days << ";\n";
}

void level(std::ostream& o, const Level& l) {
    o << "    {\n        Level l;\n";
    o << "        l.id = " << lit(l.id) << ";\n        l.name = " << lit(l.name) << ";\n";
    o << "        l.rank = " << l.rank << ";\n";
    o << "        l.validity_years = "
      << (l.validity_years ? "std::optional<int>(" + std::to_string(*l.validity_years) + ")"
                           : "std::optional<int>()")
      << ";\n";
    for (const Path& p : l.paths) {
        o << "        {\n            Path p;\n";
        if (p.credits) {
            const CreditRequirement& c = *p.credits;
            o << "            p.credits = CreditRequirement{" << opt_centi(c.total) << ", "
              << credit_map(c.min) << ", " << credit_map(c.max) << ", "
              << credit_map(c.max_per_year) << ", " << opt_centi(c.min_per_year) << "};\n";
        }
        for (const ExamGroup& g : p.exams)
            o << "            p.exams.push_back(ExamGroup{" << strings(g.kinds) << ", " << g.count
              << "});\n";
        o << "            p.description = " << lit(p.description) << ";\n";
        o << "            l.paths.push_back(std::move(p));\n        }\n";
    }
    if (l.carryover)
        o << "        l.carryover = Carryover{" << centi(l.carryover->max) << ", "
          << l.carryover->last_months << ", " << strings(l.carryover->categories) << "};\n";
    o << "        l.lifetime_before = " << opt_date(l.lifetime_before) << ";\n";
    o << "        l.renewed_by_ce = " << (l.renewed_by_ce ? "true" : "false") << ";\n";
    o << "        l.in_cascade = " << (l.in_cascade ? "true" : "false") << ";\n";
    o << "        l.notes = " << lit(l.notes) << ";\n";
    o << "        l.program = " << size(l.program) << ";\n";
    o << "        r.levels.push_back(std::move(l));\n    }\n";
}

void certification(std::ostream& o, const Certification& c) {
    o << "    {\n        Certification c;\n";
    o << "        c.id = " << lit(c.id) << ";\n        c.name = " << lit(c.name) << ";\n";
    o << "        c.level = " << size(c.level) << ";\n";
    if (!c.aliases.empty()) o << "        c.aliases = " << strings(c.aliases) << ";\n";
    if (c.retired) o << "        c.retired = " << opt_date(c.retired) << ";\n";
    if (!c.renews.empty()) o << "        c.renews = " << strings(c.renews) << ";\n";
    if (!c.notes.empty()) o << "        c.notes = " << lit(c.notes) << ";\n";
    o << "        r.certifications.push_back(std::move(c));\n    }\n";
}

// One function per program; the sections go into functions of their own, which keeps each
// function small enough for the compiler to handle quickly.
void program(std::ostream& o, const std::string& name, const Rules& r) {
    const std::string f = "build_" + name;
    o << "void " << f << "_catalog(Rules& r) {\n";
    for (const auto& c : r.categories)
        o << "    r.categories.push_back(Category{" << lit(c.id) << ", " << lit(c.name) << ", "
          << lit(c.parent) << ", " << size(c.program) << "});\n";
    for (const auto& k : r.exam_kinds)
        o << "    r.exam_kinds.push_back(ExamKind{" << lit(k.id) << ", " << lit(k.name) << ", "
          << size(k.program) << "});\n";
    for (const auto& e : r.exams)
        o << "    r.exams.push_back(Exam{" << lit(e.code) << ", " << lit(e.name) << ", "
          << lit(e.kind) << ", " << size(e.program) << "});\n";
    for (const auto& [k, v] : r.exam_index)
        o << "    r.exam_index.emplace(" << lit(k) << ", " << size(v) << ");\n";
    o << "}\n\nvoid " << f << "_levels(Rules& r) {\n";
    for (const Level& l : r.levels) level(o, l);
    o << "}\n\nvoid " << f << "_certifications(Rules& r) {\n";
    for (const Certification& c : r.certifications) certification(o, c);
    for (const auto& [k, v] : r.cert_index)
        o << "    r.cert_index.emplace(" << lit(k) << ", " << size(v) << ");\n";
    o << "}\n\nRules " << f << "() {\n    Rules r;\n";
    policy(o, r, "r");
    o << "    " << f << "_catalog(r);\n    " << f << "_levels(r);\n    " << f
      << "_certifications(r);\n";
    o << "    r.programs.assign(1, static_cast<const ProgramPolicy&>(r));\n    return r;\n}\n\n";
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: rules_codegen OUT.cpp NAME=FILE...\n";
        return 2;
    }
    std::ostringstream o;
    o << "// Generated by tools/rules_codegen.cpp from data/programs/*.json. Do not edit.\n"
      << "#include \"builtin_programs.hpp\"\n\n"
      << "namespace recert::cli {\n\nnamespace {\n\n";
    std::vector<std::string> names;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto eq = arg.find('=');
        if (eq == std::string::npos) {
            std::cerr << "rules_codegen: expected NAME=FILE, got " << arg << '\n';
            return 2;
        }
        const std::string name = arg.substr(0, eq), file = arg.substr(eq + 1);
        std::ifstream in(file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        if (!in) {
            std::cerr << "rules_codegen: cannot read " << file << '\n';
            return 2;
        }
        auto res = load_rules(text.str(), file);
        if (!res.ok()) {
            for (const auto& d : res.errors) std::cerr << format_location(d) << '\n';
            return 2;
        }
        program(o, name, *res.value);
        names.push_back(name);
    }
    o << "} // namespace\n\nstd::optional<Rules> compiled_program(std::string_view name) {\n";
    for (const auto& n : names)
        o << "    if (name == \"" << n << "\") return build_" << n << "();\n";
    o << "    return std::nullopt;\n}\n\n} // namespace recert::cli\n";
    std::ofstream out(argv[1], std::ios::binary);
    out << o.str();
    return out ? 0 : 2;
}
