#include "recert/date.hpp"
#include <date/date.h>

#include <catch2/catch.hpp>

using namespace recert;

TEST_CASE("ISO dates are parsed strictly", "[date]") {
    CHECK(parse_iso_date("2024-02-29"));
    CHECK(!parse_iso_date("2023-02-29"));
    CHECK(!parse_iso_date("2024-02-30"));
    CHECK(!parse_iso_date("2024-1-5"));
    CHECK(!parse_iso_date("2024-01-15x"));
    CHECK(!parse_iso_date(" 2024-01-15"));
    CHECK(!parse_iso_date("0000-01-01"));
    CHECK(!parse_iso_date("2024-13-01"));
    CHECK(!parse_iso_date("2024-00-10"));
    CHECK(!parse_iso_date("+024-01-10"));
    CHECK(!parse_iso_date(""));
    CHECK(parse_iso_date("9999-12-31"));
    CHECK(parse_iso_date("0001-01-01"));
}

namespace {
// The plain reading of YYYY-MM-DD, byte by byte, that parse_iso_date's word-at-a-time reading
// must agree with.
std::optional<Date> parse_plainly(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    auto n = [&](std::size_t i, std::size_t len) {
        int v = 0;
        for (std::size_t k = i; k < i + len; ++k) v = v * 10 + (s[k] - '0');
        return v;
    };
    return make_date(n(0, 4), static_cast<unsigned>(n(5, 2)), static_cast<unsigned>(n(8, 2)));
}
} // namespace

TEST_CASE("ISO dates read a word at a time agree with a byte-by-byte reading", "[date]") {
    // every day of years 1-9999 reads back as itself
    std::int32_t wrong = 0;
    for (std::int32_t d = make_date(1, 1, 1)->days; d <= make_date(9999, 12, 31)->days; ++d) {
        const auto back = parse_iso_date(format_date(Date{d}));
        if (!back || back->days != d) ++wrong;
    }
    CHECK(wrong == 0);
    // and near-dates, each byte replaced by bytes around digits and dashes, agree
    std::int32_t differ = 0, tried = 0;
    std::string bytes = "0123456789-/:+ .\x80\xB0\xCA\xCF\xFF"; // \xCA, \xCF: + 6 carries
    bytes += '\0';
    for (const char* base :
         {"2024-02-29", "2023-02-28", "0001-01-01", "9999-12-31", "1970-10-19"}) {
        for (std::size_t i = 0; i < 10; ++i)
            for (char b : bytes)
                for (std::size_t j = 0; j < 10; ++j)
                    for (char c : {'0', '9', '-', '\x80'}) {
                        std::string s = base;
                        s[i] = b;
                        s[j] = c;
                        const auto want = parse_plainly(s), got = parse_iso_date(s);
                        ++tried;
                        if (want.has_value() != got.has_value() ||
                            (want && want->days != got->days))
                            ++differ;
                    }
    }
    CHECK(tried > 10000);
    CHECK(differ == 0);
}

TEST_CASE("Dates format back to the same text", "[date]") {
    for (const char* s : {"2024-02-29", "1999-12-31", "0001-01-01", "9999-12-31", "1970-01-01"})
        CHECK(format_date(*parse_iso_date(s)) == s);
}

TEST_CASE("Feb 29 plus years lands on Feb 28 in a common year", "[date]") {
    CHECK(format_date(add_years(*parse_iso_date("2024-02-29"), 3)) == "2027-02-28");
    CHECK(format_date(add_years(*parse_iso_date("2024-02-29"), 4)) == "2028-02-29");
    CHECK(format_date(add_years(*parse_iso_date("2023-03-10"), 3)) == "2026-03-10");
}

TEST_CASE("Day arithmetic crosses months and years", "[date]") {
    const Date d = *parse_iso_date("2024-12-31");
    CHECK(format_date(add_days(d, 1)) == "2025-01-01");
    CHECK(days_between(*parse_iso_date("2024-01-01"), *parse_iso_date("2025-01-01")) == 366);
}

TEST_CASE("make_date's arithmetic agrees with the date library on every day of years 1-9999",
          "[date]") {
    std::int32_t mismatches = 0, rejected_wrongly = 0;
    for (int y = 1; y <= 9999; ++y)
        for (unsigned m = 1; m <= 13; ++m)
            for (unsigned d = 0; d <= 32; ++d) {
                const ::date::year_month_day ymd{::date::year{y}, ::date::month{m}, ::date::day{d}};
                const auto mine = recert::make_date(y, m, d);
                if (!ymd.ok()) {
                    if (mine) ++rejected_wrongly;
                    continue;
                }
                const auto want =
                    static_cast<std::int32_t>(::date::sys_days{ymd}.time_since_epoch().count());
                if (!mine || mine->days != want) ++mismatches;
            }
    CHECK(mismatches == 0);
    CHECK(rejected_wrongly == 0);
    CHECK_FALSE(recert::make_date(0, 1, 1));
    CHECK_FALSE(recert::make_date(10000, 1, 1));
    CHECK(recert::make_date(1970, 1, 1)->days == 0);
    CHECK(recert::make_date(2024, 2, 29));
    CHECK_FALSE(recert::make_date(2100, 2, 29));
    CHECK(recert::make_date(2000, 2, 29));
}

TEST_CASE("parse_iso_date reads every day back and refuses a non-digit in any place", "[date]") {
    for (std::int32_t day = recert::make_date(1999, 1, 1)->days;
         day <= recert::make_date(2031, 12, 31)->days; ++day) {
        const std::string text = recert::format_date(recert::Date{day});
        const auto back = recert::parse_iso_date(text);
        REQUIRE(back);
        REQUIRE(back->days == day);
    }
    for (std::size_t at : {0, 1, 2, 3, 5, 6, 8, 9})
        for (char bad : {'/', ':', 'a', ' ', '-'}) {
            std::string text = "2024-09-06";
            text[at] = bad;
            INFO(text);
            CHECK_FALSE(recert::parse_iso_date(text));
        }
    CHECK(recert::parse_iso_date("2024-09-06"));
    CHECK(recert::parse_iso_date("9899-12-31"));
    CHECK_FALSE(recert::parse_iso_date("2024-9-06"));
}
