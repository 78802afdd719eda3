#include "recert/engine.hpp"

#include "table/activity_table.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <span>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace recert {

std::string_view to_string(State s) {
    switch (s) {
    case State::Active:
        return "active";
    case State::Expiring:
        return "expiring";
    case State::Grace:
        return "grace";
    case State::Pending:
        return "pending";
    case State::Expired:
        return "expired";
    case State::Lifetime:
        return "lifetime";
    }
    return "active";
}

namespace {

// The rules in the shape the hot loop wants: categories and exam kinds as indexes (built once per
// evaluation, so that tallies are arrays rather than maps of strings).
struct PathInfo {
    const Path* path = nullptr;
    std::size_t program = 0; // the level's program: only its categories are summed
    bool uncapped = true;    // no caps at all: the counted credits are the tally's raw sum
    bool has_credits = false;
    std::optional<Centi> total;
    std::vector<std::pair<std::uint16_t, Centi>> min;              // category index -> minimum
    std::vector<Centi> cap;                                        // per category index; -1: none
    std::vector<std::pair<std::vector<std::uint16_t>, int>> exams; // kinds, count
    int exam_slots = 0;
    std::vector<Centi> year_cap;       // per category index, in each cycle year; -1: none
    std::optional<Centi> min_per_year; // in each cycle year
};

struct Compiled {
    std::size_t categories = 1;                       // 1 + number of categories ("" is 0)
    std::vector<std::vector<std::uint16_t>> children; // per category index
    std::vector<std::vector<std::uint16_t>> top;      // per program: categories without a parent
    std::vector<std::vector<PathInfo>> paths;         // per level, in order
    std::vector<int> years; // per level: cycle years tallied apart (0: no per-year rule)
    // per level: the categories whose credits may carry over, by category index (empty: any)
    std::vector<std::vector<char>> carry_categories;

    explicit Compiled(const Rules& rules) {
        categories = rules.categories.size() + 1;
        children.resize(categories);
        for (std::size_t i = 0; i < rules.categories.size(); ++i) {
            const auto idx = static_cast<std::uint16_t>(i + 1);
            const Category& cat = rules.categories[i];
            if (cat.parent.empty()) {
                if (top.size() <= cat.program) top.resize(cat.program + 1);
                top[cat.program].push_back(idx);
            } else
                children[rules.category_index(cat.parent, cat.program)].push_back(idx);
        }
        for (const auto& level : rules.levels) {
            const std::size_t prog = level.program;
            auto category = [&](const std::string& id) {
                return static_cast<std::uint16_t>(rules.category_index(id, prog));
            };
            std::vector<PathInfo> v;
            for (const auto& p : level.paths) {
                PathInfo info;
                info.path = &p;
                info.program = prog;
                info.cap.assign(categories, -1);
                if (p.credits && (p.credits->min_per_year || !p.credits->max_per_year.empty())) {
                    info.year_cap.assign(categories, -1);
                    for (const auto& [cat, cap] : p.credits->max_per_year)
                        info.year_cap[category(cat)] = cap;
                    info.min_per_year = p.credits->min_per_year;
                }
                if (p.credits) {
                    info.has_credits = true;
                    info.total = p.credits->total;
                    for (const auto& [cat, need] : p.credits->min)
                        info.min.emplace_back(category(cat), need);
                    for (const auto& [cat, cap] : p.credits->max) info.cap[category(cat)] = cap;
                    info.uncapped = p.credits->max.empty() && info.year_cap.empty();
                }
                for (const auto& g : p.exams) {
                    std::vector<std::uint16_t> kinds;
                    for (const auto& k : g.kinds)
                        kinds.push_back(static_cast<std::uint16_t>(rules.exam_kind_index(k, prog)));
                    info.exams.emplace_back(std::move(kinds), g.count);
                    info.exam_slots += g.count;
                }
                v.push_back(std::move(info));
            }
            const bool per_year = std::any_of(
                v.begin(), v.end(), [](const PathInfo& p) { return !p.year_cap.empty(); });
            years.push_back(per_year && level.validity_years ? *level.validity_years : 0);
            std::vector<char> carry;
            if (level.carryover && !level.carryover->categories.empty()) {
                carry.assign(categories, 0);
                for (const auto& id : level.carryover->categories) carry[category(id)] = 1;
            }
            carry_categories.push_back(std::move(carry));
            paths.push_back(std::move(v));
        }
    }
};

// A stable insertion sort of [first, last): a holder has few certifications, lives and reports,
// and unlike std::stable_sort it allocates nothing.
template <class It, class Less> void insertion_sort(It first, It last, Less less) {
    for (It i = first; i != last; ++i)
        for (It j = i; j != first && less(*j, *(j - 1)); --j) std::iter_swap(j, j - 1);
}

// Per-category sums: in the object itself for the usual number of categories (a tally is made
// and copied several times per certification, and an allocation each time showed in profiles),
// on the heap beyond that.
class CategorySums {
  public:
    CategorySums() = default;
    explicit CategorySums(std::size_t n) : n_(n) {
        if (n > kInline) heap_.assign(n, 0);
        fill_zero();
    }
    // only the sums in use are copied (and zeroed above): a whole inline array each time was a
    // visible cost, as tallies are made and copied for every certification
    CategorySums(const CategorySums& o) : n_(o.n_), heap_(o.heap_) { copy_inline(o); }
    CategorySums& operator=(const CategorySums& o) {
        n_ = o.n_;
        heap_ = o.heap_;
        copy_inline(o);
        return *this;
    }
    // n sums of zero, in place
    void reset(std::size_t n) {
        n_ = n;
        if (n > kInline)
            heap_.assign(n, 0);
        else
            heap_.clear();
        fill_zero();
    }
    std::size_t size() const { return n_; }
    Centi& operator[](std::size_t i) { return data()[i]; }
    Centi operator[](std::size_t i) const { return data()[i]; }
    void fill_zero() { std::fill(data(), data() + n_, 0); }

