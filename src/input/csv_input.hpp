// CSV files as input: a file's rows into certifications and activities (input/rows.hpp reads
// them), a large file read in two halves at once. Which column holds which field: canonical
// columns, or a `recert-map/1` mapping for foreign exports (input/mapping.hpp).
#pragma once

#include "input/csv.hpp"
#include "input/mapping.hpp"
#include "recert/diagnostic.hpp"
#include "recert/ledger.hpp"
#include "recert/rules.hpp"
#include "table/activity_table.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace recert {

struct CsvInput {
    std::vector<HeldCertification> certifications;
    std::vector<Activity> activities; // when `table` is not set
    ActivityTable* table = nullptr;   // when set, activities go there instead
    bool keep_text = false;           // the table keeps every title (else only quotable ones)
    bool general_rows_only = false;   // every row through the general checks (tests, fuzzing)
    Diagnostics errors;               // FILE:LINE:COL problems, every one
    std::vector<std::string> notices; // e.g. columns that are not used, rows skipped
    std::string map_option = "--map"; // the option that gives the file's mapping, for hints
    std::size_t rows = 0;             // data rows read
    std::size_t quick_rows = 0;       // of which read by the quick steps (tests hold them to it)
};

// Reads every row of one CSV, collecting all problems. A row is a certification when its
// `certification` cell is set, else an activity.
// `progress`, when set, is called now and then with the bytes read so far.
void read_csv(CsvReader& reader, const std::string& file, const Rules& rules, const ImportMap* map,
              const std::string& default_holder, CsvContent content, CsvInput& out,
              const std::function<void(std::size_t)>& progress = {});

// The same for a file opened as `fd` (`path` opens it again), whose first bytes, when taken from
// `fd` already, are `already_read`. A file in another encoding (a UTF-16 byte order mark, else the
// mapping's encoding) is decoded to UTF-8 in memory first; a UTF-8 file streams, and a large
// regular one is read in two halves at once when `threads` > 1, with the same result as reading it
// in one go.
void read_csv_file(const std::string& path, int fd, const std::string& file, const Rules& rules,
                   const ImportMap* map, const std::string& default_holder, CsvContent content,
                   CsvInput& out, const std::function<void(std::size_t)>& progress,
                   unsigned threads, std::string_view already_read = {});

} // namespace recert
