#include "input/rows.hpp"

#include "input/decode.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <unistd.h>

namespace recert::input {

namespace {

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

// A file's rows read again, one at a time, for the hashes left for later (see KeySource).
class RowKeys final : public KeySource {
  public:
    // `fd`: the file, owned from now on; `rows`: the reader of its rows (header read), which must
    // not leave hashes for later itself (this source would then own a reader that owns it).
    RowKeys(int fd, char delimiter, const RowReader& rows, std::string file)
        : fd_(fd), delimiter_(delimiter), file_(std::move(file)),
          rows_(rows.other_part(unused_, 0)) {}
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
            RowReader rows = rows_.other_part(scratch, 0);
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

} // namespace

// --- QuickSteps
// -----------------------------------------------------------------------------------

QuickSteps::QuickSteps(const Rules& rules, const Columns& columns, std::string default_holder)
    : rules_(&rules), columns_(columns.size()), default_holder_(std::move(default_holder)) {
    for (int f = 0; f < kFieldCount; ++f) column_[static_cast<std::size_t>(f)] = columns.column(f);
}

bool QuickSteps::shape(const CsvRow& rec) const {
    const std::size_t n = rec.size();
    if (n != columns_ || !rec.ascii()) return false;
    for (std::size_t c = 0; c < n; ++c)
        if (rec.dropped(c)) return false;
    return true;
}

std::string_view QuickSteps::plain_cell(const CsvRow& rec, int f, bool& plain) const {
    const int c = column_[static_cast<std::size_t>(f)];
    if (c < 0) return {};
    const std::string_view v = rec[static_cast<std::size_t>(c)];
    if (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\'' ||
                       v.back() == ' ' || v.back() == '\t'))
        plain = false;
    return v;
}

bool QuickSteps::certification(const CsvRow& rec, QuickCertification& h) {
    if (!shape(rec)) return false;
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
        const Certification* c = rules_->find_certification(name);
        if (!c) return std::nullopt;
        return static_cast<std::uint32_t>(c - rules_->certifications.data());
    });
    if (!cert) return false;
    h.holder = holder.empty() ? std::string_view(default_holder_) : holder;
    h.cert = *cert;
    h.earned = *earned;
    h.expires = expires;
    return true;
}

bool QuickSteps::activity(const CsvRow& rec, const NameTable* holders, CheckedActivity& a,
                          std::uint64_t& holder_hash) {
    if (!shape(rec)) return false;
    bool plain = true;
    auto cell = [&](int f) { return plain_cell(rec, f, plain); };
    const std::string_view holder_cell = cell(kHolder);
    a.holder = holder_cell.empty() ? std::string_view(default_holder_) : holder_cell;
    if (holders) { // looked up once the rest is read (see prefetch)
        holder_hash = NameTable::hash(a.holder);
        holders->prefetch(holder_hash);
    }
    if (!cell(kId).empty() || !cell(kProgram).empty() || !cell(kExam).empty() ||
        !cell(kExamKind).empty() || !cell(kCredited).empty())
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
    if (const std::string_view category = cell(kCategory); !category.empty()) {
        const ActivityIndexes* known =
            categories_.get(category, [&]() -> std::optional<ActivityIndexes> {
                const ActivityIndexes x =
                    resolve_activity(*rules_, Rules::kAny, category, ActivityKind::CE, {}, {});
                if (x.category == 0) return std::nullopt;
                return x;
            });
        if (!known) return false;
        a.indexes = *known;
        a.category = canonical_category(*rules_, a.indexes); // as check_activity spells it
        a.program_given = implied_program(*rules_, a.indexes);
    }
    a.title = cell(kTitle);
    return plain;
}

// --- RowCells
// -------------------------------------------------------------------------------------

