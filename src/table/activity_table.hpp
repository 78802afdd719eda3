// Activities as the engine reads them: compact fixed-size records (24 bytes), holders interned as
// small integers, and text (ids given in the input, titles) kept only where a report can print it.
// A team export of millions of rows fits in less memory than its CSV file.
#pragma once

#include "model/records.hpp"
#include "recert/credits.hpp"
#include "recert/date.hpp"
#include "recert/ledger.hpp"
#include "recert/rules.hpp"
#include "table/big_alloc.hpp"
#include "table/names.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace recert {

// One activity as the engine sees it: 24 bytes (a team of ten million rows holds ten million of
// them, and on a virtual machine every megabyte first touched costs milliseconds). The fields
// share words as bit-fields. The submission date is not here: all the engine needs of it is
// whether the claim was late and the day the claim counts (count_delta), and the date itself only
// for a late claim's notice, which keeps the record's text anyway (ActivityTable::submitted).
// A CE record has a category and no exam kind, an exam the reverse: one field holds either.
struct ActivityRecord {
    static constexpr std::uint16_t kNoKind = 0xFFFF;
    enum Flags : std::uint8_t {
        kExplicitId = 1, // the input gave an id that is not in the derived form: kept as text
        kHasText = 2,    // id and title are kept (ActivityTable::title)
        kRepeat = 4,     // an earlier record has the same id: this one is ignored (mark_repeats)
        kExamPrefix = 8, // the id (derived form) begins with "e-" rather than "c-"
        kLate = 16,      // submitted after the rules' claim window (see claimed_in_time)
        kKeyLater = 32,  // `key` is the row's place in its file: the hash is worked out when
                         // needed (see KeySource)
    };

    // derived ids: the content hash (with kKeyLater, where to find the content); else a hash of
    // the id
    std::uint64_t key = 0;
    std::uint32_t holder = 0; // index into ActivityTable's holders
    // days since 1970-01-01 (years 1 to 9999 need 23 bits with the sign)
    std::int32_t date : 23 = 0;
    std::uint32_t flags : 6 = 0;
    ClaimStatus status : 2 = ClaimStatus::Approved;
    ActivityKind kind : 1 = ActivityKind::CE;
    std::uint32_t credits : 27 = 0; // hundredths (at most kMaxCredits, under 2^27)
    std::uint32_t program : 5 = 0;  // index into Rules::programs
    // CE: the category (0: none; else 1 + index into Rules::categories); exam: the exam kind
    // (index into Rules::exam_kinds, kNoKind: none)
    std::uint16_t kind_index = 0;
    // CE approved under `credits_count_on: credited`: days from completion to the day the program
    // credited the claim (docs/semantics.md §3a), at most kMaxCountDelta; else 0
    std::uint16_t count_delta = 0;
    static constexpr std::int32_t kMaxCountDelta = 0xFFFF; // 179 years: later is never

    Date day() const { return Date{date}; }
    // The day the credits count, when the as-of date has reached it; else the completion day.
    std::int32_t count_day(Date as_of) const {
        const std::int32_t on = date + count_delta;
        return on <= as_of.days ? on : date;
    }
    std::uint16_t category() const { return kind == ActivityKind::CE ? kind_index : 0; }
    std::uint16_t exam_kind() const { return kind == ActivityKind::Exam ? kind_index : kNoKind; }
    // Sets kLate from the submission date (none: in time) and count_delta from the claim's dates.
    // The status, kind and program are set first.
    void set_claim(const ClaimDates& claim, const Rules& rules);
};

// Whether a claim was submitted within the rules' claim window (or has no submission date).
inline bool claimed_in_time(const ActivityRecord& a) {
    return !(a.flags & ActivityRecord::kLate);
}

static_assert(sizeof(ActivityRecord) == 24, "an activity record is meant to take 24 bytes");
static_assert(Rules::kMaxPrograms <= 32 && Rules::kMaxCategories <= 0xFFFF &&
                  Rules::kMaxExamKinds <= ActivityRecord::kNoKind,
              "program, category and exam kind indexes fit their fields");
static_assert(kMaxCredits < (Centi{1} << 27), "credits are 27 bits of an activity record");

// Works out the content hash of records read with kKeyLater, from their place in the input (an
// engine run needs the hash of few records: those of a holder that share their date with another).
// Safe to call from several threads at once. It does not throw: when the content cannot be read
// again as it was, it returns 0 and problem() says why from then on.
class KeySource {
  public:
    virtual ~KeySource() = default;
    // The content hash of `r`, whose holder is `holder`.
    virtual std::uint64_t key(const ActivityRecord& r, std::string_view holder) const = 0;
    // What went wrong, if anything did.
    virtual std::optional<std::string> problem() const = 0;
};

