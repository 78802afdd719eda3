#include "base/json_check.hpp"

#include <algorithm>

namespace recert::detail {

namespace {

bool json_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// What a syntax error at byte `at` most likely is, from the text around it and the parser's words
// (`says`), which do not say it (a trailing comma is "unexpected ']'"): its place, the message and
// a hint. Nothing when there is no likely cause.
struct SyntaxGuess {
    std::size_t at;
    std::string message, hint;
};
std::optional<SyntaxGuess> guess_syntax_error(std::string_view text, std::size_t at,
                                              std::string_view says) {
    if (at >= text.size()) return std::nullopt;
    // the parser stops at the end of a string or number token: go back to its start
    std::size_t start = at;
    if (says.find("unexpected string literal") != std::string_view::npos && text[at] == '"') {
        for (start = at; start > 0; --start) {
            if (text[start - 1] != '"') continue;
            std::size_t slashes = 0;
            while (start - 1 > slashes && text[start - 2 - slashes] == '\\') ++slashes;
            if (slashes % 2 == 0) break;
        }
        start = start > 0 ? start - 1 : 0;
    } else if (says.find("unexpected number literal") != std::string_view::npos) {
        while (start > 0 &&
               std::string_view("0123456789+-.eE").find(text[start - 1]) != std::string_view::npos)
            --start;
    }
    const char c = text[start];
    std::size_t before = start; // just after the last character before it that is not white space
    while (before > 0 && json_space(text[before - 1])) --before;
    const char prev = before > 0 ? text[before - 1] : '\0';
    auto digit = [](char d) { return d >= '0' && d <= '9'; };
    // a token where it cannot go (not text after the end, nor a bad string), or a bad literal
    const bool misplaced = says.find("unexpected") != std::string_view::npos &&
                           says.find("expected end of input") == std::string_view::npos;
    const bool literal = says.find("invalid literal") != std::string_view::npos;
    if (misplaced && (c == ']' || c == '}') && prev == ',')
        return SyntaxGuess{before - 1, std::string("trailing comma before '") + c + "'",
                           "JSON takes no comma after the last item: remove this one"};
    if (literal && c == '\'')
        return SyntaxGuess{start, "strings take double quotes, not single quotes",
                           "write \"text\", not 'text'"};
    if (literal && c == '/')
        return SyntaxGuess{start, "JSON has no comments", "remove the comment"};
    if (misplaced && text.size() - start >= 5 && digit(c) && digit(text[start + 1]) &&
        digit(text[start + 2]) && digit(text[start + 3]) && text[start + 4] == '-')
        return SyntaxGuess{start, "a date without double quotes",
                           "dates are strings: \"YYYY-MM-DD\""};
    const bool starts_value = c == '"' || c == '{' || c == '[' || c == '-' || digit(c);
    const bool ends_value =
        prev == '"' || prev == '}' || prev == ']' || digit(prev) || prev == 'e' || prev == 'l';
    if (misplaced && starts_value && ends_value) {
        if (says.find("expected ':'") != std::string_view::npos)
            return SyntaxGuess{before, "a ':' is missing here, after the key",
                               "write \"key\": value"};
        return SyntaxGuess{before, "a comma is missing here, between two values",
                           "separate the items of an object or an array with commas"};
    }
    // a word where a literal goes: text without quotes, unless it is a number JSON lacks (NaN,
    // Infinity), for which the parser's words are as good
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    std::string word(text.substr(start, 3));
    for (char& w : word) w = static_cast<char>(w | 0x20); // letters in lower case
    if (literal && letter && word != "nan" && word != "inf")
        return SyntaxGuess{start, "text without double quotes",
                           "names and strings take double quotes: \"text\""};
    return std::nullopt;
}

} // namespace

std::optional<ojson> parse_json(std::string_view text, const std::string& file, Diagnostics& out) {
    // recert's files are a few levels deep; refuse absurd nesting before anything recurses on it
    constexpr int kMaxDepth = 64;
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth) {
                auto [line, col] = line_column(text, i);
                out.push_back(Diagnostic{file, line, col, "",
                                         "nested more than " + std::to_string(kMaxDepth) +
                                             " levels deep; expected a recert file (a few levels)",
                                         ""});
                return std::nullopt;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    try {
        ojson doc = ojson::parse(text.begin(), text.end());
        if (auto dup =
                find_duplicate_key(text)) { // nlohmann keeps the last silently: refuse instead
            auto [line, col] = line_column(text, dup->second);
            out.push_back(Diagnostic{file, line, col, dup->first,
                                     "duplicate key: this key appears twice in one object",
                                     "keep one of them"});
            return std::nullopt;
        }
        return doc;
    } catch (const ojson::parse_error& e) {
        const std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
        auto [line, col] = line_column(text, byte);
        std::string what = e.what();
        // nlohmann's text is "[json.exception.parse_error.101] parse error at line L, column C:
        // syntax error while parsing X - detail"; keep the part after the position.
        const std::size_t colon = what.find(": ", what.find("column"));
        std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
        if (text.empty() || std::all_of(text.begin(), text.end(), [](char c) {
                return c == ' ' || c == '\n' || c == '\r' || c == '\t';
            }))
            detail = "the file is empty; expected a JSON object";
        if (auto found = guess_syntax_error(text, byte, detail)) {
            SyntaxGuess& guess = *found;
            const auto [gl, gc] = line_column(text, guess.at);
            out.push_back(Diagnostic{file, gl, gc, "", "invalid JSON: " + guess.message,
                                     std::move(guess.hint)});
            return std::nullopt;
        }
        out.push_back(Diagnostic{file, line, col, "", "invalid JSON: " + detail, ""});
        return std::nullopt;
    } catch (const ojson::exception& e) {
        // e.g. out_of_range 406: a number too large for a double ("1e999")
        std::string what = e.what();
        const std::size_t close = what.find("] ");
        if (close != std::string::npos) what = what.substr(close + 2);
        out.push_back(Diagnostic{file, 0, 0, "", "invalid JSON: " + shown(what), ""});
        return std::nullopt;
    }
}

const char* type_name(const ojson& j) {
    switch (j.type()) {
    case ojson::value_t::null:
        return "null";
    case ojson::value_t::object:
        return "an object";
    case ojson::value_t::array:
        return "an array";
    case ojson::value_t::string:
        return "a string";
    case ojson::value_t::boolean:
        return "a boolean";
    case ojson::value_t::number_integer:
    case ojson::value_t::number_unsigned:
    case ojson::value_t::number_float:
        return "a number";
    default:
        return "an unsupported value";
    }
}

void Checker::error(const std::string& pointer, std::string message, std::string hint) {
    auto [line, col] = locate_pointer(text_, pointer);
    out_.push_back(Diagnostic{file_, line, col, pointer.empty() ? "/" : pointer, std::move(message),
                              std::move(hint)});
}

bool Checker::object(const ojson& j, const std::string& ptr,
                     std::initializer_list<std::string_view> allowed,
                     std::initializer_list<std::string_view> required) {
    if (!j.is_object()) {
        error(ptr, std::string("found ") + type_name(j) + ", expected an object");
        return false;
    }
    bool good = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
            std::string list, close;
            for (auto a : allowed) {
                list += (list.empty() ? "" : ", ") + std::string(a);
                if (close.empty() && it.key().size() <= 64 && edit_distance(a, it.key()) <= 2)
                    close = std::string(a);
            }
            error(child(ptr, shown(it.key())), "unknown key \"" + shown(it.key()) + "\"",
                  close.empty() ? "known keys here: " + list : "did you mean \"" + close + "\"?");
            good = false;
        }
    }
    for (auto r : required) {
        if (!j.contains(std::string(r))) {
            error(ptr, "missing required key \"" + std::string(r) + "\"");
            good = false;
        }
    }
    return good;
}

