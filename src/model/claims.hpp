// A claim's life (docs/semantics.md §5): finding activities by id or id prefix, and moving a
// claim from unclaimed to pending to approved or rejected, its dates never going backwards.
#pragma once

#include "recert/diagnostic.hpp"
#include "recert/ledger.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert {

// The activity an id names: the one whose id is `typed` exactly, else the only one whose id starts
// with it (as git takes a short hash). Otherwise a diagnostic: an ambiguous prefix lists every
// candidate; an unknown id suggests the closest id when one is close (edit distance).
struct IdLookup {
    std::optional<std::size_t> index; // into the activities
    std::optional<Diagnostic> error;
};
IdLookup find_activity_id(const std::vector<Activity>& activities, std::string_view typed);

// Every id of `typed` resolved with find_activity_id, each record once, in the order given.
// Every problem goes to `errors` (the result then is incomplete).
std::vector<std::size_t> resolve_activity_ids(const std::vector<Activity>& activities,
                                              const std::vector<std::string>& typed,
                                              Diagnostics& errors);

// A step in a claim's life.
enum class ClaimStep {
    Claim,   // unclaimed → pending, submitted on the date
    Approve, // pending or unclaimed → approved, credited on the date
    Reject,  // pending or unclaimed → rejected
};
std::string_view to_string(ClaimStep step);

// Takes one step of `a`'s claim on the date `on`, `today` being the as-of date. A claim that was
// never submitted (unclaimed) and is approved or rejected is taken as submitted that same day, so
// it gets `submitted` = `on` too (approved: `credited` as well). Refuses, with a message and
// leaving `a` unchanged: an exam (not a claim); a step the status does not allow (only unclaimed
// claims are claimed; only unclaimed or pending ones approved or rejected); a date after `today`;
// a date before the completion date, or (approve, reject) before the submission date.
std::optional<Diagnostic> take_claim_step(Activity& a, ClaimStep step, Date on, Date today);

} // namespace recert
