#include "recert/credits.hpp"

#include <catch2/catch.hpp>

using namespace recert;

TEST_CASE("Credits are exact hundredths", "[credits]") {
    CHECK(parse_credits("40").value == 4000);
    CHECK(parse_credits("12.5").value == 1250);
    CHECK(parse_credits("0.25").value == 25);
    CHECK(parse_credits(".5").value == 50);
    CHECK(parse_credits("3.").value == 300);
    CHECK(!parse_credits("3.141").value);
    CHECK(!parse_credits("-1").value);
    CHECK(parse_credits("-1").error == "a negative number");
    CHECK(!parse_credits("1e3").value);
    CHECK(!parse_credits("").value);
    CHECK(!parse_credits("abc").value);
    CHECK(!parse_credits("99999999999").value);
}

TEST_CASE("JSON numbers convert exactly or are refused", "[credits]") {
    CHECK(credits_from_double(0.1).value == 10);
    CHECK(credits_from_double(12.25).value == 1225);
    CHECK(credits_from_double(-0.0).value == 0);
    CHECK(!credits_from_double(3.14159).value);
    CHECK(!credits_from_double(1e308).value);
    CHECK(!credits_from_double(-2).value);
}

TEST_CASE("Credits format without trailing zeros", "[credits]") {
    CHECK(format_credits(4000) == "40");
    CHECK(format_credits(1250) == "12.5");
    CHECK(format_credits(25) == "0.25");
    CHECK(format_credits(5) == "0.05");
    CHECK(format_credits(0) == "0");
}

TEST_CASE("Summing hundredths has no binary rounding error", "[credits]") {
    Centi sum = 0;
    for (int i = 0; i < 10; ++i) sum += *parse_credits("0.1").value;
    CHECK(sum == 100);
}

TEST_CASE("format_credits_to writes what the plain formatting writes", "[credits]") {
    // the plain form: whole part by std::to_string, then up to two fractional digits
    auto plain = [](Centi c) {
        std::string out = std::to_string(c / 100);
        if (const Centi frac = c % 100; frac != 0) {
            out += '.';
            out += static_cast<char>('0' + frac / 10);
            if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
        }
        return out;
    };
    std::size_t differ = 0;
    for (Centi c = 0; c < 200000; ++c) {
        char buf[24];
        if (std::string(buf, format_credits_to(c, buf)) != plain(c)) ++differ;
    }
    CHECK(differ == 0);
    for (Centi c : {Centi{999999999}, Centi{100000000000}, Centi{123456789012345}}) {
        char buf[24];
        CHECK(std::string(buf, format_credits_to(c, buf)) == plain(c));
    }
    CHECK(format_credits(205) == "2.05");
}
