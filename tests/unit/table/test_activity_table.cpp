// Compact activity records, interned holders, and the two-halves CSV reading behind them.
#include "../helpers.hpp"

#include "engine/team.hpp"
#include "input/csv_input.hpp"
#include "table/activity_table.hpp"

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <random>
#include <sys/resource.h>
#include <unistd.h>

using namespace recert;

TEST_CASE("NameTable gives one stable index per name, long names and growth included") {
    NameTable t;
    std::vector<std::string> names;
    for (int i = 0; i < 5000; ++i)
        names.push_back((i % 3 ? "holder-" : "a.much.longer.holder.name@example.com-") +
                        std::to_string(i));
    for (const auto& n : names) t.intern(n);
    REQUIRE(t.size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        CHECK(t.intern(names[i]) == i); // the same index again, nothing added
        CHECK(t.find(names[i]) == std::optional<std::uint32_t>(static_cast<std::uint32_t>(i)));
        CHECK(t[static_cast<std::uint32_t>(i)] == names[i]);
    }
    CHECK(t.size() == names.size());
    CHECK_FALSE(t.find("holder-5000").has_value());
    CHECK_FALSE(t.find("holder-1 ").has_value()); // same start, different length
}

TEST_CASE("NameTable reserved ahead keeps its indexes, and a copy goes on like the original") {
    NameTable t;
    t.intern("first");
    t.reserve(3000);
    for (int i = 0; i < 4000; ++i) t.intern("holder-" + std::to_string(i)); // beyond the reserve
    REQUIRE(t.size() == 4001);
    NameTable copy = t;
    for (int i = 4000; i < 4500; ++i) { // both add the same names: the same new indexes
        const std::string n = "holder-" + std::to_string(i);
        CHECK(t.intern(n) == copy.intern(n));
    }
    CHECK(t.find("first") == std::optional<std::uint32_t>(0));
    for (std::uint32_t i = 1; i < t.size(); ++i) {
        CHECK(t[i] == "holder-" + std::to_string(i - 1));
        CHECK(copy.find(t[i]) == std::optional<std::uint32_t>(i));
    }
}

TEST_CASE("Large tables reuse blocks given back, and start as constructed") {
    // blocks of 2 MiB and more are kept for the next large table, whose pages are then already
    // there (no page faults); its elements are the ones it was constructed with all the same
    auto faults = [] {
        rusage u{};
        ::getrusage(RUSAGE_SELF, &u);
        return u.ru_minflt;
    };
    big_table_release_spares(); // none kept from earlier tests
    const std::size_t n = (std::size_t{6} << 20) / sizeof(std::uint32_t);
    { BigVector<std::uint32_t> a(n, 7); }
    const long before_reused = faults();
    BigVector<std::uint32_t> reused(n - 1000); // about as large: the block a gave back
    const long reused_faults = faults() - before_reused;
    const long before_fresh = faults();
    BigVector<std::uint32_t> fresh(n - 1000); // nothing kept now: new memory
    const long fresh_faults = faults() - before_fresh;
    CHECK(reused_faults < fresh_faults);
    CHECK(std::all_of(reused.begin(), reused.end(), [](std::uint32_t v) { return v == 0; }));
    BigVector<std::int32_t> small(n / 8, -1); // far smaller than a block kept: new memory
    CHECK(std::all_of(small.begin(), small.end(), [](std::int32_t v) { return v == -1; }));
}

TEST_CASE("NameTable merges another table's names, giving each its index here") {
    // the halves of a team's file: most holders in both, some in one only, long names too
    auto name = [](int i) {
        return (i % 5 ? "h-" : "a.long.holder.name.beyond.the.inline.bytes-") + std::to_string(i);
    };
    NameTable a, b;
    a.reserve(700);
    for (int i = 0; i < 700; ++i) a.intern(name(i));
    for (int i = 1500; i >= 300; --i) b.intern(name(i)); // another order, and beyond a's names
    const std::vector<std::uint32_t> remap = a.merge(b);
    REQUIRE(remap.size() == b.size());
    CHECK(a.size() == 1501);
    for (std::uint32_t j = 0; j < b.size(); ++j) {
        CHECK(a[remap[j]] == b[j]);
        CHECK(a.find(b[j]) == std::optional<std::uint32_t>(remap[j]));
    }
    for (int i = 0; i < 700; ++i) // a's own names keep their indexes
        CHECK(a.find(name(i)) == std::optional<std::uint32_t>(static_cast<std::uint32_t>(i)));
}

