// Credits are exact: hundredths of a credit held in an integer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recert {

using Centi = std::int64_t; // hundredths of a credit

// The largest amount accepted in one record (a million credits).
inline constexpr Centi kMaxCredits = 100'000'000;

// Parses a decimal like `40`, `12.5`, `0.25`: digits, an optional point and at most two
// fractional digits, no sign, no exponent. nullopt with a reason otherwise.
struct CreditParse {
    std::optional<Centi> value;
    std::string error; // what was wrong, when value is empty
};
CreditParse parse_credits(std::string_view text);

// From a JSON number: exact when it has at most two fractional digits.
CreditParse credits_from_double(double v);

// `40`, `12.5`, `0.25`.
std::string format_credits(Centi c);
// The same text into a buffer (no allocation); returns its length. Needs room for 24 bytes.
std::size_t format_credits_to(Centi c, char* out);
// Whether valid credits text is already what format_credits writes for it (answered for plain
// whole numbers: digits without a leading zero; false for anything else).
bool is_formatted_credits(std::string_view text);

// The value as a double for JSON output (exact for hundredths when printed shortest).
double credits_to_double(Centi c);

} // namespace recert
