#include "recert/diagnostic.hpp"

#include <algorithm>
#include <cstdlib>

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

    void skip_value() {
        skip_ws();
        if (pos_ >= text_.size()) return;
        const char c = text_[pos_];
        if (c == '"') {
            read_string();
            return;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (pos_ < text_.size()) {
                const char d = text_[pos_];
                if (d == '"') {
                    read_string();
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
    // Walks the whole value at the current position; stops at the first key that repeats in its
    // object, recording its pointer and offset.
    bool find_duplicate(std::string& pointer, std::size_t& offset, const std::string& path = "") {
        skip_ws();
        if (pos_ >= text_.size()) return false;
        if (text_[pos_] == '{') {
            ++pos_;
            std::vector<std::string> keys;
            for (;;) {
                skip_ws();
                if (pos_ >= text_.size()) return false;
                if (text_[pos_] == '}') {
                    ++pos_;
                    return false;
                }
                if (text_[pos_] == ',') {
                    ++pos_;
                    continue;
                }
                const std::size_t at = pos_;
                std::string key = read_string();
                if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
                    pointer = path + "/" + pointer_token(key);
                    offset = at;
                    return true;
                }
                keys.push_back(key);
                skip_ws();
                if (pos_ < text_.size() && text_[pos_] == ':') ++pos_;
                if (find_duplicate(pointer, offset, path + "/" + pointer_token(key))) return true;
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
                if (find_duplicate(pointer, offset, path + "/" + std::to_string(i))) return true;
            }
        }
        skip_value();
        return false;
    }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

} // namespace

std::optional<std::pair<std::string, std::size_t>> find_duplicate_key(std::string_view json_text) {
    Scanner s(json_text);
    std::string pointer;
    std::size_t offset = 0;
    if (s.find_duplicate(pointer, offset)) return std::make_pair(pointer, offset);
    return std::nullopt;
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
