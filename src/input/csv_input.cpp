#include "input/csv_input.hpp"

#include "base/json_check.hpp"
#include "model/records.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <optional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

namespace recert {

using detail::child;
using detail::ojson;

const std::vector<std::string>& canonical_columns() {
    static const std::vector<std::string> cols{"id",        "holder",  "date",      "kind",
                                               "credits",   "exam",    "exam_kind", "status",
                                               "submitted", "title",   "category",  "certification",
                                               "earned",    "expires", "program"};
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
    kProgram,
    kFieldCount
};

bool is_date_field(int f) {
    return f == kDate || f == kSubmitted || f == kEarned || f == kExpires;
}

std::string_view trim_ends(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return s.substr(b, e - b);
}

// Inline for the common cell that neither starts nor ends with a blank.
inline std::string_view trim(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    if (s.empty() || (!blank(s.front()) && !blank(s.back()))) return s;
    return trim_ends(s);
}

// Whether text is valid UTF-8 without NUL bytes; on failure, why.
const char* bad_text(std::string_view s) {
    // plain ASCII without NUL, eight bytes at a time (the common case)
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        const bool high = w & 0x8080808080808080ULL;
        const bool zero = (w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL;
        if (high || zero) break;
    }
    for (; i < s.size();) {
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

namespace {

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

// One CSV file's rows: the header, then rows, possibly in pieces (read_rows stops after a given
// byte offset and can be called again), so that a file can be read in chunks in parallel.
class RowReader {
  public:
    RowReader(std::string file, const Rules& rules, const ImportMap* map,
              std::string default_holder, CsvContent content, CsvInput& out)
        : file_(std::move(file)), rules_(rules), map_(map),
          default_holder_(std::move(default_holder)), content_(content), out_(&out) {}

    // A reader of the same file's later rows (same header) into another output.
    RowReader other_part(CsvInput& out) const {
        RowReader r = *this;
        r.out_ = &out;
        r.explicit_ids_.clear();
        r.errors_before_ = out.errors.size();
        return r;
    }

    // Reads the header; false when the rows cannot be read (problems added).
    bool read_header(CsvReader& reader);
    // Reads rows until the end, or until the reader has taken `stop` bytes.
    void read_rows(CsvReader& reader, std::size_t stop,
                   const std::function<void(std::size_t)>& progress);
    // Adds the reader's own problems (from `first` on) and orders the problems by position.
    void finish(const CsvReader& reader, std::size_t first);

    // Explicit ids seen: id -> (line, content hash).
    const std::unordered_map<std::string, std::pair<int, std::uint64_t>>& explicit_ids() const {
        return explicit_ids_;
    }

  private:
    void error(int line, int column, std::string message, std::string hint = "") {
        out_->errors.push_back(
            Diagnostic{file_, line, column, "", std::move(message), std::move(hint)});
    }
    // `at`: where the row starts in the file
    void row(const CsvRow& rec, std::uint64_t at);
    // The usual row of a large file, a claim in plain cells, checked and stored without the
    // general steps; false (nothing done) for any other row. See quick_ below.
    bool quick_row(const CsvRow& rec, std::uint64_t at);
    // The same for a held certification in plain cells (holder, certification, dates).
    bool quick_certification(const CsvRow& rec);
    // The quick steps' first test: the header's number of cells, ASCII text, no cell dropped.
    bool quick_shape(const CsvRow& rec) const;
    // Field f's cell (empty when no column holds it) as the general steps would see it, when they
    // would see it as it is: otherwise `plain` becomes false.
    std::string_view plain_cell(const CsvRow& rec, int f, bool& plain) const;
    // A checked activity (given id, if any; the row's line) into the output.
    void store(const CheckedActivity& a, TextField id, int line, std::uint64_t holder_hash,
               std::uint64_t at);
    // Where field f of the current row starts (its cell, or the row's start when it has none).
    std::pair<int, int> where(std::size_t f) const {
        const int c = where_[f];
        if (c < 0) return {row_line_, 1};
        return {row_->line(static_cast<std::size_t>(c)), row_->column(static_cast<std::size_t>(c))};
    }

    std::string file_;
    const Rules& rules_;
    const ImportMap* map_;
    std::string default_holder_;
    CsvContent content_;
    CsvInput* out_;
    std::size_t errors_before_ = 0;
    std::vector<int> column_field_;
    std::vector<int> field_column_;
    std::unordered_map<std::string, std::pair<int, std::uint64_t>> explicit_ids_;
    // per row: views into the record (or the mapping, or `converted`), reused from row to row
    std::array<TextField, kFieldCount> cells_;
    std::array<std::string, kFieldCount> converted_; // dates rewritten by the mapping's format
    std::array<int, kFieldCount> where_{};           // the column holding each field, or -1
    const CsvRow* row_ = nullptr;                    // the row being read
    std::array<bool, kFieldCount> reported_{};       // fields whose error is already reported
    bool row_ok_ = true;
    int row_line_ = 0;
    // quick_row (activities) or quick_certification (certifications) may be tried: canonical
    // columns (no mapping). They take the rows whose cells need no trimming or unescaping and
    // hold a valid CE claim with no id, exam or program, or a known certification with no program,
    // and give what the general steps would (tests and fuzzing hold the two to that;
    // CsvInput::general_rows_only).
    bool quick_ = false;
    NameMemo<ActivityIndexes> categories_;   // quick_row's categories
    NameMemo<std::uint32_t> certifications_; // quick_certification's (index into the rules)
    // Holders are looked up some rows after their own (the slot a lookup reads, asked for when
    // the row is read, has then arrived: the table is larger than the caches). The records are
    // added at once, their holder set when looked up, in the order of the rows (the holders'
    // indexes are those of looking each one up at once); read_rows ends with none pending.
    struct Pending {
        std::size_t record; // SIZE_MAX: none (a row found wrong after the holder was queued)
        std::uint64_t hash;
        std::string name;
    };
    static constexpr std::size_t kPending = 8;
    std::array<Pending, kPending> pending_{};
    std::size_t pending_first_ = 0, pending_count_ = 0;
    void queue_holder(std::string_view name, std::uint64_t hash);
    void resolve_holder(); // the oldest pending
    // Whether to leave the record's hash for later (its holder's hash given). Reading a row again
    // costs far more than hashing it, so this stops for good once the file looks like one where
    // many a holder has several records on one day, whose hashes the engine will need. That is
    // judged on a sample of the holders, one in 64 (by their hash), whose days are all kept: once
    // 8 of their records, and more than 2 % of them, repeat an earlier day (the 1M-row benchmark
    // set: 0.3 %). A sampled record that repeats a day is hashed at once.
    bool later(const ActivityRecord& r, std::uint64_t holder_hash) {
        if (!keys_) return false;
        if (holder_hash >> 58 != 0) return true;
        // (by the holder's hash: its index may not be known yet, see Pending)
        const bool repeat =
            !sampled_days_
                 .insert(holder_hash ^ static_cast<std::uint32_t>(r.date) * 0x9E3779B97F4A7C15ULL)
                 .second;
        ++sampled_;
        repeats_ += repeat;
        if (repeats_ >= 8 && repeats_ * 50 > sampled_) keys_ = nullptr;
        return !repeat;
    }
    std::unordered_set<std::uint64_t> sampled_days_; // holder's hash and day, mixed
    std::size_t sampled_ = 0, repeats_ = 0;
    // When set, row() only checks the row as an activity and, when it has this date and holder,
    // sets `hash` to its content hash (how a KeySource reads a row again).
    struct Expected {
        std::int32_t date;
        std::string_view holder;
        std::optional<std::uint64_t> hash;
    };
    Expected* expected_ = nullptr;

  public:
    std::size_t size_hint_ = 0; // the file's size when known (to reserve records)
    // When set, activities whose content hash no notice needs get kKeyLater and their row's place
    // in the file (the reader's offset plus `base_`) instead: this source works the hash out.
    std::shared_ptr<const KeySource> keys_;
    std::uint64_t base_ = 0;

    // The content hash of one row read again, which should be a valid activity of that date and
    // holder (nullopt when it is not).
    std::optional<std::uint64_t> hash_of(const CsvRow& rec, std::int32_t date,
                                         std::string_view holder) {
        Expected e{date, holder, std::nullopt};
        expected_ = &e;
        row(rec, 0);
        expected_ = nullptr;
        if (out_->errors.size() != errors_before_) return std::nullopt;
        return e.hash;
    }
};

// A file's rows read again, one at a time, for the hashes left for later (see KeySource).
class RowKeys final : public KeySource {
  public:
    // `fd`: the file, owned from now on; `rows`: the reader of its rows (header read).
    RowKeys(int fd, char delimiter, const RowReader& rows, std::string file)
        : fd_(fd), delimiter_(delimiter), file_(std::move(file)), rows_(rows.other_part(unused_)) {
        rows_.keys_ = nullptr;
    }
    RowKeys(const RowKeys&) = delete;
    RowKeys& operator=(const RowKeys&) = delete;
    ~RowKeys() override { ::close(fd_); }

    std::uint64_t key(const ActivityRecord& r, std::string_view holder) const override {
        std::string text;
        for (std::size_t want = 512;; want *= 4) { // a row longer than that is rare
            text.resize(want);
            std::size_t got = 0;
            while (got < want) {
                const ssize_t n =
                    ::pread(fd_, text.data() + got, want - got, static_cast<off_t>(r.key + got));
                if (n < 0 && errno == EINTR) continue;
                if (n <= 0) break;
                got += static_cast<std::size_t>(n);
            }
            text.resize(got);
            CsvReader reader{std::string_view(text), delimiter_};
            reader.continue_record_stream();
            CsvRow rec;
            const bool any = reader.next(rec);
            if (got == want && reader.bytes_read() >= got) continue; // the row may go on
            CsvInput scratch;
            RowReader rows = rows_.other_part(scratch);
            const auto h =
                any && reader.errors().empty() ? rows.hash_of(rec, r.date, holder) : std::nullopt;
            if (h) return *h;
            break;
        }
        std::lock_guard<std::mutex> lock(mutex_);
        if (!problem_)
            problem_ = file_ + " changed while recert was reading it (the row at byte " +
                       std::to_string(r.key) + " no longer holds the same activity); run again";
        failed_.store(true, std::memory_order_release);
        return 0;
    }
    std::optional<std::string> problem() const override {
        if (!failed_.load(std::memory_order_acquire)) return std::nullopt;
        std::lock_guard<std::mutex> lock(mutex_);
        return problem_;
    }

  private:
    int fd_;
    char delimiter_;
    std::string file_;
    CsvInput unused_; // where rows_ would put what it reads (each call reads into its own)
    RowReader rows_;
    mutable std::mutex mutex_;
    mutable std::optional<std::string> problem_;
    mutable std::atomic<bool> failed_{false};
};

bool RowReader::read_header(CsvReader& reader) {
    errors_before_ = out_->errors.size(); // earlier files' errors are not this file's
    const ImportMap* map = map_;
    CsvRecord rec;
    for (int i = 0; map && i < map->skip_rows; ++i)
        if (!reader.next(rec)) break;
    if (!reader.next(rec)) {
        for (const auto& e : reader.errors()) error(e.line, e.column, e.message);
        error(1, 1, "the file is empty; expected a header row");
        return false;
    }
    // header: which column holds which field
    column_field_.assign(rec.size(), -1);
    field_column_.assign(kFieldCount, -1);
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
        if (f >= 0 && field_column_[static_cast<std::size_t>(f)] >= 0) {
            error(rec.fields[c].line, rec.fields[c].column,
                  "column \"" + name + "\" repeats the field \"" +
                      canonical_columns()[static_cast<std::size_t>(f)] + "\"");
            continue;
        }
        if (f >= 0) {
            column_field_[c] = f;
            field_column_[static_cast<std::size_t>(f)] = static_cast<int>(c);
        } else if (!name.empty()) {
            out_->notices.push_back(file_ + ":" + std::to_string(header_line) + ": column \"" +
                                    name + "\" is not used");
        }
    }
    if (map)
        for (const auto& [field, source] : map->columns)
            if (field_column_[static_cast<std::size_t>(field_index(field))] < 0)
                error(header_line, 1,
                      std::string("the mapping names column \"")
                          .append(source)
                          .append("\" for ")
                          .append(field)
                          .append(", but the header has no such column"));
    auto has = [&](int f) {
        return field_column_[static_cast<std::size_t>(f)] >= 0 ||
               (map && map->defaults.count(canonical_columns()[static_cast<std::size_t>(f)]));
    };
    quick_ = !map &&
             (content_ == CsvContent::Activities || content_ == CsvContent::Certifications) &&
             !out_->general_rows_only;
    if (content_ == CsvContent::Activities && !has(kDate))
        error(header_line, 1, "no \"date\" column; expected a header with date and credits or exam",
              "map a foreign export's columns with --map");
    if (content_ == CsvContent::Certifications && (!has(kCertification) || !has(kEarned)))
        error(header_line, 1,
              "expected \"certification\" and \"earned\" columns (and optionally holder, expires)");
    if (content_ == CsvContent::Mixed && !has(kDate) && !has(kCertification))
        error(header_line, 1,
              "no \"date\" or \"certification\" column; this does not look like activities or "
              "certifications",
              "map a foreign export's columns with --map");
    return out_->errors.size() == errors_before_;
}

void RowReader::read_rows(CsvReader& reader, std::size_t stop,
                          const std::function<void(std::size_t)>& progress) {
    CsvRow rec;
    const std::size_t start_bytes = reader.bytes_read(), start_rows = out_->rows;
    for (std::size_t at = start_bytes; at < stop && reader.next(rec); at = reader.bytes_read()) {
        ++out_->rows;
        if (out_->rows - start_rows == 4096 && size_hint_ > 0) {
            // reserve once for the rest, from the bytes per row so far: growing by doubling
            // would leave up to half the records' memory unused (and copy them each time)
            // (certifications: to the end of the file, as the second half's are appended to the
            // first's; a table keeps the halves' records apart)
            const bool certifications = content_ == CsvContent::Certifications;
            const std::size_t per_row = (reader.bytes_read() - start_bytes) / 4096 + 1;
            const std::size_t end = certifications ? size_hint_ : std::min(stop, size_hint_);
            const std::size_t more =
                end > reader.bytes_read() ? (end - reader.bytes_read()) / per_row * 21 / 20 : 0;
            if (certifications)
                out_->certifications.reserve(out_->certifications.size() + more);
            else if (out_->table)
                out_->table->reserve_more(more);
        }
        if (progress && out_->rows % 8192 == 0) progress(reader.bytes_read());
        row(rec, base_ + at);
    }
    while (pending_count_ > 0) resolve_holder();
}

void RowReader::queue_holder(std::string_view name, std::uint64_t hash) {
    if (pending_count_ == kPending) resolve_holder();
    Pending& p = pending_[(pending_first_ + pending_count_++) % kPending];
    p.record = out_->table->size();
    p.hash = hash;
    p.name.assign(name);
}

void RowReader::resolve_holder() {
    const Pending& p = pending_[pending_first_];
    const std::uint32_t holder = out_->table->holders().intern(p.name, p.hash);
    if (p.record != SIZE_MAX) out_->table->set_holder(p.record, holder);
    pending_first_ = (pending_first_ + 1) % kPending;
    --pending_count_;
}

bool RowReader::quick_shape(const CsvRow& rec) const {
    const std::size_t n = rec.size();
    if (n != column_field_.size() || !rec.ascii()) return false;
    for (std::size_t c = 0; c < n; ++c)
        if (rec.dropped(c)) return false;
    return true;
}

std::string_view RowReader::plain_cell(const CsvRow& rec, int f, bool& plain) const {
    const int c = field_column_[static_cast<std::size_t>(f)];
    if (c < 0) return {};
    const std::string_view v = rec[static_cast<std::size_t>(c)];
    if (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\'' ||
                       v.back() == ' ' || v.back() == '\t'))
        plain = false;
    return v;
}

bool RowReader::quick_certification(const CsvRow& rec) {
    if (!quick_shape(rec)) return false;
    bool plain = true;
    auto cell = [&](int f) { return plain_cell(rec, f, plain); };
    const std::string_view holder = cell(kHolder), name = cell(kCertification);
    if (name.empty() || !cell(kProgram).empty()) return false;
    const auto earned = parse_record_date(cell(kEarned));
    if (!earned) return false;
    std::optional<Date> expires;
    if (const std::string_view e = cell(kExpires); !e.empty()) {
        expires = parse_record_date(e);
        if (!expires || !expires_in_order(*earned, *expires)) return false;
    }
    if (!plain) return false;
    const std::uint32_t* cert = certifications_.get(name, [&]() -> std::optional<std::uint32_t> {
        const Certification* c = rules_.find_certification(name);
        if (!c) return std::nullopt;
        return static_cast<std::uint32_t>(c - rules_.certifications.data());
    });
    if (!cert) return false;
    HeldCertification& h = out_->certifications.emplace_back();
    h.holder = holder.empty() ? std::string_view(default_holder_) : holder;
    h.cert = *cert;
    h.earned = *earned;
    h.expires = expires;
    return true;
}

bool RowReader::quick_row(const CsvRow& rec, std::uint64_t at) {
    if (!quick_shape(rec)) return false;
    bool plain = true;
    auto cell = [&](int f) { return plain_cell(rec, f, plain); };
    const std::string_view holder_cell = cell(kHolder);
    CheckedActivity a;
    a.holder = holder_cell.empty() ? std::string_view(default_holder_) : holder_cell;
    std::uint64_t holder_hash = 0;
    if (out_->table) { // looked up once the rest is read (see prefetch)
        holder_hash = NameTable::hash(a.holder);
        out_->table->holders().prefetch(holder_hash);
    }
    if (!cell(kId).empty() || !cell(kProgram).empty() || !cell(kExam).empty() ||
        !cell(kExamKind).empty())
        return false;
    if (const std::string_view kind = cell(kKind);
        !kind.empty() && parse_kind(kind) != ActivityKind::CE)
        return false;
    a.date_text = cell(kDate);
    const auto date = parse_record_date(a.date_text);
    if (!date) return false;
    a.date = *date;
    if (!take_credits(cell(kCredits), a).value) return false;
    if (const std::string_view status = cell(kStatus); !status.empty()) {
        const auto s = parse_status(status);
        if (!s) return false;
        a.status = *s;
    }
    if (const std::string_view submitted = cell(kSubmitted); !submitted.empty()) {
        a.submitted = parse_record_date(submitted);
        if (!a.submitted || !submitted_in_order(a.date, *a.submitted)) return false;
    }
    a.category = cell(kCategory);
    if (!a.category.empty()) {
        const ActivityIndexes* known =
            categories_.get(a.category, [&]() -> std::optional<ActivityIndexes> {
                const ActivityIndexes x =
                    resolve_activity(rules_, Rules::kAny, a.category, ActivityKind::CE, {}, {});
                if (x.category == 0) return std::nullopt;
                return x;
            });
        if (!known) return false;
        a.indexes = *known;
        a.program_given = implied_program(rules_, a.indexes);
    }
    a.title = cell(kTitle);
    if (!plain) return false;
    store(a, std::nullopt, rec.line(), holder_hash, at);
    return true;
}

void RowReader::row(const CsvRow& rec, std::uint64_t at) {
    if (quick_ &&
        (content_ == CsvContent::Certifications ? quick_certification(rec) : quick_row(rec, at))) {
        ++out_->quick_rows;
        return;
    }
    const ImportMap* map = map_;
    if (rec.size() != column_field_.size()) {
        error(rec.line(), 1,
              "this row has " + std::to_string(rec.size()) + " fields, the header has " +
                  std::to_string(column_field_.size()));
        return;
    }
    row_ok_ = true;
    row_line_ = rec.line();
    row_ = &rec;
    // captures only `this`, so that std::function keeps it inline (no allocation per row)
    const FieldError fe = [this](std::string_view field, std::string message, std::string hint) {
        const int f = field_index(field);
        row_ok_ = false;
        if (f >= 0 && reported_[static_cast<std::size_t>(f)]) return; // said once already
        const auto pos =
            f >= 0 ? where(static_cast<std::size_t>(f)) : std::pair<int, int>{row_line_, 1};
        error(pos.first, pos.second, std::move(message), std::move(hint));
    };
    for (auto& c : cells_) c.reset();
    where_.fill(-1);
    reported_.fill(false);
    // a row of ASCII text needs no UTF-8 check of its cells
    const bool ascii = rec.ascii();
    for (std::size_t c = 0; c < rec.size(); ++c) {
        const int f = column_field_[c];
        if (f < 0) continue;
        const auto fi = static_cast<std::size_t>(f);
        if (rec.dropped(c)) { // the reader has said why
            reported_[fi] = true;
            continue;
        }
        std::string_view v = unescape_formula(trim(rec[c]));
        if (const char* why = ascii ? nullptr : bad_text(v)) {
            error(rec.line(c), rec.column(c),
                  std::string(why) + " in " + canonical_columns()[fi] + "; expected UTF-8 text");
            reported_[fi] = true;
            continue;
        }
        where_[fi] = static_cast<int>(c);
        if (v.empty()) continue;
        if (map) {
            auto vm = map->values.find(canonical_columns()[fi]);
            if (vm != map->values.end()) {
                auto hit = vm->second.find(std::string(v));
                if (hit == vm->second.end())
                    hit = std::find_if(vm->second.begin(), vm->second.end(),
                                       [&](const auto& kv) { return lower(kv.first) == lower(v); });
                if (hit != vm->second.end()) v = hit->second;
            }
            if (is_date_field(f) && !map->date_format.empty() && !v.empty()) {
                auto iso = convert_date(v, map->date_format);
                if (!iso) {
                    error(rec.line(c), rec.column(c),
                          "date \"" + std::string(v) + "\" does not match the format \"" +
                              map->date_format + "\"");
                    reported_[fi] = true;
                    continue;
                }
                converted_[fi] = std::move(*iso);
                v = converted_[fi];
            }
        }
        cells_[fi] = v;
    }
    if (map)
        for (const auto& [field, value] : map->defaults) {
            auto& cell = cells_[static_cast<std::size_t>(field_index(field))];
            if (!cell) cell = std::string_view(value);
        }
    row_ok_ = std::none_of(reported_.begin(), reported_.end(), [](bool b) { return b; });
    const bool is_cert = content_ == CsvContent::Certifications ||
                         (content_ == CsvContent::Mixed && cells_[kCertification].has_value());
    if (is_cert) {
        CertificationFields f{cells_[kHolder], cells_[kCertification], cells_[kEarned],
                              cells_[kExpires], cells_[kProgram]};
        auto h = build_certification(f, rules_, default_holder_, fe);
        if (h && row_ok_) out_->certifications.push_back(*h);
        return;
    }
    ActivityFields f{cells_[kId],        cells_[kHolder], cells_[kDate],     cells_[kKind],
                     cells_[kCredits],   cells_[kExam],   cells_[kExamKind], cells_[kStatus],
                     cells_[kSubmitted], cells_[kTitle],  cells_[kCategory], cells_[kProgram]};
    std::uint64_t holder_hash = 0;
    if (out_->table) { // look the holder up once the rest of the row is checked (see prefetch)
        holder_hash =
            NameTable::hash(cells_[kHolder] ? *cells_[kHolder] : std::string_view(default_holder_));
        out_->table->holders().prefetch(holder_hash);
    }
    auto a = check_activity(f, rules_, default_holder_, fe);
    if (!a || !row_ok_) return;
    store(*a, cells_[kId], rec.line(), holder_hash, at);
}

void RowReader::store(const CheckedActivity& a, TextField id, int line, std::uint64_t holder_hash,
                      std::uint64_t at) {
    if (expected_) {
        if (a.date.days == expected_->date && a.holder == expected_->holder)
            expected_->hash = content_hash(a);
        return;
    }
    ActivityRecord r;
    bool keep_text = false;
    if (out_->table) {
        r.date = a.date.days;
        r.credits = static_cast<std::uint32_t>(a.credits);
        ActivityTable::set_indexes(r, a.indexes);
        r.kind = a.kind;
        r.status = a.status;
        r.set_submitted(a.submitted, rules_);
        keep_text = out_->keep_text || ActivityTable::quoted_in_notices(r);
        queue_holder(a.holder, holder_hash);
        if (!keep_text && !id && later(r, holder_hash)) {
            // the hash is left for later: an engine run needs few (see KeySource)
            r.key = at;
            r.flags |= ActivityRecord::kKeyLater;
            out_->table->add_interned(r, a.submitted, {}, a.title, false);
            return;
        }
    }
    const std::uint64_t hash = content_hash(a);
    if (id) {
        // one id for two different records is an error; the same record twice is a repeat
        auto [it, fresh] = explicit_ids_.try_emplace(std::string(*id), line, hash);
        if (!fresh && it->second.second != hash) {
            const auto pos = where(kId);
            error(pos.first, pos.second,
                  "duplicate id \"" + shown(*id) + "\" with different content (first on line " +
                      std::to_string(it->second.first) + ")");
            if (out_->table)
                pending_[(pending_first_ + pending_count_ - 1) % kPending].record =
                    SIZE_MAX; // no record after all
            return;
        }
    }
    if (out_->table) {
        r.key = hash;
        out_->table->add_interned(r, a.submitted, id.value_or(std::string_view{}), a.title,
                                  keep_text);
        return;
    }
    // the derived id from the hash already computed, rather than hashing the row again
    const std::string derived = id ? std::string() : derived_id(a.kind, hash);
    out_->activities.push_back(to_activity(a, id ? id : TextField(derived)));
}

void RowReader::finish(const CsvReader& reader, std::size_t first) {
    for (std::size_t i = first; i < reader.errors().size(); ++i) {
        const auto& e = reader.errors()[i];
        error(e.line, e.column, e.message);
    }
    std::stable_sort(out_->errors.begin() + static_cast<std::ptrdiff_t>(errors_before_),
                     out_->errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
                         return a.line != b.line ? a.line < b.line : a.column < b.column;
                     });
}

} // namespace

