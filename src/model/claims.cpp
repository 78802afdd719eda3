#include "model/claims.hpp"

#include "model/records.hpp"

#include <algorithm>

namespace recert {

namespace {

Diagnostic claim_error(std::string message, std::string hint = "") {
    return Diagnostic{"", 0, 0, "", std::move(message), std::move(hint)};
}

// "c-7f3a… (2024-05-01, "ENARSI course")": an activity as a candidate in a message.
std::string candidate_text(const Activity& a) {
    std::string s = a.id + " (" + format_date(a.date);
    if (a.kind == ActivityKind::Exam) s += ", exam " + a.exam;
    if (!a.title.empty()) s += ", \"" + shown(a.title) + "\"";
    return s + ")";
}

// How far `typed` is from `id`: the closer of the whole id and its first typed-length characters
// (a mistyped prefix is close to the id it was meant to start).
std::size_t id_distance(std::string_view typed, std::string_view id) {
    const std::size_t whole = edit_distance(typed, id);
    if (id.size() <= typed.size()) return whole;
    return std::min(whole, edit_distance(typed, id.substr(0, typed.size())));
}

} // namespace

IdLookup find_activity_id(const std::vector<Activity>& activities, std::string_view typed) {
    IdLookup r;
    if (typed.empty()) {
        r.error = claim_error("an empty activity id");
        return r;
    }
    std::vector<std::size_t> prefixed;
    for (std::size_t i = 0; i < activities.size(); ++i) {
        const std::string& id = activities[i].id;
        if (id == typed) {
            r.index = i;
            return r;
        }
        if (id.size() > typed.size() && id.compare(0, typed.size(), typed) == 0)
            prefixed.push_back(i);
    }
    if (prefixed.size() == 1) {
        r.index = prefixed.front();
        return r;
    }
    if (prefixed.size() > 1) {
        constexpr std::size_t kShown = 10;
        std::string list;
        for (std::size_t k = 0; k < prefixed.size() && k < kShown; ++k)
            list += (list.empty() ? "" : ", ") + candidate_text(activities[prefixed[k]]);
        if (prefixed.size() > kShown)
            list += " and " + std::to_string(prefixed.size() - kShown) + " more";
        r.error = claim_error("the id prefix \"" + shown(typed) + "\" is ambiguous: " +
                                  std::to_string(prefixed.size()) + " activities start with it",
                              "it matches " + list + "; type more of the id");
        return r;
    }
    // unknown: the closest id, when it is close enough to be a typing mistake
    const std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(2, typed.size() / 3));
    const Activity* closest = nullptr;
    std::size_t best = limit + 1;
    for (const auto& a : activities) {
        const std::size_t d = id_distance(typed, a.id);
        if (d < best) {
            best = d;
            closest = &a;
        }
    }
    r.error = claim_error("no activity has the id \"" + shown(typed) + "\"",
                          closest ? "did you mean " + candidate_text(*closest) + "?"
                                  : "`recert activities` lists the ids");
    return r;
}

std::vector<std::size_t> resolve_activity_ids(const std::vector<Activity>& activities,
                                              const std::vector<std::string>& typed,
                                              Diagnostics& errors) {
    std::vector<std::size_t> out;
    for (const auto& t : typed) {
        IdLookup r = find_activity_id(activities, t);
        if (r.error)
            errors.push_back(std::move(*r.error));
        else if (std::find(out.begin(), out.end(), *r.index) == out.end())
            out.push_back(*r.index);
    }
    return out;
}

std::string_view to_string(ClaimStep step) {
    switch (step) {
    case ClaimStep::Claim:
        return "claim";
    case ClaimStep::Approve:
        return "approve";
    case ClaimStep::Reject:
        return "reject";
    }
    return "claim";
}

std::optional<Diagnostic> take_claim_step(Activity& a, ClaimStep step, Date on, Date today) {
    const std::string who = a.id + ": ";
    if (a.kind == ActivityKind::Exam)
        return claim_error(who + "exam " + a.exam + " is a passed exam, not a CE claim",
                           "only CE activities are claimed, approved or rejected");
    const bool allowed = step == ClaimStep::Claim ? a.status == ClaimStatus::Unclaimed
                                                  : (a.status == ClaimStatus::Unclaimed ||
                                                     a.status == ClaimStatus::Pending);
    if (!allowed)
        return claim_error(who + "cannot " + std::string(to_string(step)) + " a claim that is " +
                               std::string(to_string(a.status)) +
                               (step == ClaimStep::Claim ? ": only unclaimed activities are claimed"
                                                         : ": only unclaimed or pending claims are "
                                                           "approved or rejected"),
                           "`recert edit` changes a record by hand");
    const std::string day = format_date(on);
    if (today < on)
        return claim_error(who + "--on " + day + " is in the future (today is " +
                               format_date(today) + ")",
                           "give the day it happened; --as-of DATE sets a later today");
    if (!submitted_in_order(a.date, on))
        return claim_error(who + "--on " + day + " is before the activity was completed (" +
                           format_date(a.date) + "): dates never go backwards");
    if (step != ClaimStep::Claim && a.submitted && on < *a.submitted)
        return claim_error(who + "--on " + day + " is before the claim was submitted (" +
                           format_date(*a.submitted) + "): dates never go backwards");
    // a claim never submitted is submitted the day it is decided; a pending one keeps its dates
    if (a.status == ClaimStatus::Unclaimed) a.submitted = on;
    switch (step) {
    case ClaimStep::Claim:
        a.status = ClaimStatus::Pending;
        break;
    case ClaimStep::Approve:
        a.status = ClaimStatus::Approved;
        a.credited = on;
        break;
    case ClaimStep::Reject:
        a.status = ClaimStatus::Rejected;
        break;
    }
    return std::nullopt;
}

} // namespace recert