TEST_CASE("NameTable compares short names of every length exactly") {
    // names of 0 to 17 bytes (the inline comparison covers up to 16), differing in one byte only
    NameTable t;
    std::vector<std::string> names;
    for (std::size_t n = 0; n <= 17; ++n) {
        const std::string base(n, 'h');
        names.push_back(base);
        for (std::size_t i = 0; i < n; ++i) {
            std::string v = base;
            v[i] = static_cast<char>('A' + i);
            names.push_back(v);
        }
    }
    for (const auto& n : names) t.intern(n);
    REQUIRE(t.size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        CHECK(t.find(names[i]) == std::optional<std::uint32_t>(static_cast<std::uint32_t>(i)));
        CHECK(t.intern(std::string_view(names[i])) == i);
    }
}

TEST_CASE("ActivityTable prints the ids a ledger has, derived or given, and orders them as text") {
    const Ledger l = test::ledger(R"([{"id": "ccna", "earned": "2024-01-10"}])",
                                  R"([{"date": "2024-03-01", "credits": 10, "title": "A"},
            {"id": "my-own-id", "date": "2024-03-02", "credits": 5},
            {"id": "e-00000000000000ff", "date": "2024-03-02", "credits": 5},
            {"date": "2024-04-01", "exam": "200-301"}])");
    const ActivityTable t = ActivityTable::from_ledger(l, test::cisco());
    REQUIRE(t.size() == l.activities.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        CHECK(t.id(i) == l.activities[i].id);
        CHECK(t.same_id(i, i));
    }
    CHECK_FALSE(t.same_id(0, 1));
    CHECK_FALSE(t.same_id(2, 3));
    for (std::size_t a = 0; a < t.size(); ++a)
        for (std::size_t b = 0; b < t.size(); ++b)
            CHECK(t.id_less(a, b) == (l.activities[a].id < l.activities[b].id));
    CHECK(t.title(0) == "A");
    CHECK(t.holders()[t[0].holder] == "Ana");
}

TEST_CASE("ActivityTable counts a given id once: the first record keeps it") {
    ActivityTable t;
    CsvInput in;
    in.table = &t;
    CsvReader reader("id,holder,date,credits,status\n"
                     "x1,Bo,2024-01-01,5,approved\n"
                     "x2,Bo,2024-01-02,5,unclaimed\n"
                     "x1,Bo,2024-01-01,5,approved\n");
    read_csv(reader, "a.csv", test::cisco(), nullptr, "me", CsvContent::Activities, in);
    REQUIRE(in.errors.empty());
    REQUIRE(t.size() == 3);
    t.mark_repeats();
    CHECK((t[0].flags & ActivityRecord::kRepeat) == 0);
    CHECK((t[1].flags & ActivityRecord::kRepeat) == 0);
    CHECK((t[2].flags & ActivityRecord::kRepeat) != 0);
    CHECK(t.same_id(0, 2));
    CHECK(t.id(1) == "x2");
}

