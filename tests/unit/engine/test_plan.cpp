// Course planning: the catalog loader and the exact course choice (checked against brute force).
#include "input/csv.hpp"
#include "recert/plan.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

using namespace recert;

namespace {

std::vector<Course> catalog(std::string_view csv, Diagnostics* errors = nullptr) {
    CsvReader reader(csv);
    auto res = load_catalog(reader, "catalog.csv");
    if (errors) *errors = res.errors;
    return res.value.value_or(std::vector<Course>{});
}

// The best choice by trying every subset: (price or credits, count), need reached.
std::pair<Centi, int> brute_force(const std::vector<Course>& c, Centi need, bool priced) {
    std::pair<Centi, int> best{std::numeric_limits<Centi>::max(), 0};
    for (std::uint32_t mask = 0; mask < (1u << c.size()); ++mask) {
        Centi credits = 0, cost = 0;
        int count = 0;
        for (std::size_t i = 0; i < c.size(); ++i)
            if (mask & (1u << i)) {
                credits += c[i].credits;
                cost += priced ? *c[i].price : c[i].credits;
                ++count;
            }
        if (credits >= need && std::make_pair(cost, count) < best) best = {cost, count};
    }
    return best;
}

} // namespace

TEST_CASE("A catalog reads code, title, credits, price and days in any column order",
          "[plan][catalog]") {
    auto c = catalog("days,credits,code,title,price\n5,40,ENARSI,\"Routing, advanced\",3895.50\n");
    REQUIRE(c.size() == 1);
    CHECK(c[0].code == "ENARSI");
    CHECK(c[0].title == "Routing, advanced");
    CHECK(c[0].credits == 4000);
    CHECK(c[0].price == 389550);
    CHECK(c[0].days == 5);
}

TEST_CASE("Catalog errors name the line and column of the bad cell", "[plan][catalog]") {
    Diagnostics errors;
    catalog("code,title,credits,price\nA,a,ten,5\nB,b,5,$9\n", &errors);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].line == 2);
    CHECK(errors[0].column == 5);
    CHECK(errors[1].line == 3);
    CHECK(errors[1].column == 7);
    catalog("code,credits\nA,5\n", &errors);
    REQUIRE(errors.size() == 1); // no title column
    catalog("code,title,credits,price\nA,a,5,10\nB,b,5,\n", &errors);
    REQUIRE(errors.size() == 1); // prices for some courses only
}

TEST_CASE("The cheapest cover is found exactly where greedy by price per credit fails",
          "[plan][choice]") {
    // greedy by price per credit takes A (1.0/credit) then needs B or C; the best is B + C
    auto c = catalog("code,title,credits,price\nA,a,50,50\nB,b,30,36\nC,c,30,36\n");
    auto choice = choose_courses(c, std::vector<bool>(c.size(), true), 6000);
    REQUIRE(choice.covered);
    CHECK(choice.price == 7200);
    CHECK(choice.credits == 6000);
    CHECK(choice.courses == std::vector<std::size_t>{1, 2});
}

TEST_CASE("Without prices the cover with the fewest credits wins, then the fewest courses",
          "[plan][choice]") {
    auto c = catalog("code,title,credits\nA,a,40\nB,b,20\nC,c,20\nD,d,45\n");
    auto choice = choose_courses(c, std::vector<bool>(c.size(), true), 4000);
    REQUIRE(choice.covered);
    CHECK(choice.credits == 4000);
    CHECK(choice.courses == std::vector<std::size_t>{0}); // 40 alone beats 20 + 20
    CHECK(!choice.price);
}

TEST_CASE("Courses left out by the caller are never chosen", "[plan][choice]") {
    auto c = catalog("code,title,credits,price\nA,a,40,10\nB,b,40,500\n");
    auto choice = choose_courses(c, {false, true}, 3000);
    CHECK(choice.courses == std::vector<std::size_t>{1});
}

TEST_CASE("A catalog that cannot cover the need says so", "[plan][choice]") {
    auto c = catalog("code,title,credits,price\nA,a,10,10\nB,b,10,10\n");
    auto choice = choose_courses(c, std::vector<bool>(c.size(), true), 3000);
    CHECK_FALSE(choice.covered);
    CHECK(choice.courses.empty());
    CHECK(choose_courses(c, std::vector<bool>(c.size(), true), 0).covered); // nothing needed
}

TEST_CASE("The exact choice matches brute force on random catalogs", "[plan][choice]") {
    std::uint64_t seed = 12345;
    auto next = [&] {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<unsigned>(seed >> 33);
    };
    for (int round = 0; round < 200; ++round) {
        const bool priced = round % 2 == 0;
        std::vector<Course> c;
        const std::size_t n = 1 + next() % 12;
        for (std::size_t i = 0; i < n; ++i) {
            Course k;
            k.code = "C" + std::to_string(i);
            k.credits = static_cast<Centi>(1 + next() % 64) *
                        (next() % 4 == 0 ? 25 : 100); // some quarter credits
            if (priced) k.price = static_cast<Centi>(next() % 500000);
            c.push_back(k);
        }
        const Centi need = static_cast<Centi>(1 + next() % 150) * 100;
        const auto expected = brute_force(c, need, priced);
        const auto choice = choose_courses(c, std::vector<bool>(n, true), need);
        INFO("round " << round << ", need " << need);
        if (expected.first == std::numeric_limits<Centi>::max()) {
            CHECK_FALSE(choice.covered);
            continue;
        }
        REQUIRE(choice.covered);
        CHECK(choice.credits >= need);
        const Centi cost = priced ? *choice.price : choice.credits;
        CHECK(std::make_pair(cost, static_cast<int>(choice.courses.size())) == expected);
    }
}
