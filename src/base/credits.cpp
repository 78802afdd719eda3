#include "recert/credits.hpp"

#include <algorithm>
#include <cmath>

namespace recert {

CreditParse parse_credits(std::string_view s) {
    if (s.empty()) return {std::nullopt, "an empty value"};
    Centi whole = 0;
    std::size_t i = 0;
    bool digits = false;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
        whole = whole * 10 + (s[i] - '0');
        digits = true;
        if (whole * 100 > kMaxCredits) return {std::nullopt, "more than 1000000 credits"};
    }
    Centi frac = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        int n = 0;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++n) {
            if (n >= 2) return {std::nullopt, "more than two decimal places"};
            frac = frac * 10 + (s[i] - '0');
            digits = true;
        }
        if (n == 1) frac *= 10;
    }
    if (!digits || i != s.size()) {
        if (!s.empty() && s[0] == '-') return {std::nullopt, "a negative number"};
        return {std::nullopt, "not a decimal number"};
    }
    if (whole * 100 + frac > kMaxCredits) return {std::nullopt, "more than 1000000 credits"};
    return {whole * 100 + frac, ""};
}

CreditParse credits_from_double(double v) {
    if (!std::isfinite(v)) return {std::nullopt, "not a finite number"};
    if (v < 0 && v != 0.0) return {std::nullopt, "a negative number"};
    if (v * 100 > static_cast<double>(kMaxCredits))
        return {std::nullopt, "more than 1000000 credits"};
    const double scaled = v * 100.0;
    const double rounded = std::round(scaled);
    if (std::fabs(scaled - rounded) > 1e-6) return {std::nullopt, "more than two decimal places"};
    return {static_cast<Centi>(rounded), ""};
}

std::size_t format_credits_to(Centi c, char* out) {
    std::size_t n = 0;
    if (c < 0) {
        out[n++] = '-';
    }
    // whole part, most significant digit first (the magnitude as unsigned: no overflow)
    const std::uint64_t magnitude =
        c < 0 ? 0 - static_cast<std::uint64_t>(c) : static_cast<std::uint64_t>(c);
    std::uint64_t whole = magnitude / 100;
    char digits[20];
    std::size_t d = 0;
    do {
        digits[d++] = static_cast<char>('0' + whole % 10);
        whole /= 10;
    } while (whole != 0);
    while (d > 0) out[n++] = digits[--d];
    const auto frac = static_cast<unsigned>(magnitude % 100);
    if (frac != 0) {
        out[n++] = '.';
        out[n++] = static_cast<char>('0' + frac / 10);
        if (frac % 10 != 0) out[n++] = static_cast<char>('0' + frac % 10);
    }
    return n;
}

bool is_formatted_credits(std::string_view text) {
    return !text.empty() && text.size() <= 9 && (text[0] != '0' || text.size() == 1) &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string format_credits(Centi c) {
    char buf[24];
    return std::string(buf, format_credits_to(c, buf));
}

double credits_to_double(Centi c) {
    return static_cast<double>(c) / 100.0;
}

} // namespace recert
