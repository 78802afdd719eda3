// --state and --sort: which certification reports a table shows, and in what order. For every
// command that lists reports, so that they read these options alike.
#pragma once

#include "recert/engine.hpp"

#include <string>
#include <vector>

namespace recert::cli {

// The states that values of `option` list ("expiring,expired"; every value comma-separated
// names, in any case, blanks around a name ignored), each once, in the order of kStates. Throws
// UserError naming the option for an unknown or empty name, with a did-you-mean when one is close.
std::vector<State> parse_states(const std::string& option, const std::vector<std::string>& values);
// Keeps the reports whose state is one of `states`; all of them when `states` is empty.
void keep_states(std::vector<CertReport>& reports, const std::vector<State>& states);

// The orders of --sort (docs in README.md, "recert status").
enum class ReportOrder {
    Holder,  // as evaluated: by holder, then the holder's certifications from the highest rank
    Expires, // soonest expiry first, lifetime certifications last
    Days,    // fewest days left first (expires − the as-of date: the order of Expires)
    State,   // most urgent state first (urgency(): expired, pending, grace, expiring, active,
             // lifetime)
};
// The order a --sort value names (any case); throws UserError naming the option otherwise.
ReportOrder parse_order(const std::string& option, const std::string& value);
// Puts the reports in `order`; reports equal in it keep their order (by holder, then
// certification, when they come from the engine).
void sort_reports(std::vector<CertReport>& reports, ReportOrder order);

} // namespace recert::cli
