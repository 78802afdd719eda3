#include "input/mapping.hpp"

#include "base/json_check.hpp"
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

bool Columns::read(CsvReader& reader, const ImportMap* map, const std::string& file,
                   Diagnostics& errors, std::vector<std::string>& notices) {
    auto error = [&](int line, int column, std::string message) {
        errors.push_back(Diagnostic{file, line, column, "", std::move(message), ""});
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
    line_ = rec.line;
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
        if (f >= 0 && column_of_[static_cast<std::size_t>(f)] >= 0) {
            error(rec.fields[c].line, rec.fields[c].column,
                  "column \"" + name + "\" repeats the field \"" +
                      canonical_columns()[static_cast<std::size_t>(f)] + "\"");
            continue;
        }
        if (f >= 0) {
            field_of_[c] = f;
            column_of_[static_cast<std::size_t>(f)] = static_cast<int>(c);
        } else if (!name.empty()) {
            notices.push_back(std::string(file)
                                  .append(":")
                                  .append(std::to_string(line_))
                                  .append(": column \"")
                                  .append(name)
                                  .append("\" is not used"));
        }
    }
    if (map)
        for (const auto& [field, source] : map->columns)
            if (column_of_[static_cast<std::size_t>(field_index(field))] < 0)
                error(line_, 1,
                      std::string("the mapping names column \"")
                          .append(source)
                          .append("\" for ")
                          .append(field)
                          .append(", but the header has no such column"));
    return true;
}

} // namespace input

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
    if (res.errors.empty()) res.value = std::move(m);
    return res;
}

} // namespace recert