namespace {

std::string temp_file(const std::string& text) {
    char name[] = "/tmp/recert-table-XXXXXX";
    const int fd = ::mkstemp(name);
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    ::close(fd);
    return name;
}

struct Read {
    ActivityTable table;
    CsvInput in;
};

void read(const std::string& path, unsigned threads, Read& r,
          const std::vector<HeldCertification>& certifications = {}) {
    r.in.table = &r.table;
    r.in.certifications = certifications; // as when a certifications file was read before
    const int fd = ::open(path.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    read_csv_file(path, fd, "a.csv", test::cisco(), nullptr, "me", CsvContent::Activities, r.in, {},
                  threads);
    ::close(fd);
}

// Everything the engine and the notices can see of two tables.
void require_same(const Read& a, const Read& b) {
    REQUIRE(a.in.rows == b.in.rows);
    REQUIRE(a.in.errors.size() == b.in.errors.size());
    for (std::size_t i = 0; i < a.in.errors.size(); ++i)
        CHECK(format_location(a.in.errors[i]) == format_location(b.in.errors[i]));
    REQUIRE(a.table.size() == b.table.size());
    for (std::size_t i = 0; i < a.table.size(); ++i) {
        const ActivityRecord &x = a.table[i], &y = b.table[i];
        // (each reader decides for itself which hashes to leave for later)
        CHECK(a.table.key(i) == b.table.key(i));
        CHECK(x.date == y.date);
        constexpr auto kLater = ActivityRecord::kKeyLater;
        CHECK((x.flags | kLater) == (y.flags | kLater));
        CHECK(a.table.submitted(i) == b.table.submitted(i));
        CHECK(x.credits == y.credits);
        CHECK(x.status == y.status);
        CHECK(a.table.holders()[x.holder] == b.table.holders()[y.holder]);
        CHECK(a.table.id(i) == b.table.id(i));
        CHECK(a.table.title(i) == b.table.title(i));
    }
}

// About 6 MB of rows; `middle` is put where the file's middle falls.
std::string big_csv(const std::string& middle = "", const std::string& late_row = "") {
    std::string s = "holder,date,kind,credits,status,submitted,title\n";
    std::string half;
    for (int i = 0; half.size() < (3u << 20); ++i)
        half += "Holder " + std::to_string(i % 997) + ",2024-0" + std::to_string(1 + i % 9) + "-1" +
                std::to_string(i % 10) + ",ce," + std::to_string(1 + i % 40) + "," +
                (i % 7 ? "approved" : "unclaimed") + ",,\"Course, part " + std::to_string(i) +
                "\"\n";
    return s + half + middle + half + late_row;
}

} // namespace

TEST_CASE("A large CSV read in two halves gives exactly what one reader gives") {
    SECTION("plain rows") {
        const std::string path = temp_file(big_csv());
        Read one, two;
        read(path, 1, one);
        read(path, 2, two);
        REQUIRE(one.in.errors.empty());
        REQUIRE(one.table.size() > 50000);
        require_same(one, two);
        std::remove(path.c_str());
    }
    SECTION("a quoted title with newlines across the middle of the file") {
        std::string title = "\"A title\n";
        for (int i = 0; i < 2000; ++i) title += "spread over lines\n";
        const std::string path =
            temp_file(big_csv("Holder 1,2024-05-05,ce,3,approved,," + title + "\"\n"));
        Read one, two;
        read(path, 1, one);
        read(path, 2, two);
        REQUIRE(one.in.errors.empty());
        require_same(one, two);
        std::remove(path.c_str());
    }
    SECTION("after certifications, whose number sizes the holder tables before the rows") {
        // holders in no particular order, repeated, some with no activity at all
        std::vector<HeldCertification> held;
        for (int i = 0; i < 3000; ++i) {
            HeldCertification h;
            h.holder = "Holder " + std::to_string((i * 7919) % 1500);
            held.push_back(h);
        }
        const std::string path = temp_file(big_csv("Someone else,2024-05-05,ce,3,approved,,x\n"));
        Read one, two;
        read(path, 1, one, held);
        read(path, 2, two, held);
        REQUIRE(one.in.errors.empty());
        require_same(one, two);
        CHECK(two.table.holders().size() == one.table.holders().size());
        CHECK(two.table.holders().find("Someone else").has_value());
        std::remove(path.c_str());
    }
    SECTION("a bad row in the second half is reported at its own line") {
        const std::string path = temp_file(big_csv("", "Holder 2,2024-02-30,ce,3,approved,,x\n"));
        Read one, two;
        read(path, 1, one);
        read(path, 2, two);
        REQUIRE(one.in.errors.size() == 1);
        CHECK(one.in.errors[0].message.find("2024-02-30") != std::string::npos);
        require_same(one, two);
        std::remove(path.c_str());
    }
}

TEST_CASE("An activity record keeps every field at the ends of its range in 24 bytes") {
    const Rules& rules = test::cisco();
    const Date first = *make_date(1, 1, 1), last = *make_date(9999, 12, 31);
    for (const Date day : {first, last}) {
        ActivityRecord r;
        r.key = ~std::uint64_t{0};
        r.holder = 0xFFFFFFFF;
        r.date = day.days;
        r.credits = static_cast<std::uint32_t>(kMaxCredits);
        r.program = static_cast<std::uint32_t>(Rules::kMaxPrograms - 1);
        r.kind_index = static_cast<std::uint16_t>(Rules::kMaxExamKinds - 1);
        r.count_delta = static_cast<std::uint16_t>(ActivityRecord::kMaxCountDelta);
        r.kind = ActivityKind::Exam;
        r.status = ClaimStatus::Unclaimed;
        r.flags = ActivityRecord::kExplicitId | ActivityRecord::kHasText | ActivityRecord::kRepeat |
                  ActivityRecord::kExamPrefix | ActivityRecord::kLate | ActivityRecord::kKeyLater;
        CHECK(r.key == ~std::uint64_t{0});
        CHECK(r.holder == 0xFFFFFFFF);
        CHECK(r.day() == day);
        CHECK(r.credits == kMaxCredits);
        CHECK(r.program == Rules::kMaxPrograms - 1);
        CHECK(r.exam_kind() == Rules::kMaxExamKinds - 1);
        CHECK(r.category() == 0); // an exam has no category
        CHECK(r.count_delta == ActivityRecord::kMaxCountDelta);
        CHECK(r.kind == ActivityKind::Exam);
        CHECK(r.status == ClaimStatus::Unclaimed);
        CHECK(r.flags == 63);
        r.kind = ActivityKind::CE;
        r.kind_index = static_cast<std::uint16_t>(Rules::kMaxCategories);
        CHECK(r.category() == Rules::kMaxCategories);
        CHECK(r.exam_kind() == ActivityRecord::kNoKind); // a CE activity has no exam kind
        r.kind = ActivityKind::Exam;
        r.flags = 0; // the neighbours of the flags are untouched
        CHECK(r.day() == day);
        CHECK(r.status == ClaimStatus::Unclaimed);
        CHECK(r.kind == ActivityKind::Exam);
    }
    // late: more days between completion and submission than the program's claim window
    const int window = rules.programs[0].claim_window_days;
    ActivityRecord r;
    r.date = test::d("2024-01-01").days;
    r.set_claim({Date{r.date + window}, std::nullopt}, rules);
    CHECK(claimed_in_time(r));
    r.set_claim({Date{r.date + window + 1}, std::nullopt}, rules);
    CHECK_FALSE(claimed_in_time(r));
    CHECK(ActivityTable::quoted_in_notices(r)); // an approved CE claim, late
    r.set_claim({}, rules);
    CHECK(claimed_in_time(r));
    CHECK_FALSE(ActivityTable::quoted_in_notices(r));
    // the submission date of a record whose text is kept
    ActivityTable t;
    r.set_claim({Date{r.date + window + 5}, std::nullopt}, rules);
    t.add(r, {Date{r.date + window + 5}, Date{r.date + window + 9}}, "Ana", "", "Course", true);
    t.add(r, {}, "Ana", "", "Course", true);
    t.add(r, {Date{r.date}, std::nullopt}, "Ana", "", "Course", false);
    CHECK(t.submitted(0) == std::optional<Date>(Date{r.date + window + 5}));
    CHECK(t.credited(0) == std::optional<Date>(Date{r.date + window + 9}));
    CHECK_FALSE(t.submitted(1).has_value());
    CHECK_FALSE(t.credited(1).has_value());
    CHECK_FALSE(t.submitted(2).has_value()); // no text kept
    CHECK((t[0].flags & ActivityRecord::kLate) != 0);
}

namespace {

// Every record's key worked out now (the ids of the engine and the notices).
std::vector<std::uint64_t> keys_of(const ActivityTable& t) {
    std::vector<std::uint64_t> out;
    for (std::size_t i = 0; i < t.size(); ++i) out.push_back(t.key(i));
    return out;
}

} // namespace

TEST_CASE("Hashes left for later are the ones read at once, wherever the row is in the file") {
    // rows that read back in every way: quotes, doubled quotes, a line break in a title, CRLF,
    // blank lines, a row longer than the first window read back, exams, spelled-out credits
    std::string rows = "holder,date,kind,credits,exam,status,title\n";
    rows += "Ana,2024-01-05,ce,3,,approved,\"Lab, \"\"quoted\"\"\"\r\n";
    rows += "\n\nAna,2024-01-05,ce,3.50,,approved,\"Two\nlines\"\n";
    rows += "Ana,2024-01-05,exam,,350-401,approved,Exam\n";
    rows += "Ana,2024-01-05,ce,3,,unclaimed,Kept for notices\n";
    rows += "Bo,2024-02-01,ce,1.5,,approved," + std::string(3000, 'x') + "\n";
    rows += "Bo,2024-02-01,ce,1.5,,approved,  padded title  \n";
    rows += "Bo,2024-02-02,ce,7,,pending,last row without a line feed";
    const std::string path = temp_file(rows);
    Read later, now;
    now.in.keep_text = true; // every text kept: every hash is worked out at once
    read(path, 1, later);
    read(path, 1, now);
    REQUIRE(later.in.errors.empty());
    REQUIRE(later.table.size() == 7);
    std::size_t deferred = 0;
    for (std::size_t i = 0; i < later.table.size(); ++i)
        deferred += (later.table[i].flags & ActivityRecord::kKeyLater) != 0;
    CHECK(deferred == 6); // all but the unclaimed claim, which a notice may quote
    CHECK((now.table[0].flags & ActivityRecord::kKeyLater) == 0);
    CHECK(keys_of(later.table) == keys_of(now.table));
    for (std::size_t i = 0; i < later.table.size(); ++i)
        CHECK(later.table.id(i) == now.table.id(i));
    CHECK_FALSE(later.table.key_problem());

    // a large file read in two halves: the second half's places are file offsets too
    const std::string big = temp_file(big_csv());
    Read one, two, eager;
    eager.in.keep_text = true;
    read(big, 1, one);
    read(big, 2, two);
    read(big, 1, eager);
    REQUIRE(two.table.size() == eager.table.size());
    CHECK((two.table[two.table.size() - 1].flags & ActivityRecord::kKeyLater) != 0);
    CHECK(keys_of(two.table) == keys_of(eager.table));
    CHECK(keys_of(one.table) == keys_of(eager.table));
    std::remove(big.c_str());
    std::remove(path.c_str());
}

TEST_CASE("No hash is left for later in a file where holders have many records on one day") {
    // 2,000 holders with ten records each, all on one day: each day's first record would have
    // to be read again
    std::string rows = "holder,date,credits,title\n";
    for (int h = 0; h < 2000; ++h)
        for (int k = 0; k < 10; ++k)
            rows += "Holder " + std::to_string(h) + ",2024-03-0" + std::to_string(1 + h % 9) + "," +
                    std::to_string(1 + k) + ",Session " + std::to_string(k) + "\n";
    // the same holders, each record on a day of its own
    std::string spread = "holder,date,credits,title\n";
    for (int h = 0; h < 2000; ++h)
        for (int k = 0; k < 10; ++k)
            spread += "Holder " + std::to_string(h) + ",2024-0" + std::to_string(1 + k % 9) + "-1" +
                      std::to_string(k) + ",3,Session\n";
    const std::string path = temp_file(rows), other = temp_file(spread);
    Read same_day, eager, apart;
    eager.in.keep_text = true;
    read(path, 1, same_day);
    read(path, 1, eager);
    read(other, 1, apart);
    REQUIRE(same_day.table.size() == 20000);
    auto deferred = [](const ActivityTable& t) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < t.size(); ++i)
            n += (t[i].flags & ActivityRecord::kKeyLater) != 0;
        return n;
    };
    CHECK(deferred(same_day.table) < 2000);
    CHECK(deferred(apart.table) == apart.table.size());
    CHECK(keys_of(same_day.table) == keys_of(eager.table));
    std::remove(path.c_str());
    std::remove(other.c_str());
}

