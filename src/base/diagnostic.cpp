#include "recert/diagnostic.hpp"

#include <algorithm>
#include <cstdlib>
#include <deque>

namespace recert {

std::string format_location(const Diagnostic& d) {
    std::string out;
    if (!d.file.empty()) out += d.file;
    if (d.line > 0) {
        out += ':' + std::to_string(d.line);
        if (d.column > 0) out += ':' + std::to_string(d.column);
    }
    if (!out.empty()) out += ": ";
    out += d.message;
    if (!d.pointer.empty()) out += " (at " + d.pointer + ")";
    return out;
}

std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
    int line = 1, col = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++col; // count characters, not UTF-8 continuation bytes
        }
    }
    return {line, col};
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // three rows: two letters swapped ("stauts") look back two rows
    std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            row[j] = std::min(
                {prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                row[j] = std::min(row[j], before[j - 2] + 1);
        }
        std::swap(before, prev);
        std::swap(prev, row);
    }
    return prev[b.size()];
}

std::size_t name_distance(std::string_view typed, std::string_view known) {
    auto fold = [](std::string_view s, bool digits) {
        std::string out(s);
        for (char& c : out) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (digits && c == 'o') c = '0';
            if (digits && (c == 'i' || c == 'l')) c = '1';
        }
        return out;
    };
    return std::min(edit_distance(fold(typed, false), fold(known, false)),
                    edit_distance(fold(typed, true), fold(known, true)));
}

bool is_close(std::string_view typed, std::string_view known) {
    const std::size_t d = name_distance(typed, known);
    return d <= 2 && 2 * d < typed.size();
}

std::string or_list(const std::vector<std::string>& items, std::string_view conjunction) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0 && i + 1 == items.size())
            ((out += ' ') += conjunction) += ' ';
        else if (i > 0)
            out += ", ";
        out += items[i];
    }
    return out;
}

std::string shown(std::string_view text) {
    if (text.size() <= 40) return std::string(text);
    std::size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // whole characters
    return std::string(text.substr(0, cut)) + "...";
}

