// The built-in programs compiled into C++ at build time (tools/rules_codegen.cpp writes the
// definition from data/programs/*.json), so that a command starts without parsing their JSON.
#pragma once

#include "recert/rules.hpp"

#include <optional>
#include <string_view>

namespace recert::cli {

// A built-in program's rules (`name` in lower case), equal to what load_rules gives for its file
// except that `document` is empty; nullopt for an unknown name.
std::optional<Rules> compiled_program(std::string_view name);

} // namespace recert::cli
