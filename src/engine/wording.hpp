// The English of a report: next steps, notices, and the reasons an activity counted or not. The
// replay (replay.cpp) decides; these functions only phrase the facts it hands them, so that a
// sentence can be reworded without reading the replay, and the replay changes no sentence.
#pragma once

#include "recert/credits.hpp"
#include "recert/date.hpp"
#include "recert/engine.hpp"
#include "recert/rules.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace recert::engine::wording {

// "40 CE credits" ("40 more CE credits" with `more`), appended to s; `unit` is the program's.
void append_credits(std::string& s, Centi c, std::string_view unit, bool more = false);
std::string credits(Centi c, std::string_view unit);

// --- Why an activity did or did not count toward the cycle it falls in (explain) ---
std::string counted();
std::string exam_that_earned();
std::string rejected();
std::string pending_approval();
// A CE claim toward a certification whose level CE does not renew (the rules' renewed_by_ce).
std::string ce_does_not_renew(std::string_view unit);
// An unclaimed activity: its claim can still be made until `deadline` (on or after `as_of`), or
// no longer.
std::string unclaimed(Date deadline, Date as_of);
// A claim submitted `days_after` days after completion, beyond the program's `window_days`.
std::string claimed_late(Date submitted, int days_after, int window_days);

// A claim submitted on `submitted`, after `last`, the last day its cycle could be renewed.
std::string submitted_too_late(Date submitted, Date last);

// --- Why an activity lies outside every cycle of a certification ---
enum class Outside {
    BeforeEarned,    // completed before the certification was earned
    AfterCycleMet,   // after the cycle it falls in was met (`date`: when)
    OnClosingDay,    // on the day its cycle closed (`date`: that day)
    AfterLapse,      // after the certification lapsed (`date`: the expiry)
    InGraceAfterEnd, // after the expiry, in a grace period for claims only (`date`: the expiry)
    Elsewhere,       // none of these
};
// `carries_over`: the level carries credits beyond a cycle's requirement to the next cycle.
std::string outside(Outside why, Date date, bool carries_over);

// --- Notices ---
// `"Title" (10 CE credits, completed 2026-01-02)`, or `activity ID (...)` without a title.
std::string activity_label(std::string_view title, std::string_view id, Centi credits,
                           std::string_view unit, Date completed);
Notice claim_deadline(const std::string& label, Date deadline, std::string id);
Notice claim_deadline_passed(const std::string& label, Date deadline, std::string id);
Notice claimed_late_notice(const std::string& label, Date submitted, int days_after,
                           int window_days, std::string id);
Notice retired(const std::string& name, Date retired_on, std::optional<Date> expires);
// In the grace period until `grace_end`; `grace_activities`: activities completed then count.
// `suspension`: the program calls the period a suspension (PMI).
Notice grace(Date expired, Date grace_end, bool grace_activities, bool suspension = false);
Notice pending_at_expiry(Date expired, Centi pending, std::string_view unit);
// Holding back the claims `held` (their labels) until t.hold_until gains t.days_gained days.
Notice claim_timing(const std::vector<std::string>& held, const ClaimTiming& t);

// --- The next step ---
struct NextStepFacts {
    const Rules* rules = nullptr;
    std::size_t program = 0; // the certification's program: its exam kinds and categories
    State state = State::Active;
    bool retired = false;
    std::optional<Date> expires;
    std::optional<Date> retires; // retired on this day, after as-of and by the expiry
    Date grace_end;              // the last day of the grace period (the expiry without one)
    bool grace_activities;       // the grace period counts activities, not only claims
    bool suspension = false;     // the program calls its grace period a suspension (PMI)
    Centi approved = 0;          // counted credits
    Centi pending = 0;           // credits awaiting approval
    bool pending_enough = false; // approved and pending together meet a path
    std::string_view unit;
    std::span<const PathStatus> paths; // what each of the level's paths still needs, in order
    // a cycle year already over that fell short of a yearly minimum: its last day and shortfall
    std::optional<Date> missed_year_end;
    Centi missed_year_short = 0;
};
// One sentence: the nearest ways to recertify (docs/semantics.md §8), and by when.
std::string next_step(const NextStepFacts& f);
// A retirement to come before the expiry: renew before it, or not at all.
Notice retiring(const std::string& name, Date retires, Date expires);

} // namespace recert::engine::wording