std::string pointer_token(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

namespace {

// A minimal scanner over valid JSON, used only to find where a pointer's value starts.
class Scanner {
  public:
    explicit Scanner(std::string_view t) : text_(t) {}

    std::size_t find(const std::vector<std::string>& tokens) {
        skip_ws();
        for (const std::string& tok : tokens) {
            if (pos_ >= text_.size()) return npos;
            if (text_[pos_] == '{') {
                ++pos_;
                bool found = false;
                for (;;) {
                    skip_ws();
                    if (pos_ >= text_.size() || text_[pos_] == '}') return npos;
                    if (text_[pos_] == ',') {
                        ++pos_;
                        continue;
                    }
                    const std::string key = read_string();
                    skip_ws();
                    if (pos_ < text_.size() && text_[pos_] == ':') ++pos_;
                    skip_ws();
                    if (key == tok) {
                        found = true;
                        break;
                    }
                    skip_value();
                }
                if (!found) return npos;
            } else if (text_[pos_] == '[') {
                ++pos_;
                char* end = nullptr;
                const long want = std::strtol(tok.c_str(), &end, 10);
                if (tok.empty() || *end != '\0' || want < 0) return npos;
                for (long i = 0;; ++i) {
                    skip_ws();
                    if (pos_ >= text_.size() || text_[pos_] == ']') return npos;
                    if (i == want) break;
                    skip_value();
                    skip_ws();
                    if (pos_ < text_.size() && text_[pos_] == ',') ++pos_;
                }
            } else {
                return npos;
            }
        }
        skip_ws();
        return pos_;
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  private:
    void skip_ws() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                       text_[pos_] == '\r' || text_[pos_] == '\t'))
            ++pos_;
    }

    std::string read_string() {
        std::string out;
        if (pos_ >= text_.size() || text_[pos_] != '"') return out;
        ++pos_;
        while (pos_ < text_.size() && text_[pos_] != '"') {
            if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
                ++pos_;
                const char c = text_[pos_];
                out += (c == 'n') ? '\n' : (c == 't') ? '\t' : c;
            } else {
                out += text_[pos_];
            }
            ++pos_;
        }
        ++pos_;
        return out;
    }

    // Moves past the string at the current position without keeping it.
    void skip_string() {
        if (pos_ >= text_.size() || text_[pos_] != '"') return;
        for (++pos_; pos_ < text_.size() && text_[pos_] != '"'; ++pos_)
            if (text_[pos_] == '\\') ++pos_;
        ++pos_;
    }

    void skip_value() {
        skip_ws();
        if (pos_ >= text_.size()) return;
        const char c = text_[pos_];
        if (c == '"') {
            skip_string();
            return;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (pos_ < text_.size()) {
                const char d = text_[pos_];
                if (d == '"') {
                    skip_string();
                    continue;
                }
                if (d == '{' || d == '[') ++depth;
                if (d == '}' || d == ']') {
                    --depth;
                    if (depth == 0) {
                        ++pos_;
                        return;
                    }
                }
                ++pos_;
            }
            return;
        }
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}' &&
               text_[pos_] != ']' && text_[pos_] != ' ' && text_[pos_] != '\n' &&
               text_[pos_] != '\r' && text_[pos_] != '\t')
            ++pos_;
    }

  public:
    // One step of the path to the value being walked: an object key or an array index.
    struct Step {
        std::string_view key; // a view into the text, or into `decoded` for keys with escapes
        std::size_t index = 0;
        bool is_key = false;
    };

    // Walks the whole value at the current position; stops at the first key that repeats in its
    // object, leaving `path` at that key and recording its offset. Keys are compared as views
    // into the text (decoded only when they hold escapes), and the keys of every open object
    // share one stack, so the walk allocates next to nothing.
    bool find_duplicate(std::vector<Step>& path, std::size_t& offset) {
        skip_ws();
        if (pos_ >= text_.size()) return false;
        if (text_[pos_] == '{') {
            ++pos_;
            const std::size_t base = keys_.size(); // this object's keys: keys_[base..]
            for (;;) {
                skip_ws();
                if (pos_ >= text_.size()) return false;
                if (text_[pos_] == '}') {
                    ++pos_;
                    keys_.resize(base);
                    return false;
                }
                if (text_[pos_] == ',') {
                    ++pos_;
                    continue;
                }
                const std::size_t at = pos_;
                const std::string_view key = read_key();
                path.push_back(Step{key, 0, true});
                if (std::find(keys_.begin() + static_cast<std::ptrdiff_t>(base), keys_.end(),
                              key) != keys_.end()) {
                    offset = at;
                    return true;
                }
                keys_.push_back(key);
                skip_ws();
                if (pos_ < text_.size() && text_[pos_] == ':') ++pos_;
                if (find_duplicate(path, offset)) return true;
                path.pop_back();
            }
        }
        if (text_[pos_] == '[') {
            ++pos_;
            for (std::size_t i = 0;; ++i) {
                skip_ws();
                if (pos_ >= text_.size()) return false;
                if (text_[pos_] == ']') {
                    ++pos_;
                    return false;
                }
                if (text_[pos_] == ',') {
                    ++pos_;
                    --i;
                    continue;
                }
                path.push_back(Step{{}, i, false});
                if (find_duplicate(path, offset)) return true;
                path.pop_back();
            }
        }
        skip_value();
        return false;
    }

    // The JSON pointer of a path.
    static std::string pointer(const std::vector<Step>& path) {
        std::string out;
        for (const Step& step : path)
            out += "/" + (step.is_key ? pointer_token(step.key) : std::to_string(step.index));
        return out;
    }

  private:
    // The string at the current position as a key: a view into the text when it has no escape.
    std::string_view read_key() {
        if (pos_ >= text_.size() || text_[pos_] != '"') return {};
        const std::size_t start = pos_ + 1;
        std::size_t i = start;
        while (i < text_.size() && text_[i] != '"' && text_[i] != '\\') ++i;
        if (i < text_.size() && text_[i] == '"') {
            pos_ = i + 1;
            return text_.substr(start, i - start);
        }
        decoded_.push_back(read_string()); // a deque: earlier keys keep their place
        return decoded_.back();
    }

    std::vector<std::string_view> keys_;
    std::deque<std::string> decoded_;

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

} // namespace

std::optional<std::pair<std::string, std::size_t>> find_duplicate_key(std::string_view json_text) {
    Scanner s(json_text);
    std::vector<Scanner::Step> path;
    std::size_t offset = 0;
    if (!s.find_duplicate(path, offset)) return std::nullopt;
    return std::make_pair(Scanner::pointer(path), offset);
}

std::pair<int, int> locate_pointer(std::string_view json_text, std::string_view pointer) {
    std::vector<std::string> tokens;
    if (!pointer.empty()) {
        if (pointer[0] != '/') return {0, 0};
        std::string cur;
        for (std::size_t i = 1; i <= pointer.size(); ++i) {
            if (i == pointer.size() || pointer[i] == '/') {
                tokens.push_back(cur);
                cur.clear();
            } else if (pointer[i] == '~' && i + 1 < pointer.size()) {
                cur += pointer[i + 1] == '1' ? '/' : '~';
                ++i;
            } else {
                cur += pointer[i];
            }
        }
    }
    Scanner s(json_text);
    const std::size_t at = s.find(tokens);
    if (at == Scanner::npos) return {0, 0};
    return line_column(json_text, at);
}

} // namespace recert