void read_csv(CsvReader& reader, const std::string& file, const Rules& rules, const ImportMap* map,
              const std::string& default_holder, CsvContent content, CsvInput& out,
              const std::function<void(std::size_t)>& progress) {
    const std::size_t reader_errors_before = reader.errors().size();
    RowReader rows(file, rules, map, default_holder, content, out);
    if (!rows.read_header(reader)) return;
    rows.read_rows(reader, SIZE_MAX, progress);
    rows.finish(reader, reader_errors_before);
}

void read_csv_file(const std::string& path, int fd, const std::string& file, const Rules& rules,
                   const ImportMap* map, const std::string& default_holder, CsvContent content,
                   CsvInput& out, const std::function<void(std::size_t)>& progress,
                   unsigned threads) {
    const off_t start = ::lseek(fd, 0, SEEK_CUR); // (where the reader's offsets start)
    CsvReader reader(fd, map ? map->delimiter : ',');
    RowReader rows(file, rules, map, default_holder, content, out);
    if (!rows.read_header(reader)) return;
    // the certifications read before are held by the activities' holders, mostly: room for that
    // many holders, so that a holder table does not grow (and rehash) while the rows are read.
    // Their number is that of runs of one holder (exact when, as usual, they are grouped). With
    // two halves, each half's thread makes room in its own table (new memory, which may take
    // long on a virtual machine), rather than one after the other before either starts.
    std::size_t holders_hint = 0;
    if (out.table)
        for (std::size_t i = 0; i < out.certifications.size(); ++i)
            holders_hint +=
                i == 0 || out.certifications[i].holder != out.certifications[i - 1].holder;
    auto make_room = [holders_hint](ActivityTable& table) {
        if (holders_hint > 0) table.holders().reserve(table.holders().size() + holders_hint);
    };
    struct stat st {};
    const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    const auto size = regular ? static_cast<std::size_t>(st.st_size) : 0;
    rows.size_hint_ = size;
    // An engine run needs the content hash of few activities (those of a holder on the same day
    // as another): in a file that can be read again, the others are not hashed (a tenth of the
    // reading time). Not with a mapping, whose reading is not kept.
    if (content != CsvContent::Certifications && out.table && !out.table->key_source() &&
        !out.keep_text && !map && regular && start >= 0) {
        const int again = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (again >= 0) {
            rows.keys_ = std::make_shared<RowKeys>(again, ',', rows, file);
            rows.base_ = static_cast<std::uint64_t>(start);
            out.table->set_key_source(rows.keys_);
        }
    }
    // Two halves in parallel: the second starts after a newline near the middle. Whether that
    // newline ends a record (rather than sitting inside a quoted field) is known only when the
    // first half's reader reaches it; when it does not, or anything in either half is wrong, the
    // second half is dropped and the first reader simply goes on (the sequential result).
    std::size_t boundary = SIZE_MAX;
    int fd2 = -1;
    if (threads > 1 && regular && size >= (std::size_t{4} << 20) && out.errors.empty() &&
        reader.bytes_read() < size / 2) {
        char window[1 << 16];
        const ssize_t n = ::pread(fd, window, sizeof window, static_cast<off_t>(size / 2));
        const void* nl = n > 0 ? std::memchr(window, '\n', static_cast<std::size_t>(n)) : nullptr;
        if (nl) {
            boundary =
                size / 2 + static_cast<std::size_t>(static_cast<const char*>(nl) - window) + 1;
            fd2 = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd2 >= 0 && ::lseek(fd2, static_cast<off_t>(boundary), SEEK_SET) < 0) {
                ::close(fd2);
                fd2 = -1;
            }
        }
    }
    if (fd2 < 0) {
        if (out.table) make_room(*out.table);
        rows.read_rows(reader, SIZE_MAX, progress);
        rows.finish(reader, 0);
        return;
    }
    // what the second thread writes on every row, on cache lines of its own (next to the first
    // reader's state on this stack, each line the two share would move between the cores)
    struct alignas(64) Half {
        CsvInput in;
        std::optional<ActivityTable> table;
        std::optional<RowReader> rows;
        std::optional<CsvReader> reader;
    };
    const auto half = std::make_unique<Half>();
    CsvInput& second = half->in;
    std::optional<ActivityTable>& second_table = half->table;
    if (out.table) second.table = &second_table.emplace();
    second.keep_text = out.keep_text;
    RowReader& rows2 = half->rows.emplace(rows.other_part(second));
    rows2.base_ = boundary; // (a file offset, as the first reader starts at 0)
    CsvReader& reader2 = half->reader.emplace(fd2, map ? map->delimiter : ',');
    reader2.continue_record_stream();
    std::atomic<std::size_t> done2{0};
    std::thread worker([&] {
        if (second_table) make_room(*second_table);
        rows2.read_rows(reader2, SIZE_MAX, [&](std::size_t n) { done2 = n; });
    });
    if (out.table) make_room(*out.table);
    rows.read_rows(reader, boundary, [&](std::size_t n) {
        if (progress) progress(n + done2);
    });
    worker.join();
    ::close(fd2);
    bool joined = reader.bytes_read() == boundary && out.errors.empty() && second.errors.empty() &&
                  reader.errors().empty() && reader2.errors().empty();
    if (joined)
        for (const auto& [id, first] : rows2.explicit_ids()) {
            auto it = rows.explicit_ids().find(id);
            if (it != rows.explicit_ids().end() && it->second.second != first.second)
                joined = false; // reported with exact lines by the sequential reading
        }
    if (joined) {
        out.rows += second.rows;
        out.quick_rows += second.quick_rows;
        out.certifications.reserve(out.certifications.size() + second.certifications.size());
        for (auto& c : second.certifications) out.certifications.push_back(std::move(c));
        out.activities.reserve(out.activities.size() + second.activities.size());
        for (auto& a : second.activities) out.activities.push_back(std::move(a));
        if (out.table) out.table->append(std::move(*second_table));
    } else {
        rows.read_rows(reader, SIZE_MAX, progress);
    }
    rows.finish(reader, 0);
}

} // namespace recert
