#include "engine/replay.hpp"

#include "engine/wording.hpp"
#include "model/policy.hpp"
#include "model/records.hpp"

#include <algorithm>
#include <span>

namespace recert::engine {

namespace {

// A stable insertion sort of [first, last): a holder has few certifications, lives and reports,
// and unlike std::stable_sort it allocates nothing.
template <class It, class Less> void insertion_sort(It first, It last, Less less) {
    for (It i = first; i != last; ++i)
        for (It j = i; j != first && less(*j, *(j - 1)); --j) std::iter_swap(j, j - 1);
}

class HolderReplay {
  public:
    HolderReplay(const ReplayContext& ctx, const std::vector<std::size_t>& acts,
                 const std::vector<std::int32_t>& days, std::vector<const HeldCertification*>& held,
                 ReplayScratch& scratch)
        : rules_(ctx.rules), c_(ctx.compiled), table_(ctx.table), opt_(ctx.options), acts_(acts),
          days_(days), scratch_(scratch) {
        const Rules& rules = rules_;
        const EvalOptions& opt = opt_;
        // a fixed order (certification id, then earned date) whatever the input order, so that
        // ties (two certifications of one rank recertifying on one day) resolve the same way
        insertion_sort(held.begin(), held.end(),
                       [&](const HeldCertification* a, const HeldCertification* b) {
                           const std::string& x = rules.certifications[a->cert].id;
                           const std::string& y = rules.certifications[b->cert].id;
                           return x != y ? x < y : a->earned < b->earned;
                       });
        // a record given twice is one (the input pipeline drops such repeats; a caller of the
        // engine may not have)
        held.erase(std::unique(held.begin(), held.end(),
                               [](const HeldCertification* a, const HeldCertification* b) {
                                   return same_certification_record(*a, *b);
                               }),
                   held.end());
        lives_.clear();
        for (const HeldCertification* h : held) {
            Life& l = lives_.emplace_back(); // in place: a Life is large, and moving one showed
            l.held = h;
            l.cert = &rules.certifications[h->cert];
            l.level = &rules.level_of(*l.cert);
            l.level_index = l.cert->level;
            l.program = l.level->program;
            l.policy = &rules.programs[l.program];
            l.lifelong = !l.level->validity_years ||
                         (l.policy->lifetime_before && h->earned < *l.policy->lifetime_before) ||
                         (l.level->lifetime_before && h->earned < *l.level->lifetime_before);
            l.approved.reset(c_.categories, c_.years[l.level_index]);
            l.pending.reset(c_.categories, c_.years[l.level_index]);
            if (opt.explain) l.in_cycle.assign(acts_.size(), 0);
        }
        // highest rank first, in the order above within a rank
        by_rank_.clear();
        for (Life& l : lives_) by_rank_.push_back(&l);
        insertion_sort(by_rank_.begin(), by_rank_.end(), [](const Life* a, const Life* b) {
            return a->level->rank > b->level->rank;
        });
    }

    // Replays the holder's history and appends the reports to `out`; false, with nothing
    // appended, when claims credited after an expiry turn out to count on their completion day:
    // their new order is in scratch.moved_acts and moved_days, for a replay again.
    bool run(std::vector<CertReport>& out) {
        // event dates: activities (their days come sorted) and earnings, up to the as-of date
        std::vector<Date>& dates = scratch_.dates;
        dates.clear();
        for (const std::int32_t day : days_) dates.push_back(Date{day});
        for (const Life& l : lives_)
            if (l.held->earned <= opt_.as_of)
                dates.insert(std::upper_bound(dates.begin(), dates.end(), l.held->earned),
                             l.held->earned);
        dates.erase(std::unique(dates.begin(), dates.end()), dates.end());

        for (Date d : dates) {
            for (Life& l : lives_) settle_carry(l, d);
            close_expired(d);
            if (!scratch_.retro.empty()) return again();
            start_lives(d);
            const std::size_t first = next_act_;
            while (next_act_ < acts_.size() && days_[next_act_] == d.days) ++next_act_;
            for (std::size_t k = first; k < next_act_; ++k) count_activity(k, d);
            check_recertifications(d);
        }
        for (Life& l : lives_) settle_carry(l, opt_.as_of);
        close_expired(opt_.as_of);
        if (!scratch_.retro.empty()) return again();
        report(out);
        return true;
    }

