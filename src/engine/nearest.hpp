// The nearest ways to recertify (docs/semantics.md §8): which of a level's paths the next step
// offers, chosen from what each path still misses. One function, so that every command and format
// offers the same ways.
#pragma once

#include "recert/engine.hpp"

#include <span>
#include <vector>

namespace recert::engine {

// The exams a path still needs, in total.
int missing_exam_count(const PathStatus& p);
// Whether a path's credit part (its total, category minimums and yearly minimums) is met.
inline bool credits_met(const PathStatus& p) {
    return p.missing_credits == 0 && p.missing_categories.empty();
}

struct NearestWays {
    // among unmet paths whose exams are met, the one missing the fewest credits (first in the
    // rules' order on a tie)
    const PathStatus* credit = nullptr;
    // among unmet paths whose credits are met, every one missing the fewest exams
    std::vector<const PathStatus*> exam;
    // only when there is neither: the path missing the fewest exams, then the fewest credits
    const PathStatus* both = nullptr;
};
// Chooses among `paths` (a level's, in the rules' order) those still reachable; all empty when one
// is met or none is reachable.
NearestWays nearest_ways(std::span<const PathStatus> paths);

} // namespace recert::engine
