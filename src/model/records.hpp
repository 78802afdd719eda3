// Building ledger records from text fields, with one set of checks for every input format
// (ledger JSON, activities CSV, certifications CSV, the `add` command).
#pragma once

#include "recert/ledger.hpp"
#include "recert/rules.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert {

// Fields as text; an absent field is nullopt. Names are the canonical column names. The views
// point into the caller's storage (a JSON document, a CSV record, options), which must outlive
// the call; nothing is copied until a record is built.
using TextField = std::optional<std::string_view>;

struct ActivityFields {
    TextField id, holder, date, kind, credits, exam, exam_kind, status, submitted, title, category;
    TextField program; // the program whose category or exam this is (none: found by id)
    TextField credited;
    // a record that names no program: the program its names are looked up in (kAny: the default
    // program first, then the others), without naming it (`add`: program_for_new_activity)
    std::size_t in_program = Rules::kAny;
};

// A claim's dates, when the input gives them.
struct ClaimDates {
    std::optional<Date> submitted, credited;
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
    std::optional<Date> submitted, credited;
    std::string_view holder, title, category, exam, exam_kind;
    std::string_view program_given; // the program as given (canonical id), or empty
    std::string_view program_named; // the program the record's own field names, or empty
    ActivityIndexes indexes;        // category, exam kind and program in the rules
    // the date and the credits as given, when the text is what formatting the value would write
    // (the content hash then reads them as they are); empty otherwise
    std::string_view date_text, credits_text;
};

// --- Rules of single values ---------------------------------------------------------------------
// check_activity and build_certification apply these, and so do the quick row steps of CSV input
// (input/rows.cpp), which read the usual row of a large file without the general steps: one
// definition of each rule, so that the two readings of a row cannot drift apart. Inline, as the
// quick steps run them on every row.

// The last day recert takes as a record date, 9899-12-31: expiries and claim deadlines computed
// from record dates stay inside four-digit years.
inline constexpr Date kLastRecordDay{2896372};

// Whether a record's date is one recert takes.
inline bool in_record_range(Date d) {
    return d <= kLastRecordDay;
}

// A record's date from its text: a real calendar date YYYY-MM-DD that recert takes; nullopt
// otherwise (the general steps then say which of the two it is not).
inline std::optional<Date> parse_record_date(std::string_view text) {
    const std::optional<Date> d = parse_iso_date(text);
    return d && in_record_range(*d) ? d : std::nullopt;
}

// An activity's kind from its text: "ce" or "exam" in any case; nullopt for anything else.
inline std::optional<ActivityKind> parse_kind(std::string_view text) {
    // c | 0x20 is c in lower case for a letter, and a letter only for that letter's two cases
    auto at = [text](std::size_t i, char lower) { return (text[i] | 0x20) == lower; };
    if (text.size() == 2 && at(0, 'c') && at(1, 'e')) return ActivityKind::CE;
    if (text.size() == 4 && at(0, 'e') && at(1, 'x') && at(2, 'a') && at(3, 'm'))
        return ActivityKind::Exam;
    return std::nullopt;
}

// Whether a claim's submission date may go with its activity's date: not before it.
inline bool submitted_in_order(Date date, Date submitted) {
    return !(submitted < date);
}

// Whether a claim's credited date may go with its activity's date and submission: not before
// either.
inline bool credited_in_order(Date date, std::optional<Date> submitted, Date credited) {
    return !(credited < date) && !(submitted && credited < *submitted);
}

// Whether a certification's expiry may go with its earned date: not before it.
inline bool expires_in_order(Date earned, Date expires) {
    return !(expires < earned);
}

// A CE activity's credits from their text, into `a`: the value, and the text itself when it is
// written as formatting would write it (the content hash then reads it as it is). Returns the
// parse, whose error says what is wrong when it has no value (`a` is then unchanged).
inline CreditParse take_credits(std::string_view text, CheckedActivity& a) {
    CreditParse p = parse_credits(text);
    if (p.value) {
        a.credits = *p.value;
        if (is_formatted_credits(text)) a.credits_text = text;
    }
    return p;
}