  private:
    // A claim's status as of the as-of date: an approved claim that the program credits later
    // was pending then (or not yet submitted).
    ClaimStatus status_on(const ActivityRecord& a, std::size_t i) const {
        if (a.status != ClaimStatus::Approved || a.count_delta == 0 ||
            a.date + a.count_delta <= opt_.as_of.days)
            return a.status;
        // without a credited date, the claim counts on its submission date, still to come
        if (!table_.credited(i)) return ClaimStatus::Unclaimed;
        const std::optional<Date> submitted = table_.submitted(i);
        return submitted && *submitted > opt_.as_of ? ClaimStatus::Unclaimed : ClaimStatus::Pending;
    }

    // Claims submitted by the expiry of l's cycle and credited after it count on their
    // completion day (docs/semantics.md §3a): collects those not yet counted into scratch.retro.
    void find_retroactive(const Life& l) {
        if (!l.policy->pending_retroactive || l.policy->credits_count_on != CountOn::Credited ||
            !l.level->renewed_by_ce)
            return;
        const Date expires = *l.expires;
        for (std::size_t k = next_act_; k < acts_.size(); ++k) {
            const std::size_t i = acts_[k];
            const ActivityRecord& a = table_[i];
            if (a.kind != ActivityKind::CE || a.program != l.program || a.count_delta == 0 ||
                a.day() < l.window_start || a.day() > expires || !claimed_in_time(a) ||
                !(a.flags & ActivityRecord::kHasText) || status_on(a, i) != ClaimStatus::Approved)
                continue;
            const std::optional<Date> submitted = table_.submitted(i);
            if (table_.credited(i) && (!submitted || *submitted <= expires))
                scratch_.retro.push_back(i);
        }
    }

    // The holder's records with the claims of scratch.retro moved to their completion day.
    bool again() {
        auto& acts = scratch_.moved_acts;
        auto& days = scratch_.moved_days;
        if (&acts_ != &acts) {
            acts = acts_;
            days = days_;
        }
        for (const std::size_t i : scratch_.retro) {
            const auto at = std::find(acts.begin(), acts.end(), i) - acts.begin();
            const std::int32_t day = table_[i].date;
            acts.erase(acts.begin() + at);
            days.erase(days.begin() + at);
            const auto to = std::upper_bound(days.begin(), days.end(), day) - days.begin();
            acts.insert(acts.begin() + to, i);
            days.insert(days.begin() + to, day);
        }
        scratch_.retro.clear();
        return false;
    }

    // History is built only for reports that print it (not for the CSV summary).
    void record(Life& l, Date date, const char* event, std::string_view via,
                std::optional<Date> expires) const {
        if (!opt_.summary)
            l.history.push_back(HistoryEvent{date, event, std::string(via), expires});
    }

    // Cycles are kept only for explain, the one report that prints them.
    void open_cycle(Life& l) const {
        if (opt_.explain)
            l.cycles.push_back(Cycle{l.window_start, l.expires, "open", std::nullopt, "", 0, {}});
    }
    static Cycle* current_cycle(Life& l) { return l.cycles.empty() ? nullptr : &l.cycles.back(); }

    void close_expired(Date d) {
        for (Life& l : lives_) {
            if (!l.alive() || l.lifetime() || l.grace_end() >= d) continue;
            find_retroactive(l);
            l.ended = true;
            Tally both = l.approved;
            both.merge(l.pending);
            const bool would_meet = l.policy->pending_retroactive && l.pending.raw > 0 &&
                                    !l.level->paths.empty() &&
                                    !(l.cert->retired && *l.expires >= *l.cert->retired) &&
                                    first_met(c_, l.level_index, both, scratch_.exams) != nullptr;
            l.end_state = would_meet ? State::Pending : State::Expired;
            if (Cycle* c = current_cycle(l)) c->outcome = would_meet ? "pending" : "expired";
            record(l, *l.expires, would_meet ? "pending" : "expired", "", l.expires);
        }
    }

