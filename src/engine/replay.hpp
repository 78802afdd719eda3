// The replay of one holder's history: their certifications' lives (earned, recertified, renewed
// by a higher one, expired), walked day by day through their activities up to the as-of date,
// ending in one report per certification. It decides; wording.hpp phrases.
#pragma once

#include "engine/claim_timing.hpp"
#include "engine/compiled.hpp"
#include "model/policy.hpp"
#include "recert/engine.hpp"
#include "recert/ledger.hpp"
#include "recert/rules.hpp"
#include "table/activity_table.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace recert::engine {

// Credits counted late in a cycle, which may carry over to the next one.
struct TailCredit {
    std::uint16_t category = 0;
    Centi credits = 0;
    int year = 0; // the cycle year it was tallied in
};

// One held certification from its earning until it ends (expired, pending or earned again).
struct Life {
    const HeldCertification* held = nullptr;
    const Certification* cert = nullptr;
    const Level* level = nullptr;
    const ProgramPolicy* policy = nullptr;
    std::size_t level_index = 0;
    std::size_t program = 0;
    bool lifelong = false; // a level without validity, or earned before the program's cut-off
    bool started = false;
    bool ended = false;
    State end_state = State::Expired;
    Date window_start;
    std::optional<Date> expires;
    std::optional<Date> last_recertified;
    std::string renewed_by;
    Tally approved;
    Tally pending;
    std::vector<Cycle> cycles;
    std::vector<HistoryEvent> history;
    std::vector<char> in_cycle; // per holder activity: recorded in one of this life's cycles
    // carry-over (Level::carryover): credits of the current cycle earned in its last months, and
    // after an early recertification the closed cycle, still counting until its old expiry
    std::vector<TailCredit> tail;
    bool carry_open = false;
    Date carry_until;
    Tally carry_tally;
    std::vector<TailCredit> carry_tail;
    const PathInfo* carry_path = nullptr; // the path the closed cycle met

    bool lifetime() const { return lifelong; }
    bool alive() const { return started && !ended; }
    // The last day of the grace period after expiry (the expiry itself without one).
    Date grace_end() const { return recert::grace_end(*policy, *expires); }
    // The last day an activity can count toward the current cycle.
    Date counts_until() const { return policy->grace_activities ? grace_end() : *expires; }
    bool can_recertify(Date d) const {
        if (!alive() || lifetime() || level->paths.empty()) return false;
        if (cert->retired && d >= *cert->retired) return false;
        return window_start <= d && d <= counts_until();
    }
};

// A worker's buffers for the replay, reused from holder to holder (a team report would otherwise
// allocate them for every holder). One per worker thread: never shared.
struct ReplayScratch {
    std::vector<Life> lives;
    std::vector<Life*> by_rank;    // lives, highest rank first
    std::vector<Date> dates;       // the days anything happens
    std::vector<Life*> started;    // the lives to report, in output order
    std::vector<PathStatus> paths; // only grows: its vectors keep their space
    ExamScratch exams;
    // the holder's records again, with claims credited after an expiry that count on their
    // completion day (docs/semantics.md §3a), and those claims
    std::vector<std::size_t> moved_acts, retro;
    std::vector<std::int32_t> moved_days;
    std::vector<UnclaimedClaim> unclaimed; // the claims a report's timing advice weighs
};

// What every holder's replay shares.
struct ReplayContext {
    const Rules& rules;
    const Compiled& compiled;
    const ActivityTable& table;
    const EvalOptions& options;
};

// Replays one holder and appends the reports of their certifications to `out`, in output order
// (highest rank first, then by name). `acts`: the holder's records up to the as-of date in the
// engine's fixed order (by date, then id; repeats dropped), `days`: their days. `held`: the
// holder's certifications, reordered in place (the same certification and earned date twice is
// one record, the first given).
void replay_holder(const ReplayContext& ctx, const std::vector<std::size_t>& acts,
                   const std::vector<std::int32_t>& days,
                   std::vector<const HeldCertification*>& held, ReplayScratch& scratch,
                   std::vector<CertReport>& out);

} // namespace recert::engine