bool Checker::array(const ojson& j, const std::string& ptr) {
    if (!j.is_array()) {
        error(ptr, std::string("found ") + type_name(j) + ", expected an array");
        return false;
    }
    return true;
}

std::optional<std::string> Checker::string(const ojson& obj, const std::string& ptr,
                                           const char* key, bool required, bool nonempty) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        (void)required; // presence of required keys is checked by object()
        return std::nullopt;
    }
    if (!it->is_string()) {
        error(child(ptr, key), std::string("found ") + type_name(*it) + ", expected a string");
        return std::nullopt;
    }
    std::string v = it->get<std::string>();
    if (nonempty && v.empty()) {
        error(child(ptr, key), "found an empty string, expected a value");
        return std::nullopt;
    }
    return v;
}

std::optional<int> Checker::integer(const ojson& obj, const std::string& ptr, const char* key,
                                    bool required, long long min, long long max) {
    (void)required;
    auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    if (!it->is_number_integer()) {
        error(child(ptr, key),
              std::string("found ") + type_name(*it) + ", expected a whole number");
        return std::nullopt;
    }
    const long long v = it->get<long long>();
    if (v < min || v > max) {
        error(child(ptr, key), "found " + std::to_string(v) + ", expected a whole number from " +
                                   std::to_string(min) + " to " + std::to_string(max));
        return std::nullopt;
    }
    return static_cast<int>(v);
}

std::optional<Date> Checker::date(const ojson& obj, const std::string& ptr, const char* key,
                                  bool required) {
    (void)required;
    auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    if (!it->is_string()) {
        error(child(ptr, key),
              std::string("found ") + type_name(*it) + ", expected a date YYYY-MM-DD");
        return std::nullopt;
    }
    const std::string s = it->get<std::string>();
    auto d = parse_iso_date(s);
    if (!d)
        error(child(ptr, key),
              "invalid date \"" + s + "\": expected a real calendar date YYYY-MM-DD");
    return d;
}

std::optional<Centi> Checker::credits(const ojson& obj, const std::string& ptr, const char* key,
                                      bool required) {
    (void)required;
    auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    CreditParse p;
    if (it->is_number_unsigned() || it->is_number_integer()) {
        const long long v = it->get<long long>();
        if (v < 0)
            p.error = "a negative number";
        else if (v > kMaxCredits / 100)
            p.error = "more than 1000000 credits";
        else
            p.value = static_cast<Centi>(v) * 100;
    } else if (it->is_number_float()) {
        p = credits_from_double(it->get<double>());
    } else if (it->is_string()) {
        p = parse_credits(it->get<std::string>());
    } else {
        p.error = std::string(type_name(*it));
    }
    if (!p.value) {
        std::string found = it->dump();
        if (found.size() > 40) {
            found.resize(40);
            found += "...";
        }
        error(child(ptr, key), "invalid credits " + found + " (" + p.error +
                                   "): expected a number >= 0 with at most two decimal places");
    }
    return p.value;
}

} // namespace recert::detail