    void start_lives(Date d) {
        for (Life& n : lives_) {
            if (n.started || n.held->earned != d) continue;
            // the same certification earned again ends the life before it
            for (Life& old : lives_)
                if (&old != &n && old.alive() && old.cert == n.cert) {
                    old.ended = true;
                    old.end_state = State::Expired;
                    if (Cycle* c = current_cycle(old)) {
                        c->outcome = "superseded";
                        c->closed_on = d;
                    }
                    record(old, d, "superseded", "earned again", old.expires);
                }
            n.started = true;
            n.window_start = d;
            if (!n.lifetime())
                n.expires =
                    n.held->expires ? *n.held->expires : add_years(d, *n.level->validity_years);
            open_cycle(n);
            record(n, d, "earned", "", n.expires);
            // earning a certification renews lower ones (docs/semantics.md §6)
            for (Life& m : lives_) {
                if (&m == &n || m.program != n.program) continue;
                const bool lower =
                    n.policy->cascade == Cascade::Rank && m.level->rank < n.level->rank;
                if (lower || renews_explicitly(n, m)) renew(m, d, n, false);
            }
        }
    }

    bool renews_explicitly(const Life& by, const Life& m) const {
        if (by.policy->cascade != Cascade::Explicit) return false;
        return std::find(by.cert->renews.begin(), by.cert->renews.end(), m.cert->id) !=
               by.cert->renews.end();
    }

    // m is recertified on d because `by` recertified or was earned on d; `with_ce`: by a path
    // with a credit requirement. A level outside the cascade takes no part, either side; a level
    // that CE does not renew is not renewed through CE either (docs/formats.md, "Rules file").
    void renew(Life& m, Date d, const Life& by, bool with_ce) {
        if (!m.alive() || m.lifetime() || m.cert == by.cert) return;
        if (!m.level->in_cascade || !by.level->in_cascade) return;
        if (with_ce && !m.level->renewed_by_ce) return;
        if (m.held->earned == d) return; // earned the same day: nothing to renew
        if (m.cert->retired && d >= *m.cert->retired) return;
        if (d < m.held->earned || d > *m.expires) return;
        const bool rank = by.policy->cascade == Cascade::Rank;
        if (!rank && !by.expires) return; // a lifetime certification has no date to align to
        const Date target = rank ? add_years(d, *m.level->validity_years) : *by.expires;
        // a cascade that does not move the expiry changes nothing: the window stays open
        // (docs/semantics.md §3.7)
        if (target <= *m.expires) return;
        m.expires = target;
        close_cycle(m, d, "renewed", by.cert->id);
        // the renewed certification takes the renewing one's cycle: from R + 1, or from the
        // day after its old expiry when that one renews from its expiry (docs/semantics.md §6)
        m.window_start = std::max(add_days(d, 1), by.window_start);
        m.last_recertified = d;
        m.renewed_by = by.cert->id;
        open_cycle(m);
        record(m, d, "renewed", by.cert->id, m.expires);
    }

    void close_cycle(Life& l, Date d, const char* outcome, const std::string& via) {
        if (Cycle* c = current_cycle(l)) {
            c->outcome = outcome;
            c->closed_on = d;
            c->via = via;
        }
        l.approved.clear();
        l.pending.clear();
        l.tail.clear(); // carry-over candidates belong to the cycle that closed
    }

    // Records why activity k did or did not count (explain only: `reason` is called then).
    template <class Reason> void verdict(Life& l, std::size_t k, bool counted, Reason&& reason) {
        if (!opt_.explain) return;
        l.in_cycle[k] = 1;
        l.cycles.back().activities.push_back(
            ActivityVerdict{acts_[k], counted, reason(), Date{days_[k]}});
    }