class ActivityTable {
  public:
    // What the engine needs of an activity, checked (see records.hpp). `title` and the id are
    // kept when `keep_text` is set or when a notice may quote them (an unclaimed claim, or one
    // submitted after the rules' claim window).
    // `submitted` is kept with the text (a late claim's notice quotes it).
    void add(ActivityRecord r, const ClaimDates& claim, std::string_view holder,
             std::string_view explicit_id, std::string_view title, bool keep_text,
             std::uint64_t holder_hash) {
        r.holder = holders_.intern(holder, holder_hash);
        add_interned(r, claim, explicit_id, title, keep_text);
    }
    // Sets record i's holder (an index into holders()).
    void set_holder(std::size_t i, std::uint32_t holder) { at(i).holder = holder; }
    // The same for a record whose holder is already interned (r.holder).
    void add_interned(ActivityRecord r, const ClaimDates& claim, std::string_view explicit_id,
                      std::string_view title, bool keep_text);
    void add(ActivityRecord r, const ClaimDates& claim, std::string_view holder,
             std::string_view explicit_id, std::string_view title, bool keep_text) {
        add(r, claim, holder, explicit_id, title, keep_text, NameTable::hash(holder));
    }
    // The whole ledger's activities, in order (record i is ledger.activities[i]), every text kept,
    // repeats marked (mark_repeats).
    static ActivityTable from_ledger(const Ledger& ledger, const Rules& rules);
    // Appends another table's records after this one's (holders re-interned).
    void append(ActivityTable&& other);
    // The one rule for an activity given twice (the ledger and CSV files together, a file that
    // repeats a row, an import): the same id is one activity, the first one in the table. Marks
    // the later ones kRepeat (and clears the mark of the rest) among the records whose text is
    // kept: ids given as text, and derived ids (whose key is then known). A record without text
    // has a derived id, which includes its holder and date: the engine counts the same id on one
    // holder's day once. Returns how many records are marked.
    std::size_t mark_repeats();
    // Whether record i is marked as a repeat.
    bool repeat(std::size_t i) const { return (*this)[i].flags & ActivityRecord::kRepeat; }

    std::size_t size() const { return size_; }
    // Room for `n` more records without reallocation (when the count can be estimated).
    void reserve_more(std::size_t n) { segments_.back().reserve(segments_.back().size() + n); }
    const ActivityRecord& operator[](std::size_t i) const {
        if (segments_.size() == 2) {
            // a file read in two halves: a holder's records lie in either at random, so the
            // segment is chosen without a branch (which would be mispredicted half the time)
            const std::size_t first = segments_[0].size();
            const bool second = i >= first;
            return segments_[second ? 1 : 0][i - (second ? first : 0)];
        }
        for (const auto& s : segments_) {
            if (i < s.size()) return s[i];
            i -= s.size();
        }
        return segments_.back().back(); // not reached for i < size()
    }
    // f(index, record) for every record, in order (faster than indexing one by one).
    template <class F> void for_each(F&& f) const { for_each(0, size_, f); }
    // The same for the records [from, to).
    template <class F> void for_each(std::size_t from, std::size_t to, F&& f) const {
        std::size_t i = 0; // index of the segment's first record
        for (const auto& s : segments_) {
            const std::size_t b = std::max(from, i), e = std::min(to, i + s.size());
            for (std::size_t j = b; j < e; ++j) f(j, s[j - i]);
            i += s.size();
            if (i >= to) break;
        }
    }
    const NameTable& holders() const { return holders_; }
    NameTable& holders() { return holders_; }
    // Where records read with kKeyLater find their hash (one source per table).
    void set_key_source(std::shared_ptr<const KeySource> s) { keys_ = std::move(s); }
    const std::shared_ptr<const KeySource>& key_source() const { return keys_; }
    // The record's key (worked out now for a record read with kKeyLater).
    std::uint64_t key(std::size_t i) const;
    // What kept a key from being worked out, if anything did (the key source's problem).
    std::optional<std::string> key_problem() const {
        return keys_ ? keys_->problem() : std::nullopt;
    }
    // The activity's id as the user sees it ("c-…"/"e-…" when derived).
    std::string id(std::size_t i) const { return id(i, key(i)); }
    // Whether two records' ids are equal, and how they order (as the id strings compare).
    bool same_id(std::size_t a, std::size_t b) const { return same_id(a, key(a), b, key(b)); }
    bool id_less(std::size_t a, std::size_t b) const { return id_less(a, key(a), b, key(b)); }
    // The same with the records' keys already known (key(a), key(b)).
    std::string id(std::size_t i, std::uint64_t key) const;
    bool same_id(std::size_t a, std::uint64_t ka, std::size_t b, std::uint64_t kb) const;
    bool id_less(std::size_t a, std::uint64_t ka, std::size_t b, std::uint64_t kb) const;
    // The title when kept, else "".
    std::string_view title(std::size_t i) const;
    // The submission date when the text is kept and the input gave one.
    std::optional<Date> submitted(std::size_t i) const;
    // The credited date when the input gave one (the text is then kept).
    std::optional<Date> credited(std::size_t i) const;

    // Whether a notice may quote the record's title and id (see the engine's notices).
    static bool quoted_in_notices(const ActivityRecord& r);
    // Whether the replay needs the claim's submission date: counted on its completion day, a
    // claim sent later may have been sent after its cycle's last day (docs/semantics.md §5).
    // (Under `credits_count_on: credited` the day it counts already says so.)
    static bool submission_needed(const ActivityRecord& r, const ClaimDates& claim,
                                  const Rules& rules);
    // A record's kind, its category or exam kind, and its program (resolve_activity).
    static void set_indexes(ActivityRecord& r, ActivityKind kind, const ActivityIndexes& x);

  private:
    static constexpr std::int32_t kNoDate = std::numeric_limits<std::int32_t>::min();
    struct Text {
        std::uint32_t record; // (a table of 2^32 records would take 96 GB)
        std::uint32_t id_at, id_len, title_at, title_len;
        std::int32_t submitted; // days, or kNoDate
        std::int32_t credited;  // days, or kNoDate
    };
    const Text* text(std::size_t i) const;
    ActivityRecord& at(std::size_t i);

    std::vector<std::vector<ActivityRecord, BigTableAllocator<ActivityRecord>>> segments_{1};
    std::size_t size_ = 0;
    NameTable holders_;
    std::shared_ptr<const KeySource> keys_;
    std::string arena_;
    std::vector<Text> texts_; // ordered by record
};

// The key of an id in the derived form (`c-`/`e-` and 16 lower-case hex digits), or nullopt.
std::optional<std::uint64_t> derived_id_key(std::string_view id);

} // namespace recert
