// CSV files as input: canonical columns or a `recert-map/1` mapping for foreign exports; rows
// become certifications or activities through the shared record checks.
#pragma once

#include "input/csv.hpp"
#include "recert/diagnostic.hpp"
#include "recert/ledger.hpp"
#include "recert/rules.hpp"
#include "table/activity_table.hpp"

#include <functional>
#include <map>
#include <optional>
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

Result<ImportMap> load_map(std::string_view text, const std::string& file);

// What rows a CSV may hold.
enum class CsvContent { Activities, Certifications, Mixed };

struct CsvInput {
    std::vector<HeldCertification> certifications;
    std::vector<Activity> activities; // when `table` is not set
    ActivityTable* table = nullptr;   // when set, activities go there instead
    bool keep_text = false;           // the table keeps every title (else only quotable ones)
    bool general_rows_only = false;   // every row through the general checks (tests, fuzzing)
    Diagnostics errors;               // FILE:LINE:COL problems, every one
    std::vector<std::string> notices; // e.g. columns that are not used
    std::size_t rows = 0;             // data rows read
    std::size_t quick_rows = 0;       // of which read by the quick steps (tests hold them to it)
};

// Reads every row of one CSV, collecting all problems. A row is a certification when its
// `certification` cell is set, else an activity.
// `progress`, when set, is called now and then with the bytes read so far.
void read_csv(CsvReader& reader, const std::string& file, const Rules& rules, const ImportMap* map,
              const std::string& default_holder, CsvContent content, CsvInput& out,
              const std::function<void(std::size_t)>& progress = {});

// The same for a file opened as `fd` (`path` opens it again): a large regular file is read in two
// halves at once when `threads` > 1, with the same result as reading it in one go.
void read_csv_file(const std::string& path, int fd, const std::string& file, const Rules& rules,
                   const ImportMap* map, const std::string& default_holder, CsvContent content,
                   CsvInput& out, const std::function<void(std::size_t)>& progress,
                   unsigned threads);

// The canonical column names: activity fields, then certification fields.
const std::vector<std::string>& canonical_columns();

} // namespace recert