    // The closed cycle's credits beyond what its met path needed (its total and its category
    // minimums: docs/semantics.md §3.5), earned in its last months, start the next cycle
    // (Level::carryover) once that cycle begins, on the day after the old expiry, newest first.
    void settle_carry(Life& l, Date d) {
        if (!l.carry_open || d <= l.carry_until) return;
        l.carry_open = false;
        const PathInfo* path = l.carry_path;
        if (!path) return;
        Tally& left_over = l.carry_tally; // what the closed cycle keeps
        auto still_met = [&](const TailCredit& t, Centi take) {
            left_over.add_credits(t.category, -take, t.year);
            const bool met = path_met(c_, *path, left_over, scratch_.exams);
            left_over.add_credits(t.category, take, t.year);
            return met;
        };
        Centi left = l.level->carryover->max;
        if (path->total) // counted credits only: none that a cap left out
            left = std::min(left, counted_credits(c_, left_over, *path) - *path->total);
        Centi carried = 0;
        for (auto it = l.carry_tail.rbegin(); it != l.carry_tail.rend() && left > 0; ++it) {
            // the most of this credit the closed cycle can give up and still meet its path
            Centi lo = 0;
            Centi hi = std::min(left, it->credits);
            while (lo < hi) {
                const Centi mid = hi - (hi - lo) / 2;
                if (still_met(*it, mid))
                    lo = mid;
                else
                    hi = mid - 1;
            }
            if (lo == 0) continue;
            left_over.add_credits(it->category, -lo, it->year);
            l.approved.add_credits(it->category, lo, 0); // in the new cycle's first year
            left -= lo;
            carried += lo;
        }
        l.carry_tail.clear();
        // dated when the new cycle begins, or on the renewal when that came later (in a grace
        // or suspension period)
        const Date on = std::max(add_days(l.carry_until, 1), l.last_recertified.value_or(Date{}));
        if (carried > 0) {
            record(l, on, "carried_over", wording::credits(carried, l.policy->program.unit),
                   l.expires);
            if (Cycle* c = current_cycle(l)) c->carried_over = carried;
        }
    }

    // The year of the current cycle (0-based) that day d falls in, for per-year rules: years are
    // counted back from the expiry.
    // `expires`: of a closed cycle still counting for carry-over, rather than the current one.
    int cycle_year(const Life& l, Date d, std::optional<Date> expires = std::nullopt) const {
        const int years = l.approved.years;
        if (years == 0) return 0;
        const Date first = add_years(expires ? *expires : *l.expires, -years);
        int y = 0;
        while (y + 1 < years && add_years(first, y + 1) < d) ++y;
        return y;
    }

    // Whether an approved CE activity counts toward carry-over from the current cycle.
    // `expires`: the end of the cycle it is counted in.
    bool in_carry_tail(const Life& l, const ActivityRecord& a, Date expires) const {
        const auto& c = l.level->carryover;
        if (!c || l.policy->anchor != RenewalAnchor::ExpiryDate) return false;
        // the cycle's own last months: not its grace or suspension period
        if (a.day() <= add_months(expires, -c->last_months) || a.day() > expires) return false;
        const std::vector<char>& allowed = c_.carry_categories[l.level_index];
        return allowed.empty() || allowed[a.category()] != 0;
    }

    // Counts activity k on d, the day it counts (its completion day, or the day its claim was
    // credited: docs/semantics.md §3a).
    void count_activity(std::size_t k, Date d) {
        const ActivityRecord& a = table_[acts_[k]];
        const ClaimStatus status = status_on(a, acts_[k]);
        for (Life& l : lives_) {
            if (l.program != a.program || !l.alive() || l.lifetime()) continue;
            if (a.day() < l.held->earned) continue; // done before it was earned: never counts
            if (l.carry_open && d <= l.carry_until && d < l.window_start) {
                // after an early recertification: the closed cycle's credits, for carry-over
                if (a.kind == ActivityKind::CE && status == ClaimStatus::Approved &&
                    claimed_in_time(a)) {
                    const int year = cycle_year(l, d, l.carry_until);
                    l.carry_tally.add(a, year);
                    if (in_carry_tail(l, a, l.carry_until))
                        l.carry_tail.push_back({a.category(), a.credits, year});
                }
                continue;
            }
            if (d < l.window_start || d > l.counts_until()) continue;
            if (a.kind == ActivityKind::CE && !l.level->renewed_by_ce) { // never counts
                verdict(l, k, false,
                        [&] { return wording::ce_does_not_renew(l.policy->program.unit); });
                continue;
            }
            if (a.kind == ActivityKind::Exam) {
                if (d == l.held->earned) {
                    verdict(l, k, false, wording::exam_that_earned);
                } else {
                    l.approved.add(a, cycle_year(l, d));
                    verdict(l, k, true, wording::counted);
                }
                continue;
            }
            const Date deadline = submit_by(*l.policy, a.day(), l.grace_end());
            switch (status) {
            case ClaimStatus::Rejected:
                verdict(l, k, false, wording::rejected);
                break;
            case ClaimStatus::Unclaimed:
                verdict(l, k, false, [&] { return wording::unclaimed(deadline, opt_.as_of); });
                break;
            case ClaimStatus::Pending:
            case ClaimStatus::Approved:
                if (!claimed_in_time(a)) {
                    verdict(l, k, false, [&] {
                        const Date submitted = *table_.submitted(acts_[k]); // kept when late
                        return wording::claimed_late(submitted, submitted.days - a.date,
                                                     l.policy->claim_window_days);
                    });
                } else if (const std::optional<Date> sent = table_.submitted(acts_[k]);
                           sent && *sent > l.grace_end()) {
                    // sent after the last day the cycle could be renewed (docs/semantics.md §5)
                    verdict(l, k, false,
                            [&] { return wording::submitted_too_late(*sent, l.grace_end()); });
                } else if (status == ClaimStatus::Pending) {
                    l.pending.add(a, cycle_year(l, d));
                    verdict(l, k, false, wording::pending_approval);
                } else {
                    l.approved.add(a, cycle_year(l, d));
                    if (in_carry_tail(l, a, *l.expires))
                        l.tail.push_back({a.category(), a.credits, cycle_year(l, d)});
                    verdict(l, k, true, wording::counted);
                }
                break;
            }
        }
    }