  private:
    static constexpr std::size_t kInline = 24;
    Centi* data() { return n_ <= kInline ? inline_.data() : heap_.data(); }
    const Centi* data() const { return n_ <= kInline ? inline_.data() : heap_.data(); }
    void copy_inline(const CategorySums& o) {
        if (n_ <= kInline) std::copy(o.inline_.data(), o.inline_.data() + n_, inline_.data());
    }
    std::size_t n_ = 0;
    std::array<Centi, kInline> inline_; // the first n_ are set when n_ <= kInline
    std::vector<Centi> heap_;
};

// Eligible activities accumulated in one cycle window.
struct Tally {
    CategorySums by_category;              // per category index (0: uncategorised)
    std::vector<std::uint16_t> exam_kinds; // one entry per exam
    Centi raw = 0;
    int years = 0;              // cycle years tallied apart, for per-year rules (0: none)
    std::vector<Centi> by_year; // [year * categories + category]

    explicit Tally(std::size_t categories = 0, int cycle_years = 0)
        : by_category(categories), years(cycle_years),
          by_year(categories * static_cast<std::size_t>(cycle_years), 0) {}
    // Tally(categories, cycle_years), in place
    void reset(std::size_t categories, int cycle_years) {
        by_category.reset(categories);
        exam_kinds.clear();
        raw = 0;
        years = cycle_years;
        by_year.assign(categories * static_cast<std::size_t>(cycle_years), 0);
    }
    // `year`: the cycle year the activity falls in (0-based), when years are tallied apart
    void add(const ActivityRecord& a, int year = 0) {
        if (a.kind == ActivityKind::CE) {
            add_credits(a.category, a.credits, year);
        } else {
            exam_kinds.push_back(a.exam_kind);
        }
    }
    void add_credits(std::uint16_t category, Centi credits, int year) {
        by_category[category] += credits;
        raw += credits;
        if (years > 0)
            by_year[static_cast<std::size_t>(year) * by_category.size() + category] += credits;
    }
    void merge(const Tally& o) {
        for (std::size_t i = 0; i < by_category.size(); ++i) by_category[i] += o.by_category[i];
        for (std::size_t i = 0; i < by_year.size() && i < o.by_year.size(); ++i)
            by_year[i] += o.by_year[i];
        exam_kinds.insert(exam_kinds.end(), o.exam_kinds.begin(), o.exam_kinds.end());
        raw += o.raw;
    }
    void clear() {
        by_category.fill_zero();
        std::fill(by_year.begin(), by_year.end(), 0);
        exam_kinds.clear();
        raw = 0;
    }
    // A category's own credits in one cycle year, after the path's per-year cap.
    Centi in_year(const std::vector<Centi>& year_cap, int year, std::uint16_t cat) const {
        const Centi v = by_year[static_cast<std::size_t>(year) * by_category.size() + cat];
        return year_cap[cat] >= 0 ? std::min(v, year_cap[cat]) : v;
    }
};

// Credits of a category after caps: its own plus its children's, capped (semantics §4).
Centi category_amount(const Compiled& c, const Tally& t, const PathInfo& p, std::uint16_t cat,
                      int depth = 0) {
    Centi sum = t.by_category[cat];
    if (!p.year_cap.empty() && p.year_cap[cat] >= 0 && t.years > 0) {
        sum = 0;
        for (int y = 0; y < t.years; ++y) sum += t.in_year(p.year_cap, y, cat);
    }
    if (depth < 64 && cat != 0)
        for (std::uint16_t child : c.children[cat])
            sum += category_amount(c, t, p, child, depth + 1);
    if (p.cap[cat] >= 0) sum = std::min(sum, p.cap[cat]);
    return sum;
}

Centi counted_credits(const Compiled& c, const Tally& t, const PathInfo& p) {
    // a tally holds only its program's activities, so without caps every credit counts
    if (p.uncapped) return t.raw;
    Centi total = category_amount(c, t, p, 0);
    if (p.program < c.top.size())
        for (std::uint16_t cat : c.top[p.program]) total += category_amount(c, t, p, cat);
    return total;
}

// What the cycle years lack of the path's yearly minimum, in total.
Centi short_of_years(const PathInfo& p, const Tally& t) {
    if (!p.min_per_year || t.years == 0) return 0;
    Centi missing = 0;
    for (int y = 0; y < t.years; ++y) {
        Centi year = 0;
        for (std::size_t cat = 0; cat < t.by_category.size(); ++cat)
            year += t.in_year(p.year_cap, y, static_cast<std::uint16_t>(cat));
        missing += std::max<Centi>(0, *p.min_per_year - year);
    }
    return missing;
}

// Assigns exams to groups (each exam to at most one group: a bipartite matching by augmenting
// paths) and returns the unfilled slots per group. The scratch space is per thread and reused,
// so the hot path allocates nothing once it has seen the largest path.
const std::vector<int>& unmatched_exam_slots(const PathInfo& p,
                                             const std::vector<std::uint16_t>& exams) {
    thread_local std::vector<std::size_t> slot_group;
    thread_local std::vector<int> slot_exam;
    thread_local std::vector<char> seen;
    thread_local std::vector<int> missing;
    if (exams.empty()) { // nothing to match: every slot is open (the usual case)
        missing.clear();
        for (const auto& group : p.exams) missing.push_back(group.second);
        return missing;
    }
    slot_group.clear();
    for (std::size_t g = 0; g < p.exams.size(); ++g)
        for (int i = 0; i < p.exams[g].second; ++i) slot_group.push_back(g);
    const std::size_t slots = slot_group.size();
    slot_exam.assign(slots, -1);
    auto accepts = [&](std::size_t slot, std::size_t exam) {
        const auto& kinds = p.exams[slot_group[slot]].first;
        return std::find(kinds.begin(), kinds.end(), exams[exam]) != kinds.end();
    };
    auto augment = [&](auto& self, std::size_t exam) -> bool {
        for (std::size_t s = 0; s < slots; ++s) {
            if (seen[s] || !accepts(s, exam)) continue;
            seen[s] = 1;
            if (slot_exam[s] < 0 || self(self, static_cast<std::size_t>(slot_exam[s]))) {
                slot_exam[s] = static_cast<int>(exam);
                return true;
            }
        }
        return false;
    };
    std::size_t filled = 0;
    for (std::size_t e = 0; e < exams.size() && filled < slots; ++e) {
        seen.assign(slots, 0);
        if (augment(augment, e)) ++filled;
    }
    missing.assign(p.exams.size(), 0);
    for (std::size_t s = 0; s < slots; ++s)
        if (slot_exam[s] < 0) ++missing[slot_group[s]];
    return missing;
}

// Fills `st` (its vectors are reused) with what path `p` still needs given tally `t`.
void evaluate_path(const Rules& rules, const Compiled& c, const PathInfo& p, const Tally& t,
                   PathStatus& st) {
    st.description = p.path->description;
    st.missing_credits = 0;
    st.missing_categories.clear();
    st.missing_exams.clear();
    if (p.has_credits) {
        const Centi have = counted_credits(c, t, p);
        Centi short_total = p.total ? std::max<Centi>(0, *p.total - have) : 0;
        Centi short_min = 0;
        for (const auto& [cat, need] : p.min) {
            const Centi got = category_amount(c, t, p, cat);
            if (got < need) {
                st.missing_categories.emplace_back(rules.categories[cat - 1u].id, need - got);
                short_min += need - got;
            }
        }
        st.missing_credits = std::max({short_total, short_min, short_of_years(p, t)});
    }
    const std::vector<int>& slots = unmatched_exam_slots(p, t.exam_kinds);
    for (std::size_t g = 0; g < p.exams.size(); ++g)
        if (slots[g] > 0) st.missing_exams.push_back(ExamNeed{&p.path->exams[g].kinds, slots[g]});
    st.met = st.missing_credits == 0 && st.missing_categories.empty() && st.missing_exams.empty();
}

// Whether a path is met, without building its description of what is missing (the hot check).
bool path_met(const Compiled& c, const PathInfo& p, const Tally& t) {
    if (p.has_credits) {
        if (p.total && counted_credits(c, t, p) < *p.total) return false;
        for (const auto& [cat, need] : p.min)
            if (category_amount(c, t, p, cat) < need) return false;
        if (short_of_years(p, t) > 0) return false;
    }
    if (p.exams.empty()) return true;
    if (static_cast<int>(t.exam_kinds.size()) < p.exam_slots) return false; // too few exams
    for (int missing : unmatched_exam_slots(p, t.exam_kinds))
        if (missing > 0) return false;
    return true;
}

const PathInfo* first_met(const Compiled& c, std::size_t level, const Tally& t) {
    for (const auto& p : c.paths[level])
        if (path_met(c, p, t)) return &p;
    return nullptr;
}

// The credit-only path whose total is the `required` figure (semantics §8).
const Path* credit_only_path(const Level& level) {
    for (const auto& p : level.paths)
        if (p.credits && p.credits->total && p.exams.empty()) return &p;
    return nullptr;
}

// Credits counted late in a cycle, which may carry over to the next one.
struct TailCredit {
    std::uint16_t category = 0;
    Centi credits = 0;
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

