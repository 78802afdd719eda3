#include "engine/compiled.hpp"

#include <algorithm>

namespace recert::engine {

Compiled::Compiled(const Rules& rules) {
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
                std::sort(info.min.begin(), info.min.end()); // in the order the rules declare them
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
        const bool per_year =
            std::any_of(v.begin(), v.end(), [](const PathInfo& p) { return !p.year_cap.empty(); });
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

const std::vector<int>& unmatched_exam_slots(const PathInfo& p,
                                             const std::vector<std::uint16_t>& exams,
                                             ExamScratch& scratch) {
    std::vector<std::size_t>& slot_group = scratch.slot_group;
    std::vector<int>& slot_exam = scratch.slot_exam;
    std::vector<char>& seen = scratch.seen;
    std::vector<int>& missing = scratch.missing;
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

namespace {
// The fewest credits that meet the minimums of category `cat` and of the categories under it: a
// credit in a subcategory counts toward its parent's minimum too (PMI's Ways of Working toward
// Education), so the shortfalls of the children are part of the parent's, not added to it.
Centi category_shortfall(const Compiled& c, const Tally& t, const PathInfo& p, std::uint16_t cat,
                         int depth = 0) {
    Centi own = 0;
    for (const auto& [k, need] : p.min)
        if (k == cat) own = std::max<Centi>(0, need - category_amount(c, t, p, cat));
    Centi children = 0;
    if (depth < 64)
        for (std::uint16_t child : c.children[cat])
            children += category_shortfall(c, t, p, child, depth + 1);
    return std::max(own, children);
}
} // namespace

void evaluate_path(const Rules& rules, const Compiled& c, const PathInfo& p, const Tally& t,
                   PathStatus& st, ExamScratch& scratch) {
    st.description = p.path->description;
    st.missing_credits = 0;
    st.missing_categories.clear();
    st.missing_exams.clear();
    st.reachable = true;
    if (p.has_credits) {
        const Centi have = counted_credits(c, t, p);
        Centi short_total = p.total ? std::max<Centi>(0, *p.total - have) : 0;
        for (const auto& [cat, need] : p.min) {
            const Centi got = category_amount(c, t, p, cat);
            if (got < need)
                st.missing_categories.emplace_back(rules.categories[cat - 1u].id, need - got);
        }
        Centi short_min = 0;
        if (!st.missing_categories.empty() && p.program < c.top.size())
            for (std::uint16_t cat : c.top[p.program])
                short_min += category_shortfall(c, t, p, cat);
        st.missing_credits = std::max({short_total, short_min, short_of_years(p, t)});
    }
    const std::vector<int>& slots = unmatched_exam_slots(p, t.exam_kinds, scratch);
    for (std::size_t g = 0; g < p.exams.size(); ++g)
        if (slots[g] > 0) st.missing_exams.push_back(ExamNeed{&p.path->exams[g].kinds, slots[g]});
    st.met = st.missing_credits == 0 && st.missing_categories.empty() && st.missing_exams.empty();
}

} // namespace recert::engine
