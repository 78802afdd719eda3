// Files that are not UTF-8 (docs/formats.md "Import mapping", encoding): byte order marks, the
// encodings a mapping may name decoded to UTF-8, the guess behind the hint for text that is not
// UTF-8, and read_csv_file reading such files, from a file or a pipe.
#include "../helpers.hpp"

#include "input/csv_input.hpp"
#include "input/decode.hpp"

#include <cstdio>
#include <fcntl.h>
#include <string>
#include <thread>
#include <unistd.h>

using namespace recert;
using namespace recert::input;
using test::all;
using test::cisco;
using test::d;

namespace {

std::string decoded(std::string_view bytes, std::string_view encoding) {
    DecodeProblem problem;
    auto text = decode_to_utf8(bytes, encoding, problem);
    INFO(problem.message);
    REQUIRE(text);
    return *text;
}

DecodeProblem decode_problem(std::string_view bytes, std::string_view encoding) {
    DecodeProblem problem;
    CHECK_FALSE(decode_to_utf8(bytes, encoding, problem));
    return problem;
}

// `bytes` read by read_csv_file as activities, from a temporary file, or through a pipe.
CsvInput read_bytes(const std::string& bytes, const ImportMap* map = nullptr, bool pipe = false) {
    CsvInput out;
    if (pipe) {
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        std::thread writer([&] {
            (void)!::write(fds[1], bytes.data(), bytes.size());
            ::close(fds[1]);
        });
        read_csv_file("-", fds[0], "<stdin>", cisco(), map, "Ana", CsvContent::Activities, out, {},
                      1);
        writer.join();
        ::close(fds[0]);
        return out;
    }
    char path[] = "/tmp/recert-decode-XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    ::lseek(fd, 0, SEEK_SET);
    read_csv_file(path, fd, "acts.csv", cisco(), map, "Ana", CsvContent::Activities, out, {}, 2);
    ::close(fd);
    ::unlink(path);
    return out;
}

// UTF-16 of ASCII text, with a byte order mark
std::string utf16(std::string_view ascii, bool little) {
    std::string out = little ? std::string("\xFF\xFE") : std::string("\xFE\xFF");
    for (const char c : ascii) {
        if (little) out += c;
        out += '\0';
        if (!little) out += c;
    }
    return out;
}

ImportMap with_encoding(const char* encoding) {
    auto res = load_map(
        std::string(R"({"schema": "recert-map/1", "encoding": ")") + encoding + "\"}", "m.json");
    INFO(all(res.errors));
    REQUIRE(res.ok());
    return *res.value;
}

} // namespace

TEST_CASE("decode: byte order marks and encoding names", "[decode]") {
    CHECK(byte_order_mark("\xEF\xBB\xBF"
                          "date")
              .encoding == "utf-8");
    CHECK(byte_order_mark("\xEF\xBB\xBF").size == 3);
    CHECK(byte_order_mark("\xFF\xFE"
                          "d")
              .encoding == "utf-16le");
    CHECK(byte_order_mark("\xFE\xFF").encoding == "utf-16be");
    CHECK(byte_order_mark("\xFE\xFF").size == 2);
    CHECK(byte_order_mark("date").size == 0);
    CHECK(byte_order_mark("\xEF\xBB").size == 0);
    CHECK(byte_order_mark("").size == 0);

    CHECK(known_encoding(" Windows-1252 ") == "windows-1252");
    CHECK(known_encoding("UTF-16") == "utf-16");
    CHECK(known_encoding("cp1252").empty());
    CHECK(needs_decoding("utf-16"));
    CHECK(needs_decoding("iso-8859-1"));
    CHECK_FALSE(needs_decoding("utf-8"));
    CHECK_FALSE(needs_decoding(""));
}

TEST_CASE("decode: text in other encodings becomes UTF-8", "[decode]") {
    CHECK(decoded("Jos\xE9 \x80 \x93q\x94", "windows-1252") == "José € “q”");
    CHECK(decoded("Jos\xE9 \x80", "iso-8859-1") == "José \xC2\x80"); // a control character
    CHECK(decoded(std::string("J\0o\0s\0\xE9\0", 8), "utf-16le") == "José");
    CHECK(decoded(std::string("\0J\0o\0s\0\xE9", 8), "utf-16be") == "José");
    CHECK(decoded(std::string("J\0", 2), "utf-16") == "J"); // without a mark: little-endian
    CHECK(decoded(std::string("\x3D\xD8\x00\xDE", 4), "utf-16le") == "\xF0\x9F\x98\x80"); // a pair
    CHECK(decoded("", "windows-1252").empty());
    // larger than the first guess of the room needed
    CHECK(decoded(std::string(10000, '\x80'), "windows-1252").size() == 30000);
}

