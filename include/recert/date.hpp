// Calendar dates: strict ISO parsing, formatting and the one year-arithmetic helper.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recert {

// A calendar date, stored as days since 1970-01-01 (proleptic Gregorian).
struct Date {
    std::int32_t days = 0;
    auto operator<=>(const Date&) const = default;
};

// Builds a date from year, month, day; nullopt when it is not a real day or the year is outside
// 1..9999.
std::optional<Date> make_date(int y, unsigned m, unsigned d);

// Strict `YYYY-MM-DD`: zero-padded, a real day, nothing before or after.
std::optional<Date> parse_iso_date(std::string_view text);

// A date in a strftime-like format (`%m/%d/%Y`, `%d.%m.%Y`, `%b %d, %Y` ...) through date's parse,
// for import mappings; the whole text must match.
// Only date fields are supported (%Y %y %m %d %e %b %B %h %j, %% and literal text, at least one
// field): date::parse has undefined behaviour on some time, offset and width specifiers (found by
// fuzzing), so any other format is refused.
bool date_format_supported(std::string_view format);
std::optional<Date> parse_date_with_format(const std::string& text, const std::string& format);

// `YYYY-MM-DD`.
std::string format_date(Date d);
// The same ten characters into a buffer (no allocation), for hashing.
void format_date_to(Date d, char (&out)[10]);

// Year, month and day of a date.
struct Ymd {
    int year;
    unsigned month;
    unsigned day;
};
Ymd to_ymd(Date d);

// Adds whole years keeping month and day; Feb 29 lands on Feb 28 when the target year is not a
// leap year. This is the only place where years are added.
Date add_years(Date d, int years);
// Adds whole months keeping the day; a day the target month lacks becomes its last day.
Date add_months(Date d, int months);

inline Date add_days(Date d, int n) {
    return Date{d.days + n};
}

// b - a in days.
inline int days_between(Date a, Date b) {
    return b.days - a.days;
}

} // namespace recert