    bool lifetime() const { return lifelong; }
    bool alive() const { return started && !ended; }
    // The last day of the grace period after expiry (the expiry itself without one).
    Date grace_end() const { return add_days(*expires, policy->grace_days); }
    // The last day an activity can count toward the current cycle.
    Date counts_until() const { return policy->grace_activities ? grace_end() : *expires; }
    bool can_recertify(Date d) const {
        if (!alive() || lifetime() || level->paths.empty()) return false;
        if (cert->retired && d >= *cert->retired) return false;
        return window_start <= d && d <= counts_until();
    }
};

// A thread's buffers for HolderEval, reused from holder to holder (a thread evaluates one holder
// at a time).
std::vector<Life>& life_buffer() {
    thread_local std::vector<Life> v;
    return v;
}
std::vector<Life*>& rank_buffer() {
    thread_local std::vector<Life*> v;
    return v;
}

class HolderEval {
  public:
    // `days`: the days of `acts`, which are in date order
    HolderEval(const Rules& rules, const Compiled& compiled, const ActivityTable& table,
               const EvalOptions& opt, const std::vector<std::size_t>& acts,
               const std::vector<std::int32_t>& days, std::vector<const HeldCertification*>& held)
        : rules_(rules), c_(compiled), table_(table), opt_(opt), acts_(acts), days_(days) {
        // a fixed order (certification id, then earned date) whatever the input order, so that
        // ties (two certifications of one rank recertifying on one day) resolve the same way
        insertion_sort(held.begin(), held.end(),
                       [&](const HeldCertification* a, const HeldCertification* b) {
                           const std::string& x = rules.certifications[a->cert].id;
                           const std::string& y = rules.certifications[b->cert].id;
                           return x != y ? x < y : a->earned < b->earned;
                       });
        // the same certification and earned date twice is one record (the first one given)
        held.erase(std::unique(held.begin(), held.end(),
                               [](const HeldCertification* a, const HeldCertification* b) {
                                   return a->cert == b->cert && a->earned == b->earned;
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
                         (l.policy->lifetime_before && h->earned < *l.policy->lifetime_before);
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

    void run(std::vector<CertReport>& out) {
        // event dates: activities (their days come sorted) and earnings, up to the as-of date
        thread_local std::vector<Date> dates; // reused from holder to holder
        dates.clear();
        for (const std::int32_t day : days_) dates.push_back(Date{day});
        for (const Life& l : lives_)
            if (l.held->earned <= opt_.as_of)
                dates.insert(std::upper_bound(dates.begin(), dates.end(), l.held->earned),
                             l.held->earned);
        dates.erase(std::unique(dates.begin(), dates.end()), dates.end());

        std::size_t next_act = 0;
        for (Date d : dates) {
            for (Life& l : lives_) settle_carry(l, d);
            close_expired(d);
            start_lives(d);
            const std::size_t first = next_act;
            while (next_act < acts_.size() && days_[next_act] == d.days) ++next_act;
            for (std::size_t k = first; k < next_act; ++k) count_activity(k, d);
            check_recertifications(d);
        }
        for (Life& l : lives_) settle_carry(l, opt_.as_of);
        close_expired(opt_.as_of);
        report(out);
    }

  private:
    // History is built only for reports that print it (not for the CSV summary).
    void record(Life& l, Date date, const char* event, std::string_view via,
                std::optional<Date> expires) const {
        if (!opt_.summary)
            l.history.push_back(HistoryEvent{date, event, std::string(via), expires});
    }

    // Cycles are kept only for explain, the one report that prints them.
    void open_cycle(Life& l) const {
        if (opt_.explain)
            l.cycles.push_back(Cycle{l.window_start, l.expires, "open", std::nullopt, "", {}});
    }
    static Cycle* current_cycle(Life& l) { return l.cycles.empty() ? nullptr : &l.cycles.back(); }

    void close_expired(Date d) {
        for (Life& l : lives_) {
            if (!l.alive() || l.lifetime() || l.grace_end() >= d) continue;
            l.ended = true;
            Tally both = l.approved;
            both.merge(l.pending);
            const bool would_meet = l.policy->pending_retroactive && l.pending.raw > 0 &&
                                    !l.level->paths.empty() &&
                                    !(l.cert->retired && *l.expires >= *l.cert->retired) &&
                                    first_met(c_, l.level_index, both) != nullptr;
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
            // earning a certification renews lower ones (semantics §6)
            for (Life& m : lives_) {
                if (&m == &n || m.program != n.program) continue;
                const bool lower =
                    n.policy->cascade == Cascade::Rank && m.level->rank < n.level->rank;
                if (lower || renews_explicitly(n, m)) renew(m, d, n);
            }
        }
    }

    bool renews_explicitly(const Life& by, const Life& m) const {
        if (by.policy->cascade != Cascade::Explicit) return false;
        return std::find(by.cert->renews.begin(), by.cert->renews.end(), m.cert->id) !=
               by.cert->renews.end();
    }

    // m is recertified on d because `by` recertified or was earned on d.
    void renew(Life& m, Date d, const Life& by) {
        if (!m.alive() || m.lifetime() || m.cert == by.cert) return;
        if (m.held->earned == d) return; // earned the same day: nothing to renew
        if (m.cert->retired && d >= *m.cert->retired) return;
        if (d < m.held->earned || d > *m.expires) return;
        const bool rank = by.policy->cascade == Cascade::Rank;
        if (!rank && !by.expires) return; // a lifetime certification has no date to align to
        Date target = rank ? add_years(d, *m.level->validity_years) : *by.expires;
        m.expires = std::max(*m.expires, target);
        close_cycle(m, d, "renewed", by.cert->id);
        m.window_start = add_days(d, 1);
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
        l.cycles.back().activities.push_back(ActivityVerdict{acts_[k], counted, reason()});
    }

    // The closed cycle's credits beyond its requirement, earned in its last months, start the
    // next cycle (Level::carryover) once that cycle begins, on the day after the old expiry.
    void settle_carry(Life& l, Date d) {
        if (!l.carry_open || d <= l.carry_until) return;
        l.carry_open = false;
        const Path* ce = credit_only_path(*l.level);
        const PathInfo* info = nullptr;
        for (const auto& p : c_.paths[l.level_index])
            if (p.path == ce) info = &p;
        if (!info || !info->total) return;
        Centi left = std::min(counted_credits(c_, l.carry_tally, *info) - *info->total,
                              l.level->carryover->max);
        Centi carried = 0;
        for (auto it = l.carry_tail.rbegin(); it != l.carry_tail.rend() && left > 0; ++it) {
            const Centi take = std::min(left, it->credits);
            l.approved.add_credits(it->category, take, 0); // in the new cycle's first year
            left -= take;
            carried += take;
        }
        l.carry_tail.clear();
        if (carried > 0)
            record(l, add_days(l.carry_until, 1), "carried_over", credits_text(carried, l),
                   l.expires);
    }

    // The year of the current cycle (0-based) that day d falls in, for per-year rules: years are
    // counted back from the expiry.
    int cycle_year(const Life& l, Date d) const {
        const int years = l.approved.years;
        if (years == 0) return 0;
        const Date first = add_years(*l.expires, -years);
        int y = 0;
        while (y + 1 < years && add_years(first, y + 1) < d) ++y;
        return y;
    }

    // Whether an approved CE activity counts toward carry-over from the current cycle.
    // `expires`: the end of the cycle it is counted in.
    bool in_carry_tail(const Life& l, const ActivityRecord& a, Date expires) const {
        const auto& c = l.level->carryover;
        if (!c || l.policy->anchor != RenewalAnchor::ExpiryDate) return false;
        if (a.day() <= add_months(expires, -c->last_months)) return false;
        const std::vector<char>& allowed = c_.carry_categories[l.level_index];
        return allowed.empty() || allowed[a.category] != 0;
    }

    void count_activity(std::size_t k, Date d) {
        const ActivityRecord& a = table_[acts_[k]];
        for (Life& l : lives_) {
            if (l.program != a.program || !l.alive() || l.lifetime()) continue;
            if (l.carry_open && d <= l.carry_until && d < l.window_start) {
                // after an early recertification: the closed cycle's credits, for carry-over
                if (a.kind == ActivityKind::CE && a.status == ClaimStatus::Approved &&
                    claimed_in_time(a)) {
                    l.carry_tally.add(a, cycle_year(l, d));
                    if (in_carry_tail(l, a, l.carry_until))
                        l.carry_tail.push_back({a.category, a.credits});
                }
                continue;
            }
            if (d < l.window_start || d > l.counts_until()) continue;
            if (a.kind == ActivityKind::Exam) {
                if (d == l.held->earned) {
                    verdict(l, k, false,
                            [] { return std::string("the exam that earned this certification"); });
                } else {
                    l.approved.add(a, cycle_year(l, d));
                    verdict(l, k, true, [] { return std::string("counted"); });
                }
                continue;
            }
            const Date deadline = add_days(a.day(), l.policy->claim_window_days);
            switch (a.status) {
            case ClaimStatus::Rejected:
                verdict(l, k, false, [] { return std::string("rejected"); });
                break;
            case ClaimStatus::Unclaimed:
                verdict(l, k, false, [&] {
                    return deadline >= opt_.as_of
                               ? "not claimed yet (submit by " + format_date(deadline) + ")"
                               : "never claimed (the deadline was " + format_date(deadline) + ")";
                });
                break;
            case ClaimStatus::Pending:
            case ClaimStatus::Approved:
                if (!claimed_in_time(a)) {
                    verdict(l, k, false, [&] {
                        const Date submitted = *table_.submitted(acts_[k]); // kept when late
                        return "claimed late: submitted " + format_date(submitted) + ", " +
                               std::to_string(submitted.days - a.date) +
                               " days after completion (limit " +
                               std::to_string(l.policy->claim_window_days) + ")";
                    });
                } else if (a.status == ClaimStatus::Pending) {
                    l.pending.add(a, cycle_year(l, d));
                    verdict(l, k, false, [] { return std::string("pending approval"); });
                } else {
                    l.approved.add(a, cycle_year(l, d));
                    if (in_carry_tail(l, a, *l.expires)) l.tail.push_back({a.category, a.credits});
                    verdict(l, k, true, [] { return std::string("counted"); });
                }
                break;
            }
        }
    }

    void check_recertifications(Date d) {
        for (Life* l : by_rank_) {
            if (!l->can_recertify(d)) continue;
            const PathInfo* found = first_met(c_, l->level_index, l->approved);
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
                if (lower_or_same || renews_explicitly(*l, m)) renew(m, d, *l);
            }
        }
    }

    static std::string credits_text(Centi c, const Life& l) {
        std::string s;
        append_credits(s, c, l);
        return s;
    }

    std::string activity_label(std::size_t i, const Life& l) const {
        const ActivityRecord& a = table_[i];
        const std::string_view title = table_.title(i);
        std::string s =
            title.empty() ? "activity " + table_.id(i) : "\"" + std::string(title) + "\"";
        s += " (" + credits_text(a.credits, l) + ", completed " + format_date(a.day()) + ")";
        return s;
    }

    void activity_notices(const Life& l, CertReport& r) const {
        const Date end = std::min(opt_.as_of, *l.expires);
        for (std::size_t i : acts_) {
            const ActivityRecord& a = table_[i];
            if (a.kind != ActivityKind::CE || a.program != l.program || a.day() < l.window_start ||
                a.day() > end)
                continue;
            const Date deadline = add_days(a.day(), l.policy->claim_window_days);
            if (a.status == ClaimStatus::Unclaimed) {
                if (deadline >= opt_.as_of)
                    r.notices.push_back(Notice{"claim_deadline",
                                               "submit the claim for " + activity_label(i, l) +
                                                   " by " + format_date(deadline),
                                               deadline, table_.id(i)});
                else
                    r.notices.push_back(Notice{"claim_deadline_passed",
                                               "claim deadline passed for " + activity_label(i, l) +
                                                   ": the last day to submit was " +
                                                   format_date(deadline),
                                               deadline, table_.id(i)});
            } else if (a.status != ClaimStatus::Rejected && !claimed_in_time(a)) {
                const Date submitted = *table_.submitted(i); // kept when late
                r.notices.push_back(Notice{
                    "claimed_late",
                    activity_label(i, l) + " is not eligible: submitted " + format_date(submitted) +
                        ", " + std::to_string(submitted.days - a.date) +
                        " days after completion; claims must be submitted within " +
                        std::to_string(l.policy->claim_window_days) + " days",
                    submitted, table_.id(i)});
            }
        }
    }

    // "pass 1 core exam", "pass 2 concentration exams and 1 qualifying exam": appended to s.
    static void append_exam_need(std::string& s, const std::vector<ExamNeed>& needs) {
        bool first = true;
        for (const auto& n : needs) {
            s += first ? "pass " : " and ";
            first = false;
            s += std::to_string(n.count);
            s += ' ';
            if (n.kinds().size() > 2) {
                s += "qualifying";
            } else {
                s += n.kinds().front();
                if (n.kinds().size() == 2) (s += " or ") += n.kinds().back();
            }
            s += n.count == 1 ? " exam" : " exams";
        }
    }

    // "40 CE credits" ("40 more CE credits" with `more`), appended to s.
    static void append_credits(std::string& s, Centi c, const Life& l, bool more = false) {
        char buf[24];
        s.append(buf, format_credits_to(c, buf));
        if (more) s += " more";
        (s += ' ') += l.policy->program.unit;
    }

    static void append_date(std::string& s, Date d) {
        char buf[10];
        format_date_to(d, buf);
        s.append(buf, sizeof buf);
    }

    // One sentence: the cheapest ways to renew, and by when. Built in one string (it is written
    // for every certification of a team report).
    std::string next_step(const Life& l, const CertReport& r,
                          std::span<const PathStatus> paths) const {
        if (r.state == State::Lifetime) return "nothing to do: it does not expire";
        if (r.state == State::Expired) return "earn it again by exam";
        if (r.state == State::Pending)
            return "wait for approval of " + credits_text(r.pending, l) +
                   "; it then recertifies retroactively";
        if (r.retired)
            return "retired: cannot be recertified; it lapses after " + format_date(*r.expires);
        std::string s;
        s.reserve(128);
        std::size_t options = 0;
        auto option = [&] {
            if (options++ > 0) s += " or ";
        };
        const Path* ce = credit_only_path(*l.level);
        for (std::size_t i = 0; i < l.level->paths.size(); ++i)
            if (&l.level->paths[i] == ce) {
                option();
                // a grace period for claims only: what counts was completed by the expiry
                const bool claim = r.state == State::Grace && !l.policy->grace_activities;
                s += claim ? "claim " : "earn ";
                append_credits(s, paths[i].missing_credits, l, r.approved > 0);
                // category minimums not reached: "(10 group-a)"
                bool first = true;
                for (const auto& [cat, n] : paths[i].missing_categories) {
                    s += first ? " (" : ", ";
                    first = false;
                    char buf[24];
                    s.append(buf, format_credits_to(n, buf));
                    (s += ' ') += cat;
                }
                if (!first) s += ')';
                if (claim) {
                    s += " completed by ";
                    append_date(s, *r.expires);
                }
            }
        // the exam-only path that needs the fewest exams
        const PathStatus* best = nullptr;
        int best_count = 0;
        for (std::size_t i = 0; i < l.level->paths.size(); ++i) {
            if (l.level->paths[i].credits) continue;
            int count = 0;
            for (const auto& n : paths[i].missing_exams) count += n.count;
            if (!best || count < best_count) {
                best = &paths[i];
                best_count = count;
            }
        }
        if (best) {
            option();
            append_exam_need(s, best->missing_exams);
        }
        if (options == 0 && !paths.empty()) (s += "complete ") += paths.front().description;
        if (r.pending > 0) {
            Tally both = l.approved;
            both.merge(l.pending);
            if (first_met(c_, l.level_index, both))
                return "await approval of the pending claims (" + credits_text(r.pending, l) +
                       "): enough to recertify";
            s += " (";
            append_credits(s, r.pending, l);
            s += " pending)";
        }
        // in a grace period, the grace period's end is the limit
        if (r.state == State::Grace) {
            s += ", before ";
            append_date(s, l.grace_end());
            s += " when the grace period ends";
        } else {
            s += " by ";
            append_date(s, *r.expires);
        }
        return s;
    }

    // Why an activity lies outside every cycle of a certification's lives (oldest first).
    std::string outside_reason(std::span<Life* const> lives, std::size_t index) const {
        const Date date = table_[index].day();
        if (date < lives.front()->held->earned)
            return "completed before the certification was earned";
        for (const Life* l : lives)
            for (const Cycle& c : l->cycles) {
                if (date < c.start || (c.end && date > *c.end)) continue;
                if (c.closed_on && date > *c.closed_on)
                    return "completed after this cycle was met on " + format_date(*c.closed_on) +
                           (l->level->carryover && l->policy->anchor == RenewalAnchor::ExpiryDate
                                ? ": the cycle runs to its expiry, and credits beyond its "
                                  "requirement may carry over to the next one"
                                : "");
                if (c.closed_on && date == *c.closed_on)
                    return "completed on the day the cycle closed (" + format_date(date) + ")";
            }
        for (std::size_t n = lives.size(); n-- > 0;) { // the latest life first
            const Life* l = lives[n];
            if (l->ended && l->expires && date > *l->expires)
                return "completed after the certification lapsed on " + format_date(*l->expires);
            if (!l->ended && l->expires && date > *l->expires)
                return "completed after the expiry on " + format_date(*l->expires) +
                       ": in the grace period only activities completed by then count";
        }
        return "outside every cycle window";
    }

    // The reports in the order of the output: highest rank first, then by name (then by
    // certification, for two of one rank and name).
    void report(std::vector<CertReport>& out) {
        // the started lives in that order, of one certification by earned date (no two lives
        // share both); the latest of each certification is the one reported. (A thread's
        // buffers, reused from holder to holder: a team report would otherwise allocate them for
        // every holder.) Sorting these pointers rather than the reports moves far less.
        thread_local std::vector<Life*> started;
        started.clear();
        for (Life& l : lives_)
            if (l.started) started.push_back(&l);
        insertion_sort(started.begin(), started.end(), [](const Life* a, const Life* b) {
            if (a->cert == b->cert) return a->held->earned < b->held->earned;
            if (a->level->rank != b->level->rank) return a->level->rank > b->level->rank;
            if (const int c = a->cert->name.compare(b->cert->name); c != 0) return c < 0;
            return a->cert < b->cert;
        });
        thread_local std::vector<PathStatus> path_buffer; // only grows: its vectors keep space
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
                const Path* ce = credit_only_path(*l.level);
                const PathInfo* cei = nullptr;
                for (const auto& p : c_.paths[l.level_index])
                    if (p.path == ce) cei = &p;
                r.approved = cei && cei->has_credits ? counted_credits(c_, l.approved, *cei)
                                                     : l.approved.raw;
                r.pending = l.pending.raw;
                if (ce &&
                    !r.retired) { // a retired certification has no paths, so nothing is required
                    r.required = *ce->credits->total;
                    r.remaining = std::max<Centi>(0, *r.required - r.approved);
                }
                if (!r.retired) {
                    const auto& infos = c_.paths[l.level_index];
                    if (path_buffer.size() < infos.size()) path_buffer.resize(infos.size());
                    path_count = infos.size();
                    for (std::size_t i = 0; i < infos.size(); ++i)
                        evaluate_path(rules_, c_, infos[i], l.approved, path_buffer[i]);
                }
                if (!opt_.summary) activity_notices(l, r);
            }
            if (r.retired && !opt_.summary)
                r.notices.push_back(
                    Notice{"retired",
                           cert->name + " was retired on " + format_date(*cert->retired) +
                               ": it cannot be recertified and stays active until " +
                               (l.expires ? format_date(*l.expires) : std::string("its expiry")),
                           cert->retired, ""});
            if (r.state == State::Grace && !opt_.summary)
                r.notices.push_back(
                    Notice{"grace",
                           "expired on " + format_date(*l.expires) +
                               "; in the grace period until " + format_date(l.grace_end()) +
                               (l.policy->grace_activities
                                    ? ": activities completed until then still count"
                                    : ": claims for activities completed by the expiry are still "
                                      "accepted"),
                           l.grace_end(), ""});
            if (r.state == State::Pending && !opt_.summary)
                r.notices.push_back(
                    Notice{"pending_at_expiry",
                           "expired after " + format_date(*l.expires) + " unless the " +
                               credits_text(r.pending, l) +
                               " pending are approved; approval counts them by completion date",
                           l.expires, ""});
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
                        r.outside.push_back(
                            ActivityVerdict{acts_[k], false, outside_reason(lives, acts_[k])});
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
    std::vector<Life>& lives_ = life_buffer();
    std::vector<Life*>& by_rank_ = rank_buffer(); // lives_, highest rank first
};

} // namespace

namespace {
// Evaluates the holders a chunk at a time. With `format`, the thread that evaluated a chunk turns
// it into text right away and `write` gets the texts in order; otherwise `sink` gets the chunks'
// reports in order.
void evaluate_blocks(const Rules& rules, const std::vector<HeldCertification>& certifications,
                     const ActivityTable& table, const EvalOptions& options, const ReportSink* sink,
                     const PartFormatter* format, const TextSink* write) {
    const Compiled compiled(rules);
    // holders are those who hold a certification; activities of anyone else are not read
    // certifications sorted by holder name: holder k owns held(held_first[k] .. held_first[k+1]).
    // A team's file usually is sorted already; then held(i) is certification i, and no array of
    // pointers is built (at 10M rows, 16 MB of memory touched for the first time).
    std::vector<const HeldCertification*> sorted; // only when the input is not in holder order
    auto held = [&](std::size_t i) { return sorted.empty() ? &certifications[i] : sorted[i]; };
    std::vector<std::uint32_t> held_first;
    held_first.reserve(certifications.size() + 1); // no copies as it grows
    auto find_firsts = [&] {                       // false: not sorted
        held_first.clear();
        for (std::size_t i = 0; i < certifications.size(); ++i) {
            const int c = i == 0 ? 1 : held(i)->holder.compare(held(i - 1)->holder);
            if (c < 0) return false;
            if (c > 0) held_first.push_back(static_cast<std::uint32_t>(i));
        }
        return true;
    };
    if (!find_firsts()) {
        sorted.reserve(certifications.size());
        for (const auto& h : certifications) sorted.push_back(&h);
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const HeldCertification* a, const HeldCertification* b) {
                             return a->holder < b->holder;
                         });
        find_firsts();
    }
    const std::size_t holders = held_first.size(); // in name order, the output's order
    held_first.push_back(static_cast<std::uint32_t>(certifications.size()));
    const unsigned threads = options.threads > 0 ? options.threads
                             : holders >= 2048
                                 ? std::max(1u, std::min(4u, std::thread::hardware_concurrency()))
                                 : 1;
    // runs part(t, from, to) on each thread's share of [0, n), share 0 on the calling thread
    auto in_parallel = [threads](std::size_t n, const auto& part) {
        auto share = [&](unsigned t) { part(t, n * t / threads, n * (t + 1) / threads); };
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(share, t);
        share(0);
        for (auto& th : pool) th.join();
    };
    // each record's holder slot
    // (the arrays of this grouping are written at scattered places: huge pages where available
    // spare the address translations)
    BigVector<std::int32_t> slot_of(table.holders().size(), -1);
    in_parallel(holders, [&](unsigned, std::size_t from, std::size_t to) {
        auto name = [&](std::size_t k) -> const std::string& {
            return held(held_first[k])->holder;
        };
        table.holders().ahead(from, to, name, [&](std::size_t k, std::uint64_t h) {
            if (auto t = table.holders().find(name(k), h))
                slot_of[*t] = static_cast<std::int32_t>(k);
        });
    });
    auto slot = [&](const ActivityRecord& r) {
        return r.date <= options.as_of.days && !(r.flags & ActivityRecord::kRepeat)
                   ? slot_of[r.holder]
                   : -1;
    };
    // a counting sort: every holder's records, in input order. Each thread counts its share of
    // the records; thread t's records of a holder go after those of threads before it.
    std::vector<BigVector<std::uint32_t>> counts(threads, BigVector<std::uint32_t>(holders, 0));
    in_parallel(table.size(), [&](unsigned t, std::size_t from, std::size_t to) {
        std::uint32_t* count = counts[t].data();
        table.for_each(from, to, [&](std::size_t, const ActivityRecord& r) {
            if (const std::int32_t k = slot(r); k >= 0) ++count[k];
        });
    });
    std::vector<std::uint32_t> first(holders + 1, 0);
    for (std::size_t k = 0; k < holders; ++k) {
        std::uint32_t at = first[k];
        for (auto& count : counts) { // each thread's first place for this holder
            const std::uint32_t n = count[k];
            count[k] = at;
            at += n;
        }
        first[k + 1] = at;
    }
    BigVector<std::uint32_t> order(first.back());
    in_parallel(table.size(), [&](unsigned t, std::size_t from, std::size_t to) {
        std::uint32_t* fill = counts[t].data();
        table.for_each(from, to, [&](std::size_t i, const ActivityRecord& r) {
            if (const std::int32_t k = slot(r); k >= 0)
                order[fill[k]++] = static_cast<std::uint32_t>(i);
        });
    });
    counts = {};

    // holder k's records up to the as-of date, in the engine's fixed order, repeats dropped
    // (into `acts`, and their days into `dates`: a thread's buffers reused from holder to holder)
    auto activities_of = [&](std::size_t k, std::vector<std::size_t>& acts,
                             std::vector<std::int32_t>& dates) {
        acts.assign(order.begin() + static_cast<std::ptrdiff_t>(first[k]),
                    order.begin() + static_cast<std::ptrdiff_t>(first[k + 1]));
        dates.clear(); // acts[i]'s date, sorted along
        for (std::size_t i : acts) dates.push_back(table[i].date);
        // a fixed order whatever the input order: date, then id (then input order); a holder
        // has few records, so stable insertion sorts, which allocate nothing. First by date:
        for (std::size_t i = 1; i < acts.size(); ++i) {
            const std::size_t v = acts[i];
            const std::int32_t vd = dates[i];
            std::size_t j = i;
            for (; j > 0 && dates[j - 1] > vd; --j) {
                acts[j] = acts[j - 1];
                dates[j] = dates[j - 1];
            }
            acts[j] = v;
            dates[j] = vd;
        }
        // then the records of one day by id, each key asked for once (a record read from a file
        // may have to be read again for it); the same id twice counts once: the first in input
        // order
        thread_local std::vector<std::uint64_t> keys;
        std::size_t kept = 0;
        for (std::size_t from = 0, to; from < acts.size(); from = to) {
            for (to = from + 1; to < acts.size() && dates[to] == dates[from];) ++to;
            if (to - from == 1) {
                dates[kept] = dates[from];
                acts[kept++] = acts[from];
                continue;
            }
            keys.clear();
            for (std::size_t i = from; i < to; ++i) keys.push_back(table.key(acts[i]));
            for (std::size_t i = from + 1; i < to; ++i) {
                const std::size_t v = acts[i];
                const std::uint64_t kv = keys[i - from];
                std::size_t j = i;
                for (; j > from && table.id_less(v, kv, acts[j - 1], keys[j - 1 - from]); --j) {
                    acts[j] = acts[j - 1];
                    keys[j - from] = keys[j - 1 - from];
                }
                acts[j] = v;
                keys[j - from] = kv;
            }
            const std::size_t run = kept; // where this day's records go
            for (std::size_t i = from; i < to; ++i)
                if (kept == run ||
                    !table.same_id(acts[kept - 1], keys[kept - 1 - run], acts[i], keys[i - from])) {
                    dates[kept] = dates[i];
                    keys[kept - run] = keys[i - from];
                    acts[kept++] = acts[i];
                }
        }
        acts.resize(kept);
        dates.resize(kept);
    };
    auto work = [&](std::size_t k, std::vector<CertReport>& out) {
        thread_local std::vector<std::size_t> acts;
        thread_local std::vector<std::int32_t> days;
        thread_local std::vector<const HeldCertification*> mine;
        activities_of(k, acts, days);
        mine.clear();
        for (std::size_t j = held_first[k]; j < held_first[k + 1]; ++j) mine.push_back(held(j));
        HolderEval(rules, compiled, table, options, acts, days, mine).run(out); // in output order
    };
    // Holders in name order, a chunk at a time. Each thread takes the next chunk nobody has taken
    // yet, so a thread held up (a virtual CPU stopped by the host, a chunk of holders with many
    // records) does not keep the others waiting at a barrier. The calling thread hands the
    // chunks on to the sink or writer in order, so the output is the same whatever the thread
    // count. At most `window` chunks are between taken and handed on: bounded memory.
    constexpr std::size_t kChunk = 256;
    const std::size_t chunks = (holders + kChunk - 1) / kChunk;
    const std::size_t window = 4 * std::size_t{threads};
    // a chunk's reports and text, on cache lines of their own: side by side, every report added
    // and every piece of text appended moved the line holding two threads' ends between the cores
    struct alignas(64) Slot {
        std::vector<CertReport> part; // without `format`
        std::string text;
        std::atomic<std::size_t> done{SIZE_MAX}; // the chunk whose results are in this slot
    };
    std::vector<Slot> slots(window);
    std::atomic<std::size_t> next{0};   // the next chunk to take
    std::atomic<std::size_t> handed{0}; // chunks before this one are handed on
    auto evaluate_chunk = [&](std::size_t c) {
        Slot& s = slots[c % window];
        // with `format`, the reports are text before the next chunk: a buffer of the thread's
        thread_local std::vector<CertReport> formatted;
        std::vector<CertReport>& part = format ? formatted : s.part;
        const std::size_t last = std::min(holders, (c + 1) * kChunk);
        for (std::size_t i = c * kChunk; i < last; ++i) {
            // the next holder's records are scattered through the table, and its certifications
            // were last seen long ago: ask for them now
            if (i + 1 < last) {
                for (std::size_t j = first[i + 1]; j < first[i + 1 + 1]; ++j)
                    __builtin_prefetch(&table[order[j]]);
                for (std::size_t j = held_first[i + 1]; j < held_first[i + 1 + 1]; ++j)
                    __builtin_prefetch(held(j));
            }
            work(i, part);
        }
        if (format) {
            s.text.clear();
            (*format)(part, s.text);
            part.clear();
        }
        s.done.store(c, std::memory_order_release);
        s.done.notify_all();
    };
    // once a record's key could not be worked out (its file changed while read), nothing more
    // is handed on: what was is right, and the run ends with the problem
    bool stopped = false;
    // (the calling thread only) hands on the chunks before `until`, waiting for each to be done;
    // with `ready`, stops at the first one not done yet instead
    auto hand_on = [&](std::size_t until, bool ready) {
        for (std::size_t h = handed.load(std::memory_order_relaxed); h < until; ++h) {
            Slot& s = slots[h % window];
            for (std::size_t d = s.done.load(std::memory_order_acquire); d != h;
                 d = s.done.load(std::memory_order_acquire)) {
                if (ready) return;
                s.done.wait(d, std::memory_order_acquire);
            }
            stopped = stopped || table.key_problem();
            if (stopped) {
                s.part.clear();
            } else if (format) {
                (*write)(s.text);
            } else {
                (*sink)(s.part);
                s.part.clear();
            }
            handed.store(h + 1, std::memory_order_release);
            handed.notify_all();
        }
    };
    auto helper = [&] {
        for (std::size_t c; (c = next.fetch_add(1, std::memory_order_relaxed)) < chunks;) {
            // chunk c's slot is free once chunk c - window is handed on
            for (std::size_t h = handed.load(std::memory_order_acquire); h + window <= c;
                 h = handed.load(std::memory_order_acquire))
                handed.wait(h, std::memory_order_acquire);
            evaluate_chunk(c);
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < chunks; ++t) pool.emplace_back(helper);
    for (std::size_t c; (c = next.fetch_add(1, std::memory_order_relaxed)) < chunks;) {
        hand_on(c + 1 > window ? c + 1 - window : 0, false);
        evaluate_chunk(c);
        hand_on(chunks, true);
    }
    hand_on(chunks, false);
    for (auto& th : pool) th.join();
    if (auto why = table.key_problem()) throw std::runtime_error(*why);
}
} // namespace

void evaluate(const Rules& rules, const std::vector<HeldCertification>& certifications,
              const ActivityTable& table, const EvalOptions& options, const ReportSink& sink) {
    evaluate_blocks(rules, certifications, table, options, &sink, nullptr, nullptr);
}

void evaluate(const Rules& rules, const std::vector<HeldCertification>& certifications,
              const ActivityTable& table, const EvalOptions& options, const PartFormatter& format,
              const TextSink& write) {
    evaluate_blocks(rules, certifications, table, options, nullptr, &format, &write);
}

Report evaluate(const Rules& rules, const std::vector<HeldCertification>& certifications,
                const ActivityTable& table, const EvalOptions& options) {
    Report report;
    report.as_of = options.as_of;
    evaluate(rules, certifications, table, options, [&](std::vector<CertReport>& block) {
        for (auto& r : block) report.certifications.push_back(std::move(r));
    });
    return report;
}

Report evaluate(const Rules& rules, const Ledger& ledger, const EvalOptions& options) {
    return evaluate(rules, ledger.certifications, ActivityTable::from_ledger(ledger, rules),
                    options);
}

} // namespace recert
