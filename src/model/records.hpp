// Building ledger records from text fields, with one set of checks for every input format
// (ledger JSON, activities CSV, certifications CSV, the `add` command).
#pragma once

#include "recert/ledger.hpp"
#include "recert/rules.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace recert {

// Fields as text; an absent field is nullopt. Names are the canonical column names. The views
// point into the caller's storage (a JSON document, a CSV record, options), which must outlive
// the call; nothing is copied until a record is built.
using TextField = std::optional<std::string_view>;

struct ActivityFields {
    TextField id, holder, date, kind, credits, exam, exam_kind, status, submitted, title, category;
    TextField program; // the program whose category or exam this is (none: found by id)
};

struct CertificationFields {
    TextField holder, certification, earned, expires;
    TextField program; // the program the certification must belong to
};

// Reports a problem with one field ("" for the record as a whole): what was found and expected.
using FieldError =
    std::function<void(std::string_view field, std::string message, std::string hint)>;

// What an activity's names resolve to in the rules: the category (1 + index, 0: none or unknown),
// the exam (from the catalog, or null), the exam kind (index, kAny: none or unknown) and the
// program (the one given, else that of the category or exam, else the default, 0).
struct ActivityIndexes {
    std::size_t category = 0;
    const Exam* exam = nullptr;
    std::size_t exam_kind = Rules::kAny;
    std::size_t program = 0;
};
// `program`: the program the record names, or kAny. Exam names are resolved only for exams.
ActivityIndexes resolve_activity(const Rules& rules, std::size_t program, std::string_view category,
                                 ActivityKind kind, std::string_view exam,
                                 std::string_view exam_kind);

// An activity's checked values, before anything is copied: the views point into the fields or
// into the rules (an exam code from the catalog is its canonical spelling there).
struct CheckedActivity {
    Date date;
    ActivityKind kind = ActivityKind::CE;
    ClaimStatus status = ClaimStatus::Approved;
    Centi credits = 0;
    std::optional<Date> submitted;
    std::string_view holder, title, category, exam, exam_kind;
    std::string_view program_given; // the program as given (canonical id), or empty
    ActivityIndexes indexes;        // category, exam kind and program in the rules
    // the date and the credits as given, when the text is what formatting the value would write
    // (the content hash then reads them as they are); empty otherwise
    std::string_view date_text, credits_text;
};

// Whether a record's date is one recert takes (expiries and claim deadlines computed from it stay
// inside four-digit years).
bool in_record_range(Date d);

// Validates an activity's fields (every problem goes to `error`); nullopt when any is wrong.
std::optional<CheckedActivity> check_activity(const ActivityFields& f, const Rules& rules,
                                              std::string_view default_holder,
                                              const FieldError& error);

// The content hash behind derived ids (derive_activity_id) of a checked activity.
std::uint64_t content_hash(const CheckedActivity& a);

// The checked values as an Activity with the given id (none: the derived id).
Activity to_activity(const CheckedActivity& c, const TextField& id);

// Validates and builds an activity. The id is the given one or derived from the content.
std::optional<Activity> build_activity(const ActivityFields& f, const Rules& rules,
                                       const std::string& default_holder, const FieldError& error);

std::optional<HeldCertification> build_certification(const CertificationFields& f,
                                                     const Rules& rules,
                                                     const std::string& default_holder,
                                                     const FieldError& error);

} // namespace recert
