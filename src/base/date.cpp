#include "recert/date.hpp"

#include <date/date.h>

#include <cstdint>
#include <cstdio>
#include <cstring>

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
    if (s.size() != 10) return std::nullopt;
    // all ten bytes checked and converted at once, as two words (two dates per row of a team's
    // file): the dashes are cleared by the XOR with "0000-00-00", which leaves each digit's
    // value in its byte; a byte is a digit when its high nibble is then 0 and adding 6 to it
    // does not carry into the high nibble
    std::uint64_t head; // "YYYY-MM-", the first byte lowest
    std::uint16_t tail; // "DD"
    std::memcpy(&head, s.data(), 8);
    std::memcpy(&tail, s.data() + 8, 2);
    const std::uint64_t x = head ^ 0x2D30302D30303030ULL; // '0' at digits, '-' at bytes 4 and 7
    const std::uint32_t t = tail ^ 0x3030u;
    if ((x & 0xF0F0F0F0F0F0F0F0ULL) != 0 || ((x + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) ||
        (t & 0xF0F0u) != 0 || ((t + 0x0606u) & 0xF0F0u) != 0 || (x >> 32 & 0xFF) != 0 ||
        (x >> 56) != 0)
        return std::nullopt;
    const auto byte = [x](int i) { return static_cast<unsigned>(x >> (8 * i) & 0xFF); };
    const int year = static_cast<int>(byte(0) * 1000 + byte(1) * 100 + byte(2) * 10 + byte(3));
    return make_date(year, byte(5) * 10 + byte(6), (t & 0xFF) * 10 + (t >> 8));
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
