// Evaluating a team (engine/schedule.cpp): holders grouped, their records gathered from the table
// and replayed a chunk at a time on several threads. Whatever the thread count, and whether the
// reports reach a sink or are formatted by the threads, the result is what each holder evaluated
// alone gives, in holder-name order.
#include "../helpers.hpp"

#include "engine/team.hpp"
#include "recert/render.hpp"
#include "table/activity_table.hpp"

#include <algorithm>
#include <map>
#include <random>

using namespace recert;

namespace {

// A team ledger of `holders` holders (more than one chunk of 256), their certifications listed in
// a shuffled holder order unless `sorted`, with CE claims of every status, late claims, exams and
// activities of people who hold nothing.
std::string team_json(int holders, bool sorted, unsigned seed) {
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    auto day = [&](int from_year, int years) {
        return add_days(test::d("2018-01-01"), (from_year - 2018) * 365 + pick(365 * years));
    };
    const char* certs[] = {"ccna", "ccnp-enterprise", "ccie-enterprise-infrastructure",
                           "ccnp-security", "devnet-associate"};
    const char* statuses[] = {"approved", "approved", "pending", "unclaimed", "rejected"};
    std::vector<int> order(static_cast<std::size_t>(holders));
    for (int i = 0; i < holders; ++i) order[static_cast<std::size_t>(i)] = i;
    if (!sorted) std::shuffle(order.begin(), order.end(), rng);
    auto name = [](int i) {
        std::string n = std::to_string(i);
        return "H" + std::string(5 - n.size(), '0') + n;
    };
    std::string c, a;
    for (int i : order) {
        const int held = 1 + pick(3);
        for (int k = 0; k < held; ++k) {
            if (!c.empty()) c += ",\n";
            c += R"({"holder": ")" + name(i) + R"(", "id": ")" + certs[pick(5)] +
                 R"(", "earned": ")" + format_date(day(2018 + k * 2, 2)) + "\"}";
        }
    }
    for (int i = 0; i < holders + 40; ++i) { // the last 40 hold nothing
        for (int k = pick(9); k > 0; --k) {
            if (!a.empty()) a += ",\n";
            const Date when = day(2018, 9);
            if (pick(6) == 0) {
                a += R"({"holder": ")" + name(i) + R"(", "date": ")" + format_date(when) +
                     R"(", "kind": "exam", "exam": "300-410"})";
                continue;
            }
            a += R"({"holder": ")" + name(i) + R"(", "date": ")" + format_date(when) +
                 R"(", "credits": )" + std::to_string(1 + pick(40)) + R"(, "status": ")" +
                 statuses[pick(5)] + "\"";
            if (pick(8) == 0) a += R"(, "submitted": ")" + format_date(add_days(when, 400)) + "\"";
            a += "}";
        }
    }
    return R"({"schema": "recert-ledger/1", "holder": "me", "certifications": [)" + c +
           R"(], "activities": [)" + a + "]}";
}

Ledger load(const std::string& text) {
    auto res = load_ledger(text, "team.json", test::cisco());
    REQUIRE(res.ok());
    return std::move(*res.value);
}

// Each holder's reports from a ledger of that holder alone, in holder-name order.
std::vector<CertReport> holder_by_holder(const Ledger& team, const EvalOptions& options) {
    std::map<std::string, Ledger> alone;
    for (const auto& h : team.certifications) alone[h.holder].certifications.push_back(h);
    for (const auto& a : team.activities)
        if (auto it = alone.find(a.holder); it != alone.end()) it->second.activities.push_back(a);
    std::vector<CertReport> out;
    for (auto& [name, ledger] : alone) {
        EvalOptions one = options;
        one.threads = 1;
        Report r = evaluate(test::cisco(), ledger, one);
        for (auto& c : r.certifications) out.push_back(std::move(c));
    }
    return out;
}

std::string as_json(const std::vector<CertReport>& reports, Date as_of) {
    Report r;
    r.as_of = as_of;
    r.certifications = reports;
    return status_json(test::cisco(), r).dump(1);
}

} // namespace

TEST_CASE("A team's reports on 1 to 4 threads, through the sink or formatted by the threads, are "
          "each holder's own, in holder-name order",
          "[engine][schedule]") {
    const bool sorted = GENERATE(false, true);
    const Ledger team = load(team_json(700, sorted, 11));
    const ActivityTable table = ActivityTable::from_ledger(team, test::cisco());
    EvalOptions options{test::d("2026-06-30")};
    const std::vector<CertReport> expected = holder_by_holder(team, options);
    REQUIRE(expected.size() > 700);
    const std::string expected_json = as_json(expected, options.as_of);
    const std::string expected_csv = status_csv_rows(test::cisco(), expected);

    for (unsigned threads = 1; threads <= 4; ++threads) {
        CAPTURE(sorted, threads);
        options.threads = threads;
        std::vector<CertReport> sunk;
        std::size_t blocks = 0;
        evaluate(test::cisco(), team.certifications, table, options,
                 [&](std::vector<CertReport>& block) {
                     ++blocks;
                     for (auto& r : block) sunk.push_back(std::move(r));
                 });
        CHECK(blocks >= 3); // 700 holders are three chunks
        CHECK(as_json(sunk, options.as_of) == expected_json);

        std::string text;
        evaluate(
            test::cisco(), team.certifications, table, options,
            [&](std::vector<CertReport>& part, std::string& out) {
                out += status_csv_rows(test::cisco(), part);
            },
            [&](const std::string& piece) { text += piece; });
        CHECK(text == expected_csv);
    }
}

TEST_CASE("Explain through the team path names the table's records, as a ledger alone does",
          "[engine][schedule]") {
    const Ledger team = load(team_json(300, false, 5));
    const ActivityTable table = ActivityTable::from_ledger(team, test::cisco());
    EvalOptions options{test::d("2026-06-30"), true};
    Report once = evaluate(test::cisco(), team, options); // one thread: 300 holders is few
    for (unsigned threads = 2; threads <= 4; ++threads) {
        options.threads = threads;
        Report r = evaluate(test::cisco(), team.certifications, table, options);
        REQUIRE(r.certifications.size() == once.certifications.size());
        std::size_t verdicts = 0;
        for (std::size_t i = 0; i < r.certifications.size(); ++i) {
            const auto& a = r.certifications[i];
            const auto& b = once.certifications[i];
            CHECK(a.holder == b.holder);
            REQUIRE(a.cycles.size() == b.cycles.size());
            for (std::size_t c = 0; c < a.cycles.size(); ++c) {
                REQUIRE(a.cycles[c].activities.size() == b.cycles[c].activities.size());
                for (std::size_t v = 0; v < a.cycles[c].activities.size(); ++v) {
                    CHECK(a.cycles[c].activities[v].activity == b.cycles[c].activities[v].activity);
                    CHECK(a.cycles[c].activities[v].reason == b.cycles[c].activities[v].reason);
                    ++verdicts;
                }
            }
        }
        CHECK(verdicts > 100);
    }
}