    void check_recertifications(Date d) {
        for (Life* l : by_rank_) {
            if (!l->can_recertify(d)) continue;
            const PathInfo* found = first_met(c_, l->level_index, l->approved, scratch_.exams);
            if (!found) continue;
            const Path* met = found->path;
            const Date old_expires = *l->expires;
            const int years = *l->level->validity_years;
            if (l->level->carryover && l->policy->anchor == RenewalAnchor::ExpiryDate) {
                // the closed cycle keeps counting until its old expiry, for carry-over
                l->carry_open = true;
                l->carry_until = old_expires;
                l->carry_tally = l->approved;
                l->carry_tail = std::move(l->tail);
                l->carry_path = found;
            }
            close_cycle(*l, d, "recertified", met->description);
            if (l->policy->anchor == RenewalAnchor::RecertificationDate) {
                l->expires = add_years(d, years);
                l->window_start = add_days(d, 1);
            } else {
                l->expires = add_years(old_expires, years);
                l->window_start = add_days(old_expires, 1);
            }
            l->last_recertified = d;
            l->renewed_by.clear();
            open_cycle(*l);
            record(*l, d, "recertified", met->description, l->expires);
            for (Life& m : lives_) {
                if (&m == l || m.program != l->program) continue;
                const bool lower_or_same =
                    l->policy->cascade == Cascade::Rank && m.level->rank <= l->level->rank;
                if (lower_or_same || renews_explicitly(*l, m))
                    renew(m, d, *l, met->credits.has_value());
            }
        }
    }

    std::string activity_label(std::size_t i, const Life& l) const {
        const ActivityRecord& a = table_[i];
        return wording::activity_label(table_.title(i), table_.id(i), a.credits,
                                       l.policy->program.unit, a.day());
    }

    // Notices about the claims of the current cycle: deadlines to come or passed, late claims.
    void activity_notices(const Life& l, CertReport& r) const {
        if (!l.level->renewed_by_ce) return; // no claim can help it
        const Date end = std::min(opt_.as_of, *l.expires);
        for (std::size_t i : acts_) {
            const ActivityRecord& a = table_[i];
            if (a.kind != ActivityKind::CE || a.program != l.program || a.day() < l.window_start ||
                a.day() > end)
                continue;
            const Date deadline = submit_by(*l.policy, a.day(), l.grace_end());
            const ClaimStatus status = status_on(a, i);
            if (status == ClaimStatus::Unclaimed) {
                if (deadline >= opt_.as_of)
                    r.notices.push_back(
                        wording::claim_deadline(activity_label(i, l), deadline, table_.id(i)));
                else
                    r.notices.push_back(wording::claim_deadline_passed(activity_label(i, l),
                                                                       deadline, table_.id(i)));
            } else if (status != ClaimStatus::Rejected && !claimed_in_time(a)) {
                const Date submitted = *table_.submitted(i); // kept when late
                r.notices.push_back(wording::claimed_late_notice(
                    activity_label(i, l), submitted, submitted.days - a.date,
                    l.policy->claim_window_days, table_.id(i)));
            }
        }
    }

