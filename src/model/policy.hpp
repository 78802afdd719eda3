// A program's day rules, each written once: the claim window, the day a claim counts, and the
// grace period after expiry.
// The loader (model/rules.cpp) reads the numbers; every layer that needs one of these days calls
// here (the table marks late claims, the replay words deadlines, `plan` stops at the grace end).
#pragma once

#include "recert/date.hpp"
#include "recert/rules.hpp"

#include <algorithm>
#include <optional>

namespace recert {

// The last day a claim for work completed on `completed` may be submitted.
inline Date claim_deadline(const ProgramPolicy& p, Date completed) {
    return add_days(completed, p.claim_window_days);
}

// The last day to submit a claim for work completed on `completed` toward a cycle whose last day
// of renewal is `cycle_last` (its expiry, or the end of its grace period): the earlier of the
// claim window and that day (docs/semantics.md §5, the second limit).
inline Date submit_by(const ProgramPolicy& p, Date completed, Date cycle_last) {
    return std::min(claim_deadline(p, completed), cycle_last);
}

// Whether a claim submitted on `submitted` for work completed on `completed` came after the
// claim window, and so does not count.
inline bool claimed_late(const ProgramPolicy& p, Date completed, Date submitted) {
    return submitted.days - completed.days > p.claim_window_days;
}

// The day an approved claim's credits count (docs/semantics.md §3a): its completion day, or under
// `credits_count_on: credited` the day the program credited it: the credited date when known,
// else the submission date, else the completion day (a claim with no dates was credited at once).
inline Date credit_day(const ProgramPolicy& p, Date completed, std::optional<Date> submitted,
                       std::optional<Date> credited) {
    if (p.credits_count_on != CountOn::Credited) return completed;
    return credited ? *credited : submitted ? *submitted : completed;
}

// The last day of the grace period after an expiry (the expiry itself without one): a period
// stated in years is added as years, Feb 29 landing on Feb 28 (docs/semantics.md §2, §5).
inline Date grace_end(const ProgramPolicy& p, Date expires) {
    return add_days(p.grace_years ? add_years(expires, p.grace_years) : expires, p.grace_days);
}

} // namespace recert
