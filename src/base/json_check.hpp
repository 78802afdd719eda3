// Internal: strict, diagnostic-collecting access to parsed JSON documents.
#pragma once

#include "recert/credits.hpp"
#include "recert/date.hpp"
#include "recert/diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace recert::detail {

using ojson = nlohmann::ordered_json;

// Parses JSON text; on a syntax error adds one diagnostic with line and column.
std::optional<ojson> parse_json(std::string_view text, const std::string& file, Diagnostics& out);

const char* type_name(const ojson& j);

class Checker {
  public:
    Checker(std::string_view text, std::string file, Diagnostics& out)
        : text_(text), file_(std::move(file)), out_(out) {}

    void error(const std::string& pointer, std::string message, std::string hint = "");

    // Checks that j is an object with only the allowed keys and all the required ones.
    bool object(const ojson& j, const std::string& ptr,
                std::initializer_list<std::string_view> allowed,
                std::initializer_list<std::string_view> required);
    bool array(const ojson& j, const std::string& ptr);

    std::optional<std::string> string(const ojson& obj, const std::string& ptr, const char* key,
                                      bool required, bool nonempty = true);
    std::optional<int> integer(const ojson& obj, const std::string& ptr, const char* key,
                               bool required, long long min, long long max);
    std::optional<Date> date(const ojson& obj, const std::string& ptr, const char* key,
                             bool required);
    std::optional<Centi> credits(const ojson& obj, const std::string& ptr, const char* key,
                                 bool required);

    const std::string& file() const { return file_; }
    std::size_t error_count() const { return out_.size(); }

  private:
    std::string_view text_;
    std::string file_;
    Diagnostics& out_;
};

inline std::string child(const std::string& ptr, std::string_view key) {
    return ptr + "/" + pointer_token(key);
}
inline std::string child(const std::string& ptr, std::size_t index) {
    return ptr + "/" + std::to_string(index);
}

} // namespace recert::detail