    // When to submit the claims not yet made (docs/semantics.md §3a), and a notice when holding
    // some back gains a month or more.
    void advise_claim_timing(const Life& l, CertReport& r) const {
        if (r.retired || !claim_timing_applies(l, r.state)) return;
        std::vector<UnclaimedClaim>& unclaimed = scratch_.unclaimed;
        unclaimed.clear();
        for (std::size_t k = acts_.size(); k-- > 0;) { // the latest deadline first
            const std::size_t i = acts_[k];
            const ActivityRecord& a = table_[i];
            if (a.kind != ActivityKind::CE || a.program != l.program || a.day() < l.window_start ||
                a.day() < l.held->earned || a.day() > *l.expires ||
                status_on(a, i) != ClaimStatus::Unclaimed)
                continue;
            const Date deadline = submit_by(*l.policy, a.day(), l.grace_end());
            if (deadline >= opt_.as_of)
                unclaimed.push_back(UnclaimedClaim{i, &a, cycle_year(l, a.day()), deadline});
        }
        r.claim_timing = claim_timing(c_, l, opt_.as_of, unclaimed, scratch_.exams);
        if (!r.claim_timing || r.claim_timing->days_gained < kWorthHolding) return;
        std::vector<std::string> labels;
        for (const std::size_t i : r.claim_timing->hold) labels.push_back(activity_label(i, l));
        r.notices.push_back(wording::claim_timing(labels, *r.claim_timing));
    }
    static constexpr int kWorthHolding = 30; // days of validity a status notice is worth

    // The first cycle year already over that fell short of path p's yearly minimum: then p
    // cannot be met in this cycle any more.
    struct MissedYear {
        Date end;
        Centi short_of = 0;
    };
    std::optional<MissedYear> missed_year(const Life& l, const PathInfo& p) const {
        const Tally& t = l.approved;
        if (!p.min_per_year || t.years == 0 || !l.expires) return std::nullopt;
        const Date first = add_years(*l.expires, -t.years);
        for (int y = 0; y < t.years; ++y) {
            const Date year_end = add_years(first, y + 1);
            if (year_end >= opt_.as_of) break;
            if (const Centi missing = year_short(p, t, y); missing > 0)
                return MissedYear{year_end, missing};
        }
        return std::nullopt;
    }

    // The day the certification is retired, when that is still to come and falls by its expiry:
    // it can be renewed only before then.
    std::optional<Date> retires_before_expiry(const Life& l) const {
        const std::optional<Date>& on = l.cert->retired;
        if (!on || *on <= opt_.as_of || !l.expires || *on > *l.expires) return std::nullopt;
        return on;
    }

    // The facts the next step is phrased from.
    std::string next_step(const Life& l, const CertReport& r,
                          std::span<const PathStatus> paths) const {
        wording::NextStepFacts f;
        f.rules = &rules_;
        f.program = l.program;
        f.state = r.state;
        f.retired = r.retired;
        f.expires = r.expires;
        f.retires = retires_before_expiry(l);
        f.approved = r.approved;
        f.pending = r.pending;
        f.unit = l.policy->program.unit;
        f.grace_activities = l.policy->grace_activities;
        f.suspension = l.policy->grace_suspension;
        if (r.state == State::Grace) f.grace_end = l.grace_end();
        f.paths = paths;
        for (const PathInfo& p : c_.paths[l.level_index])
            if (const auto missed = missed_year(l, p)) {
                const MissedYear& m = *missed;
                f.missed_year_end = m.end;
                f.missed_year_short = m.short_of;
                break;
            }
        const bool phrased = r.state != State::Lifetime && r.state != State::Expired &&
                             r.state != State::Pending && !r.retired;
        if (phrased && r.pending > 0) { // whether the pending claims would be enough
            Tally both = l.approved;
            both.merge(l.pending);
            f.pending_enough = first_met(c_, l.level_index, both, scratch_.exams) != nullptr;
        }
        return wording::next_step(f);
    }

