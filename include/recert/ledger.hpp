// The holder's record: certifications held and activities done (`recert-ledger/1`).
#pragma once

#include "recert/credits.hpp"
#include "recert/date.hpp"
#include "recert/diagnostic.hpp"
#include "recert/rules.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert {

enum class ActivityKind : std::uint8_t { CE, Exam };
enum class ClaimStatus : std::uint8_t { Approved, Pending, Rejected, Unclaimed };

std::string_view to_string(ActivityKind k);
std::string_view to_string(ClaimStatus s);
std::optional<ClaimStatus> parse_status(std::string_view s);

struct Activity {
    std::string id;
    std::string holder;
    Date date;
    ActivityKind kind = ActivityKind::CE;
    Centi credits = 0;
    ClaimStatus status = ClaimStatus::Approved;
    std::optional<Date> submitted;
    std::optional<Date> credited; // the day the program credited the claim (approved claims)
    std::string title;
    std::string category;
    std::string exam;      // exam code as written
    std::string exam_kind; // resolved kind (from the rules' catalog or given)
    std::string program;   // as given (a program id), or empty: found from category or exam
    // whether the input named the program (a `program` field or column); only then is it part of
    // the derived id (formats.md, v1.1), so that ids derived before it stay the same
    bool program_named = false;
};

struct HeldCertification {
    std::string holder;
    std::uint32_t cert = 0; // index into Rules::certifications (a team has millions of these)
    Date earned;
    std::optional<Date> expires; // as printed by the program's tracker; wins over computation
};

struct Ledger {
    std::string holder = "me";
    std::vector<HeldCertification> certifications;
    std::vector<Activity> activities;
};

inline constexpr std::string_view kDefaultHolder = "me";

// Validates and loads a ledger against the rules.
Result<Ledger> load_ledger(std::string_view text, const std::string& file, const Rules& rules);

// The id an activity gets when none is given: a hash of its normalised content, so the same
// record entered twice has the same id. "c-" for CE, "e-" for exams, then 16 hex digits.
std::string derive_activity_id(const Activity& a);
// The 64-bit hash behind a derived id: FNV-1a over the holder, date, kind, credits (CE), exam
// code (lower case), title (without surrounding spaces) and, when the record names one, the
// program (its id, lower case). Without a program the hash is the one ids had before programs
// were part of it.
std::uint64_t activity_content_hash(std::string_view holder, Date date, ActivityKind kind,
                                    Centi credits, std::string_view exam, std::string_view title,
                                    std::string_view named_program = {});
// The same with the date and the credits already written as the hash reads them: the date as
// YYYY-MM-DD, the credits (CE only; ignored for exams) as format_credits writes them.
std::uint64_t activity_content_hash(std::string_view holder, std::string_view day,
                                    ActivityKind kind, std::string_view credits,
                                    std::string_view exam, std::string_view title,
                                    std::string_view named_program = {});
// "c-" (CE) or "e-" (exam) and the hash in 16 hex digits.
std::string derived_id(ActivityKind kind, std::uint64_t hash);

// Ledger records as JSON, with only the fields that carry information.
// An exam's kind is written only when the code is not in the rules' catalog.
nlohmann::ordered_json activity_to_json(const Activity& a, std::string_view file_holder,
                                        const Rules& rules);
nlohmann::ordered_json certification_to_json(const HeldCertification& c, const Rules& rules,
                                             std::string_view file_holder);

// An empty ledger document.
nlohmann::ordered_json empty_ledger(std::string_view holder);

} // namespace recert
