#include "recert/date.hpp"

#include <date/date.h>

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

std::optional<Date> make_date(int y, unsigned m, unsigned d) {
    if (y < 1 || y > 9999) return std::nullopt;
    const date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
    if (!ymd.ok()) return std::nullopt;
    return from_sys(date::sys_days{ymd});
}

std::optional<Date> parse_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int fields[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (std::size_t f = 0; f < 3; ++f) {
        for (std::size_t i = 0; i < lengths[f]; ++i) {
            const char c = s[starts[f] + i];
            if (c < '0' || c > '9') return std::nullopt;
            fields[f] = fields[f] * 10 + (c - '0');
        }
    }
    return make_date(fields[0], static_cast<unsigned>(fields[1]), static_cast<unsigned>(fields[2]));
}

Ymd to_ymd(Date d) {
    const date::year_month_day ymd{to_sys(d)};
    return Ymd{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
               static_cast<unsigned>(ymd.day())};
}

std::string format_date(Date d) {
    const Ymd v = to_ymd(d);
    std::string out = "0000-00-00";
    const unsigned y = static_cast<unsigned>(v.year);
    out[0] = static_cast<char>('0' + y / 1000 % 10);
    out[1] = static_cast<char>('0' + y / 100 % 10);
    out[2] = static_cast<char>('0' + y / 10 % 10);
    out[3] = static_cast<char>('0' + y % 10);
    out[5] = static_cast<char>('0' + v.month / 10);
    out[6] = static_cast<char>('0' + v.month % 10);
    out[8] = static_cast<char>('0' + v.day / 10);
    out[9] = static_cast<char>('0' + v.day % 10);
    return out;
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
