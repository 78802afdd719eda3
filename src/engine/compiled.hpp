// The rules compiled for evaluation, and the arithmetic of tallies and paths: categories and exam
// kinds become indexes (built once per evaluation), so that a tally is an array rather than a
// map of strings and checking a path is a few loops over small arrays.
#pragma once

#include "recert/credits.hpp"
#include "recert/engine.hpp"
#include "recert/rules.hpp"
#include "table/activity_table.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace recert::engine {

// One path of a level, as indexes.
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

    explicit Compiled(const Rules& rules);
};

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
            add_credits(a.kind_index, a.credits, year);
        } else {
            exam_kinds.push_back(a.kind_index);
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

// The space the exam matching works in, kept by a worker and reused from path to path, so that
// the hot path allocates nothing once it has seen the largest path.
struct ExamScratch {
    std::vector<std::size_t> slot_group;
    std::vector<int> slot_exam;
    std::vector<char> seen;
    std::vector<int> missing;
};

// Credits of a category after caps: its own plus its children's, capped (docs/semantics.md §4).
inline Centi category_amount(const Compiled& c, const Tally& t, const PathInfo& p,
                             std::uint16_t cat, int depth = 0) {
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

// The credits of a tally that count toward path p.
inline Centi counted_credits(const Compiled& c, const Tally& t, const PathInfo& p) {
    // a tally holds only its program's activities, so without caps every credit counts
    if (p.uncapped) return t.raw;
    Centi total = category_amount(c, t, p, 0);
    if (p.program < c.top.size())
        for (std::uint16_t cat : c.top[p.program]) total += category_amount(c, t, p, cat);
    return total;
}

// What cycle year y (0-based) lacks of the path's yearly minimum.
inline Centi year_short(const PathInfo& p, const Tally& t, int y) {
    if (!p.min_per_year || y >= t.years) return 0;
    Centi year = 0;
    for (std::size_t cat = 0; cat < t.by_category.size(); ++cat)
        year += t.in_year(p.year_cap, y, static_cast<std::uint16_t>(cat));
    return std::max<Centi>(0, *p.min_per_year - year);
}

// What the cycle years lack of the path's yearly minimum, in total.
inline Centi short_of_years(const PathInfo& p, const Tally& t) {
    if (!p.min_per_year || t.years == 0) return 0;
    Centi missing = 0;
    for (int y = 0; y < t.years; ++y) missing += year_short(p, t, y);
    return missing;
}

// Assigns exams to the path's groups (each exam to at most one group: a bipartite matching by
// augmenting paths) and returns the unfilled slots per group (in `scratch`).
const std::vector<int>& unmatched_exam_slots(const PathInfo& p,
                                             const std::vector<std::uint16_t>& exams,
                                             ExamScratch& scratch);

// Fills `st` (its vectors are reused) with what path `p` still needs given tally `t`.
void evaluate_path(const Rules& rules, const Compiled& c, const PathInfo& p, const Tally& t,
                   PathStatus& st, ExamScratch& scratch);

// Whether a path is met, without building its description of what is missing (the hot check).
inline bool path_met(const Compiled& c, const PathInfo& p, const Tally& t, ExamScratch& scratch) {
    if (p.has_credits) {
        if (p.total && counted_credits(c, t, p) < *p.total) return false;
        for (const auto& [cat, need] : p.min)
            if (category_amount(c, t, p, cat) < need) return false;
        if (short_of_years(p, t) > 0) return false;
    }
    if (p.exams.empty()) return true;
    if (static_cast<int>(t.exam_kinds.size()) < p.exam_slots) return false; // too few exams
    for (int missing : unmatched_exam_slots(p, t.exam_kinds, scratch))
        if (missing > 0) return false;
    return true;
}

// The first path of `level` that tally t meets, or null.
inline const PathInfo* first_met(const Compiled& c, std::size_t level, const Tally& t,
                                 ExamScratch& scratch) {
    for (const auto& p : c.paths[level])
        if (path_met(c, p, t, scratch)) return &p;
    return nullptr;
}

// The credit-only path whose total is the `required` figure (docs/semantics.md §8), or null.
inline const Path* credit_only_path(const Level& level) {
    for (const auto& p : level.paths)
        if (p.credits && p.credits->total && p.exams.empty()) return &p;
    return nullptr;
}

// That path's compiled form, or null.
inline const PathInfo* credit_only_info(const Compiled& c, const Level& level,
                                        std::size_t level_index) {
    const Path* ce = credit_only_path(level);
    const PathInfo* info = nullptr;
    for (const auto& p : c.paths[level_index])
        if (p.path == ce) info = &p;
    return info;
}

} // namespace recert::engine
