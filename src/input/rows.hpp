// One CSV file's rows into records. RowReader reads the header (Columns) and then the rows, each
// through the general steps (RowCells: every cell trimmed, unescaped, checked as text and mapped;
// then check_activity or build_certification) or, for the usual row of a large file, the quick
// steps (QuickSteps), which apply the same rules (model/records.hpp) to plain cells. Activities go
// to an ActivityTable (holders looked up a few rows later: HolderQueue; most content hashes left
// for later: LaterKeys) or become Activity values; ids given twice are checked (GivenIds).
#pragma once

#include "input/csv.hpp"
#include "input/csv_input.hpp"
#include "input/mapping.hpp"
#include "model/records.hpp"
#include "recert/rules.hpp"
#include "table/activity_table.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace recert::input {

// Names met so far, each with what it resolves to (the quick steps: a file names a handful); the
// last 16 are kept.
template <class V> class NameMemo {
  public:
    // What `name` resolves to, worked out by `resolve` (returning an optional V) when it is new;
    // null when it resolves to nothing. Valid until the next call.
    template <class Resolve> const V* get(std::string_view name, Resolve&& resolve) {
        auto it = std::find_if(known_.begin(), known_.end(),
                               [&](const auto& k) { return k.first == name; });
        if (it == known_.end()) {
            std::optional<V> v = resolve();
            if (!v) return nullptr;
            if (known_.size() >= 16) known_.clear();
            it = known_.insert(known_.end(), {std::string(name), std::move(*v)});
        }
        return &it->second;
    }

  private:
    std::vector<std::pair<std::string, V>> known_;
};

// A held certification read by the quick steps: views into the row (or the default holder).
struct QuickCertification {
    std::string_view holder;
    std::uint32_t cert = 0; // index into Rules::certifications
    Date earned;
    std::optional<Date> expires;
};

// The quick steps: the usual row of a large file (the header's number of cells, ASCII text, cells
// that need no trimming or unescaping), holding a valid CE claim with no id, exam or program, or a
// known certification with no program, read by column with the rules of model/records.hpp, and
// nothing else. They give what the general steps would (tests and fuzzing hold the two to that:
// CsvInput::general_rows_only); any other row is left to those.
class QuickSteps {
  public:
    QuickSteps() = default; // off: every row through the general steps
    // For a file whose header is `columns` (canonical names, no mapping).
    QuickSteps(const Rules& rules, const Columns& columns, std::string default_holder);

    bool on() const { return rules_ != nullptr; }
    // The row as a checked activity (into `a`), or false when the quick steps do not take it
    // (`a` is then to be ignored). With `holders`, the holder's hash goes to `holder_hash` and
    // the slot it will be looked up in is fetched at once (NameTable::prefetch).
    bool activity(const CsvRow& rec, const NameTable* holders, CheckedActivity& a,
                  std::uint64_t& holder_hash);
    // The row as a held certification (into `c`), or false when the quick steps do not take it.
    bool certification(const CsvRow& rec, QuickCertification& c);

  private:
    // The first test: the header's number of cells, ASCII text, no cell dropped.
    bool shape(const CsvRow& rec) const;
    // Field f's cell (empty when no column holds it) as the general steps would see it, when they
    // would see it as it is: otherwise `plain` becomes false.
    std::string_view plain_cell(const CsvRow& rec, int f, bool& plain) const;

    const Rules* rules_ = nullptr;
    std::array<int, kFieldCount> column_{}; // the column of each field, or -1
    std::size_t columns_ = 0;               // the header's number of columns
    std::string default_holder_;
    NameMemo<ActivityIndexes> categories_;
    NameMemo<std::uint32_t> certifications_; // index into the rules
};

// The general steps' cells of one row: each cell trimmed, unescaped (recert's formula escapes),
// checked as text, its value mapped and its date converted by the mapping; the mapping's defaults
// for the fields left empty; and where each field came from, for the problems' positions.
class RowCells {
  public:
    // Reads the cells of `rec` (which has the header's number of cells). A cell that cannot be
    // used leaves its field out, reported: one the reader dropped (the reader says why), one that
    // is not UTF-8 (the first one of the file with a hint at its likely encoding, naming
    // `map_option`), a date that does not match the mapping's format, a value that a "derive"
    // map lacks (into `errors`, as `file`'s).
    void read(const CsvRow& rec, const Columns& columns, const ImportMap* map,
              const std::string& file, std::string_view map_option, Diagnostics& errors);

