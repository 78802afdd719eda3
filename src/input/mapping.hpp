// Which column of a CSV file holds which of recert's fields: the canonical column names, or a
// `recert-map/1` import mapping for a foreign export (columns, date format, value maps, defaults,
// delimiter, rows before the header, rows skipped by a column's values, fields derived from
// another column through a value map, the file's encoding).
#pragma once

#include "input/csv.hpp"
#include "recert/diagnostic.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace recert {

// What rows a CSV may hold.
enum class CsvContent { Activities, Certifications, Mixed };

struct ImportMap {
    std::map<std::string, std::string> columns; // canonical field -> header in the file
    std::string date_format;                    // empty: ISO YYYY-MM-DD
    std::map<std::string, std::map<std::string, std::string>>
        values;                                  // field -> value in file -> canonical value
    std::map<std::string, std::string> defaults; // field -> value when the cell is empty
    char delimiter = ',';
    int skip_rows = 0; // records before the header row
    // "skip": rows whose cell in `column` is one of `values` (trimmed, ignoring case) are dropped
    struct Skip {
        std::string column;              // header text
        std::vector<std::string> values; // as the mapping spells them (named in the note)
    };
    std::vector<Skip> skip; // in the mapping's order
    // "derive": a field taken from column `from` through a value map; a value the map lacks is
    // an error
    struct Derive {
        std::string field;                                       // canonical field
        int index = -1;                                          // the field as an input::Field
        std::string from;                                        // header text
        std::vector<std::pair<std::string, std::string>> values; // in the file -> recert's
    };
    std::vector<Derive> derive; // in the mapping's order
    std::string encoding;       // one of input::encoding_names(); "": UTF-8
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

// Whether rows of `content` read field f: an activities file reads no certification fields
// (certification, earned, expires), a certifications file only those, holder and program.
inline bool reads_field(CsvContent content, int f) {
    const bool certification = f == kCertification || f == kEarned || f == kExpires;
    return content == CsvContent::Mixed || f == kHolder || f == kProgram ||
           (content == CsvContent::Certifications) == certification;
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
    // mapping names it for ("columns", or "derive" from it), else the field of its canonical name
    // (unless the mapping takes that field from another column). Problems (a field in two
    // columns, a column the mapping names for a field that rows of `content` read but the header
    // lacks) go to `errors` as `file`'s; columns that serve nothing, and "skip" columns the header
    // lacks, are noted in `notices`. False, with the reader's problems and that one added, when
    // there is no header.
    bool read(CsvReader& reader, const ImportMap* map, CsvContent content, const std::string& file,
              Diagnostics& errors, std::vector<std::string>& notices);

    // The header's number of columns.
    std::size_t size() const { return field_of_.size(); }
    // The field column c holds, or -1.
    int field(std::size_t c) const { return field_of_[c]; }
    // The column that holds field f, or -1.
    int column(int f) const { return column_of_[static_cast<std::size_t>(f)]; }
    // The header's line.
    int line() const { return line_; }
    // The column the mapping's derive[i] reads, or -1 when the header lacks it.
    int derive_column(std::size_t i) const { return derive_column_[i]; }
    // The column the mapping's skip[i] reads, or -1 when the header lacks it.
    int skip_column(std::size_t i) const { return skip_column_[i]; }
    // For a header that does not hold the columns needed, the likely cause: the header's text
    // looks like another encoding (likely_encoding), or one column holds it all, separated by
    // tabs or another delimiter; both empty when neither.
    struct Cause {
        std::string_view encoding; // "" when the text is UTF-8
        char delimiter = 0;        // 0 when the header has several columns
    };
    const Cause& cause() const { return cause_; }

  private:
    std::vector<int> field_of_;
    std::vector<int> column_of_;
    std::vector<int> derive_column_;
    std::vector<int> skip_column_;
    Cause cause_;
    int line_ = 0;
};

} // namespace input
} // namespace recert
