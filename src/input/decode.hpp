// Text that is not UTF-8: a byte order mark at a file's start, a file in another encoding decoded
// to UTF-8 before its rows are read (glibc's iconv), and, for hints, a guess at the encoding of
// bytes that are not UTF-8.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert::input {

// The encodings a mapping may name, as it names them (lower case).
const std::vector<std::string>& encoding_names();

// The encoding `name` stands for (any case, blanks around it ignored), as encoding_names() spells
// it; "" when it is none of them.
std::string known_encoding(std::string_view name);

// A byte order mark: the encoding it declares ("utf-8", "utf-16le", "utf-16be") and its length
// in bytes; size 0 when there is none.
struct ByteOrderMark {
    std::string_view encoding;
    std::size_t size = 0;
};
// The mark at the start of `head` (a file's first bytes: four, or all of a shorter file).
ByteOrderMark byte_order_mark(std::string_view head);

// Whether text in `encoding` (one of encoding_names(), or "" for UTF-8) must be decoded before it
// is read: UTF-8 is read as it is.
bool needs_decoding(std::string_view encoding);

// Where decoding stopped: the line and column (in characters, 1-based) of the first byte that is
// not valid in the encoding, and why.
struct DecodeProblem {
    int line = 1;
    int column = 1;
    std::string message;
};
// `bytes` (without their byte order mark) in `encoding` (one of encoding_names(); "utf-16" is
// little-endian, as Windows writes it) as UTF-8; nullopt, with `problem` set, when a byte is not
// valid in that encoding.
std::optional<std::string> decode_to_utf8(std::string_view bytes, std::string_view encoding,
                                          DecodeProblem& problem);

// Why text is not valid UTF-8 without NUL bytes ("invalid UTF-8", "a NUL byte"), or null when it
// is.
const char* text_problem(std::string_view text);

// The encoding bytes that are not valid UTF-8 are likely in, as a mapping names it: "utf-16le" or
// "utf-16be" for text with NUL bytes between its letters, else "windows-1252" (the usual single-
// byte encoding of spreadsheets, a superset of ISO-8859-1's letters); "" for valid UTF-8 text
// without NUL bytes.
std::string_view likely_encoding(std::string_view bytes);

// The hint for a file that looks like it is in `encoding` (from likely_encoding), naming the option
// that gives its mapping: `the file looks like Windows-1252; add "encoding": "windows-1252" to the
// mapping (--map)`.
std::string encoding_hint(std::string_view encoding, std::string_view map_option);

} // namespace recert::input
