#include "recert/date.hpp"

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