TEST_CASE("A file that changes before a hash left for later is worked out is reported") {
    const std::string path = temp_file("holder,date,credits,title\n"
                                       "Ana,2024-01-05,10,First\n"
                                       "Ana,2024-01-05,20,Second\n");
    Read r;
    read(path, 1, r);
    REQUIRE(r.table.size() == 2);
    REQUIRE((r.table[1].flags & ActivityRecord::kKeyLater) != 0);
    { // rewritten in place: the second row now holds another day
        std::ofstream out(path, std::ios::trunc);
        out << "holder,date,credits,title\nAna,2024-01-05,10,First\nAna,2024-01-06,20,Second\n";
    }
    const Ledger l = test::ledger(R"([{"id": "ccna", "earned": "2023-01-01"}])");
    CHECK_THROWS_WITH(evaluate(test::cisco(), l.certifications, r.table,
                               EvalOptions{test::d("2024-06-01"), false}),
                      Catch::Contains("a.csv changed while recert was reading it"));
    REQUIRE(r.table.key_problem());
    CHECK(r.table.key(1) == 0);
    std::remove(path.c_str());
}

namespace {

// Cisco with CompTIA merged in (a category of another program names that program).
const Rules& two_programs() {
    static const Rules rules = [] {
        Rules r = *load_rules(*builtin_program_text("cisco"), "cisco.json").value;
        auto comptia = load_rules(*builtin_program_text("comptia"), "comptia.json");
        REQUIRE(merge_programs(r, std::move(*comptia.value)).empty());
        return r;
    }();
    return rules;
}

// Per column: values the quick steps take, then values they leave to the general ones.
using Choices = std::pair<std::vector<std::string>, std::vector<std::string>>;
using ColumnValues = std::map<std::string, Choices>;

// Rows under `header` whose cells are drawn from `values`, one cell in `odd_one_in` from the
// values left to the general steps; some cells quoted, some lines ending in CRLF.
std::string varied_rows(std::mt19937& rng, const std::vector<std::string>& header, int rows,
                        const ColumnValues& values, unsigned odd_one_in) {
    std::string s;
    for (std::size_t c = 0; c < header.size(); ++c) s += (c ? "," : "") + header[c];
    s += '\n';
    for (int r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < header.size(); ++c) {
            const Choices& both = values.at(header[c]);
            const auto& choices = rng() % odd_one_in == 0 ? both.second : both.first;
            std::string v = choices[rng() % choices.size()];
            const bool quote = v.find_first_of(",\"") != std::string::npos || rng() % 5 == 0;
            if (quote) {
                std::string q = "\"";
                for (char ch : v) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
                v = q + "\"";
            }
            s += (c ? "," : "") + v;
        }
        s += rng() % 9 == 0 ? "\r\n" : "\n";
    }
    return s;
}

