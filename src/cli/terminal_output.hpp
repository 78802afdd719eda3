// recert's output on a terminal goes through TerminalFilter (render/terminal_safe.hpp).
#pragma once

namespace recert::cli {

// Puts std::cout and std::cerr, each when it is a terminal, behind a TerminalFilter (JSON and CSV
// too: only control characters that a cell brought are changed). Files and pipes get the bytes
// unchanged.
void guard_terminal_output();

} // namespace recert::cli
