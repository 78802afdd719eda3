#include "recert/plan.hpp"
#include "input/csv.hpp"

#include "recert/rules.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>

namespace recert {

Result<std::vector<Course>> load_catalog(CsvReader& reader, const std::string& file) {
    Result<std::vector<Course>> res;
    auto error = [&](int line, int column, std::string message) {
        res.errors.push_back(Diagnostic{file, line, column, "", std::move(message), ""});
    };
    CsvRecord rec;
    if (!reader.next(rec)) {
        error(1, 1, "the catalog is empty; expected a header code,title,credits[,price][,days]");
        return res;
    }
    enum { kCode, kTitle, kCredits, kPrice, kDays, kCount };
    const std::array<const char*, kCount> names{"code", "title", "credits", "price", "days"};
    std::array<int, kCount> col;
    col.fill(-1);
    for (std::size_t c = 0; c < rec.size(); ++c)
        for (std::size_t n = 0; n < names.size(); ++n)
            if (lower(rec[c]) == names[n]) col[n] = static_cast<int>(c);
    for (int n : {kCode, kTitle, kCredits})
        if (col[static_cast<std::size_t>(n)] < 0)
            error(rec.line, 1,
                  std::string("no \"") + names[static_cast<std::size_t>(n)] +
                      "\" column; expected a header code,title,credits[,price][,days]");
    if (!res.errors.empty()) return res;
    std::vector<Course> courses;
    int priced = 0, unpriced = 0;
    while (reader.next(rec)) {
        auto cell = [&](int n) -> const CsvField* {
            const int c = col[static_cast<std::size_t>(n)];
            return c >= 0 && static_cast<std::size_t>(c) < rec.size()
                       ? &rec.fields[static_cast<std::size_t>(c)]
                       : nullptr;
        };
        Course course;
        bool ok = true;
        if (const CsvField* f = cell(kCode); f && !f->value.empty())
            course.code = f->value;
        else {
            error(rec.line, 1, "a course without a code");
            ok = false;
        }
        if (const CsvField* f = cell(kTitle)) course.title = f->value;
        if (const CsvField* f = cell(kCredits)) {
            auto p = parse_credits(f->value);
            if (!p.value || *p.value == 0) {
                error(f->line, f->column,
                      "invalid credits \"" + f->value + "\" (" + (p.value ? "zero" : p.error) +
                          "): expected a number > 0 with at most two decimal places");
                ok = false;
            } else {
                course.credits = *p.value;
            }
        } else {
            error(rec.line, 1, "a course without credits");
            ok = false;
        }
        if (const CsvField* f = cell(kPrice); f && !f->value.empty()) {
            auto p = parse_credits(f->value); // the same exact decimal, in hundredths
            if (!p.value) {
                error(f->line, f->column,
                      "invalid price \"" + f->value + "\" (" + p.error +
                          "): expected a number >= 0 with at most two decimal places, no currency "
                          "sign");
                ok = false;
            } else {
                course.price = *p.value;
            }
        }
        if (const CsvField* f = cell(kDays); f && !f->value.empty()) {
            const bool digits =
                f->value.size() <= 5 && std::all_of(f->value.begin(), f->value.end(),
                                                    [](char ch) { return ch >= '0' && ch <= '9'; });
            if (!digits) {
                error(f->line, f->column,
                      "invalid days \"" + f->value + "\": expected a whole number of days");
                ok = false;
            } else {
                course.days = std::stoi(f->value);
            }
        }
        if (!ok) continue;
        (course.price ? priced : unpriced) += 1;
        courses.push_back(std::move(course));
    }
    for (const auto& e : reader.errors()) error(e.line, e.column, e.message);
    if (priced > 0 && unpriced > 0)
        error(1, 1,
              "some courses have a price and " + std::to_string(unpriced) +
                  " do not: give every course a price, or none");
    if (res.errors.empty()) res.value = std::move(courses);
    return res;
}

CourseChoice choose_courses(const std::vector<Course>& catalog, const std::vector<bool>& usable,
                            Centi need) {
    CourseChoice out;
    std::vector<std::size_t> items;
    Centi all = 0, max_credits = 0;
    for (std::size_t i = 0; i < catalog.size(); ++i)
        if (usable[i] && catalog[i].credits > 0) {
            items.push_back(i);
            all += catalog[i].credits;
            max_credits = std::max(max_credits, catalog[i].credits);
        }
    if (need <= 0) {
        out.covered = true;
        return out;
    }
    if (all < need) return out; // not even everything is enough
    const bool priced =
        std::any_of(items.begin(), items.end(), [&](std::size_t i) { return catalog[i].price; });
    // Work in units of the credits' greatest common divisor (whole credits: 100 hundredths).
    Centi unit = 0;
    for (std::size_t i : items) unit = std::gcd(unit, catalog[i].credits);
    auto units = [&](Centi c) { return static_cast<std::size_t>((c + unit - 1) / unit); };
    // An optimal set stops as soon as it reaches the need, so its total is below need + max.
    const std::size_t cap = units(need) + units(max_credits) - 1;
    if (static_cast<double>(cap + 1) * static_cast<double>(items.size()) > 2e8) {
        out.too_large = true;
        return out;
    }
    struct Best {
        Centi cost = std::numeric_limits<Centi>::max();
        int count = 0;
        bool operator<(const Best& o) const {
            return cost != o.cost ? cost < o.cost : count < o.count;
        }
    };
    std::vector<Best> best(cap + 1);
    best[0] = Best{0, 0};
    std::vector<std::vector<char>> took(items.size(), std::vector<char>(cap + 1, 0));
    for (std::size_t k = 0; k < items.size(); ++k) {
        const Course& c = catalog[items[k]];
        const std::size_t w = units(c.credits);
        const Centi cost = priced ? *c.price : c.credits;
        for (std::size_t s = cap; s >= w; --s) {
            if (best[s - w].cost == std::numeric_limits<Centi>::max()) continue;
            const Best cand{best[s - w].cost + cost, best[s - w].count + 1};
            if (cand < best[s]) {
                best[s] = cand;
                took[k][s] = 1;
            }
            if (s == w) break;
        }
    }
    std::size_t at = cap + 1;
    for (std::size_t s = units(need); s <= cap; ++s)
        if (best[s].cost != std::numeric_limits<Centi>::max() && (at > cap || best[s] < best[at]))
            at = s;
    if (at > cap) return out;
    out.covered = true;
    for (std::size_t k = items.size(); k-- > 0;) {
        if (!took[k][at]) continue;
        out.courses.push_back(items[k]);
        at -= units(catalog[items[k]].credits);
    }
    std::reverse(out.courses.begin(), out.courses.end());
    for (std::size_t i : out.courses) {
        out.credits += catalog[i].credits;
        if (catalog[i].price) out.price = out.price.value_or(0) + *catalog[i].price;
    }
    return out;
}

} // namespace recert
