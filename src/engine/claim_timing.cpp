#include "engine/claim_timing.hpp"

#include "engine/replay.hpp"

#include <algorithm>

namespace recert::engine {

bool claim_timing_applies(const Life& l, State state) {
    return (state == State::Active || state == State::Expiring) &&
           l.policy->credits_count_on == CountOn::Credited &&
           l.policy->anchor == RenewalAnchor::RecertificationDate && !l.level->paths.empty();
}

std::optional<ClaimTiming> claim_timing(const Compiled& c, const Life& l, Date as_of,
                                        std::span<const UnclaimedClaim> unclaimed,
                                        ExamScratch& exams) {
    if (unclaimed.empty()) return std::nullopt;
    Tally base = l.approved; // what the holder no longer controls: credited or submitted
    base.merge(l.pending);
    if (first_met(c, l.level_index, base, exams)) return std::nullopt;
    Tally all = base;
    for (const UnclaimedClaim& u : unclaimed) all.add(*u.record, u.year);
    if (!first_met(c, l.level_index, all, exams)) return std::nullopt;

    const int years = *l.level->validity_years;
    ClaimTiming t;
    t.now_expires = add_years(as_of, years);
    // hold the fewest claims, latest deadline first, whose absence keeps the rest below every path
    std::size_t held = 0;
    Tally rest;
    do {
        ++held;
        rest = base;
        for (std::size_t k = held; k < unclaimed.size(); ++k)
            rest.add(*unclaimed[k].record, unclaimed[k].year);
    } while (first_met(c, l.level_index, rest, exams)); // ends: base alone meets none
    Date until = add_days(*l.expires, -l.policy->claim_review_days);
    for (std::size_t k = 0; k < held; ++k) until = std::min(until, unclaimed[k].deadline);
    for (std::size_t k = 0; k < unclaimed.size(); ++k)
        (k < held && until > as_of ? t.hold : t.submit).push_back(unclaimed[k].activity);
    t.hold_until = std::max(until, as_of);
    t.hold_expires = add_years(t.hold_until, years);
    t.days_gained = days_between(t.now_expires, t.hold_expires);
    std::reverse(t.submit.begin(), t.submit.end()); // the earliest deadline first
    std::reverse(t.hold.begin(), t.hold.end());
    return t;
}

} // namespace recert::engine
