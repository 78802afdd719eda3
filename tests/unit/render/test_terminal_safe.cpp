#include "render/terminal_safe.hpp"

#include <catch2/catch.hpp>

#include <string>

using recert::TerminalFilter;

namespace {

const std::string kBox = "\xEF\xBF\xBD"; // U+FFFD

// `in` through a new filter in pieces of `piece` bytes.
std::string filtered(const std::string& in, std::size_t piece = 1000) {
    TerminalFilter f;
    std::string out;
    for (std::size_t i = 0; i < in.size(); i += piece) f.filter(in.substr(i, piece), out);
    return out;
}

} // namespace

TEST_CASE("Terminal output keeps recert's colours, newlines, tabs and letters", "[render]") {
    const std::string ours = "\033[1mBo Chen\033[0m\t\033[32mactive\033[0m 30/30 \xE2\x96\x88 "
                             "Jos\xC3\xA9 \xC2\xA0\r\n\033[38;5;208mx\033[m\n";
    CHECK(filtered(ours) == ours);
}

TEST_CASE("Control characters in other people's text are shown, not obeyed", "[render]") {
    CHECK(filtered("Eve\033[2J\033[Hx") == "Eve" + kBox + "[2J" + kBox + "[Hx");
    CHECK(filtered("\033]0;pwned\007title") == kBox + "]0;pwned" + kBox + "title");
    CHECK(filtered("\033]8;;http://x\033\\link") == kBox + "]8;;http://x" + kBox + "\\link");
    CHECK(filtered("a,b\r\nc\r\r\n") == "a,b\r\nc" + kBox + "\r\n");
    CHECK(filtered("ok\rEVIL\b\x7F") == "ok" + kBox + "EVIL" + kBox + kBox);
    CHECK(filtered("a\xC2\x9B"
                   "2Jb") == "a" + kBox + "2Jb"); // C1 CSI in UTF-8
    CHECK(filtered("\033\033[31m") == kBox + "\033[31m");
    CHECK(filtered("\xC2\033[2J") == "\xC2" + kBox + "[2J");
    CHECK(filtered(std::string("a\0b", 3)) == "a" + kBox + "b");
    // a long run of parameters is not one of recert's colours
    const std::string many = "\033[" + std::string(40, '1') + "m";
    CHECK(filtered(many) == kBox + many.substr(1));
    // an escape at the very end is held back, not passed
    CHECK(filtered("x\033") == "x");
}

TEST_CASE("Terminal output is filtered the same however it is cut into writes", "[render]") {
    const std::string text = "\033[1mA\033[0m \033[2Jb\xC2\x85\xC2\xA0\033]0;t\007\r\n\033[31mz";
    const std::string whole = filtered(text);
    for (std::size_t piece = 1; piece <= text.size(); ++piece) {
        INFO("pieces of " << piece);
        CHECK(filtered(text, piece) == whole);
    }
}