TEST_CASE("decode: a byte the encoding lacks is reported where it is", "[decode]") {
    auto p = decode_problem("date\nJos\xE9,\x81x", "windows-1252");
    CHECK(p.line == 2);
    CHECK(p.column == 6);
    CHECK(p.message == "byte 0x81 is not a Windows-1252 character");
    p = decode_problem(std::string("a\0\x00\xDC"
                                   "b\0",
                                   6),
                       "utf-16le"); // a lone surrogate
    CHECK(p.line == 1);
    CHECK(p.column == 2);
    CHECK(p.message == "bytes 0x00 0xDC are not valid UTF-16 (little-endian)");
    p = decode_problem(std::string("a\0b", 3), "utf-16le");
    CHECK(p.column == 2);
    CHECK(p.message == "the file ends in the middle of a UTF-16 (little-endian) character");
}

TEST_CASE("decode: the likely encoding of text that is not UTF-8", "[decode]") {
    CHECK(likely_encoding("plain text").empty());
    CHECK(likely_encoding("José").empty());
    CHECK(likely_encoding("Jos\xE9") == "windows-1252");
    CHECK(likely_encoding("\x93quoted\x94") == "windows-1252");
    CHECK(likely_encoding(std::string("d\0a\0", 4)) == "utf-16le");
    CHECK(likely_encoding(std::string("\0d\0a", 4)) == "utf-16be");
    CHECK(encoding_hint("windows-1252", "--map") ==
          "the file looks like Windows-1252; add \"encoding\": \"windows-1252\" to the mapping "
          "(--map)");
    CHECK(encoding_hint("", "--map").empty());
    CHECK(text_problem("ok") == nullptr);
    CHECK(std::string(text_problem(std::string("a\0b", 3))) == "a NUL byte");
    CHECK(std::string(text_problem("\xC3")) == "invalid UTF-8");
}

TEST_CASE("csv input: files in other encodings", "[decode][csv_input]") {
    const std::string csv = "date,credits,title\r\n2024-05-01,8,Caf\xC3\xA9 talk\r\n";
    const ImportMap windows = with_encoding("windows-1252");
    for (const bool pipe : {false, true}) {
        INFO((pipe ? "through a pipe" : "from a file"));
        // UTF-16, either byte order, by its byte order mark
        for (const bool little : {true, false}) {
            std::string bytes = utf16("date,credits,title\r\n2024-05-01,8,Caf", little);
            bytes += little ? std::string("\xE9\0", 2) : std::string("\0\xE9", 2);
            bytes += utf16(" talk\r\n", little).substr(2);
            const auto in = read_bytes(bytes, nullptr, pipe);
            INFO(all(in.errors));
            CHECK(in.errors.empty());
            REQUIRE(in.activities.size() == 1);
            CHECK(in.activities[0].title == "Café talk");
            CHECK(in.activities[0].date == d("2024-05-01"));
        }
        // UTF-8 with a byte order mark, and without
        for (const std::string& bytes : {"\xEF\xBB\xBF" + csv, csv, std::string("date\n")}) {
            const auto in = read_bytes(bytes, nullptr, pipe);
            INFO(all(in.errors));
            CHECK(in.errors.empty());
            if (bytes.size() < 8) continue;
            REQUIRE(in.activities.size() == 1);
            CHECK(in.activities[0].title == "Café talk");
        }
        // Windows-1252 named by the mapping
        auto in =
            read_bytes("date,credits,title\n2024-05-01,8,Caf\xE9 \x93talk\x94\n", &windows, pipe);
        INFO(all(in.errors));
        REQUIRE(in.activities.size() == 1);
        CHECK(in.activities[0].title == "Café “talk”");
        // a byte order mark decides over the mapping
        in = read_bytes("\xEF\xBB\xBF" + csv, &windows, pipe);
        REQUIRE(in.activities.size() == 1);
        CHECK(in.activities[0].title == "Café talk");
        // a byte the encoding lacks: an error at its place, nothing read
        in = read_bytes("date,credits\n2024-05-01,\x81\n", &windows, pipe);
        REQUIRE(in.errors.size() == 1);
        CHECK(format_location(in.errors[0]) ==
              std::string(pipe ? "<stdin>" : "acts.csv") +
                  ":2:12: byte 0x81 is not a Windows-1252 character");
        CHECK(in.rows == 0);
        // text that is not UTF-8 without an encoding: the first problem has a hint
        in = read_bytes("date,credits,title,holder\n"
                        "2024-05-01,8,Caf\xE9,Jos\xE9\n"
                        "2024-05-02,8,Caf\xE9,Ana\n",
                        nullptr, pipe);
        REQUIRE(in.errors.size() == 3);
        CHECK(in.errors[0].message == "invalid UTF-8 in title; expected UTF-8 text");
        CHECK(in.errors[0].hint == "the file looks like Windows-1252; add \"encoding\": "
                                   "\"windows-1252\" to the mapping (--map)");
        CHECK(in.errors[1].hint.empty());
        CHECK(in.errors[2].hint.empty());
    }
}