    // Why activity k lies outside every cycle of a certification's lives (oldest first).
    std::string outside_reason(std::span<Life* const> lives, std::size_t k) const {
        using wording::Outside;
        const Date completed = table_[acts_[k]].day();
        if (completed < lives.front()->held->earned)
            return wording::outside(Outside::BeforeEarned, completed, false);
        const Date date{days_[k]}; // the day it counts

        // a cycle holds the days from its start to its close (or end); a day after a cycle was
        // met may still lie in a later cycle, which is then the one that explains it
        auto holds = [&](const Cycle& c) {
            const std::optional<Date> last = c.closed_on ? c.closed_on : c.end;
            return date >= c.start && (!last || date <= *last);
        };
        for (const Life* l : lives)
            for (const Cycle& c : l->cycles)
                if (holds(c) && c.closed_on && date == *c.closed_on)
                    return wording::outside(Outside::OnClosingDay, date, false);
        bool held = false;
        for (const Life* l : lives)
            held = held || std::any_of(l->cycles.begin(), l->cycles.end(), holds);
        if (!held)
            for (const Life* l : lives)
                for (const Cycle& c : l->cycles)
                    if (c.closed_on && date > *c.closed_on && (!c.end || date <= *c.end))
                        return wording::outside(Outside::AfterCycleMet, *c.closed_on,
                                                l->level->carryover &&
                                                    l->policy->anchor == RenewalAnchor::ExpiryDate);
        for (std::size_t n = lives.size(); n-- > 0;) { // the latest life first
            const Life* l = lives[n];
            if (l->ended && l->expires && date > *l->expires)
                return wording::outside(Outside::AfterLapse, *l->expires, false);
            if (!l->ended && l->expires && date > *l->expires)
                return wording::outside(Outside::InGraceAfterEnd, *l->expires, false);
        }
        return wording::outside(Outside::Elsewhere, date, false);
    }

