// A program's day rules, each written once: the claim window, and the grace period after expiry.
// The loader (model/rules.cpp) reads the numbers; every layer that needs one of these days calls
// here (the table marks late claims, the replay words deadlines, `plan` stops at the grace end).
#pragma once

#include "recert/date.hpp"
#include "recert/rules.hpp"

namespace recert {

// The last day a claim for work completed on `completed` may be submitted.
inline Date claim_deadline(const ProgramPolicy& p, Date completed) {
    return add_days(completed, p.claim_window_days);
}

// Whether a claim submitted on `submitted` for work completed on `completed` came after the
// claim window, and so does not count.
inline bool claimed_late(const ProgramPolicy& p, Date completed, Date submitted) {
    return submitted.days - completed.days > p.claim_window_days;
}

// The last day of the grace period after an expiry (the expiry itself without one).
inline Date grace_end(const ProgramPolicy& p, Date expires) {
    return add_days(expires, p.grace_days);
}

} // namespace recert
