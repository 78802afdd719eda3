// The engine: a pure function of (rules, ledger, as-of date) producing a report.
#pragma once

#include "recert/credits.hpp"
#include "recert/date.hpp"
#include "recert/ledger.hpp"
#include "recert/rules.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace recert {

enum class State { Active, Expiring, Grace, Pending, Expired, Lifetime };
// Every state, in the order of the enum: the order in which the documentation lists them and
// summaries count them.
inline constexpr std::array<State, 6> kStates{State::Active,  State::Expiring, State::Grace,
                                              State::Pending, State::Expired,  State::Lifetime};
std::string_view to_string(State s);
// The state a name gives (the names of to_string, in any case), or nullopt.
std::optional<State> state_from_string(std::string_view name);
// How soon a state asks for something, for listing the most urgent first: 0 for expired, then
// pending, grace, expiring, active, and 5 for lifetime.
int urgency(State s);

struct ExamNeed {
    const std::vector<std::string>* kinds_of = nullptr; // the rules' exam group
    const std::vector<std::string>& kinds() const { return *kinds_of; }
    int count = 0;
};

struct PathStatus {
    std::string_view description; // the rules' text (the rules outlive every report)
    bool met = false;
    Centi missing_credits = 0;
    std::vector<std::pair<std::string, Centi>> missing_categories; // category minimums not reached
    std::vector<ExamNeed> missing_exams;
    // false when a cycle year already over fell short of the path's yearly minimum: no credits
    // earned now can meet it in this cycle
    bool reachable = true;
};

struct Notice {
    std::string code;    // claim_deadline, claim_deadline_passed, claimed_late, retired,
                         // pending_at_expiry, grace
    std::string message; // one sentence for people
    std::optional<Date> date;
    std::string activity; // activity id, when it is about one
};

struct HistoryEvent {
    Date date;
    std::string event; // earned, recertified, renewed, expired, pending, superseded, carried_over
    std::string via;   // path description or certification id
    std::optional<Date> expires;
};

// Why an activity did or did not count toward a cycle.
struct ActivityVerdict {
    std::size_t activity = 0; // index into the activity table (= Ledger::activities)
    bool counted = false;
    std::string reason; // for counted: "counted"; else why not
    Date day;           // the day it counts (docs/semantics.md §3a): its completion day, or later
};

struct Cycle {
    Date start;
    std::optional<Date> end;       // expiry of the cycle (empty: lifetime)
    std::string outcome;           // recertified, renewed, expired, pending, superseded, open
    std::optional<Date> closed_on; // R, for recertified and renewed
    std::string via;               // path description or renewing certification id
    Centi carried_over = 0;        // credits carried over into it from the cycle before
    std::vector<ActivityVerdict> activities; // only when explain is asked for
};

// When to submit the claims of activities done but not yet claimed (docs/semantics.md §3a, "Claim
// timing"): given only when submitting them would meet a path, under `credits_count_on: credited`
// and `renewal_anchor: recertification_date`, where the day the last claim is credited is R.
struct ClaimTiming {
    Date now_expires;                // the expiry when every such claim is submitted today
    std::vector<std::size_t> submit; // the claims to submit now (activity indexes, as verdicts)
    std::vector<std::size_t> hold;   // the claims to hold back (empty: nothing gains by waiting)
    Date hold_until;                 // the latest safe day to submit the held claims
    Date hold_expires;               // the expiry when they are submitted that day
    int days_gained = 0;             // hold_expires - now_expires
};

struct CertReport {
    std::string holder;
    std::size_t cert = 0; // index into Rules::certifications
    State state = State::Active;
    bool retired = false;
    Date earned;
    std::optional<Date> expires;
    std::optional<int> days_left;
    std::optional<Date> cycle_start;
    std::optional<Date> last_recertified;
    std::string renewed_by; // "" for none
    Centi approved = 0;
    Centi pending = 0;
    std::optional<Centi> required;
    std::optional<Centi> remaining;
    std::vector<PathStatus> paths;
    std::vector<Notice> notices;
    std::vector<HistoryEvent> history;
    std::vector<Cycle> cycles; // every cycle of every life, oldest first (explain)
    std::vector<ActivityVerdict>
        outside; // the holder's activities outside every cycle, and why (explain)
    std::string next_step;
    std::optional<ClaimTiming> claim_timing; // not in the CSV summary
};

struct Report {
    Date as_of;
    std::vector<CertReport>
        certifications; // ordered by holder, then rank (highest first), then name
};

struct EvalOptions {
    Date as_of;
    bool explain = false; // fill Cycle::activities and CertReport::outside
    unsigned threads = 0; // holders evaluated in parallel: 0 = automatic, 1 = none
    bool summary = false; // only the figures and next_step: no paths, notices or history (CSV)
};

// Evaluates a ledger as of options.as_of: one report per certification held, in the order of
// Report::certifications. ActivityVerdict::activity indexes ledger.activities. (A team held in an
// activity table is evaluated through engine/team.hpp.)
Report evaluate(const Rules& rules, const Ledger& ledger, const EvalOptions& options);

} // namespace recert
