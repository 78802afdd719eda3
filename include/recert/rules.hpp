// A program's recertification policy, loaded from a `recert-rules/1` file.
#pragma once

#include "recert/credits.hpp"
#include "recert/date.hpp"
#include "recert/diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace recert {

struct CreditRequirement {
    std::optional<Centi> total;
    std::map<std::string, Centi> min;          // category id -> minimum
    std::map<std::string, Centi> max;          // category id -> cap
    std::map<std::string, Centi> max_per_year; // category id -> cap in each cycle year
    std::optional<Centi> min_per_year;         // at least this much in each cycle year

    bool operator==(const CreditRequirement&) const = default;
};

struct ExamGroup {
    std::vector<std::string> kinds;
    int count = 1;

    bool operator==(const ExamGroup&) const = default;
};

struct Path {
    std::optional<CreditRequirement> credits;
    std::vector<ExamGroup> exams;
    std::string description; // derived: "40 CE credits + 1 concentration exam"

    bool operator==(const Path&) const = default;
};

// Surplus credits earned late in a cycle that count toward the next one.
struct Carryover {
    Centi max = 0;                       // at most this much
    int last_months = 0;                 // earned in the cycle's last months
    std::vector<std::string> categories; // only these categories (empty: any)

    bool operator==(const Carryover&) const = default;
};

struct Level {
    std::string id;
    std::string name;
    int rank = 0;
    std::optional<int> validity_years; // empty: lifetime
    std::vector<Path> paths;
    std::optional<Carryover> carryover;
    // certifications of this level earned before this date never expire
    std::optional<Date> lifetime_before;
    // false: CE claims never count toward this level, and a cascade renews it only from an event
    // without CE (a higher certification earned, or recertified by a path without credits)
    bool renewed_by_ce = true;
    // false: outside the cascade both ways, neither renewed by other certifications nor renewing
    // them (docs/formats.md, "Rules file")
    bool in_cascade = true;
    std::string notes;
    std::size_t program = 0; // index into Rules::programs

    bool operator==(const Level&) const = default;
};

struct Category {
    std::string id;
    std::string name;
    std::string parent;      // "" for a top-level category
    std::size_t program = 0; // index into Rules::programs

    bool operator==(const Category&) const = default;
};

struct ExamKind {
    std::string id;
    std::string name;
    std::size_t program = 0;

    bool operator==(const ExamKind&) const = default;
};

struct Certification {
    std::string id;
    std::string name;
    std::size_t level = 0; // index into Rules::levels
    std::vector<std::string> aliases;
    std::optional<Date> retired;
    std::vector<std::string> renews; // explicit cascade
    std::string notes;

    bool operator==(const Certification&) const = default;
};

struct Exam {
    std::string code;
    std::string name;
    std::string kind;
    std::size_t program = 0;

    bool operator==(const Exam&) const = default;
};

enum class RenewalAnchor { RecertificationDate, ExpiryDate };
enum class Cascade { None, Rank, Explicit };
// The day a CE claim's credits count (docs/semantics.md §3a).
enum class CountOn { Completed, Credited };

struct ProgramInfo {
    std::string id;
    std::string name;
    std::string unit;
    std::string source;
    std::string effective;
    std::string notes;

    bool operator==(const ProgramInfo&) const = default;
};

// The settings that hold for a whole program.
struct ProgramPolicy {
    ProgramInfo program;
    int claim_window_days = 365;
    RenewalAnchor anchor = RenewalAnchor::RecertificationDate;
    Cascade cascade = Cascade::Rank;
    int expiring_days = 90;
    bool pending_retroactive = true;
    int grace_days = 0;                  // after expiry: state grace, claims still accepted
    int grace_years = 0;                 // the same stated in years, added first as years (§2)
    bool grace_suspension = false;       // the grace period is a suspension (PMI's word)
    bool grace_activities = false;       // activities completed during grace count for the cycle
    std::optional<Date> lifetime_before; // certifications earned before this never expire
    CountOn credits_count_on = CountOn::Completed;
    int claim_review_days = 30; // the margin before an expiry that the program may take to credit

