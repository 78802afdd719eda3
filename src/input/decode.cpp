#include "input/decode.hpp"

#include "recert/rules.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iconv.h>
#include <tuple>

namespace recert::input {

namespace {

struct EncodingInfo {
    const char* name;   // as a mapping names it
    const char* iconv;  // as glibc's iconv names it ("" for UTF-8: never decoded)
    const char* shown;  // in messages
    bool single = true; // one byte per character
};

const EncodingInfo kEncodings[] = {
    {"utf-8", "", "UTF-8", false},
    {"utf-16", "UTF-16LE", "UTF-16", false},
    {"utf-16le", "UTF-16LE", "UTF-16 (little-endian)", false},
    {"utf-16be", "UTF-16BE", "UTF-16 (big-endian)", false},
    {"windows-1252", "WINDOWS-1252", "Windows-1252", true},
    {"iso-8859-1", "ISO-8859-1", "ISO-8859-1", true},
};

const EncodingInfo* encoding_info(std::string_view name) {
    for (const auto& e : kEncodings)
        if (name == e.name) return &e;
    return nullptr;
}

// The line and column (in characters) just after UTF-8 `text`.
std::pair<int, int> end_position(std::string_view text) {
    int line = 1, column = 1;
    for (const char c : text) {
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

std::string hex_byte(unsigned char b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", b);
    return buf;
}

// iconv_t closed on every way out
class Converter {
  public:
    explicit Converter(const char* from) : cd_(::iconv_open("UTF-8", from)) {}
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;
    ~Converter() {
        if (ok()) ::iconv_close(cd_);
    }
    bool ok() const { return reinterpret_cast<std::intptr_t>(cd_) != -1; } // (iconv_t)-1: failed
    iconv_t get() const { return cd_; }

  private:
    iconv_t cd_;
};

} // namespace

const std::vector<std::string>& encoding_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& e : kEncodings) v.emplace_back(e.name);
        return v;
    }();
    return names;
}

std::string known_encoding(std::string_view name) {
    std::size_t b = 0, e = name.size();
    while (b < e && (name[b] == ' ' || name[b] == '\t')) ++b;
    while (e > b && (name[e - 1] == ' ' || name[e - 1] == '\t')) --e;
    const std::string l = lower(name.substr(b, e - b));
    return encoding_info(l) ? l : std::string();
}

ByteOrderMark byte_order_mark(std::string_view head) {
    auto starts = [&](std::string_view mark) { return head.substr(0, mark.size()) == mark; };
    if (starts("\xEF\xBB\xBF")) return {"utf-8", 3};
    if (starts("\xFF\xFE")) return {"utf-16le", 2};
    if (starts("\xFE\xFF")) return {"utf-16be", 2};
    return {};
}

bool needs_decoding(std::string_view encoding) {
    const EncodingInfo* e = encoding_info(encoding);
    return e && *e->iconv != '\0';
}

std::optional<std::string> decode_to_utf8(std::string_view bytes, std::string_view encoding,
                                          DecodeProblem& problem) {
    const EncodingInfo* e = encoding_info(encoding);
    if (!e || *e->iconv == '\0') return std::string(bytes);
    Converter conv(e->iconv);
    if (!conv.ok()) {
        problem.message = std::string("this system cannot decode ") + e->shown;
        return std::nullopt;
    }
    // room for most texts at once (a single-byte letter takes up to 3 bytes, two UTF-16 bytes
    // up to 3), more when needed
    std::string out(bytes.size() + bytes.size() / 4 + 64, '\0');
    // (iconv's interface takes char*, but does not write to the input)
    char* in = const_cast<char*>(bytes.data()); // NOLINT(cppcoreguidelines-pro-type-const-cast)
    std::size_t in_left = bytes.size(), used = 0;
    while (in_left > 0) {
        char* to = out.data() + used;
        std::size_t to_left = out.size() - used;
        const std::size_t r = ::iconv(conv.get(), &in, &in_left, &to, &to_left);
        used = out.size() - to_left;
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        std::tie(problem.line, problem.column) = end_position(std::string_view(out.data(), used));
        const auto at = static_cast<std::size_t>(in - bytes.data());
        if (errno == EINVAL) {
            problem.message =
                std::string("the file ends in the middle of a ") + e->shown + " character";
        } else if (e->single) {
            problem.message = "byte " + hex_byte(static_cast<unsigned char>(bytes[at])) +
                              " is not a " + e->shown + " character";
        } else {
            std::string shown_bytes;
            for (std::size_t k = at; k < bytes.size() && k < at + 2; ++k)
                shown_bytes += " " + hex_byte(static_cast<unsigned char>(bytes[k]));
            problem.message = "bytes" + shown_bytes + " are not valid " + std::string(e->shown);
        }
        return std::nullopt;
    }
    out.resize(used);
    return out;
}

const char* text_problem(std::string_view s) {
    // plain ASCII without NUL, eight bytes at a time (the common case)
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        const bool high = w & 0x8080808080808080ULL;
        const bool zero = (w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL;
        if (high || zero) break;
    }
    for (; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == 0) return "a NUL byte";
        if (c < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = (c & 0xE0) == 0xC0   ? 1
                              : (c & 0xF0) == 0xE0 ? 2
                              : (c & 0xF8) == 0xF0 ? 3
                                                   : 0;
        if (n == 0 || c == 0xC0 || c == 0xC1 || c > 0xF4 || i + n >= s.size())
            return "invalid UTF-8";
        for (std::size_t k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return "invalid UTF-8";
        i += n + 1;
    }
    return nullptr;
}

std::string_view likely_encoding(std::string_view bytes) {
    if (bytes.find('\0') != std::string_view::npos) {
        // a letter of ASCII in UTF-16 is a NUL byte and the letter: little-endian puts the NUL
        // second, big-endian first
        std::size_t even = 0, odd = 0;
        for (std::size_t i = 0; i < bytes.size(); ++i)
            if (bytes[i] == '\0') ++(i % 2 == 0 ? even : odd);
        return even > odd ? "utf-16be" : "utf-16le";
    }
    return text_problem(bytes) ? "windows-1252" : "";
}

std::string encoding_hint(std::string_view encoding, std::string_view map_option) {
    const EncodingInfo* e = encoding_info(encoding);
    if (!e) return "";
    std::string hint = std::string("the file looks like ") + e->shown;
    if (!e->single) hint += " without a byte order mark";
    return hint + "; add \"encoding\": \"" + e->name + "\" to the mapping (" +
           std::string(map_option) + ")";
}

} // namespace recert::input