// Activity cells (blanks around values, formula escapes, other spellings, bad dates and credits,
// exams, ids, programs, text that is not ASCII).
const ColumnValues& activity_values() {
    static const ColumnValues values{
        {"id", {{""}, {"x1", "c-0123456789abcdef", " "}}},
        {"holder",
         {{"Ana", "Bo", "Holder 000123", "", "A holder whose name is longer than any inline slot"},
          {" Ana", "Ana\t", "'=Ana", "Zoë"}}},
        {"date",
         {{"2024-01-05", "2024-02-29", "2024-03-01", "9899-12-31"},
          {"2023-02-29", "", "2024-1-5", "9900-01-01", " 2024-01-05", "2024-01-05 "}}},
        {"kind", {{"", "ce"}, {"CE", "Ce", "exam", "x"}}},
        {"credits",
         {{"3", "40", "0", "1000000"},
          {"03", "3.5", "3.25", "1000001", "", "-1", "abc", "99999999", "9999999", " 4"}}},
        {"exam", {{""}, {"350-401", "bogus"}}},
        {"exam_kind", {{""}, {"core"}}},
        {"status",
         {{"", "approved", "pending", "rejected", "unclaimed"},
          {"Approved", "UNCLAIMED", "weird", " pending"}}},
        {"submitted", {{"", "2024-03-01", "2024-03-02"}, {"2024-01-04", "bad", "9900-01-01"}}},
        {"title",
         {{"", "Lab", "Lab, part 2", "Lab \"x\""}, {" padded ", "'=formula", "'-x", "Zoë"}}},
        {"category", {{"", "training", "event", "course"}, {"Training", "unknown", " event"}}},
        {"program", {{""}, {"cisco", "comptia", "nope"}}},
        {"note", {{"", "anything", "quoted, with comma"}, {"Zoë"}}}};
    return values;
}

