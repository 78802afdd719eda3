// Dates: strict ISO parsing, with properties that abort on violation:
//  - when parse_iso_date accepts a text, format_date gives the same text back;
//  - add_years always gives a valid date with the same month, and the same day except
//    Feb 29 -> Feb 28; adding then subtracting gives back the date unless it was Feb 29;
//  - parse_date_with_format (mappings' date_format) must not crash: the first line of the input is
//    the format, the rest the text.
#include "fuzz_common.hpp"
#include "recert/date.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace recert;

namespace {

void check_valid(Date d, const char* what) {
    const Ymd v = to_ymd(d);
    const auto again = make_date(v.year, v.month, v.day);
    if (!again || again->days != d.days) fuzz::fail(what);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 4096) return -1;
    const std::string_view text = fuzz::as_text(data, size);

    // The whole input, and its first 10 bytes, as an ISO date.
    for (const std::string_view candidate : {text, text.substr(0, 10)}) {
        const auto d = parse_iso_date(candidate);
        if (!d) continue;
        if (format_date(*d) != candidate) fuzz::fail("format_date(parse_iso_date(s)) != s");
        check_valid(*d, "parse_iso_date gave an invalid date");
        const Ymd v = to_ymd(*d);
        // Years to add: from the bytes after the date, kept inside 1..9999.
        std::uint32_t raw = 0;
        for (std::size_t i = 10; i < size && i < 14; ++i) raw = raw * 256u + data[i];
        const int target = 1 + static_cast<int>(raw % 9999u);
        const int years = target - v.year;
        const Date later = add_years(*d, years);
        check_valid(later, "add_years gave an invalid date");
        const Ymd w = to_ymd(later);
        if (w.year != v.year + years || w.month != v.month)
            fuzz::fail("add_years: wrong year or month");
        const bool feb29 = v.month == 2 && v.day == 29;
        if (w.day != v.day && !(feb29 && w.day == 28)) fuzz::fail("add_years: wrong day");
        if (!feb29 && add_years(later, -years) != *d) fuzz::fail("add_years is not reversible");
        if (format_date(later).size() != 10) fuzz::fail("format_date not 10 characters");
    }

    // A date_format and a text.
    const std::size_t nl = text.find('\n');
    if (nl != std::string_view::npos) {
        const std::string format(text.substr(0, nl));
        const std::string value(text.substr(nl + 1));
        if (const auto d = parse_date_with_format(value, format)) {
            const Ymd v = to_ymd(*d);
            if (v.year < 1 || v.year > 9999) return 0; // not promised for formats
            check_valid(*d, "parse_date_with_format gave an invalid date");
        }
    }
    return 0;
}
