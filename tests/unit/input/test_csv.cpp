// The streaming RFC 4180 reader (CsvReader): quoting, record ends, BOM, blank lines, positions in
// characters, reading from a descriptor in 64 KiB chunks, and malformed input reported without
// stopping (docs/formats.md "Activities CSV").
#include "../helpers.hpp"
#include "input/csv.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <random>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

using recert::CsvError;
using recert::CsvReader;
using recert::CsvRecord;
using test::Pos;

namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Read {
    std::vector<CsvRecord> records;
    std::vector<CsvError> errors;
    bool io_failed = false;
    Rows rows() const {
        Rows out;
        for (const auto& r : records) {
            std::vector<std::string> row;
            for (const auto& f : r.fields) row.push_back(f.value);
            out.push_back(row);
        }
        return out;
    }
};

Read read_all(CsvReader& reader) {
    Read out;
    CsvRecord rec;
    while (reader.next(rec)) out.records.push_back(rec);
    out.errors = reader.errors();
    out.io_failed = reader.io_failed();
    return out;
}

Read read_text(std::string_view text, char delimiter = ',') {
    CsvReader reader(text, delimiter);
    return read_all(reader);
}

// A temporary file holding `content`, removed on destruction.
struct TempFile {
    std::string path;
    explicit TempFile(const std::string& content) {
        char name[] = "/tmp/recert-csv-test-XXXXXX";
        const int fd = ::mkstemp(name);
        if (fd < 0) throw std::runtime_error("mkstemp failed");
        path = name;
        std::size_t off = 0;
        while (off < content.size()) {
            const ssize_t n = ::write(fd, content.data() + off, content.size() - off);
            if (n <= 0) {
                ::close(fd);
                throw std::runtime_error("write failed");
            }
            off += static_cast<std::size_t>(n);
        }
        ::close(fd);
    }
    ~TempFile() { std::remove(path.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
};

Read read_file(const std::string& content, char delimiter = ',',
               std::string_view already_read = {}) {
    TempFile tmp(content);
    const int fd = ::open(tmp.path.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    CsvReader reader(fd, delimiter, already_read);
    Read out = read_all(reader);
    ::close(fd);
    return out;
}

// Reads through a pipe; the content must fit the pipe buffer (written before reading).
Read read_pipe(const std::string& content, char delimiter = ',') {
    int p[2];
    REQUIRE(::pipe(p) == 0);
    REQUIRE(content.size() < 16384);
    REQUIRE(::write(p[1], content.data(), content.size()) == static_cast<ssize_t>(content.size()));
    ::close(p[1]);
    CsvReader reader(p[0], delimiter);
    Read out = read_all(reader);
    ::close(p[0]);
    return out;
}

std::vector<Pos> positions(const CsvRecord& r) {
    std::vector<Pos> out;
    for (const auto& f : r.fields) out.push_back({f.line, f.column});
    return out;
}

std::vector<Pos> error_positions(const std::vector<CsvError>& errors) {
    std::vector<Pos> out;
    for (const auto& e : errors) out.push_back({e.line, e.column});
    return out;
}

} // namespace

TEST_CASE("csv: a quoted field may hold the delimiter", "[csv]") {
    auto r = read_text("first,address,zip\nJohn,\"Anytown, WW\",08123\n");
    CHECK(r.errors.empty());
    CHECK(r.rows() == Rows{{"first", "address", "zip"}, {"John", "Anytown, WW", "08123"}});
}

TEST_CASE("csv: a doubled quote inside a quoted field is one quote", "[csv]") {
    auto r = read_text("a,b\n1,\"ha \"\"ha\"\" ha\"\n\"\"\"\",\"\"\"\"\"\"\"\"\n");
    CHECK(r.errors.empty());
    CHECK(r.rows() == Rows{{"a", "b"}, {"1", "ha \"ha\" ha"}, {"\"", "\"\"\""}});
}

TEST_CASE("csv: a newline inside quotes stays in the value, LF or CRLF as written", "[csv]") {
    SECTION("LF") {
        auto r = read_text("a,b\n\"Once upon \na time\",5\n7,8\n");
        CHECK(r.errors.empty());
        CHECK(r.rows() == Rows{{"a", "b"}, {"Once upon \na time", "5"}, {"7", "8"}});
    }
    SECTION("CRLF") {
        auto r = read_text("a,b\r\n\"Once upon \r\na time\",5\r\n7,8\r\n");
        CHECK(r.errors.empty());
        CHECK(r.rows() == Rows{{"a", "b"}, {"Once upon \r\na time", "5"}, {"7", "8"}});
    }
    SECTION("quotes and newlines together") {
        auto r = read_text("a,b\n1,\"ha \n\"\"ha\"\" \nha\"\n3,4\n");
        CHECK(r.errors.empty());
        CHECK(r.rows() == Rows{{"a", "b"}, {"1", "ha \n\"ha\" \nha"}, {"3", "4"}});
    }
    SECTION("a field that is only line breaks") {
        auto r = read_text("\"\n\n\",x\n");
        CHECK(r.rows() == Rows{{"\n\n", "x"}});
    }
}

TEST_CASE("csv: records end with CRLF or LF, mixed in one file", "[csv]") {
    CHECK(read_text("a,b\r\n1,2\r\n").rows() == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(read_text("a,b\n1,2\n").rows() == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(read_text("a,b\r\n1,2\n3,4\r\n").rows() == Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}});
    // no CR is left in the last value of a CRLF line
    auto r = read_text("a,\"b\"\r\n");
    CHECK(r.rows() == Rows{{"a", "b"}});
    CHECK(r.errors.empty());
}

TEST_CASE("csv: a UTF-8 byte order mark at the start is skipped", "[csv]") {
    auto r = read_text("\xEF\xBB\xBF"
                       "date,credits\n2024-05-01,40\n");
    CHECK(r.errors.empty());
    CHECK(r.rows() == Rows{{"date", "credits"}, {"2024-05-01", "40"}});
    // the first field still starts at column 1
    REQUIRE(!r.records.empty());
    CHECK(positions(r.records[0]) == std::vector<Pos>{{1, 1}, {1, 6}});
    SECTION("a BOM before a quoted header") {
        CHECK(read_text("\xEF\xBB\xBF\"a\",b\n").rows() == Rows{{"a", "b"}});
    }
    SECTION("only at the start: a BOM later is data") {
        CHECK(read_text("a\n\xEF\xBB\xBFx\n").rows() == Rows{{"a"}, {"\xEF\xBB\xBFx"}});
    }
}

TEST_CASE("csv: the last line may lack a newline", "[csv]") {
    CHECK(read_text("a,b\n1,2").rows() == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(read_text("a,b\n1,\"2\"").rows() == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(read_text("a,b\r\n1,2").rows() == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(read_text("x").rows() == Rows{{"x"}});
}

TEST_CASE("csv: blank lines are skipped, LF or CRLF", "[csv]") {
    auto r = read_text("\n\r\na,b\n\n1,2\r\n\r\n\n3,4\n\n");
    CHECK(r.errors.empty());
    CHECK(r.rows() == Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}});
    REQUIRE(r.records.size() == 3);
    // the records keep their physical line numbers
    CHECK(r.records[0].line == 3);
    CHECK(r.records[1].line == 5);
    CHECK(r.records[2].line == 8);
    CHECK(read_text("").records.empty());
    CHECK(read_text("\n\n\r\n").records.empty());
    SECTION("a quoted empty field is a record, not a blank line") {
        CHECK(read_text("a\n\"\"\nb\n").rows() == Rows{{"a"}, {""}, {"b"}});
    }
}

TEST_CASE("csv: empty fields and a trailing empty field", "[csv]") {
    CHECK(read_text(",,\n").rows() == Rows{{"", "", ""}});
    CHECK(read_text("a,,c\n").rows() == Rows{{"a", "", "c"}});
    CHECK(read_text("a,b,\n").rows() == Rows{{"a", "b", ""}});
    CHECK(read_text("a,b,\r\n").rows() == Rows{{"a", "b", ""}});
    CHECK(read_text("a,b,").rows() == Rows{{"a", "b", ""}});
    CHECK(read_text("1,\"\",\"\"\n2,3,4").rows() == Rows{{"1", "", ""}, {"2", "3", "4"}});
    CHECK(read_text(",\n").rows() == Rows{{"", ""}});
}

TEST_CASE("csv: a custom delimiter, semicolon or tab", "[csv]") {
    SECTION("semicolon") {
        auto r = read_text("a;b,c;\"d;e\"\n1;2,5;\"x\"\"y\"\n", ';');
        CHECK(r.errors.empty());
        CHECK(r.rows() == Rows{{"a", "b,c", "d;e"}, {"1", "2,5", "x\"y"}});
    }
    SECTION("tab") {
        auto r = read_text("a\tb, c\t\"d\te\"\n1\t\t3\n", '\t');
        CHECK(r.errors.empty());
        CHECK(r.rows() == Rows{{"a", "b, c", "d\te"}, {"1", "", "3"}});
        REQUIRE(r.records.size() == 2);
        CHECK(positions(r.records[1]) == std::vector<Pos>{{2, 1}, {2, 3}, {2, 4}});
    }
    SECTION("a comma is plain text when the delimiter is not a comma") {
        CHECK(read_text("a,b\n", ';').rows() == Rows{{"a,b"}});
    }
}

TEST_CASE("csv: positions are line and column in characters of each field", "[csv]") {
    SECTION("simple") {
        auto r = read_text("a,bb,ccc\n1,22,333\n");
        REQUIRE(r.records.size() == 2);
        CHECK(r.records[0].line == 1);
        CHECK(positions(r.records[0]) == std::vector<Pos>{{1, 1}, {1, 3}, {1, 6}});
        CHECK(r.records[1].line == 2);
        CHECK(positions(r.records[1]) == std::vector<Pos>{{2, 1}, {2, 3}, {2, 6}});
    }
    SECTION("a quoted field starts at its opening quote; fields after it count the quotes") {
        auto r = read_text("\"a,b\",\"c\"\"d\",e\n");
        REQUIRE(r.records.size() == 1);
        CHECK(positions(r.records[0]) == std::vector<Pos>{{1, 1}, {1, 7}, {1, 14}});
    }
    SECTION("fields after a multi-line quoted field") {
        // line 2: 1,"x     line 3: y",z     line 4: q,r
        auto r = read_text("a,b,c\n1,\"x\ny\",z\nq,r,s\n");
        REQUIRE(r.records.size() == 3);
        CHECK(r.records[1].line == 2);
        CHECK(positions(r.records[1]) == std::vector<Pos>{{2, 1}, {2, 3}, {3, 4}});
        CHECK(r.records[2].line == 4);
        CHECK(positions(r.records[2]) == std::vector<Pos>{{4, 1}, {4, 3}, {4, 5}});
    }
    SECTION("a CRLF inside quotes is one line break") {
        auto r = read_text("\"x\r\ny\",z\r\nq\r\n");
        REQUIRE(r.records.size() == 2);
        CHECK(positions(r.records[0]) == std::vector<Pos>{{1, 1}, {2, 4}});
        CHECK(r.records[1].line == 3);
    }
    SECTION("multi-byte UTF-8 counts as one character") {
        // é (2 bytes), € (3 bytes), 😀 (4 bytes)
        auto r = read_text("\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x98\x80,x\n\"\xC3\xA9\xC3\xA9\",y\n");
        REQUIRE(r.records.size() == 2);
        CHECK(positions(r.records[0]) == std::vector<Pos>{{1, 1}, {1, 3}, {1, 5}, {1, 7}});
        CHECK(positions(r.records[1]) == std::vector<Pos>{{2, 1}, {2, 6}});
        CHECK(r.records[0][3] == "x");
    }
    SECTION("after a BOM and blank lines") {
        auto r = read_text("\xEF\xBB\xBF\n\na,b\n");
        REQUIRE(r.records.size() == 1);
        CHECK(positions(r.records[0]) == std::vector<Pos>{{3, 1}, {3, 3}});
    }
}

TEST_CASE("csv: reading from a file descriptor gives the same records as from memory", "[csv]") {
    const std::string text = "\xEF\xBB\xBF"
                             "a,b,c\r\n1,\"x,\"\"y\"\"\r\nz\",\xC3\xA9\n\n\"\",,\n7,8,9";
    const auto mem = read_text(text);
    CHECK(mem.errors.empty());
    CHECK(mem.rows() ==
          Rows{{"a", "b", "c"}, {"1", "x,\"y\"\r\nz", "\xC3\xA9"}, {"", "", ""}, {"7", "8", "9"}});
    auto same = [&](const Read& r) {
        CHECK(r.errors.empty());
        CHECK_FALSE(r.io_failed);
        CHECK(r.rows() == mem.rows());
        REQUIRE(r.records.size() == mem.records.size());
        for (std::size_t i = 0; i < r.records.size(); ++i) {
            CHECK(r.records[i].line == mem.records[i].line);
            CHECK(positions(r.records[i]) == positions(mem.records[i]));
        }
    };
    SECTION("temporary file") {
        same(read_file(text));
    }
    SECTION("pipe") {
        same(read_pipe(text));
    }
    SECTION("empty input") {
        CHECK(read_file("").records.empty());
        CHECK(read_pipe("").records.empty());
    }
}

TEST_CASE("csv: a record larger than the 64 KiB read chunk", "[csv]") {
    constexpr std::size_t chunk = 1 << 16;
    // A quoted field of ~200 KB holding delimiters, doubled quotes and line breaks.
    std::string value;
    while (value.size() < 3 * chunk) value += "abc,def \"q\"\r\nxyz\n\xC3\xA9";
    std::string quoted;
    for (char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    const std::string text = "h1,h2,h3\n1,\"" + quoted + "\",tail\n2,3,4\n";
    const auto mem = read_text(text);
    REQUIRE(mem.errors.empty());
    REQUIRE(mem.records.size() == 3);
    CHECK(mem.records[1][1] == value);
    CHECK(mem.records[1][2] == "tail");
    const auto file = read_file(text);
    CHECK(file.errors.empty());
    CHECK(file.rows() == mem.rows());
    REQUIRE(file.records.size() == 3);
    CHECK(positions(file.records[1]) == positions(mem.records[1]));
    CHECK(positions(file.records[2]) == positions(mem.records[2]));

    SECTION("a CRLF split across two chunks") {
        std::string t = "a,b\n";
        t += std::string(chunk - 1 - t.size() - 2, 'x') + ",y\r\nc,d\n";
        REQUIRE(t[chunk - 1] == '\r');
        REQUIRE(t[chunk] == '\n');
        const auto r = read_file(t);
        CHECK(r.errors.empty());
        CHECK(r.rows() == read_text(t).rows());
        REQUIRE(r.records.size() == 3);
        CHECK(r.records[1][1] == "y");
        CHECK(r.records[2][0] == "c");
    }
    SECTION("a doubled quote split across two chunks") {
        std::string t = "a\n\"";
        t += std::string(chunk - 1 - t.size(), 'x') + "\"\"z\"\nb\n";
        REQUIRE(t[chunk - 1] == '"');
        REQUIRE(t[chunk] == '"');
        const auto r = read_file(t);
        CHECK(r.errors.empty());
        REQUIRE(r.records.size() == 3);
        CHECK(r.records[1][0] == std::string(chunk - 4, 'x') + "\"z");
        CHECK(r.records[2][0] == "b");
    }
    SECTION("an unquoted field across chunks, with a stray quote after the boundary") {
        const std::string big(chunk + 100, 'u');
        const std::string t = "a,b\n" + big + "\"v,w\n";
        const auto r = read_file(t);
        REQUIRE(r.records.size() == 2);
        CHECK(r.records[1][0] == big + "\"v");
        CHECK(r.records[1][1] == "w");
        CHECK(positions(r.records[1]) ==
              std::vector<Pos>{{2, 1}, {2, static_cast<int>(chunk) + 104}});
        CHECK(error_positions(r.errors) == std::vector<Pos>{{2, static_cast<int>(chunk) + 101}});
        CHECK(error_positions(read_text(t).errors) == error_positions(r.errors));
    }
    SECTION("a multi-byte character split across two chunks keeps columns right") {
        std::string t = std::string(chunk - 1, 'x') + "\xC3\xA9,e\n";
        const auto r = read_file(t);
        REQUIRE(r.records.size() == 1);
        CHECK(r.records[0][0] == std::string(chunk - 1, 'x') + "\xC3\xA9");
        CHECK(positions(r.records[0]) ==
              std::vector<Pos>{{1, 1}, {1, static_cast<int>(chunk) + 2}});
    }
}

TEST_CASE("csv: already_read bytes are read before the descriptor", "[csv]") {
    SECTION("whole records") {
        auto r = read_file("c,d\n", ',', "a,b\n");
        CHECK(r.errors.empty());
        CHECK(r.rows() == Rows{{"a", "b"}, {"c", "d"}});
        REQUIRE(r.records.size() == 2);
        CHECK(r.records[1].line == 2);
    }
    SECTION("a field split between the two") {
        auto r = read_file("d\",e\n", ',', "a,b\n\"c\nc");
        CHECK(r.errors.empty());
        CHECK(r.rows() == Rows{{"a", "b"}, {"c\ncd", "e"}});
    }
    SECTION("a BOM split between the two") {
        auto r = read_file("\xBB\xBF"
                           "a,b\n",
                           ',', "\xEF");
        CHECK(r.rows() == Rows{{"a", "b"}});
    }
    SECTION("only already_read, the descriptor is at its end") {
        auto r = read_file("", ';', "x;y\n1;2");
        CHECK(r.rows() == Rows{{"x", "y"}, {"1", "2"}});
    }
    SECTION("a full 64 KiB already read") {
        const std::string first(1 << 16, 'x');
        auto r = read_file(",y\n", ',', first);
        CHECK(r.rows() == Rows{{first, "y"}});
    }
}

TEST_CASE("csv: an I/O error is reported once", "[csv]") {
    const int fd = ::open("/", O_RDONLY | O_DIRECTORY); // read() on a directory fails (EISDIR)
    REQUIRE(fd >= 0);
    CsvReader reader(fd);
    auto r = read_all(reader);
    ::close(fd);
    CHECK(r.io_failed);
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0].message, Catch::Contains("cannot read"));
}

TEST_CASE("csv malformed: an unclosed quote is reported at the opening quote", "[csv]") {
    auto r = read_text("a,b\n1,2\n3,\"abc\ndef,4\n5,6\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(error_positions(r.errors) == std::vector<Pos>{{3, 3}});
    CHECK_THAT(r.errors[0].message, Catch::Contains("never closed"));
    // the record is still returned, holding the rest of the input
    CHECK(r.rows() == Rows{{"a", "b"}, {"1", "2"}, {"3", "abc\ndef,4\n5,6\n"}});
    SECTION("after multi-byte text") {
        auto e = read_text("\xC3\xA9\xC3\xA9,\"x").errors;
        CHECK(error_positions(e) == std::vector<Pos>{{1, 4}});
    }
    SECTION("a lone quote at the end") {
        auto e = read_text("a,\"").errors;
        CHECK(error_positions(e) == std::vector<Pos>{{1, 3}});
    }
}

TEST_CASE("csv malformed: a quote inside an unquoted field", "[csv]") {
    auto r = read_text("a,b\"c,d\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(error_positions(r.errors) == std::vector<Pos>{{1, 4}});
    CHECK_THAT(r.errors[0].message, Catch::Contains("quote inside an unquoted field"));
    CHECK(r.rows() == Rows{{"a", "b\"c", "d"}});
    SECTION("a field quoted after leading spaces is not quoted") {
        auto e = read_text("a, \"b\"\n").errors;
        CHECK(error_positions(e) == std::vector<Pos>{{1, 4}, {1, 6}});
    }
}

TEST_CASE("csv malformed: text after a closing quote", "[csv]") {
    auto r = read_text("x,\"ab\"cd,e\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(error_positions(r.errors) == std::vector<Pos>{{1, 7}});
    CHECK_THAT(r.errors[0].message, Catch::Contains("after a closing quote"));
    CHECK(r.rows() == Rows{{"x", "abcd", "e"}});
    SECTION("a space after the closing quote") {
        auto e = read_text("\"a\" ,b\n").errors;
        CHECK(error_positions(e) == std::vector<Pos>{{1, 4}});
    }
}

TEST_CASE("csv malformed: reading goes on after a malformed record so later errors are reported",
          "[csv]") {
    const std::string text = "h1,h2\n"
                             "ok,ok\n"
                             "1\"x,y\n"   // line 3: stray quote at column 2
                             "\"a\"b,c\n" // line 4: text after closing quote at column 4
                             "fine,\"multi\nline\"\n" // lines 5-6
                             "p,q\"\n"                // line 7: stray quote at column 4
                             "last,\"open\n";         // line 8: never closed, quote at column 6
    auto r = read_text(text);
    CHECK(error_positions(r.errors) == std::vector<Pos>{{3, 2}, {4, 4}, {7, 4}, {8, 6}});
    CHECK(r.rows() == Rows{{"h1", "h2"},
                           {"ok", "ok"},
                           {"1\"x", "y"},
                           {"ab", "c"},
                           {"fine", "multi\nline"},
                           {"p", "q\""},
                           {"last", "open\n"}});
    // the same from a descriptor
    auto f = read_file(text);
    CHECK(error_positions(f.errors) == error_positions(r.errors));
    CHECK(f.rows() == r.rows());
}

// Only the full EF BB BF is a byte order mark: a first character in U+F000..U+FFFF (fullwidth
// forms, U+FFFD, Arabic presentation forms) also starts with 0xEF and must be kept.
TEST_CASE("csv: a first character that only starts like a BOM is data", "[csv]") {
    CHECK(read_text("\xEF\xBC\x81,b\n").rows() == Rows{{"\xEF\xBC\x81", "b"}});   // U+FF01
    CHECK(read_text("\xEF\xBB\x80x,b\n").rows() == Rows{{"\xEF\xBB\x80x", "b"}}); // U+FEC0
    CHECK(read_text("\xEF\xBF\xBD,b\n").rows() == Rows{{"\xEF\xBF\xBD", "b"}});   // U+FFFD
}

// CsvRow: the same records as views into the reader's buffer. Every way of reading below must
// give what CsvRecord gives from memory: values, lines, columns, errors.
namespace {

struct RowRead {
    Rows rows;
    std::vector<int> lines;                  // of each record
    std::vector<std::vector<Pos>> positions; // of each field
    std::vector<bool> ascii;
    std::vector<Pos> errors;
};

RowRead read_rows(CsvReader& reader) {
    RowRead out;
    recert::CsvRow row;
    while (reader.next(row)) {
        std::vector<std::string> values;
        std::vector<Pos> pos;
        std::vector<int> columns;
        row.columns(columns);
        for (std::size_t i = 0; i < row.size(); ++i) {
            values.emplace_back(row[i]);
            pos.push_back({row.line(i), row.column(i)});
            CHECK(columns[i] == row.column(i));
        }
        out.rows.push_back(values);
        out.lines.push_back(row.line());
        out.positions.push_back(pos);
        out.ascii.push_back(row.ascii());
    }
    CHECK(row.size() == 0);
    out.errors = error_positions(reader.errors());
    return out;
}

// What CsvRecord gives from memory, in the same form.
RowRead expected(const std::string& text) {
    const Read r = read_text(text);
    RowRead out;
    out.rows = r.rows();
    for (const auto& rec : r.records) {
        out.lines.push_back(rec.line);
        out.positions.push_back(positions(rec));
    }
    out.errors = error_positions(r.errors);
    return out;
}

void same_rows(const std::string& text) {
    const RowRead want = expected(text);
    auto check = [&](const RowRead& got) {
        CHECK(got.rows == want.rows);
        CHECK(got.lines == want.lines);
        CHECK(got.positions == want.positions);
        CHECK(got.errors == want.errors);
    };
    {
        CsvReader reader(std::string_view(text), ',');
        check(read_rows(reader));
    }
    TempFile tmp(text);
    const int fd = ::open(tmp.path.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    CsvReader reader(fd);
    check(read_rows(reader));
    ::close(fd);
}

} // namespace

TEST_CASE("csv rows: views give the records, lines and columns of copies", "[csv]") {
    same_rows("a,bb,ccc\n1,22,333\n");
    same_rows("\xEF\xBB\xBF\n\na,b\n");
    same_rows("a,b\n1,\"ha \"\"ha\"\" ha\"\n\"\"\"\",\"\"\"\"\"\"\"\"\n");
    same_rows("a,b,c\n1,\"x\ny\",z\nq,r,s\n");
    same_rows("\"x\r\ny\",z\r\nq\r\n");
    same_rows("\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x98\x80,x\n\"\xC3\xA9\xC3\xA9\",y\n");
    same_rows("a,b\rc,\"d\"\r\xC3\xA9,\"x\ny\"\r\"z\",w\n");
    same_rows("h1,h2\nok,ok\n1\"x,y\n\"a\"b,c\nfine,\"multi\nline\"\np,q\"\nlast,\"open\n");
    same_rows("x,\"a\"\"b\"cd\"e,f\n");
    same_rows("a,b,\n,\n\"\",\"\"\n");
}

TEST_CASE("csv rows: whole-line reading of simple records equals the field-by-field scan",
          "[csv]") {
    // random records, most of them simple (one line under 128 bytes, plain quoted fields), the
    // rest with every kind of thing that makes a record not simple, in random order
    std::mt19937 random(20261130);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
    const std::vector<std::string> pieces = {"",
                                             "a",
                                             "Holder 001234",
                                             "2024-05-01",
                                             "40",
                                             "approved",
                                             "\"quoted, with comma\"",
                                             "\"\"",
                                             "\"say \"\"hi\"\"\"",
                                             "\"two\nlines\"",
                                             "\"cr\r\nlf\"",
                                             "un\"quoted",
                                             "\"x\"y",
                                             "\xC3\xA9t\xC3\xA9",
                                             std::string("nul\0byte", 8),
                                             "tab\there",
                                             "semi;colon",
                                             std::string(70, 'w'),
                                             std::string(130, 'v'),
                                             "\"open"};
    std::string text;
    for (int r = 0; r < 20000; ++r) {
        const std::size_t fields = 1 + pick(10);
        for (std::size_t f = 0; f < fields; ++f) {
            if (f) text += ',';
            // three records in four use only the simple pieces
            text += pieces[r % 4 ? pick(8) : pick(pieces.size())];
        }
        text += pick(20) == 0 ? "\r\n" : pick(30) == 0 ? "\n\n" : "\n";
    }
    for (char delimiter : {',', ';', '\t'}) {
        INFO("delimiter " << static_cast<int>(delimiter));
        CsvReader simple(std::string_view(text), delimiter);
        CsvReader general(std::string_view(text), delimiter);
        general.general_scan_only();
        const RowRead a = read_rows(simple), b = read_rows(general);
        CHECK(a.rows.size() > 15000);
        CHECK(a.rows == b.rows);
        CHECK(a.lines == b.lines);
        CHECK(a.positions == b.positions);
        CHECK(a.ascii == b.ascii);
        CHECK(a.errors == b.errors);
        CHECK(simple.bytes_read() == general.bytes_read());
    }
}

TEST_CASE("csv rows: a row knows whether it is plain ASCII text", "[csv]") {
    const std::string text = std::string("a,b\n\xC3\xA9,b\nx,\"y\"\n"
                                         "0123456789abcdef,0123456789abcdef0123\n"
                                         "0123456789abcdef,0123456789abcdef012\xC3\xA9\n"
                                         "a") +
                             '\0' + "b,c\n";
    CsvReader reader(std::string_view(text), ',');
    const RowRead r = read_rows(reader);
    CHECK(r.ascii == std::vector<bool>{true, false, true, true, false, false});
}

TEST_CASE("csv rows: fields across the 64 KiB read chunk stay whole", "[csv]") {
    constexpr std::size_t chunk = 1 << 16;
    // every field boundary kind at the chunk boundary: put a record's i-th byte on it
    const std::string record = "ab,\"c\"\"d\",\"e\nf\",\"\"\"\",\xC3\xA9,\"g\"h,i\"j,\r\n";
    for (std::size_t at = 0; at < record.size(); ++at) {
        std::string text = "h\n";
        text += std::string(chunk - text.size() - at - 1, 'x') + "\n";
        REQUIRE(text.size() + at == chunk);
        text += record + record + "tail\n";
        INFO("record byte " << at << " at the chunk boundary");
        same_rows(text);
    }
    SECTION("a record several chunks long, with doubled quotes on the boundaries") {
        std::string value;
        while (value.size() < 5 * chunk) value += "\"\",;x\n\xC3\xA9 ";
        std::string quoted;
        for (char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        same_rows("a,b\n1,\"" + quoted + "\",after\n2,3\n");
        same_rows("a,b\n" + std::string(3 * chunk + 7, 'u') + ",v\n\"" + quoted + "\"\n");
    }
}

TEST_CASE("csv rows: a field over 1 MiB is dropped, with its position", "[csv]") {
    const std::string big(std::size_t{1} << 21, 'z');
    const std::string text = "a,b\n\xC3\xA9,\"x\ny\"," + big + ",c\nd,e\n";
    same_rows(text);
    CsvReader reader(std::string_view(text), ',');
    recert::CsvRow row;
    REQUIRE(reader.next(row));
    REQUIRE(reader.next(row));
    REQUIRE(row.size() == 4);
    CHECK(row.dropped(2));
    CHECK(row[2].empty());
    CHECK(row[3] == "c");
    CHECK(Pos{row.line(2), row.column(2)} == Pos{3, 4});
    CHECK(error_positions(reader.errors()) == std::vector<Pos>{{3, 4}});
}