    bool operator==(const ProgramPolicy&) const = default;
};

// One program's rules, or several merged (merge_programs): the base ProgramPolicy is the first
// (default) program's, and every level, category, exam kind and exam names its program.
struct Rules : ProgramPolicy {
    std::vector<ProgramPolicy> programs; // [0] is the default program (the base)
    std::vector<Category> categories;
    std::vector<ExamKind> exam_kinds;
    std::vector<Level> levels;
    std::vector<Certification> certifications;
    std::vector<Exam> exams;
    nlohmann::ordered_json document; // the file as loaded, for `rules show`

    static constexpr std::size_t kAny = static_cast<std::size_t>(-1);
    // The most programs, categories and exam kinds used together (an activity record packs their
    // indexes into 5 and 16 bits).
    static constexpr std::size_t kMaxPrograms = 32;
    static constexpr std::size_t kMaxCategories = 0xFFFF;
    static constexpr std::size_t kMaxExamKinds = 0xFFFF;

    // Certification by id, name or alias, case-insensitively.
    const Certification* find_certification(std::string_view name) const;
    const Certification* certification_by_id(std::string_view id) const;
    // Lookups within one program, or (kAny) the default program first, then the others in order;
    // names ignore case. An exam by its code, else by its name ("ENARSI" for 300-410).
    const Exam* find_exam(std::string_view code, std::size_t program = kAny) const;
    // 1 + index into categories, or 0 when unknown.
    std::size_t category_index(std::string_view id, std::size_t program = kAny) const;
    // Index into exam_kinds, or kAny when unknown.
    std::size_t exam_kind_index(std::string_view id, std::size_t program = kAny) const;
    // "1 concentration or core exam", "2 concentration exams": `count` exams of the kinds `ids`
    // (named by their names, in the order given) of `program`.
    std::string exam_need(std::span<const std::string> ids, int count,
                          std::size_t program = kAny) const;
    bool has_exam_kind(std::string_view id, std::size_t program = kAny) const {
        return exam_kind_index(id, program) != kAny;
    }
    bool has_category(std::string_view id, std::size_t program = kAny) const {
        return category_index(id, program) != 0;
    }
    // Index into programs by id (case-insensitive), or kAny.
    std::size_t program_index(std::string_view id) const;
    const Level& level_of(const Certification& c) const { return levels[c.level]; }
    std::size_t program_of(const Certification& c) const { return levels[c.level].program; }
    const ProgramPolicy& policy_of(const Certification& c) const { return programs[program_of(c)]; }
    // The program a ledger record names (Activity::program); none: the default program.
    const ProgramPolicy& policy_named(std::string_view id) const;

    // Filled by the loader.
    // Hash maps that a string_view can look up without building a string.
    struct NameHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    using NameIndex = std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>>;
    NameIndex cert_index; // lower-cased id/name/alias
    NameIndex exam_index; // lower-cased code

    bool operator==(const Rules&) const = default;
};

// Validates and loads a rules file. `file` names it in diagnostics.
Result<Rules> load_rules(std::string_view text, const std::string& file);

// Adds another program's rules to `into` (its first program stays the default). Certification
// ids must differ between programs; categories, exam kinds and exam codes are per program.
// Returns the problems (empty when merged).
Diagnostics merge_programs(Rules& into, const Rules& more);

// The built-in programs (cisco, comptia, isc2, pmi).
std::vector<std::string> builtin_program_names();
// The text of a built-in program's rules file, or nullopt.
std::optional<std::string_view> builtin_program_text(std::string_view name);
// A built-in program's rules (no value and no errors for an unknown name).
Result<Rules> load_builtin_rules(std::string_view name);

// Lower-cases ASCII letters.
std::string lower(std::string_view s);

} // namespace recert
