#include "engine/nearest.hpp"

#include <algorithm>

namespace recert::engine {

int missing_exam_count(const PathStatus& p) {
    int n = 0;
    for (const ExamNeed& e : p.missing_exams) n += e.count;
    return n;
}

NearestWays nearest_ways(std::span<const PathStatus> paths) {
    NearestWays w;
    if (std::any_of(paths.begin(), paths.end(), [](const PathStatus& p) { return p.met; }))
        return w;
    int fewest_exams = 0;
    for (const PathStatus& p : paths) {
        if (!p.reachable) continue;
        const int exams = missing_exam_count(p);
        if (exams == 0) {
            if (!w.credit || p.missing_credits < w.credit->missing_credits) w.credit = &p;
        } else if (credits_met(p)) {
            if (w.exam.empty() || exams < fewest_exams) {
                w.exam.clear();
                fewest_exams = exams;
            }
            if (exams == fewest_exams) w.exam.push_back(&p);
        }
    }
    if (w.credit || !w.exam.empty()) return w;
    for (const PathStatus& p : paths) {
        if (!p.reachable) continue;
        if (!w.both) {
            w.both = &p;
            continue;
        }
        const int exams = missing_exam_count(p), best = missing_exam_count(*w.both);
        if (exams < best || (exams == best && p.missing_credits < w.both->missing_credits))
            w.both = &p;
    }
    return w;
}

} // namespace recert::engine