    // Field f's text, or nullopt.
    const TextField& operator[](int f) const { return cells_[static_cast<std::size_t>(f)]; }
    // Whether no problem was found in the row.
    bool ok() const { return ok_; }
    // Whether a "derive" map lacked the row's value: what the row holds is not known, so it is not
    // checked as a record (that would report problems of a guess).
    bool underived() const { return underived_; }
    // A problem with field f (-1: the row as a whole): the row is no longer ok. Where to report
    // it; nullopt when the field's cell was reported already.
    std::optional<std::pair<int, int>> problem(int f);
    // Where field f starts: its cell, or the row's start when it has none.
    std::pair<int, int> where(int f) const;

  private:
    std::array<TextField, kFieldCount> cells_; // views into the row, the mapping or `converted_`
    std::array<std::string, kFieldCount> converted_; // dates rewritten by the mapping's format
    std::array<int, kFieldCount> where_{};           // the column holding each field, or -1
    std::array<bool, kFieldCount> reported_{};       // fields whose cell was reported
    const CsvRow* row_ = nullptr;
    bool ok_ = true;
    bool underived_ = false;
    bool encoding_hinted_ = false; // the file's text was found not UTF-8, with a hint
};

// Holders are looked up some rows after their own: the slot a lookup reads, fetched when the row
// is read, has then arrived (the table is larger than the caches). The records are added at once
// and their holder set when looked up, in the order of the rows, so that the holders' indexes are
// those of looking each one up at once.
class HolderQueue {
  public:
    // The record about to be added to `table` is `name`'s (`hash`: NameTable::hash).
    void add(ActivityTable& table, std::string_view name, std::uint64_t hash);
    // The last one added has no record after all (its row was found wrong after).
    void drop_last() { pending_[(first_ + count_ - 1) % kPending].record = SIZE_MAX; }
    // Looks up every holder still waiting.
    void flush(ActivityTable& table) {
        while (count_ > 0) resolve(table);
    }

  private:
    void resolve(ActivityTable& table); // the oldest one waiting

    struct Pending {
        std::size_t record; // SIZE_MAX: none
        std::uint64_t hash;
        std::string name;
    };
    static constexpr std::size_t kPending = 8;
    std::array<Pending, kPending> pending_{};
    std::size_t first_ = 0, count_ = 0;
};

// Content hashes left for later: an engine run needs the hash of few activities (those of a holder
// on the same day as another), so a record of a file that can be read again may keep its row's
// place instead (kKeyLater), the hash worked out by a KeySource when needed.
class LaterKeys {
  public:
    // From now on hashes may be left to `source`.
    void start(std::shared_ptr<const KeySource> source) { source_ = std::move(source); }
    // Whether to leave the record's hash for later (its holder's hash given). Reading a row again
    // costs far more than hashing it, so this stops for good once the file looks like one where
    // many a holder has several records on one day, whose hashes the engine will need. That is
    // judged on a sample of the holders, one in 64 (by their hash), whose days are all kept: once
    // 8 of their records, and more than 2 % of them, repeat an earlier day (the 1M-row benchmark
    // set: 0.3 %). A sampled record that repeats a day is hashed at once.
    bool later(const ActivityRecord& r, std::uint64_t holder_hash);

  private:
    std::shared_ptr<const KeySource> source_;
    std::unordered_set<std::uint64_t> sampled_days_; // holder's hash and day, mixed
    std::size_t sampled_ = 0, repeats_ = 0;
};