// The program a record that names none keeps the name of: that of its category or exam, unless
// it is the default program (so that a ledger the record is written to loads that program
// again); empty for the default program.
inline std::string_view implied_program(const Rules& rules, const ActivityIndexes& x) {
    return x.program != 0 ? std::string_view(rules.programs[x.program].program.id)
                          : std::string_view{};
}

// The category an activity names as the rules spell it (its id, whatever the case it was given
// in); empty when it names none. Every input stores this spelling (check_activity and the quick
// row steps alike).
inline std::string_view canonical_category(const Rules& rules, const ActivityIndexes& x) {
    return x.category == 0 ? std::string_view{}
                           : std::string_view(rules.categories[x.category - 1].id);
}

// The program of an activity `add` records for `holder`, who holds certifications of the programs
// `held` (indexes; none: the default program in force stands for them), with the names the record
// gives (a CE category; an exam code or name, or an exam kind). `given` (kAny: none) is the program
// the user named, taken as it is. Otherwise never guessed: the one program of the holder's
// certifications, else the one of them the names belong to; a name that belongs only to another
// program, or to several of the holder's, or a record with no name for a holder of several
// programs, is reported to `error` (field "category", "exam" or "program") with the way out, and
// kAny returned. A name no program knows is left to check_activity (returned: the holder's
// program when there is one).
std::size_t program_for_new_activity(const Rules& rules, std::size_t given,
                                     const std::vector<std::size_t>& held, std::string_view holder,
                                     ActivityKind kind, std::string_view category,
                                     std::string_view exam, std::string_view exam_kind,
                                     const FieldError& error);

// The hint for a certification name the rules do not know: the close ids, names and aliases (or
// those that contain it), else where the names are listed.
std::string certification_hint(const Rules& rules, std::string_view typed);

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

// Whether b is a certification record given again: the same holder, certification and earned
// date as a (then it is one record, the first one given).
inline bool same_certification_record(const HeldCertification& a, const HeldCertification& b) {
    return a.cert == b.cert && a.earned == b.earned && a.holder == b.holder;
}

// The one rule for a certification given twice (the ledger and CSV files together, a file that
// repeats a row, an import): the same holder, certification and earned date is one record, the
// first one given. Drops the later ones; the rest keep their order.
void drop_repeated_certifications(std::vector<HeldCertification>& certifications);

// --- An activity given again -------------------------------------------------------------------

// What an incoming activity (an import) is to the ledger's record with the same id.
enum class RecordMatch : std::uint8_t {
    Same,     // the same record: a duplicate, skipped
    Update,   // the claim moved on (status, submitted, credited): news for the ledger
    Conflict, // other content under the same id, or a claim that would go back: an error
};

// A field whose value changes (or differs): its name and both values as written, "" for none.
struct FieldChange {
    std::string field, before, after;
};

struct ActivityComparison {
    RecordMatch match = RecordMatch::Same;
    // Update: what the incoming record changes; Conflict: what differs
    std::vector<FieldChange> changes;
    std::string problem; // Conflict: why, in words
    Activity updated;    // Update: the ledger's record with the changes applied
};

// The one rule for an activity the ledger has and an import brings again (the same id):
// - holder, date, kind, credits, exam and title are the record; any difference is a conflict,
//   and so is a category or program that both name differently;
// - status, `submitted` and `credited` are the claim's progress: a difference is an update
//   (a claim date the incoming record leaves out is no news), unless the status would go back
//   to an earlier stage (unclaimed, then pending, then approved or rejected), which is a
//   conflict: an export older than the ledger must not undo what the ledger knows;
// - a claim that ends up other than approved keeps no credited date; one whose dates would be
//   out of order (credited before submitted) is a conflict.
ActivityComparison compare_activity(const Activity& ledger, const Activity& incoming);

} // namespace recert
