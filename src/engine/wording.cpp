#include "engine/wording.hpp"

namespace recert::engine::wording {

void append_credits(std::string& s, Centi c, std::string_view unit, bool more) {
    char buf[24];
    s.append(buf, format_credits_to(c, buf));
    if (more) s += " more";
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

// "pass 1 core exam", "pass 2 concentration exams and 1 qualifying exam": appended to s.
void append_exam_need(std::string& s, const std::vector<ExamNeed>& needs) {
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

// Built in one string: it is written for every certification of a team report.
std::string next_step(const NextStepFacts& f) {
    if (f.state == State::Lifetime) return "nothing to do: it does not expire";
    if (f.state == State::Expired) return "earn it again by exam";
    if (f.state == State::Pending)
        return "wait for approval of " + credits(f.pending, f.unit) +
               "; it then recertifies retroactively";
    if (f.retired)
        return "retired: cannot be recertified; it lapses after " + format_date(*f.expires);
    std::string s;
    s.reserve(128);
    std::size_t options = 0;
    auto option = [&] {
        if (options++ > 0) s += " or ";
    };
    for (std::size_t i = 0; i < f.level_paths.size(); ++i)
        if (&f.level_paths[i] == f.credit_only) {
            option();
            // a grace period for claims only: what counts was completed by the expiry
            const bool claim = f.state == State::Grace && !f.grace_activities;
            s += claim ? "claim " : "earn ";
            append_credits(s, f.paths[i].missing_credits, f.unit, f.approved > 0);
            // category minimums not reached: "(10 group-a)"
            bool first = true;
            for (const auto& [cat, n] : f.paths[i].missing_categories) {
                s += first ? " (" : ", ";
                first = false;
                char buf[24];
                s.append(buf, format_credits_to(n, buf));
                (s += ' ') += cat;
            }
            if (!first) s += ')';
            if (claim) {
                s += " completed by ";
                append_date(s, *f.expires);
            }
        }
    // the exam-only path that needs the fewest exams
    const PathStatus* best = nullptr;
    int best_count = 0;
    for (std::size_t i = 0; i < f.level_paths.size(); ++i) {
        if (f.level_paths[i].credits) continue;
        int count = 0;
        for (const auto& n : f.paths[i].missing_exams) count += n.count;
        if (!best || count < best_count) {
            best = &f.paths[i];
            best_count = count;
        }
    }
    if (best) {
        option();
        append_exam_need(s, best->missing_exams);
    }
    if (options == 0 && !f.paths.empty()) (s += "complete ") += f.paths.front().description;
    if (f.pending > 0) {
        if (f.pending_enough)
            return "await approval of the pending claims (" + credits(f.pending, f.unit) +
                   "): enough to recertify";
        s += " (";
        append_credits(s, f.pending, f.unit);
        s += " pending)";
    }
    // in a grace period, the grace period's end is the limit
    if (f.state == State::Grace) {
        s += ", before ";
        append_date(s, f.grace_end);
        s += f.suspension ? " when the suspension ends" : " when the grace period ends";
    } else {
        s += " by ";
        append_date(s, *f.expires);
    }
    return s;
}

} // namespace recert::engine::wording
