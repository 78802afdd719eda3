#include "engine/wording.hpp"

#include "engine/nearest.hpp"

#include <algorithm>

namespace recert::engine::wording {

void append_credits(std::string& s, Centi c, std::string_view unit, bool more) {
    char buf[24];
    s.append(buf, format_credits_to(c, buf));
    if (more) s += " more";
    // "1 CEU", "1 CE credit": the units are plurals of one word
    if (c == 100 && unit.ends_with('s')) unit.remove_suffix(1);
    (s += ' ') += unit;
}

std::string credits(Centi c, std::string_view unit) {
    std::string s;
    append_credits(s, c, unit);
    return s;
}

namespace {
void append_date(std::string& s, Date d) {
    char buf[10];
    format_date_to(d, buf);
    s.append(buf, sizeof buf);
}

} // namespace

std::string counted() {
    return "counted";
}
std::string exam_that_earned() {
    return "the exam that earned this certification";
}
std::string rejected() {
    return "rejected";
}
std::string pending_approval() {
    return "pending approval";
}
std::string ce_does_not_renew(std::string_view unit) {
    return std::string(unit) + " do not renew this certification: only exams do";
}

std::string unclaimed(Date deadline, Date as_of) {
    return deadline >= as_of ? "not claimed yet (submit by " + format_date(deadline) + ")"
                             : "never claimed (the deadline was " + format_date(deadline) + ")";
}

std::string claimed_late(Date submitted, int days_after, int window_days) {
    return "claimed late: submitted " + format_date(submitted) + ", " + std::to_string(days_after) +
           " days after completion (limit " + std::to_string(window_days) + ")";
}

std::string submitted_too_late(Date submitted, Date last) {
    return "submitted " + format_date(submitted) + ", after " + format_date(last) +
           ", the last day this cycle could be renewed";
}

std::string outside(Outside why, Date date, bool carries_over) {
    switch (why) {
    case Outside::BeforeEarned:
        return "completed before the certification was earned";
    case Outside::AfterCycleMet:
        return "completed after this cycle was met on " + format_date(date) +
               (carries_over ? ": the cycle runs to its expiry, and credits beyond its "
                               "requirement may carry over to the next one"
                             : "");
    case Outside::OnClosingDay:
        return "completed on the day the cycle closed (" + format_date(date) + ")";
    case Outside::AfterLapse:
        return "completed after the certification lapsed on " + format_date(date);
    case Outside::InGraceAfterEnd:
        return "completed after the expiry on " + format_date(date) +
               ": in the grace period only activities completed by then count";
    case Outside::Elsewhere:
        break;
    }
    return "outside every cycle window";
}

std::string activity_label(std::string_view title, std::string_view id, Centi credits,
                           std::string_view unit, Date completed) {
    std::string s =
        title.empty() ? "activity " + std::string(id) : "\"" + std::string(title) + "\"";
    s += " (" + wording::credits(credits, unit) + ", completed " + format_date(completed) + ")";
    return s;
}

Notice claim_timing(const std::vector<std::string>& held, const ClaimTiming& t) {
    std::string which;
    for (std::size_t k = 0; k < held.size(); ++k)
        which += (k == 0 ? "" : k + 1 == held.size() ? " and " : ", ") + held[k];
    return Notice{"claim_timing",
                  "hold back the claim" + std::string(held.size() == 1 ? "" : "s") + " for " +
                      which + " until " + format_date(t.hold_until) + ": valid until " +
                      format_date(t.hold_expires) + ", " + std::to_string(t.days_gained) +
                      " days longer than submitting everything now",
                  t.hold_until, ""};
}

Notice claim_deadline(const std::string& label, Date deadline, std::string id) {
    return Notice{"claim_deadline",
                  "submit the claim for " + label + " by " + format_date(deadline), deadline,
                  std::move(id)};
}

Notice claim_deadline_passed(const std::string& label, Date deadline, std::string id) {
    return Notice{"claim_deadline_passed",
                  "claim deadline passed for " + label + ": the last day to submit was " +
                      format_date(deadline),
                  deadline, std::move(id)};
}

Notice claimed_late_notice(const std::string& label, Date submitted, int days_after,
                           int window_days, std::string id) {
    return Notice{"claimed_late",
                  label + " is not eligible: submitted " + format_date(submitted) + ", " +
                      std::to_string(days_after) +
                      " days after completion; claims must be submitted within " +
                      std::to_string(window_days) + " days",
                  submitted, std::move(id)};
}

Notice retired(const std::string& name, Date retired_on, std::optional<Date> expires) {
    return Notice{"retired",
                  name + " was retired on " + format_date(retired_on) +
                      ": it cannot be recertified and stays active until " +
                      (expires ? format_date(*expires) : std::string("its expiry")),
                  retired_on, ""};
}

Notice grace(Date expired, Date grace_end, bool grace_activities, bool suspension) {
    return Notice{"grace",
                  (suspension
                       ? "suspended since " + format_date(add_days(expired, 1)) +
                             " (the cycle ended on " + format_date(expired) + ") until "
                       : "expired on " + format_date(expired) + "; in the grace period until ") +
                      format_date(grace_end) +
                      (grace_activities ? ": activities completed until then still count"
                                        : ": claims for activities completed by the expiry are "
                                          "still accepted"),
                  grace_end, ""};
}

Notice pending_at_expiry(Date expired, Centi pending, std::string_view unit) {
    return Notice{"pending_at_expiry",
                  "expired after " + format_date(expired) + " unless the " +
                      credits(pending, unit) +
                      " pending are approved; approval counts them by completion date",
                  expired, ""};
}

namespace {
// "pass 1 core exam and 1 concentration exam": what one path misses of exams.
void append_path_exams(std::string& s, const NextStepFacts& f, const PathStatus& p) {
    bool first = true;
    for (const ExamNeed& n : p.missing_exams) {
        s += first ? "pass " : " and ";
        first = false;
        s += f.rules->exam_need(n.kinds(), n.count, f.program);
    }
}

// The exam option: the paths tied at the fewest missing exams. Those that miss one group of exams
// are named together ("pass 1 concentration or core exam", their kinds in the rules' order);
// a path missing exams of several groups is another alternative.
void append_exam_option(std::string& s, const NextStepFacts& f,
                        const std::vector<const PathStatus*>& tied) {
    const Rules& r = *f.rules;
    std::vector<std::size_t> kinds; // exam-kind indexes of the one-group paths
    int count = 0;
    bool first = true;
    for (const PathStatus* p : tied) {
        if (p->missing_exams.size() != 1) continue;
        count = p->missing_exams.front().count;
        for (const std::string& k : p->missing_exams.front().kinds())
            kinds.push_back(r.exam_kind_index(k, f.program));
    }
    if (!kinds.empty()) {
        std::sort(kinds.begin(), kinds.end());
        kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
        std::vector<std::string> ids;
        ids.reserve(kinds.size());
        for (std::size_t k : kinds) ids.push_back(r.exam_kinds[k].id);
        (s += "pass ") += r.exam_need(ids, count, f.program);
        first = false;
    }
    for (const PathStatus* p : tied)
        if (p->missing_exams.size() > 1) {
            if (!first) s += " or ";
            first = false;
            append_path_exams(s, f, *p);
        }
}

// "(35 education incl. 8 ways-of-working and 8 power-skills, 10 group-a)": the category
// minimums a path misses; a subcategory's shortfall is part of its parent's.
void append_categories(std::string& s, const NextStepFacts& f, const PathStatus& p) {
    const Rules& r = *f.rules;
    auto parent_of = [&](const std::string& id) -> std::string_view {
        const std::size_t i = r.category_index(id, f.program);
        return i == 0 ? std::string_view() : std::string_view(r.categories[i - 1].parent);
    };
    auto listed = [&](std::string_view id) {
        return std::any_of(p.missing_categories.begin(), p.missing_categories.end(),
                           [&](const auto& m) { return m.first == id; });
    };
    bool first = true;
    for (const auto& [cat, n] : p.missing_categories) {
        if (listed(parent_of(cat))) continue; // named under its parent
        s += first ? " (" : ", ";
        first = false;
        std::vector<const std::pair<std::string, Centi>*> under;
        Centi sum_under = 0;
        for (const auto& m : p.missing_categories)
            if (parent_of(m.first) == cat) {
                under.push_back(&m);
                sum_under += m.second;
            }
        char buf[24];
        s.append(buf, format_credits_to(std::max(n, sum_under), buf)); // what the parent needs
        (s += ' ') += cat;
        for (std::size_t i = 0; i < under.size(); ++i) {
            s += i == 0 ? " incl. " : i + 1 == under.size() ? " and " : ", ";
            s.append(buf, format_credits_to(under[i]->second, buf));
            (s += ' ') += under[i]->first;
        }
    }
    if (!first) s += ')';
}
} // namespace

// Built in one string: it is written for every certification of a team report.
std::string next_step(const NextStepFacts& f) {
    if (f.state == State::Lifetime) return "nothing to do: it does not expire";
    if (f.state == State::Expired) return "earn it again by exam";
    if (f.state == State::Pending)
        return "wait for approval of " + credits(f.pending, f.unit) +
               "; it then recertifies retroactively";
    if (f.retired)
        return "retired: cannot be recertified; it lapses after " + format_date(*f.expires);
    if (f.pending_enough)
        return "await approval of the pending claims (" + credits(f.pending, f.unit) +
               "): enough to recertify";
    const NearestWays ways = nearest_ways(f.paths);
    std::string s;
    s.reserve(128);
    // a grace period for claims only: what counts was completed by the expiry
    const bool claim = f.state == State::Grace && !f.grace_activities;
    auto credit_part = [&](const PathStatus& p, bool exams_too) {
        s += claim && !exams_too ? "claim " : "earn ";
        append_credits(s, p.missing_credits, f.unit, f.approved > 0);
        append_categories(s, f, p);
        if (claim && !exams_too) {
            s += " completed by ";
            append_date(s, *f.expires);
        }
    };
    if (ways.credit) credit_part(*ways.credit, false);
    if (!ways.exam.empty()) {
        if (ways.credit) s += " or ";
        append_exam_option(s, f, ways.exam);
    }
    if (ways.both) {
        credit_part(*ways.both, true);
        s += " and ";
        append_path_exams(s, f, *ways.both);
    }
    if (s.empty() && f.missed_year_end) {
        s = "no path can be met in this cycle any more: the cycle year to ";
        append_date(s, *f.missed_year_end);
        s += " was ";
        append_credits(s, f.missed_year_short, f.unit);
        s += " short of its yearly minimum; it lapses after ";
        append_date(s, *f.expires);
        return s;
    }
    if (s.empty()) return "nothing to do: a path is met"; // not reached: a met path recertifies
    if (f.state == State::Grace) { // in a grace period, the grace period's end is the limit
        s += ", before ";
        append_date(s, f.grace_end);
        s += f.suspension ? " when the suspension ends" : " when the grace period ends";
    } else if (f.retires) {
        s += " by ";
        append_date(s, add_days(*f.retires, -1));
        s += " (it is retired on ";
        append_date(s, *f.retires);
        s += " and cannot be renewed from then on)";
    } else {
        s += " by ";
        append_date(s, *f.expires);
    }
    return s;
}

Notice retiring(const std::string& name, Date retires, Date expires) {
    return Notice{"retiring",
                  name + " will be retired on " + format_date(retires) +
                      ": renew it before then; after that it cannot be renewed and lapses after " +
                      format_date(expires),
                  retires, ""};
}

} // namespace recert::engine::wording
