#include "input/mapping.hpp"

#include "base/json_check.hpp"
#include "input/decode.hpp"
#include "recert/rules.hpp"

#include <algorithm>

namespace recert {

using detail::child;
using detail::ojson;

const std::vector<std::string>& canonical_columns() {
    static const std::vector<std::string> cols{"id",        "holder",  "date",      "kind",
                                               "credits",   "exam",    "exam_kind", "status",
                                               "submitted", "title",   "category",  "certification",
                                               "earned",    "expires", "program",   "credited"};
    return cols;
}

namespace input {

std::string_view trim_ends(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return s.substr(b, e - b);
}

int field_index(std::string_view name) {
    const auto& cols = canonical_columns();
    auto it = std::find(cols.begin(), cols.end(), lower(trim(name)));
    return it == cols.end() ? -1 : static_cast<int>(it - cols.begin());
}

bool Columns::read(CsvReader& reader, const ImportMap* map, CsvContent content,
                   const std::string& file, Diagnostics& errors,
                   std::vector<std::string>& notices) {
    auto error = [&](int line, int column, std::string message) {
        errors.push_back(Diagnostic{file, line, column, "", std::move(message), ""});
    };
    auto note = [&](const std::string& what) {
        notices.push_back(file + ":" + std::to_string(line_) + ": " + what);
    };
    CsvRecord rec;
    for (int i = 0; map && i < map->skip_rows; ++i)
        if (!reader.next(rec)) break;
    if (!reader.next(rec)) {
        for (const auto& e : reader.errors()) error(e.line, e.column, e.message);
        error(1, 1, "the file is empty; expected a header row");
        return false;
    }
    field_of_.assign(rec.size(), -1);
    column_of_.assign(kFieldCount, -1);
    derive_column_.assign(map ? map->derive.size() : 0, -1);
    skip_column_.assign(map ? map->skip.size() : 0, -1);
    line_ = rec.line;
    cause_ = Cause{};
    for (const auto& f : rec.fields)
        if (!(cause_.encoding = likely_encoding(f.value)).empty()) break;
    auto same = [](std::string_view header, std::string_view name) {
        return lower(trim(header)) == lower(trim(name));
    };
    // one column that, split at another delimiter, would name a column recert reads
    auto names_a_column = [&](std::string_view name) {
        return field_index(name) >= 0 ||
               (map && (std::any_of(map->columns.begin(), map->columns.end(),
                                    [&](const auto& kv) { return same(name, kv.second); }) ||
                        std::any_of(map->derive.begin(), map->derive.end(),
                                    [&](const auto& d) { return same(name, d.from); })));
    };
    const char delimiter = map ? map->delimiter : ',';
    const std::string_view only = rec.size() == 1 ? std::string_view(rec[0]) : std::string_view();
    for (const char d : {'\t', ';', ','}) {
        if (d == delimiter || only.find(d) == std::string_view::npos) continue;
        for (std::size_t b = 0;;) {
            const std::size_t e = only.find(d, b);
            if (names_a_column(only.substr(b, e == std::string_view::npos ? e : e - b)))
                cause_.delimiter = d;
            if (cause_.delimiter != 0 || e == std::string_view::npos) break;
            b = e + 1;
        }
        if (cause_.delimiter != 0) break;
    }
    // the fields the mapping takes from a column it names
    std::vector<bool> taken(kFieldCount);
    if (map) {
        for (const auto& kv : map->columns)
            taken[static_cast<std::size_t>(field_index(kv.first))] = true;
        for (const auto& d : map->derive) taken[static_cast<std::size_t>(d.index)] = true;
    }
    for (std::size_t c = 0; c < rec.size(); ++c) {
        const std::string name(trim(rec[c]));
        int f = -1;
        bool serves = false; // the mapping reads the column for "derive" or "skip"
        if (map) {
            for (const auto& [field, source] : map->columns)
                if (same(name, source)) f = field_index(field);
            for (std::size_t i = 0; i < map->derive.size(); ++i)
                if (derive_column_[i] < 0 && same(name, map->derive[i].from)) {
                    derive_column_[i] = static_cast<int>(c);
                    serves = true;
                }
            for (std::size_t i = 0; i < map->skip.size(); ++i)
                if (skip_column_[i] < 0 && same(name, map->skip[i].column)) {
                    skip_column_[i] = static_cast<int>(c);
                    serves = true;
                }
        }
        // canonical names work too, unless the mapping takes that field from another column
        if (const int canonical = field_index(name);
            f < 0 && canonical >= 0 && !taken[static_cast<std::size_t>(canonical)])
            f = canonical;
        if (f >= 0 && column_of_[static_cast<std::size_t>(f)] >= 0) {
            error(rec.fields[c].line, rec.fields[c].column,
                  "column \"" + name + "\" repeats the field \"" +
                      canonical_columns()[static_cast<std::size_t>(f)] + "\"");
            continue;
        }
        if (f >= 0) {
            field_of_[c] = f;
            column_of_[static_cast<std::size_t>(f)] = static_cast<int>(c);
        } else if (!name.empty() && !serves) {
            note("column \"" + name + "\" is not used");
        }
    }
    if (!map) return true;
    // a column named for a field this file's rows do not read need not be there: one mapping
    // may serve an activities file and a certifications file
    for (const auto& [field, source] : map->columns) {
        const int f = field_index(field);
        if (column_of_[static_cast<std::size_t>(f)] < 0 && reads_field(content, f))
            error(line_, 1,
                  std::string("the mapping names column \"")
                      .append(source)
                      .append("\" for ")
                      .append(field)
                      .append(", but the header has no such column"));
    }
    for (std::size_t i = 0; i < map->derive.size(); ++i) {
        const ImportMap::Derive& d = map->derive[i];
        const int f = d.index;
        if (derive_column_[i] >= 0)
            column_of_[static_cast<std::size_t>(f)] = derive_column_[i];
        else if (reads_field(content, f))
            error(line_, 1,
                  "the mapping derives " + d.field + " from column \"" + d.from +
                      "\", but the header has no such column");
    }
    for (std::size_t i = 0; i < map->skip.size(); ++i)
        if (skip_column_[i] < 0)
            note("the mapping's \"skip\" names column \"" + map->skip[i].column +
                 "\", which the header lacks: no rows are skipped by it");
    return true;
}

} // namespace input

Result<ImportMap> load_map(std::string_view text, const std::string& file) {
    Result<ImportMap> res;
    auto doc = detail::parse_json(text, file, res.errors);
    if (!doc) return res;
    detail::Checker c(text, file, res.errors);
    ImportMap m;
    if (!c.object(*doc, "",
                  {"schema", "columns", "date_format", "values", "defaults", "delimiter",
                   "skip_rows", "skip", "derive", "encoding"},
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
            if (input::field_index(e.key()) < 0) {
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
    // "skip": { "COLUMN": ["value", ...] }
    if (auto it = doc->find("skip"); it != doc->end()) {
        if (!it->is_object())
            c.error("/skip", std::string("found ") + detail::type_name(*it) +
                                 ", expected an object: a column's name -> the values whose rows "
                                 "are skipped");
        else
            for (auto e = it->begin(); e != it->end(); ++e) {
                const std::string p = child("/skip", e.key());
                if (input::trim(e.key()).empty()) {
                    c.error(p, "expected a column's name in the file");
                    continue;
                }
                if (!e.value().is_array() || e.value().empty()) {
                    c.error(p, "expected a list of the column's values whose rows are skipped, "
                               "e.g. [\"AWS\"]");
                    continue;
                }
                ImportMap::Skip& rule = m.skip.emplace_back();
                rule.column = e.key();
                rule.values.reserve(e.value().size());
                for (std::size_t i = 0; i < e.value().size(); ++i) {
                    if (!e.value()[i].is_string())
                        c.error(child(p, i), std::string("found ") +
                                                 detail::type_name(e.value()[i]) +
                                                 ", expected a string");
                    else
                        rule.values.push_back(e.value()[i].get<std::string>());
                }
            }
    }
    // "derive": { "FIELD": { "from": "COLUMN", "values": { "in the file": "recert's" } } }
    fields_object("derive", [&](const std::string& field, const ojson& v, const std::string& p) {
        if (!c.object(v, p, {"from", "values"}, {"from", "values"})) return;
        const auto from = c.string(v, p, "from", true);
        const auto& values = v.at("values");
        if (!values.is_object() || values.empty()) {
            c.error(child(p, "values"),
                    "expected an object mapping the column's values to recert's values");
            return;
        }
        ImportMap::Derive d{field, input::field_index(field), from.value_or(""), {}};
        d.values.reserve(values.size());
        for (auto e = values.begin(); e != values.end(); ++e) {
            if (!e.value().is_string())
                c.error(child(child(p, "values"), e.key()), "expected a string");
            else
                d.values.emplace_back(e.key(), e.value().get<std::string>());
        }
        // one source per field: a second one would be ignored
        if (m.columns.count(field))
            c.error(p, field + " is also in \"columns\"; a field comes from one column",
                    "keep one: \"derive\" when the column's values need a map");
        else if (m.values.count(field))
            c.error(p, field + " is also in \"values\"; \"derive\" maps its values itself",
                    "move the values into \"derive\"");
        if (from) m.derive.push_back(std::move(d));
    });
    if (auto e = c.string(*doc, "", "encoding", false)) {
        m.encoding = input::known_encoding(*e);
        if (m.encoding.empty()) {
            ClosestName closest(*e);
            for (const auto& n : input::encoding_names()) closest.offer(n);
            c.error("/encoding", "unknown encoding \"" + shown(*e) + "\"",
                    closest.best().empty() ? "encodings: " + or_list(input::encoding_names())
                                           : "did you mean \"" + closest.best() + "\"?");
        } else if (m.encoding == "utf-8") {
            m.encoding.clear(); // what every file is read as
        }
    }
    if (res.errors.empty()) res.value = std::move(m);
    return res;
}

} // namespace recert
