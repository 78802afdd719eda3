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
