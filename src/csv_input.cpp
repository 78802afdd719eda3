#include "recert/csv_input.hpp"

#include "json_check.hpp"
#include "recert/records.hpp"

#include <algorithm>
#include <unordered_map>

namespace recert {

using detail::child;
using detail::ojson;

const std::vector<std::string>& canonical_columns() {
    static const std::vector<std::string> cols{
        "id",     "holder",    "date",  "kind",     "credits",       "exam",   "exam_kind",
        "status", "submitted", "title", "category", "certification", "earned", "expires"};
    return cols;
}

namespace {

enum Field : int {
    kId,
    kHolder,
    kDate,
    kKind,
    kCredits,
    kExam,
    kExamKind,
    kStatus,
    kSubmitted,
    kTitle,
    kCategory,
    kCertification,
    kEarned,
    kExpires,
    kFieldCount
};

bool is_date_field(int f) {
    return f == kDate || f == kSubmitted || f == kEarned || f == kExpires;
}

std::string_view trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return s.substr(b, e - b);
}

// Whether text is valid UTF-8 without NUL bytes; on failure, why.
const char* bad_text(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
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

int field_index(std::string_view name) {
    const auto& cols = canonical_columns();
    auto it = std::find(cols.begin(), cols.end(), lower(trim(name)));
    return it == cols.end() ? -1 : static_cast<int>(it - cols.begin());
}

// Cells that recert escaped on export ('=SUM…, and ''=… for text that began with '=) come back
// as they were: the reverse of csv_cell.
std::string_view unescape_formula(std::string_view s) {
    auto formula = [](char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    };
    if (s.size() >= 2 && s[0] == '\'' &&
        (formula(s[1]) || (s.size() >= 3 && s[1] == '\'' && formula(s[2]))))
        s.remove_prefix(1);
    return s;
}

std::optional<std::string> convert_date(std::string_view value, const std::string& format) {
    auto d = parse_date_with_format(std::string(value), format);
    if (!d) return std::nullopt;
    return format_date(*d);
}

} // namespace

Result<ImportMap> load_map(std::string_view text, const std::string& file) {
    Result<ImportMap> res;
    auto doc = detail::parse_json(text, file, res.errors);
    if (!doc) return res;
    detail::Checker c(text, file, res.errors);
    ImportMap m;
    if (!c.object(
            *doc, "",
            {"schema", "columns", "date_format", "values", "defaults", "delimiter", "skip_rows"},
            {"schema"}) &&
        !doc->is_object())
        return res;
    if (auto s = c.string(*doc, "", "schema", true); s && *s != "recert-map/1") {
        c.error("/schema",
                "found \"" + *s + "\", expected \"recert-map/1\": this is not an import mapping");
        return res;
    }
    auto fields_object = [&](const char* key, auto&& each) {
        auto it = doc->find(key);
        if (it == doc->end()) return;
        const std::string p = std::string("/") + key;
        if (!it->is_object()) {
            c.error(p, std::string("found ") + detail::type_name(*it) + ", expected an object");
            return;
        }
        for (auto e = it->begin(); e != it->end(); ++e) {
            if (field_index(e.key()) < 0) {
                std::string known;
                for (const auto& k : canonical_columns()) known += (known.empty() ? "" : ", ") + k;
                c.error(child(p, e.key()), "unknown field \"" + e.key() + "\"", "fields: " + known);
                continue;
            }
            each(lower(e.key()), e.value(), child(p, e.key()));
        }
    };
    fields_object("columns", [&](const std::string& field, const ojson& v, const std::string& p) {
        if (!v.is_string() || v.get<std::string>().empty())
            c.error(p, "expected the column's name in the file");
        else
            m.columns[field] = v.get<std::string>();
    });
    fields_object("defaults", [&](const std::string& field, const ojson& v, const std::string& p) {
        if (!v.is_string())
            c.error(p, std::string("found ") + detail::type_name(v) + ", expected a string");
        else
            m.defaults[field] = v.get<std::string>();
    });
    fields_object("values", [&](const std::string& field, const ojson& v, const std::string& p) {
        if (!v.is_object()) {
            c.error(p, "expected an object mapping values in the file to recert's values");
            return;
        }
        for (auto e = v.begin(); e != v.end(); ++e) {
            if (!e.value().is_string())
                c.error(child(p, e.key()), "expected a string");
            else
                m.values[field][e.key()] = e.value().get<std::string>();
        }
    });
    if (auto f = c.string(*doc, "", "date_format", false)) {
        if (!date_format_supported(*f))
            c.error("/date_format",
                    "\"" + shown(*f) + "\" is not a date format this mapping can use",
                    "use %Y %y %m %d %e %b %B %h %j and literal text, for example \"%m/%d/%Y\" or "
                    "\"%d.%m.%Y\"");
        else
            m.date_format = *f;
    }
    if (auto d = c.string(*doc, "", "delimiter", false)) {
        if (d->size() != 1 || *d == "\"" || *d == "\n" || *d == "\r")
            c.error("/delimiter",
                    "found \"" + *d + "\", expected one character such as \",\", \";\" or \"\\t\"");
        else
            m.delimiter = (*d)[0];
    }
    if (auto s = c.integer(*doc, "", "skip_rows", false, 0, 1000)) m.skip_rows = *s;
    if (res.errors.empty()) res.value = std::move(m);
    return res;
}

void read_csv(CsvReader& reader, const std::string& file, const Rules& rules, const ImportMap* map,
              const std::string& default_holder, CsvContent content, CsvInput& out,
              const std::function<void(std::size_t)>& progress) {
    auto error = [&](int line, int column, std::string message, std::string hint = "") {
        out.errors.push_back(
            Diagnostic{file, line, column, "", std::move(message), std::move(hint)});
    };
    const std::size_t reader_errors_before = reader.errors().size();
    const std::size_t errors_before =
        out.errors.size(); // earlier files' errors are not this file's
    CsvRecord rec;
    for (int i = 0; map && i < map->skip_rows; ++i)
        if (!reader.next(rec)) break;
    if (!reader.next(rec)) {
        for (const auto& e : reader.errors()) error(e.line, e.column, e.message);
        error(1, 1, "the file is empty; expected a header row");
        return;
    }
    // header: which column holds which field
    std::vector<int> column_field(rec.size(), -1);
    std::vector<int> field_column(kFieldCount, -1);
    const int header_line = rec.line;
    for (std::size_t c = 0; c < rec.size(); ++c) {
        const std::string name(trim(rec[c]));
        int f = -1;
        if (map && !map->columns.empty()) {
            for (const auto& [field, source] : map->columns)
                if (lower(source) == lower(name)) f = field_index(field);
        }
        if (f < 0 &&
            !(map && std::any_of(map->columns.begin(), map->columns.end(), [&](const auto& kv) {
                  return field_index(kv.first) == field_index(name);
              })))
            f = field_index(
                name); // canonical names work too, unless the mapping takes that field elsewhere
        if (f >= 0 && field_column[static_cast<std::size_t>(f)] >= 0) {
            error(rec.fields[c].line, rec.fields[c].column,
                  "column \"" + name + "\" repeats the field \"" +
                      canonical_columns()[static_cast<std::size_t>(f)] + "\"");
            continue;
        }
        if (f >= 0) {
            column_field[c] = f;
            field_column[static_cast<std::size_t>(f)] = static_cast<int>(c);
        } else if (!name.empty()) {
            out.notices.push_back(file + ":" + std::to_string(header_line) + ": column \"" + name +
                                  "\" is not used");
        }
    }
    if (map)
        for (const auto& [field, source] : map->columns)
            if (field_column[static_cast<std::size_t>(field_index(field))] < 0)
                error(header_line, 1,
                      "the mapping names column \"" + source + "\" for " + field +
                          ", but the header has no such column");
    auto has = [&](int f) {
        return field_column[static_cast<std::size_t>(f)] >= 0 ||
               (map && map->defaults.count(canonical_columns()[static_cast<std::size_t>(f)]));
    };
    if (content == CsvContent::Activities && !has(kDate))
        error(header_line, 1, "no \"date\" column; expected a header with date and credits or exam",
              "map a foreign export's columns with --map");
    if (content == CsvContent::Certifications && (!has(kCertification) || !has(kEarned)))
        error(header_line, 1,
              "expected \"certification\" and \"earned\" columns (and optionally holder, expires)");
    if (content == CsvContent::Mixed && !has(kDate) && !has(kCertification))
        error(header_line, 1,
              "no \"date\" or \"certification\" column; this does not look like activities or "
              "certifications",
              "map a foreign export's columns with --map");
    if (out.errors.size() != errors_before) return;

    // per row: views into the record (or the mapping, or `converted`), reused from row to row
    std::array<TextField, kFieldCount> cells;
    std::array<std::string, kFieldCount> converted; // dates rewritten by the mapping's format
    std::array<std::pair<int, int>, kFieldCount> where;
    std::array<bool, kFieldCount> reported{}; // fields whose error is already reported
    bool row_ok = true;
    std::unordered_map<std::string, std::pair<int, std::string>>
        explicit_ids; // id -> (line, content)
    const FieldError fe = [&](std::string_view field, std::string message, std::string hint) {
        const int f = field_index(field);
        row_ok = false;
        if (f >= 0 && reported[static_cast<std::size_t>(f)]) return; // said once already
        const auto pos =
            f >= 0 ? where[static_cast<std::size_t>(f)] : std::pair<int, int>{rec.line, 1};
        error(pos.first, pos.second, std::move(message), std::move(hint));
    };
    while (reader.next(rec)) {
        ++out.rows;
        if (progress && out.rows % 8192 == 0) progress(reader.bytes_read());
        if (rec.size() != column_field.size()) {
            error(rec.line, 1,
                  "this row has " + std::to_string(rec.size()) + " fields, the header has " +
                      std::to_string(column_field.size()));
            continue;
        }
        for (auto& c : cells) c.reset();
        for (auto& w : where) w = {rec.line, 1};
        reported.fill(false);
        for (std::size_t c = 0; c < rec.size(); ++c) {
            const int f = column_field[c];
            if (f < 0) continue;
            if (rec.fields[c].dropped) { // the reader has said why
                reported[static_cast<std::size_t>(f)] = true;
                continue;
            }
            std::string_view v = unescape_formula(trim(rec[c]));
            if (const char* why = bad_text(v)) {
                error(rec.fields[c].line, rec.fields[c].column,
                      std::string(why) + " in " + canonical_columns()[static_cast<std::size_t>(f)] +
                          "; expected UTF-8 text");
                reported[static_cast<std::size_t>(f)] = true;
                continue;
            }
            where[static_cast<std::size_t>(f)] = {rec.fields[c].line, rec.fields[c].column};
            if (v.empty()) continue;
            if (map) {
                auto vm = map->values.find(canonical_columns()[static_cast<std::size_t>(f)]);
                if (vm != map->values.end()) {
                    auto hit = vm->second.find(std::string(v));
                    if (hit == vm->second.end())
                        hit =
                            std::find_if(vm->second.begin(), vm->second.end(), [&](const auto& kv) {
                                return lower(kv.first) == lower(v);
                            });
                    if (hit != vm->second.end()) v = hit->second;
                }
                if (is_date_field(f) && !map->date_format.empty() && !v.empty()) {
                    auto iso = convert_date(v, map->date_format);
                    if (!iso) {
                        error(rec.fields[c].line, rec.fields[c].column,
                              "date \"" + std::string(v) + "\" does not match the format \"" +
                                  map->date_format + "\"");
                        reported[static_cast<std::size_t>(f)] = true;
                        continue;
                    }
                    converted[static_cast<std::size_t>(f)] = std::move(*iso);
                    v = converted[static_cast<std::size_t>(f)];
                }
            }
            cells[static_cast<std::size_t>(f)] = v;
        }
        if (map)
            for (const auto& [field, value] : map->defaults) {
                auto& cell = cells[static_cast<std::size_t>(field_index(field))];
                if (!cell) cell = std::string_view(value);
            }
        row_ok = std::none_of(reported.begin(), reported.end(), [](bool b) { return b; });
        const bool is_cert = content == CsvContent::Certifications ||
                             (content == CsvContent::Mixed && cells[kCertification].has_value());
        if (is_cert) {
            CertificationFields f{cells[kHolder], cells[kCertification], cells[kEarned],
                                  cells[kExpires]};
            auto h = build_certification(f, rules, default_holder, fe);
            if (h && row_ok) out.certifications.push_back(*h);
        } else {
            ActivityFields f{cells[kId],        cells[kHolder], cells[kDate],     cells[kKind],
                             cells[kCredits],   cells[kExam],   cells[kExamKind], cells[kStatus],
                             cells[kSubmitted], cells[kTitle],  cells[kCategory]};
            auto a = build_activity(f, rules, default_holder, fe);
            if (a && row_ok && cells[kId]) {
                // one id for two different records is an error; the same record twice is a repeat
                const std::string content = derive_activity_id(*a);
                auto [it, fresh] = explicit_ids.try_emplace(a->id, rec.line, content);
                if (!fresh && it->second.second != content) {
                    const auto pos = where[kId];
                    error(pos.first, pos.second,
                          "duplicate id \"" + shown(a->id) +
                              "\" with different content (first on line " +
                              std::to_string(it->second.first) + ")");
                    row_ok = false;
                }
            }
            if (a && row_ok) out.activities.push_back(std::move(*a));
        }
    }
    for (std::size_t i = reader_errors_before; i < reader.errors().size(); ++i) {
        const auto& e = reader.errors()[i];
        error(e.line, e.column, e.message);
    }
    std::stable_sort(out.errors.begin() + static_cast<std::ptrdiff_t>(errors_before),
                     out.errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
                         return a.line != b.line ? a.line < b.line : a.column < b.column;
                     });
}

} // namespace recert