struct Reading {
    ActivityTable table;
    CsvInput in;
};

void read_with(const std::string& path, bool general, bool into_table, bool keep_text, Reading& r) {
    if (into_table) r.in.table = &r.table;
    r.in.keep_text = keep_text;
    r.in.general_rows_only = general;
    const int fd = ::open(path.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    read_csv_file(path, fd, "a.csv", two_programs(), nullptr, "me", CsvContent::Activities, r.in,
                  {}, 1);
    ::close(fd);
}

// Everything two readings can differ in, exactly: problems, records (holders by index), texts.
void require_identical(const Reading& a, const Reading& b) {
    REQUIRE(a.in.rows == b.in.rows);
    REQUIRE(a.in.errors.size() == b.in.errors.size());
    for (std::size_t i = 0; i < a.in.errors.size(); ++i) {
        CHECK(format_location(a.in.errors[i]) == format_location(b.in.errors[i]));
        CHECK(a.in.errors[i].message == b.in.errors[i].message);
        CHECK(a.in.errors[i].hint == b.in.errors[i].hint);
    }
    REQUIRE(a.table.size() == b.table.size());
    REQUIRE(a.table.holders().size() == b.table.holders().size());
    for (std::uint32_t h = 0; h < a.table.holders().size(); ++h)
        CHECK(a.table.holders()[h] == b.table.holders()[h]);
    for (std::size_t i = 0; i < a.table.size(); ++i) {
        const ActivityRecord &x = a.table[i], &y = b.table[i];
        CHECK(a.table.key(i) == b.table.key(i));
        CHECK(x.key == y.key);
        CHECK(x.holder == y.holder);
        CHECK(x.date == y.date);
        CHECK(x.flags == y.flags);
        CHECK(x.status == y.status);
        CHECK(x.kind == y.kind);
        CHECK(x.credits == y.credits);
        CHECK(x.program == y.program);
        CHECK(x.kind_index == y.kind_index);
        CHECK(x.count_delta == y.count_delta);
        CHECK(a.table.submitted(i) == b.table.submitted(i));
        CHECK(a.table.id(i) == b.table.id(i));
        CHECK(a.table.title(i) == b.table.title(i));
    }
    REQUIRE(a.in.activities.size() == b.in.activities.size());
    for (std::size_t i = 0; i < a.in.activities.size(); ++i) {
        const Activity &x = a.in.activities[i], &y = b.in.activities[i];
        CHECK(x.id == y.id);
        CHECK(x.holder == y.holder);
        CHECK(x.date == y.date);
        CHECK(x.kind == y.kind);
        CHECK(x.credits == y.credits);
        CHECK(x.status == y.status);
        CHECK(x.submitted == y.submitted);
        CHECK(x.title == y.title);
        CHECK(x.category == y.category);
        CHECK(x.exam == y.exam);
        CHECK(x.exam_kind == y.exam_kind);
        CHECK(x.program == y.program);
    }
}

} // namespace

