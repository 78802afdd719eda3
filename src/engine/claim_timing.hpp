// The claim-timing advice (docs/semantics.md §3a): which unclaimed claims to submit now and
// which to hold back, so that the one completing a path is credited as late as is safe.
#pragma once

#include "engine/compiled.hpp"
#include "recert/engine.hpp"

#include <optional>
#include <span>

namespace recert::engine {

struct Life;

// An activity done but not yet claimed, that can still be claimed.
struct UnclaimedClaim {
    std::size_t activity = 0; // index into the activity table
    const ActivityRecord* record = nullptr;
    int year = 0;  // the cycle year it falls in, for per-year rules
    Date deadline; // the last day to submit it
};

// Whether the life's program and state let the holder choose R by the day of a claim.
bool claim_timing_applies(const Life& l, State state);

// The advice for l's open cycle, as of `as_of`: nothing when submitting every claim of
// `unclaimed` today meets no path, or when the approved and pending claims already meet one.
// `unclaimed`: in the order held claims are preferred (the latest deadline first).
std::optional<ClaimTiming> claim_timing(const Compiled& c, const Life& l, Date as_of,
                                        std::span<const UnclaimedClaim> unclaimed,
                                        ExamScratch& exams);

} // namespace recert::engine
