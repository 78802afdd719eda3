// Errors are values inside the core: collected, then printed by the CLI.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace recert {

struct Diagnostic {
    std::string file;    // "" when there is no file
    int line = 0;        // 1-based, 0 when unknown
    int column = 0;      // 1-based, 0 when unknown
    std::string pointer; // JSON pointer, "" when none
    std::string message; // what was found and what was expected
    std::string hint;    // optional advice
};

// "file:line:col: message (at /pointer)" — the location parts that are known.
std::string format_location(const Diagnostic& d);

using Diagnostics = std::vector<Diagnostic>;

// A value or the diagnostics that prevented it.
template <class T> struct Result {
    std::optional<T> value;
    Diagnostics errors;
    bool ok() const { return value.has_value() && errors.empty(); }
};

// Line and column (1-based) of a byte offset in text.
std::pair<int, int> line_column(std::string_view text, std::size_t offset);

// Line and column of the value a JSON pointer names in a JSON text, or {0,0} when it cannot be
// found. Only used to point at errors, so it is a simple scanner over already-valid JSON.
std::pair<int, int> locate_pointer(std::string_view json_text, std::string_view pointer);

// The first key that appears twice in one object of a valid JSON text: its pointer and offset.
std::optional<std::pair<std::string, std::size_t>> find_duplicate_key(std::string_view json_text);

// Text quoted in a message: at most 40 characters, then "..." (a 100 MB cell must not be echoed).
std::string shown(std::string_view text);

// The edit distance between a and b (insertions, deletions, substitutions, and two adjacent
// letters swapped, each one edit): how close a typed name is to a known one, for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b);

// How far a typed name is from a known one for "did you mean": the edit distance ignoring case,
// with the letters O, I and l read as the digits 0 and 1 (codes such as 300-41O).
std::size_t name_distance(std::string_view typed, std::string_view known);

// Whether a typed name is close enough to a known one to suggest it: at most two edits
// (name_distance), and fewer than half the typed length (so that "ab" is not close to "xy").
bool is_close(std::string_view typed, std::string_view known);

// The closest of the known names offered one by one that is close to `typed` (is_close): for a
// single "did you mean". The first offered wins a tie.
class ClosestName {
  public:
    explicit ClosestName(std::string_view typed) : typed_(typed) {}
    void offer(std::string_view known) {
        if (!is_close(typed_, known)) return;
        const std::size_t d = name_distance(typed_, known);
        if (best_.empty() || d < distance_) {
            best_ = std::string(known);
            distance_ = d;
        }
    }
    // The name, or "" when none was close.
    const std::string& best() const { return best_; }

  private:
    std::string typed_, best_;
    std::size_t distance_ = 0;
};

// Items joined for a sentence: "a", "a or b", "a, b or c" (or another conjunction: "a and b").
std::string or_list(const std::vector<std::string>& items, std::string_view conjunction = "or");

// Escapes one reference token for a JSON pointer.
std::string pointer_token(std::string_view token);

} // namespace recert