    // The reports in the order of the output: highest rank first, then by name (then by
    // certification, for two of one rank and name).
    void report(std::vector<CertReport>& out) {
        // the started lives in that order, of one certification by earned date (no two lives
        // share both); the latest of each certification is the one reported. (A thread's
        // buffers, reused from holder to holder: a team report would otherwise allocate them for
        // every holder.) Sorting these pointers rather than the reports moves far less.
        std::vector<Life*>& started = scratch_.started;
        started.clear();
        for (Life& l : lives_)
            if (l.started) started.push_back(&l);
        insertion_sort(started.begin(), started.end(), [](const Life* a, const Life* b) {
            if (a->cert == b->cert) return a->held->earned < b->held->earned;
            if (a->level->rank != b->level->rank) return a->level->rank > b->level->rank;
            if (const int c = a->cert->name.compare(b->cert->name); c != 0) return c < 0;
            return a->cert < b->cert;
        });
        std::vector<PathStatus>& path_buffer = scratch_.paths; // only grows
        for (std::size_t b = 0, e = 0; b < started.size(); b = e) {
            const Certification* cert = started[b]->cert;
            while (e < started.size() && started[e]->cert == cert) ++e;
            const std::span<Life* const> lives(started.data() + b, e - b);
            const Life& l = *lives.back();
            CertReport r;
            std::size_t path_count = 0;
            r.holder = l.held->holder;
            r.cert = static_cast<std::size_t>(cert - rules_.certifications.data());
            r.earned = l.held->earned;
            r.retired = cert->retired && *cert->retired <= opt_.as_of;
            r.expires = l.expires;
            if (l.expires) r.days_left = days_between(opt_.as_of, *l.expires);
            r.cycle_start = l.window_start;
            r.last_recertified = l.last_recertified;
            r.renewed_by = l.renewed_by;
            if (l.lifetime())
                r.state = State::Lifetime;
            else if (l.ended)
                r.state = l.end_state;
            else if (*r.days_left < 0) // alive after expiry: in the grace period
                r.state = State::Grace;
            else if (*r.days_left <= l.policy->expiring_days)
                r.state = State::Expiring;
            else
                r.state = State::Active;
            if (!l.lifetime()) {
                const PathInfo* cei = credit_only_info(c_, *l.level, l.level_index);
                const Path* ce = cei ? cei->path : nullptr;
                r.approved = cei && cei->has_credits ? counted_credits(c_, l.approved, *cei)
                                                     : l.approved.raw;
                r.pending = l.pending.raw;
                if (!r.retired) { // a retired certification has no paths: nothing is required
                    const auto& infos = c_.paths[l.level_index];
                    if (path_buffer.size() < infos.size()) path_buffer.resize(infos.size());
                    path_count = infos.size();
                    for (std::size_t i = 0; i < infos.size(); ++i) {
                        evaluate_path(rules_, c_, infos[i], l.approved, path_buffer[i],
                                      scratch_.exams);
                        if (missed_year(l, infos[i])) path_buffer[i].reachable = false;
                        if (&infos[i] == cei) { // the one figure: what that path misses (§8)
                            r.required = *ce->credits->total;
                            r.remaining = path_buffer[i].missing_credits;
                        }
                    }
                }
                if (!opt_.summary) {
                    activity_notices(l, r);
                    advise_claim_timing(l, r);
                }
            }
            if (r.retired && !opt_.summary)
                r.notices.push_back(wording::retired(cert->name, *cert->retired, l.expires));
            if (const auto on = retires_before_expiry(l); on && !opt_.summary)
                r.notices.push_back(wording::retiring(cert->name, *on, *l.expires));
            if (r.state == State::Grace && !opt_.summary)
                r.notices.push_back(wording::grace(*l.expires, l.grace_end(),
                                                   l.policy->grace_activities,
                                                   l.policy->grace_suspension));
            if (r.state == State::Pending && !opt_.summary)
                r.notices.push_back(
                    wording::pending_at_expiry(*l.expires, r.pending, l.policy->program.unit));
            for (const Life* x : lives) {
                r.history.insert(r.history.end(), x->history.begin(), x->history.end());
                if (opt_.explain)
                    r.cycles.insert(r.cycles.end(), x->cycles.begin(), x->cycles.end());
            }
            std::stable_sort(
                r.history.begin(), r.history.end(),
                [](const HistoryEvent& a, const HistoryEvent& b) { return a.date < b.date; });
            if (opt_.explain && !l.lifetime()) // nothing counts toward a lifetime certification
                for (std::size_t k = 0; k < acts_.size(); ++k)
                    if (table_[acts_[k]].program == l.program &&
                        std::none_of(lives.begin(), lives.end(),
                                     [&](const Life* x) { return x->in_cycle[k]; }))
                        r.outside.push_back(ActivityVerdict{
                            acts_[k], false, outside_reason(lives, k), Date{days_[k]}});
            const std::span<const PathStatus> paths(path_buffer.data(), path_count);
            r.next_step = next_step(l, r, paths);
            if (!opt_.summary) r.paths.assign(paths.begin(), paths.end());
            out.push_back(std::move(r));
        }
    }

    const Rules& rules_;
    const Compiled& c_;
    const ActivityTable& table_;
    const EvalOptions& opt_;
    const std::vector<std::size_t>& acts_;  // this holder's activities up to as-of, by date
    const std::vector<std::int32_t>& days_; // their days
    ReplayScratch& scratch_;
    std::vector<Life>& lives_ = scratch_.lives;
    std::size_t next_act_ = 0;                       // the first activity not yet counted
    std::vector<Life*>& by_rank_ = scratch_.by_rank; // lives_, highest rank first
};

} // namespace

void replay_holder(const ReplayContext& ctx, const std::vector<std::size_t>& acts,
                   const std::vector<std::int32_t>& days,
                   std::vector<const HeldCertification*>& held, ReplayScratch& scratch,
                   std::vector<CertReport>& out) {
    const std::vector<std::size_t>* a = &acts;
    const std::vector<std::int32_t>* d = &days;
    // again with claims credited after an expiry moved to their completion day, until none moves
    // (each moves once, to an earlier day)
    while (!HolderReplay(ctx, *a, *d, held, scratch).run(out)) {
        a = &scratch.moved_acts;
        d = &scratch.moved_days;
    }
}

} // namespace recert::engine