// Ids given in a file: one id for two different records is an error; the same record twice is a
// repeat (counted once: ActivityTable::mark_repeats).
class GivenIds {
  public:
    // The line of the first record with `id` when that had other content; nullopt when `id` is
    // new (noted with its line and content hash) or names the same content.
    std::optional<int> clash(std::string_view id, int line, std::uint64_t hash);
    // Whether an id of `other` names other content here.
    bool clashes_with(const GivenIds& other) const;
    void clear() { ids_.clear(); }

  private:
    std::unordered_map<std::string, std::pair<int, std::uint64_t>> ids_; // (line, hash)
};

// One CSV file's rows: the header, then rows, possibly in pieces (read_rows stops after a given
// byte offset and can be called again), so that a file can be read in parts in parallel.
class RowReader {
  public:
    RowReader(std::string file, const Rules& rules, const ImportMap* map,
              std::string default_holder, CsvContent content, CsvInput& out);

    // A reader of the same file's later rows (same header) into another output, whose reader
    // starts at byte `base` of the file.
    RowReader other_part(CsvInput& out, std::uint64_t base) const;

    // Reads the header; false when the rows cannot be read (problems added).
    bool read_header(CsvReader& reader);
    // The file's size in bytes: room for its records is made once the first rows show how many
    // bytes a row takes (growing by doubling would leave up to half of it unused).
    void expect_bytes(std::size_t size) { size_hint_ = size; }
    // Leaves most activities' content hashes for later (LaterKeys): worked out when needed by
    // reading their rows again from `fd` (the same file, owned from now on), whose reader starts at
    // byte `base` of the file. The table becomes the records' key source. After read_header.
    void defer_keys(int fd, std::uint64_t base);
    // Reads rows until the end, or until the reader has taken `stop` bytes.
    void read_rows(CsvReader& reader, std::size_t stop,
                   const std::function<void(std::size_t)>& progress);
    // Adds the reader's own problems (from `first` on) and orders the problems by position.
    void finish(const CsvReader& reader, std::size_t first);
    // Whether an id given in `other` (another part of the file) names other content here.
    bool ids_clash(const RowReader& other) const { return ids_.clashes_with(other.ids_); }
    // Adds the rows `other` (another part of the file) skipped to those skipped here.
    void add_skipped(const RowReader& other);

    // The content hash of one row read again, which should be a valid activity of that date and
    // holder (nullopt when it is not).
    std::optional<std::uint64_t> hash_of(const CsvRow& rec, std::int32_t date,
                                         std::string_view holder);

  private:
    void error(int line, int column, std::string message, std::string hint = "") {
        out_->errors.push_back(
            Diagnostic{file_, line, column, "", std::move(message), std::move(hint)});
    }
    // `at`: where the row starts in the file
    void row(const CsvRow& rec, std::uint64_t at);
    bool quick_activity(const CsvRow& rec, std::uint64_t at);
    bool quick_certification(const CsvRow& rec);
    // Whether the mapping's "skip" drops the row (counted).
    bool skipped(const CsvRow& rec);
    // The likely cause of a header that lacks the columns needed, for a hint ("" when unknown).
    std::string header_hint() const;
    void general_row(const CsvRow& rec, std::uint64_t at);
    // A checked activity (given id, if any; the row's line) into the output.
    void store(const CheckedActivity& a, TextField id, int line, std::uint64_t holder_hash,
               std::uint64_t at);

    std::string file_;
    const Rules& rules_;
    const ImportMap* map_;
    std::string default_holder_;
    CsvContent content_;
    CsvInput* out_;
    std::size_t errors_before_ = 0; // earlier files' problems in out_
    std::size_t size_hint_ = 0;
    std::uint64_t base_ = 0; // the file offset the reader starts at
    Columns columns_;
    QuickSteps quick_;
    RowCells cells_;
    HolderQueue holders_;
    LaterKeys later_;
    GivenIds ids_;
    std::vector<std::vector<std::size_t>> skipped_; // rows per "skip" column and value
    // When set, row() only checks the row as an activity and, when it has this date and holder,
    // sets `hash` to its content hash (hash_of).
    struct Expected {
        std::int32_t date;
        std::string_view holder;
        std::optional<std::uint64_t> hash;
    };
    Expected* expected_ = nullptr;
};

} // namespace recert::input
