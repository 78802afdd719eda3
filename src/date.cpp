#include "recert/date.hpp"

#include <date/date.h>

#include <algorithm>
#include <cstdio>

namespace recert {

namespace {
date::sys_days to_sys(Date d) {
    return date::sys_days{date::days{d.days}};
}
Date from_sys(date::sys_days s) {
    return Date{static_cast<std::int32_t>(s.time_since_epoch().count())};
}
} // namespace

namespace {
constexpr bool leap_year(int y) {
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}
} // namespace

std::optional<Date> make_date(int y, unsigned m, unsigned d) {
    // plain arithmetic (dates are read by the million): days before the year since 0001-01-01,
    // then before the month, then the day; 1970-01-01 is day 719162 of that count
    static constexpr int kBeforeMonth[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    static constexpr unsigned kMonthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return std::nullopt;
    const bool leap = leap_year(y);
    if (d > kMonthDays[m - 1] + (m == 2 && leap ? 1u : 0u)) return std::nullopt;
    const int before = y - 1;
    const int days = 365 * before + before / 4 - before / 100 + before / 400 + kBeforeMonth[m - 1] +
                     (m > 2 && leap ? 1 : 0) + static_cast<int>(d) - 1;
    return Date{days - 719162};
}

std::optional<Date> parse_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto digit = [&s](std::size_t i) {
        return static_cast<unsigned>(static_cast<unsigned char>(s[i])) - '0';
    };
    const unsigned v0 = digit(0), v1 = digit(1), v2 = digit(2), v3 = digit(3), v5 = digit(5),
                   v6 = digit(6), v8 = digit(8), v9 = digit(9);
    // a byte below '0' wraps around to a large value: one comparison per digit covers both sides
    if (std::max({v0, v1, v2, v3, v5, v6, v8, v9}) > 9) return std::nullopt;
    return make_date(static_cast<int>(v0 * 1000 + v1 * 100 + v2 * 10 + v3), v5 * 10 + v6,
                     v8 * 10 + v9);
}

Ymd to_ymd(Date d) {
    const date::year_month_day ymd{to_sys(d)};
    return Ymd{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
               static_cast<unsigned>(ymd.day())};
}

std::string format_date(Date d) {
    char buf[10];
    format_date_to(d, buf);
    return std::string(buf, sizeof buf);
}

void format_date_to(Date d, char (&out)[10]) {
    const Ymd v = to_ymd(d);
    out[4] = out[7] = '-';
    const unsigned y = static_cast<unsigned>(v.year);
    out[0] = static_cast<char>('0' + y / 1000 % 10);
    out[1] = static_cast<char>('0' + y / 100 % 10);
    out[2] = static_cast<char>('0' + y / 10 % 10);
    out[3] = static_cast<char>('0' + y % 10);
    out[5] = static_cast<char>('0' + v.month / 10);
    out[6] = static_cast<char>('0' + v.month % 10);
    out[8] = static_cast<char>('0' + v.day / 10);
    out[9] = static_cast<char>('0' + v.day % 10);
}

Date add_years(Date d, int years) {
    const date::year_month_day ymd{to_sys(d)};
    date::year_month_day target = ymd + date::years{years};
    if (!target.ok()) // only Feb 29 in a common year
        target = date::year_month_day{
            date::year_month_day_last{target.year(), date::month_day_last{target.month()}}};
    return from_sys(date::sys_days{target});
}

Date add_months(Date d, int months) {
    const date::year_month_day ymd{to_sys(d)};
    date::year_month_day target = ymd + date::months{months};
    if (!target.ok()) // the 29th to 31st of a shorter month
        target = date::year_month_day{
            date::year_month_day_last{target.year(), date::month_day_last{target.month()}}};
    return from_sys(date::sys_days{target});
}

} // namespace recert
