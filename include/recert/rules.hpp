// A program's recertification policy, loaded from a `recert-rules/1` file.
#pragma once

#include "recert/credits.hpp"
#include "recert/date.hpp"
#include "recert/diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace recert {

struct CreditRequirement {
    std::optional<Centi> total;
    std::map<std::string, Centi> min; // category id -> minimum
    std::map<std::string, Centi> max; // category id -> cap
};

struct ExamGroup {
    std::vector<std::string> kinds;
    int count = 1;
};

struct Path {
    std::optional<CreditRequirement> credits;
    std::vector<ExamGroup> exams;
    std::string description; // derived: "40 CE credits + 1 concentration exam"
};

struct Level {
    std::string id;
    std::string name;
    int rank = 0;
    std::optional<int> validity_years; // empty: lifetime
    std::vector<Path> paths;
    std::string notes;
};

struct Category {
    std::string id;
    std::string name;
    std::string parent; // "" for a top-level category
};

struct ExamKind {
    std::string id;
    std::string name;
};

struct Certification {
    std::string id;
    std::string name;
    std::size_t level = 0; // index into Rules::levels
    std::vector<std::string> aliases;
    std::optional<Date> retired;
    std::vector<std::string> renews; // explicit cascade
    std::string notes;
};

struct Exam {
    std::string code;
    std::string name;
    std::string kind;
};

enum class RenewalAnchor { RecertificationDate, ExpiryDate };
enum class Cascade { None, Rank, Explicit };

struct ProgramInfo {
    std::string id;
    std::string name;
    std::string unit;
    std::string source;
    std::string effective;
    std::string notes;
};

struct Rules {
    ProgramInfo program;
    int claim_window_days = 365;
    RenewalAnchor anchor = RenewalAnchor::RecertificationDate;
    Cascade cascade = Cascade::Rank;
    int expiring_days = 90;
    bool pending_retroactive = true;
    std::vector<Category> categories;
    std::vector<ExamKind> exam_kinds;
    std::vector<Level> levels;
    std::vector<Certification> certifications;
    std::vector<Exam> exams;
    nlohmann::ordered_json document; // the file as loaded, for `rules show`

    // Certification by id, name or alias, case-insensitively.
    const Certification* find_certification(std::string_view name) const;
    const Certification* certification_by_id(std::string_view id) const;
    const Exam* find_exam(std::string_view code) const;
    bool has_exam_kind(std::string_view id) const;
    bool has_category(std::string_view id) const;
    const Level& level_of(const Certification& c) const { return levels[c.level]; }

    // Filled by the loader.
    std::unordered_map<std::string, std::size_t> cert_index; // lower-cased id/name/alias
    std::unordered_map<std::string, std::size_t> exam_index; // lower-cased code
};

// Validates and loads a rules file. `file` names it in diagnostics.
Result<Rules> load_rules(std::string_view text, const std::string& file);

// The built-in programs (Cisco).
std::vector<std::string> builtin_program_names();
// The text of a built-in program's rules file, or nullopt.
std::optional<std::string_view> builtin_program_text(std::string_view name);

// Lower-cases ASCII letters.
std::string lower(std::string_view s);

} // namespace recert
