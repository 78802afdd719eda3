// Which column of a CSV file holds which of recert's fields: the canonical column names, or a
// `recert-map/1` import mapping for a foreign export (columns, date format, value maps, defaults,
// delimiter, rows before the header).
#pragma once

#include "input/csv.hpp"
#include "recert/diagnostic.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace recert {

struct ImportMap {
    std::map<std::string, std::string> columns; // canonical field -> header in the file
    std::string date_format;                    // empty: ISO YYYY-MM-DD
    std::map<std::string, std::map<std::string, std::string>>
        values;                                  // field -> value in file -> canonical value
    std::map<std::string, std::string> defaults; // field -> value when the cell is empty
    char delimiter = ',';
    int skip_rows = 0; // records before the header row
};

// Loads an import mapping; `file` names it in the problems (every one is reported).
Result<ImportMap> load_map(std::string_view text, const std::string& file);

// The canonical column names: activity fields, then certification fields.
const std::vector<std::string>& canonical_columns();

namespace input {

// The fields a column can hold, in the order of canonical_columns().
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
    kProgram,
    kCredited,
    kFieldCount
};

// The field a column name stands for (any case, blanks around it ignored), or -1.
int field_index(std::string_view name);

// Whether a field holds a date (a mapping's date_format applies to it).
inline bool is_date_field(int f) {
    return f == kDate || f == kSubmitted || f == kCredited || f == kEarned || f == kExpires;
}

// The text without the blanks (spaces, tabs) around it.
std::string_view trim_ends(std::string_view s);
// The same, inline for the common cell that neither starts nor ends with a blank.
inline std::string_view trim(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    if (s.empty() || (!blank(s.front()) && !blank(s.back()))) return s;
    return trim_ends(s);
}

// A file's header: which column holds which field.
class Columns {
  public:
    // Reads the header row, after the mapping's skip_rows records: a column holds the field the
    // mapping names it for, else the field of its canonical name (unless the mapping takes that
    // field from another column). Problems (a field in two columns, a column the mapping names
    // that the header lacks) go to `errors` as `file`'s; columns that hold no field are noted in
    // `notices`. False, with the reader's problems and that one added, when there is no header.
    bool read(CsvReader& reader, const ImportMap* map, const std::string& file, Diagnostics& errors,
              std::vector<std::string>& notices);

    // The header's number of columns.
    std::size_t size() const { return field_of_.size(); }
    // The field column c holds, or -1.
    int field(std::size_t c) const { return field_of_[c]; }
    // The column that holds field f, or -1.
    int column(int f) const { return column_of_[static_cast<std::size_t>(f)]; }
    // The header's line.
    int line() const { return line_; }

  private:
    std::vector<int> field_of_;
    std::vector<int> column_of_;
    int line_ = 0;
};

} // namespace input
} // namespace recert
