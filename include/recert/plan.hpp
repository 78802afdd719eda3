// Planning: a course catalog and the exact choice of courses that covers missing credits.
#pragma once

#include "recert/credits.hpp"
#include "recert/diagnostic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace recert {

class CsvReader;

struct Course {
    std::string code;
    std::string title;
    Centi credits = 0;
    std::optional<Centi> price; // hundredths of the currency unit
    std::optional<int> days;    // how long it takes
};

// A catalog CSV: header `code,title,credits[,price][,days]` (any order, any case). Prices are
// given for every course or for none. Every problem is reported with its line and column.
Result<std::vector<Course>> load_catalog(CsvReader& reader, const std::string& file);

struct CourseChoice {
    std::vector<std::size_t> courses; // indices into the catalog, in catalog order
    Centi credits = 0;
    std::optional<Centi> price;
    bool covered = false;   // false when even the whole catalog does not reach the need
    bool too_large = false; // the exact search would need too much memory (not chosen)
};

// The set of courses whose credits add up to at least `need` with the lowest total price (or,
// without prices, the lowest total credits), fewest courses on ties; each course at most once.
// Exact (0/1 knapsack over credit totals), not greedy. `usable[i]` false leaves course i out.
CourseChoice choose_courses(const std::vector<Course>& catalog, const std::vector<bool>& usable,
                            Centi need);

} // namespace recert
