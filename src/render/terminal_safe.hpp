// Text bound for a terminal, made inert: names and titles come from other people's files, and a
// control character in one (an escape sequence that clears the screen, retitles the window or
// plants a link; a carriage return or backspace that hides what precedes it) would act on the
// terminal instead of being shown. recert's own colours (ESC [ digits and semicolons m), newlines
// (LF, and CR LF as CSV ends its lines) and tabs pass; every other C0 or C1 control character and
// DEL is shown as U+FFFD.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace recert {

class TerminalFilter {
  public:
    // Appends `in`, made inert, to `out`. An escape sequence or a UTF-8 character cut at the end
    // of `in` (or a CR) is held back and finished by the next call (output is written in pieces).
    void filter(std::string_view in, std::string& out);

  private:
    std::string held_; // the start of an unfinished colour sequence or C1 character
};

} // namespace recert
