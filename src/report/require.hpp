// `report --require FILE`: how many active holders each certification needs (a partner level, a
// contract). A CSV file with the columns `certification,minimum`, or a JSON array of
// {"certification": ..., "minimum": N}; a certification by id, name or alias.
#pragma once

#include "recert/diagnostic.hpp"
#include "recert/rules.hpp"
#include "report/summary.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace recert {

// Reads requirements from `text` (JSON when its first non-blank character is `[` or `{`, else
// CSV); `file` names it in the problems, every one of which is reported. A certification named
// twice is an error.
Result<std::vector<Requirement>> load_requirements(std::string_view text, const std::string& file,
                                                   const Rules& rules);

} // namespace recert
