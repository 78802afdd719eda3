#include "report/require.hpp"

#include "base/json_check.hpp"
#include "input/csv.hpp"
#include "input/mapping.hpp"
#include "model/records.hpp"

#include <charconv>
#include <optional>

namespace recert {

namespace {

constexpr int kMaxMinimum = 1000000;

// The one check of a requirement, whatever the file's format: `fail(field, message, hint)`
// reports a problem at the field's place.
template <class Fail>
void add_requirement(std::vector<Requirement>& out, const Rules& rules, std::string_view name,
                     std::optional<int> minimum, const Fail& fail) {
    const Certification* c = rules.find_certification(name);
    if (!c) {
        fail("certification", "unknown certification \"" + shown(name) + "\"",
             certification_hint(rules, name));
        return;
    }
    const auto index = static_cast<std::size_t>(c - rules.certifications.data());
    for (const Requirement& q : out)
        if (q.cert == index) {
            fail("certification", c->name + " is required twice", "give one minimum for each");
            return;
        }
    // kept even with a bad minimum (already reported), so that a repeat is still found
    out.push_back(Requirement{index, minimum.value_or(0)});
}

Result<std::vector<Requirement>> from_json(std::string_view text, const std::string& file,
                                           const Rules& rules) {
    Result<std::vector<Requirement>> res;
    auto doc = detail::parse_json(text, file, res.errors);
    if (!doc) return res;
    detail::Checker check(text, file, res.errors);
    std::vector<Requirement> out;
    if (!doc->is_array()) {
        check.error("", std::string("expected an array of {\"certification\", \"minimum\"}, got ") +
                            detail::type_name(*doc));
        return res;
    }
    for (std::size_t i = 0; i < doc->size(); ++i) {
        const std::string ptr = detail::child("", i);
        const auto& item = (*doc)[i];
        if (!check.object(item, ptr, {"certification", "minimum"}, {"certification", "minimum"}))
            continue;
        auto name = check.string(item, ptr, "certification", true);
        auto minimum = check.integer(item, ptr, "minimum", true, 0, kMaxMinimum);
        if (!name) continue;
        add_requirement(out, rules, *name, minimum,
                        [&](const char* key, const std::string& message, const std::string& hint) {
                            check.error(detail::child(ptr, key), message, hint);
                        });
    }
    if (res.errors.empty()) res.value = std::move(out);
    return res;
}

Result<std::vector<Requirement>> from_csv(std::string_view text, const std::string& file,
                                          const Rules& rules) {
    Result<std::vector<Requirement>> res;
    CsvReader reader(text);
    CsvRecord header;
    std::vector<Requirement> out;
    auto at = [&](int line, int column, std::string message, std::string hint = "") {
        res.errors.push_back(
            Diagnostic{file, line, column, "", std::move(message), std::move(hint)});
    };
    int name_col = -1, minimum_col = -1;
    if (reader.next(header)) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            const std::string_view h = input::trim(header[i]);
            if (h == "certification")
                name_col = static_cast<int>(i);
            else if (h == "minimum")
                minimum_col = static_cast<int>(i);
            else
                at(header.fields[i].line, header.fields[i].column,
                   "unknown column \"" + shown(h) + "\"",
                   "a requirements file has the columns certification,minimum");
        }
    }
    if (name_col < 0 || minimum_col < 0) {
        at(1, 1, "expected the header certification,minimum");
        return res;
    }
    CsvRecord row;
    while (reader.next(row)) {
        if (row.size() == 1 && input::trim(row[0]).empty()) continue; // a blank line
        if (row.size() != header.size()) {
            at(row.line, 1,
               "expected " + std::to_string(header.size()) + " fields, got " +
                   std::to_string(row.size()));
            continue;
        }
        const auto& cell = row.fields[static_cast<std::size_t>(minimum_col)];
        const std::string_view m = input::trim(cell.value);
        int value = 0;
        const auto [end, ec] = std::from_chars(m.data(), m.data() + m.size(), value);
        std::optional<int> minimum;
        if (ec != std::errc() || end != m.data() + m.size() || value < 0 || value > kMaxMinimum)
            at(cell.line, cell.column,
               "minimum: expected a whole number from 0 to " + std::to_string(kMaxMinimum) +
                   ", got \"" + shown(m) + "\"");
        else
            minimum = value;
        const auto& name = row.fields[static_cast<std::size_t>(name_col)];
        add_requirement(out, rules, input::trim(name.value), minimum,
                        [&](const char*, const std::string& message, const std::string& hint) {
                            at(name.line, name.column, message, hint);
                        });
    }
    for (const CsvError& e : reader.errors()) at(e.line, e.column, e.message);
    if (res.errors.empty()) res.value = std::move(out);
    return res;
}

} // namespace

Result<std::vector<Requirement>> load_requirements(std::string_view text, const std::string& file,
                                                   const Rules& rules) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && (text[first] == '[' || text[first] == '{'))
        return from_json(text, file, rules);
    return from_csv(text, file, rules);
}

} // namespace recert