void RowCells::read(const CsvRow& rec, const Columns& columns, const ImportMap* map,
                    const std::string& file, std::string_view map_option, Diagnostics& errors) {
    auto error = [&](std::size_t c, std::string message, std::string hint = "") {
        errors.push_back(
            Diagnostic{file, rec.line(c), rec.column(c), "", std::move(message), std::move(hint)});
    };
    // text that is not UTF-8: the first time in the file, what it likely is
    auto not_text = [&](std::size_t c, std::size_t fi, const char* why, std::string_view v) {
        std::string hint;
        if (!encoding_hinted_) {
            encoding_hinted_ = true;
            hint = encoding_hint(likely_encoding(v), map_option);
        }
        error(c, std::string(why) + " in " + canonical_columns()[fi] + "; expected UTF-8 text",
              std::move(hint));
        reported_[fi] = true;
    };
    row_ = &rec;
    underived_ = false;
    for (auto& c : cells_) c.reset();
    where_.fill(-1);
    reported_.fill(false);
    // a row of ASCII text needs no UTF-8 check of its cells
    const bool ascii = rec.ascii();
    for (std::size_t c = 0; c < rec.size(); ++c) {
        const int f = columns.field(c);
        if (f < 0) continue;
        const auto fi = static_cast<std::size_t>(f);
        if (rec.dropped(c)) { // the reader has said why
            reported_[fi] = true;
            continue;
        }
        std::string_view v = unescape_formula(trim(rec[c]));
        if (const char* why = ascii ? nullptr : text_problem(v)) {
            not_text(c, fi, why, v);
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
                    error(c, "date \"" + std::string(v) + "\" does not match the format \"" +
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
    if (map) {
        // fields taken from another column through the mapping's "derive" maps
        for (std::size_t i = 0; i < map->derive.size(); ++i) {
            const int col = columns.derive_column(i);
            if (col < 0) continue;
            const ImportMap::Derive& d = map->derive[i];
            const auto c = static_cast<std::size_t>(col);
            const auto fi = static_cast<std::size_t>(d.index);
            if (rec.dropped(c)) { // the reader has said why
                reported_[fi] = true;
                continue;
            }
            const std::string_view v = unescape_formula(trim(rec[c]));
            if (const char* why = ascii ? nullptr : text_problem(v)) {
                not_text(c, fi, why, v);
                continue;
            }
            where_[fi] = col;
            if (v.empty()) continue;
            auto hit = std::find_if(d.values.begin(), d.values.end(),
                                    [&](const auto& kv) { return kv.first == v; });
            if (hit == d.values.end())
                hit = std::find_if(d.values.begin(), d.values.end(),
                                   [&](const auto& kv) { return lower(kv.first) == lower(v); });
            if (hit != d.values.end()) {
                cells_[fi] = std::string_view(hit->second);
                continue;
            }
            std::vector<std::string> known;
            known.reserve(d.values.size());
            ClosestName closest(v);
            for (const auto& kv : d.values) {
                known.push_back(kv.first);
                closest.offer(kv.first);
            }
            error(c,
                  "\"" + shown(v) + "\" in column \"" + d.from +
                      "\" is not one of the mapping's values for " + d.field + ": " +
                      or_list(known),
                  closest.best().empty() ? "add it to \"derive\" for " + d.field +
                                               " in the mapping, or drop such rows with \"skip\""
                                         : "did you mean \"" + closest.best() + "\"?");
            reported_[fi] = true;
            underived_ = true;
        }
        for (const auto& [field, value] : map->defaults) {
            auto& cell = cells_[static_cast<std::size_t>(field_index(field))];
            if (!cell) cell = std::string_view(value);
        }
    }
    ok_ = std::none_of(reported_.begin(), reported_.end(), [](bool b) { return b; });
}

std::optional<std::pair<int, int>> RowCells::problem(int f) {
    ok_ = false;
    if (f >= 0 && reported_[static_cast<std::size_t>(f)]) return std::nullopt;
    return where(f);
}

std::pair<int, int> RowCells::where(int f) const {
    const int c = f >= 0 ? where_[static_cast<std::size_t>(f)] : -1;
    if (c < 0) return {row_->line(), 1};
    return {row_->line(static_cast<std::size_t>(c)), row_->column(static_cast<std::size_t>(c))};
}

// --- HolderQueue, LaterKeys, GivenIds
// -------------------------------------------------------------

void HolderQueue::add(ActivityTable& table, std::string_view name, std::uint64_t hash) {
    if (count_ == kPending) resolve(table);
    Pending& p = pending_[(first_ + count_++) % kPending];
    p.record = table.size();
    p.hash = hash;
    p.name.assign(name);
}

void HolderQueue::resolve(ActivityTable& table) {
    const Pending& p = pending_[first_];
    const std::uint32_t holder = table.holders().intern(p.name, p.hash);
    if (p.record != SIZE_MAX) table.set_holder(p.record, holder);
    first_ = (first_ + 1) % kPending;
    --count_;
}

bool LaterKeys::later(const ActivityRecord& r, std::uint64_t holder_hash) {
    if (!source_) return false;
    if (holder_hash >> 58 != 0) return true;
    // (by the holder's hash: its index may not be known yet, see HolderQueue)
    const bool repeat =
        !sampled_days_
             .insert(holder_hash ^ static_cast<std::uint32_t>(r.date) * 0x9E3779B97F4A7C15ULL)
             .second;
    ++sampled_;
    repeats_ += repeat;
    if (repeats_ >= 8 && repeats_ * 50 > sampled_) source_ = nullptr;
    return !repeat;
}

std::optional<int> GivenIds::clash(std::string_view id, int line, std::uint64_t hash) {
    auto [it, fresh] = ids_.try_emplace(std::string(id), line, hash);
    if (fresh || it->second.second == hash) return std::nullopt;
    return it->second.first;
}

bool GivenIds::clashes_with(const GivenIds& other) const {
    for (const auto& [id, first] : other.ids_) {
        auto it = ids_.find(id);
        if (it != ids_.end() && it->second.second != first.second) return true;
    }
    return false;
}

// --- RowReader
// ------------------------------------------------------------------------------------

RowReader::RowReader(std::string file, const Rules& rules, const ImportMap* map,
                     std::string default_holder, CsvContent content, CsvInput& out)
    : file_(std::move(file)), rules_(rules), map_(map), default_holder_(std::move(default_holder)),
      content_(content), out_(&out) {}

RowReader RowReader::other_part(CsvInput& out, std::uint64_t base) const {
    RowReader r = *this;
    r.out_ = &out;
    r.ids_.clear();
    for (auto& counts : r.skipped_) std::fill(counts.begin(), counts.end(), 0);
    r.errors_before_ = out.errors.size();
    r.base_ = base;
    return r;
}

bool RowReader::read_header(CsvReader& reader) {
    errors_before_ = out_->errors.size(); // earlier files' errors are not this file's
    if (!columns_.read(reader, map_, content_, file_, out_->errors, out_->notices)) return false;
    skipped_.clear();
    if (map_)
        for (const auto& rule : map_->skip) skipped_.emplace_back(rule.values.size());
    auto has = [&](int f) {
        return columns_.column(f) >= 0 ||
               (map_ && map_->defaults.count(canonical_columns()[static_cast<std::size_t>(f)]));
    };
    if (!map_ && (content_ == CsvContent::Activities || content_ == CsvContent::Certifications) &&
        !out_->general_rows_only)
        quick_ = QuickSteps(rules_, columns_, default_holder_);
    const int line = columns_.line();
    // a header in another encoding or with another delimiter says so, rather than what it lacks
    const std::string cause = header_hint();
    const std::string hint =
        cause.empty() ? "map a foreign export's columns with " + out_->map_option : cause;
    if (!cause.empty() && out_->errors.size() > errors_before_ &&
        out_->errors[errors_before_].hint.empty())
        out_->errors[errors_before_].hint = cause; // the mapping's columns were not found
    if (content_ == CsvContent::Activities && !has(kDate))
        error(line, 1, "no \"date\" column; expected a header with date and credits or exam", hint);
    if (content_ == CsvContent::Certifications && (!has(kCertification) || !has(kEarned)))
        error(line, 1,
              "expected \"certification\" and \"earned\" columns (and optionally holder, expires)",
              hint);
    if (content_ == CsvContent::Mixed && !has(kDate) && !has(kCertification))
        error(line, 1,
              "no \"date\" or \"certification\" column; this does not look like activities or "
              "certifications",
              hint);
    return out_->errors.size() == errors_before_;
}

std::string RowReader::header_hint() const {
    const Columns::Cause& cause = columns_.cause();
    if (!cause.encoding.empty()) return encoding_hint(cause.encoding, out_->map_option);
    if (cause.delimiter == 0) return "";
    const bool tab = cause.delimiter == '\t';
    return std::string("the header looks separated by ") +
           (tab ? "tabs" : "\"" + std::string(1, cause.delimiter) + "\"") +
           "; add \"delimiter\": \"" + (tab ? "\\t" : std::string(1, cause.delimiter)) +
           "\" to the mapping (" + out_->map_option + ")";
}

bool RowReader::skipped(const CsvRow& rec) {
    for (std::size_t i = 0; i < map_->skip.size(); ++i) {
        const int c = columns_.skip_column(i);
        if (c < 0) continue;
        const std::string cell = lower(trim(rec[static_cast<std::size_t>(c)]));
        const auto& values = map_->skip[i].values;
        for (std::size_t k = 0; k < values.size(); ++k)
            if (lower(trim(values[k])) == cell) {
                ++skipped_[i][k];
                return true;
            }
    }
    return false;
}

void RowReader::add_skipped(const RowReader& other) {
    for (std::size_t i = 0; i < skipped_.size() && i < other.skipped_.size(); ++i)
        for (std::size_t k = 0; k < skipped_[i].size(); ++k) skipped_[i][k] += other.skipped_[i][k];
}

void RowReader::defer_keys(int fd, std::uint64_t base) {
    // (the source's own reader is copied before this one may leave hashes for later)
    auto keys = std::make_shared<RowKeys>(fd, map_ ? map_->delimiter : ',', *this, file_);
    base_ = base;
    later_.start(keys);
    out_->table->set_key_source(std::move(keys));
}

void RowReader::read_rows(CsvReader& reader, std::size_t stop,
                          const std::function<void(std::size_t)>& progress) {
    CsvRow rec;
    const std::size_t start_bytes = reader.bytes_read(), start_rows = out_->rows;
    for (std::size_t at = start_bytes; at < stop && reader.next(rec); at = reader.bytes_read()) {
        ++out_->rows;
        if (out_->rows - start_rows == 4096 && size_hint_ > 0) {
            // reserve once for the rest, from the bytes per row so far
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
    if (out_->table) holders_.flush(*out_->table);
}

std::optional<std::uint64_t> RowReader::hash_of(const CsvRow& rec, std::int32_t date,
                                                std::string_view holder) {
    Expected e{date, holder, std::nullopt};
    expected_ = &e;
    row(rec, 0);
    expected_ = nullptr;
    if (out_->errors.size() != errors_before_) return std::nullopt;
    return e.hash;
}

void RowReader::row(const CsvRow& rec, std::uint64_t at) {
    if (quick_.on() && (content_ == CsvContent::Certifications ? quick_certification(rec)
                                                               : quick_activity(rec, at))) {
        ++out_->quick_rows;
        return;
    }
    general_row(rec, at);
}

bool RowReader::quick_activity(const CsvRow& rec, std::uint64_t at) {
    CheckedActivity a;
    std::uint64_t holder_hash = 0;
    if (!quick_.activity(rec, out_->table ? &out_->table->holders() : nullptr, a, holder_hash))
        return false;
    store(a, std::nullopt, rec.line(), holder_hash, at);
    return true;
}

bool RowReader::quick_certification(const CsvRow& rec) {
    QuickCertification c;
    if (!quick_.certification(rec, c)) return false;
    HeldCertification& h = out_->certifications.emplace_back();
    h.holder = c.holder;
    h.cert = c.cert;
    h.earned = c.earned;
    h.expires = c.expires;
    return true;
}

void RowReader::general_row(const CsvRow& rec, std::uint64_t at) {
    if (rec.size() != columns_.size()) {
        error(rec.line(), 1,
              "this row has " + std::to_string(rec.size()) + " fields, the header has " +
                  std::to_string(columns_.size()));
        return;
    }
    if (map_ && !map_->skip.empty() && skipped(rec)) return;
    cells_.read(rec, columns_, map_, file_, out_->map_option, out_->errors);
    if (cells_.underived()) return;
    // captures only `this`, so that std::function keeps it inline (no allocation per row)
    const FieldError fe = [this](std::string_view field, std::string message, std::string hint) {
        if (const auto pos = cells_.problem(field_index(field)))
            error(pos->first, pos->second, std::move(message), std::move(hint));
    };
    const bool is_cert = content_ == CsvContent::Certifications ||
                         (content_ == CsvContent::Mixed && cells_[kCertification].has_value());
    if (is_cert) {
        CertificationFields f{cells_[kHolder], cells_[kCertification], cells_[kEarned],
                              cells_[kExpires], cells_[kProgram]};
        auto h = build_certification(f, rules_, default_holder_, fe);
        if (h && cells_.ok()) out_->certifications.push_back(*h);
        return;
    }
    ActivityFields f{cells_[kId],        cells_[kHolder], cells_[kDate],     cells_[kKind],
                     cells_[kCredits],   cells_[kExam],   cells_[kExamKind], cells_[kStatus],
                     cells_[kSubmitted], cells_[kTitle],  cells_[kCategory], cells_[kProgram],
                     cells_[kCredited]};
    std::uint64_t holder_hash = 0;
    if (out_->table) { // look the holder up once the rest of the row is checked (see prefetch)
        holder_hash =
            NameTable::hash(cells_[kHolder] ? *cells_[kHolder] : std::string_view(default_holder_));
        out_->table->holders().prefetch(holder_hash);
    }
    auto a = check_activity(f, rules_, default_holder_, fe);
    if (!a || !cells_.ok()) return;
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
        ActivityTable::set_indexes(r, a.kind, a.indexes);
        r.status = a.status;
        r.set_claim(ClaimDates{a.submitted, a.credited}, rules_);
        // a credited date is kept with the text: the engine asks for it (see ActivityTable)
        keep_text =
            out_->keep_text || ActivityTable::quoted_in_notices(r) || a.credited ||
            ActivityTable::submission_needed(r, ClaimDates{a.submitted, a.credited}, rules_);
        holders_.add(*out_->table, a.holder, holder_hash);
        if (!keep_text && !id && later_.later(r, holder_hash)) {
            // the hash is left for later: an engine run needs few (see KeySource)
            r.key = at;
            r.flags |= ActivityRecord::kKeyLater;
            out_->table->add_interned(r, ClaimDates{a.submitted, a.credited}, {}, a.title, false);
            return;
        }
    }
    const std::uint64_t hash = content_hash(a);
    if (id)
        if (const auto first = ids_.clash(*id, line, hash)) {
            const auto pos = cells_.where(kId);
            error(pos.first, pos.second,
                  "duplicate id \"" + shown(*id) + "\" with different content (first on line " +
                      std::to_string(*first) + ")");
            if (out_->table) holders_.drop_last(); // no record after all
            return;
        }
    if (out_->table) {
        r.key = hash;
        out_->table->add_interned(r, ClaimDates{a.submitted, a.credited},
                                  id.value_or(std::string_view{}), a.title, keep_text);
        return;
    }
    // the derived id from the hash already computed, rather than hashing the row again
    const std::string derived = id ? std::string() : derived_id(a.kind, hash);
    out_->activities.push_back(to_activity(a, id ? id : TextField(derived)));
}

void RowReader::finish(const CsvReader& reader, std::size_t first) {
    // rows the mapping skipped are said, never dropped silently
    std::size_t total = 0;
    std::string detail;
    for (std::size_t i = 0; i < skipped_.size(); ++i) {
        std::string part;
        for (std::size_t k = 0; k < skipped_[i].size(); ++k)
            if (const std::size_t n = skipped_[i][k]; n > 0) {
                part += (part.empty() ? "" : ", ") + std::string(trim(map_->skip[i].values[k])) +
                        " " + std::to_string(n);
                total += n;
            }
        if (!part.empty())
            detail += (detail.empty() ? "" : "; ") + map_->skip[i].column + ": " + part;
    }
    if (total > 0)
        out_->notices.push_back(file_ + ": skipped " + std::to_string(total) +
                                (total == 1 ? " row" : " rows") + " by the mapping's \"skip\" (" +
                                detail + ")");
    for (std::size_t i = first; i < reader.errors().size(); ++i) {
        const auto& e = reader.errors()[i];
        error(e.line, e.column, e.message);
    }
    std::stable_sort(out_->errors.begin() + static_cast<std::ptrdiff_t>(errors_before_),
                     out_->errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
                         return a.line != b.line ? a.line < b.line : a.column < b.column;
                     });
}

} // namespace recert::input