TEST_CASE("Certification rows taken by the quick steps read as the general steps read them") {
    std::mt19937 rng(20261202);
    // per column: values the quick steps take, then values they leave (1 cell in 10)
    const ColumnValues values{
        {"holder",
         {{"Ana", "Holder 000123", "", "A name longer than any inline slot"},
          {" Ana", "Ana\t", "'=Ana", "Zoë"}}},
        {"certification",
         {{"ccna", "ccnp-enterprise", "CCNA", "ccie-enterprise-infrastructure", "a-plus",
           "security-plus"},
          {"", "nope", " ccna", "ccna ", "Ccnä"}}},
        {"earned",
         {{"2020-01-05", "2024-02-29", "9899-12-31"},
          {"2023-02-29", "", "2024-1-5", "9900-01-01", " 2020-01-05"}}},
        {"expires", {{"", "2027-01-05", "2020-01-05"}, {"2019-12-31", "bad", "9900-01-01"}}},
        {"program", {{""}, {"cisco", "comptia", "nope"}}},
        {"note", {{"", "anything", "with, comma"}, {"Zoë"}}}};
    const std::vector<std::vector<std::string>> headers{
        {"holder", "certification", "earned", "expires", "program"},
        {"certification", "earned"}, // no holder: the default one
        {"earned", "note", "holder", "certification"},
    };
    for (const auto& header : headers) {
        CAPTURE(header);
        const std::string path = temp_file(varied_rows(rng, header, 3000, values, 10));
        CsvInput general, quick;
        for (CsvInput* in : {&general, &quick}) {
            in->general_rows_only = in == &general;
            const int fd = ::open(path.c_str(), O_RDONLY);
            REQUIRE(fd >= 0);
            read_csv_file(path, fd, "c.csv", two_programs(), nullptr, "me",
                          CsvContent::Certifications, *in, {}, 1);
            ::close(fd);
        }
        std::remove(path.c_str());
        REQUIRE(general.rows == 3000);
        // many rows are right, many are wrong somewhere
        CHECK(general.certifications.size() > 300);
        CHECK(general.certifications.size() < 2950);
        REQUIRE(quick.rows == general.rows);
        REQUIRE(quick.errors.size() == general.errors.size());
        for (std::size_t i = 0; i < general.errors.size(); ++i) {
            CHECK(format_location(quick.errors[i]) == format_location(general.errors[i]));
            CHECK(quick.errors[i].message == general.errors[i].message);
        }
        test::check_same_certifications(quick.certifications, general.certifications);
    }
}

TEST_CASE("Rows taken by the quick steps read exactly as the general steps read them") {
    std::mt19937 rng(20261201);
    const std::vector<std::vector<std::string>> headers{
        {"id", "holder", "date", "kind", "credits", "exam", "exam_kind", "status", "submitted",
         "title", "category", "program"},
        {"category", "title", "submitted", "status", "credits", "kind", "date", "holder"},
        {"holder", "date", "credits", "note", "status"},
        {"date", "credits", "title"}, // no holder: the default one
    };
    for (const auto& header : headers)
        for (const bool into_table : {true, false})
            for (const bool keep_text : {false, true}) {
                CAPTURE(header, into_table, keep_text);
                const std::string path =
                    temp_file(varied_rows(rng, header, 3000, activity_values(), 12));
                Reading general, quick;
                read_with(path, true, into_table, keep_text, general);
                read_with(path, false, into_table, keep_text, quick);
                REQUIRE(general.in.rows == 3000);
                // many rows are right, many are wrong somewhere
                CHECK(general.table.size() + general.in.activities.size() > 300);
                CHECK(general.table.size() + general.in.activities.size() < 2950);
                CHECK(!general.in.errors.empty());
                require_identical(general, quick);
                std::remove(path.c_str());
            }
}
