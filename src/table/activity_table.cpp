#include "table/activity_table.hpp"

#include "model/policy.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <unordered_set>
#include <utility>

namespace recert {

std::optional<std::uint64_t> derived_id_key(std::string_view id) {
    if (id.size() != 18 || (id[0] != 'c' && id[0] != 'e') || id[1] != '-') return std::nullopt;
    std::uint64_t k = 0;
    for (std::size_t i = 2; i < 18; ++i) {
        const char c = id[i];
        const int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0) return std::nullopt;
        k = k << 4 | static_cast<std::uint64_t>(v);
    }
    return k;
}

void ActivityTable::set_indexes(ActivityRecord& r, ActivityKind kind, const ActivityIndexes& x) {
    r.kind = kind;
    if (kind == ActivityKind::CE)
        r.kind_index = static_cast<std::uint16_t>(x.category);
    else
        r.kind_index = x.exam_kind != Rules::kAny ? static_cast<std::uint16_t>(x.exam_kind)
                                                  : ActivityRecord::kNoKind;
    r.program = static_cast<std::uint32_t>(x.program); // below Rules::kMaxPrograms
}

void ActivityRecord::set_claim(const ClaimDates& claim, const Rules& rules) {
    const ProgramPolicy& policy = rules.programs[program];
    const bool late = claim.submitted && claimed_late(policy, day(), *claim.submitted);
    flags = late ? flags | kLate : flags & ~std::uint32_t{kLate};
    count_delta = 0;
    if (kind == ActivityKind::CE && status == ClaimStatus::Approved &&
        !late) { // late: never counts
        const Date on = credit_day(policy, day(), claim.submitted, claim.credited);
        count_delta = static_cast<std::uint16_t>(std::clamp(on.days - date, 0, kMaxCountDelta));
    }
}

bool ActivityTable::submission_needed(const ActivityRecord& r, const ClaimDates& claim,
                                      const Rules& rules) {
    return r.kind == ActivityKind::CE && claim.submitted && claim.submitted->days > r.date &&
           rules.programs[r.program].credits_count_on == CountOn::Completed;
}

bool ActivityTable::quoted_in_notices(const ActivityRecord& r) {
    if (r.kind != ActivityKind::CE || r.status == ClaimStatus::Rejected) return false;
    return r.status == ClaimStatus::Unclaimed || !claimed_in_time(r);
}

void ActivityTable::add_interned(ActivityRecord r, const ClaimDates& claim,
                                 std::string_view explicit_id, std::string_view title,
                                 bool keep_text) {
    r.flags &= static_cast<std::uint8_t>(~(ActivityRecord::kExplicitId | ActivityRecord::kHasText |
                                           ActivityRecord::kExamPrefix | ActivityRecord::kRepeat));
    if (!explicit_id.empty()) {
        if (auto k = derived_id_key(explicit_id)) {
            r.key = *k;
            r.flags &= ~std::uint32_t{ActivityRecord::kKeyLater};
            if (explicit_id[0] == 'e') r.flags |= ActivityRecord::kExamPrefix;
        } else {
            r.flags |= ActivityRecord::kExplicitId;
            keep_text = true;
        }
    } else if (r.kind == ActivityKind::Exam) {
        r.flags |= ActivityRecord::kExamPrefix;
    }
    if (keep_text) {
        r.flags |= ActivityRecord::kHasText;
        Text t{static_cast<std::uint32_t>(size_),
               static_cast<std::uint32_t>(arena_.size()),
               0,
               0,
               0,
               claim.submitted ? claim.submitted->days : kNoDate,
               claim.credited ? claim.credited->days : kNoDate};
        if (r.flags & ActivityRecord::kExplicitId) {
            arena_ += explicit_id;
            t.id_len = static_cast<std::uint32_t>(explicit_id.size());
        }
        t.title_at = static_cast<std::uint32_t>(arena_.size());
        arena_ += title;
        t.title_len = static_cast<std::uint32_t>(title.size());
        texts_.push_back(t);
    }
    segments_.back().push_back(r);
    ++size_;
}

ActivityTable ActivityTable::from_ledger(const Ledger& ledger, const Rules& rules) {
    ActivityTable t;
    t.segments_.back().reserve(ledger.activities.size());
    for (const Activity& a : ledger.activities) {
        ActivityRecord r;
        r.date = a.date.days;
        r.credits = static_cast<std::uint32_t>(a.credits);
        // the ledger's activities were checked when loaded: their names resolve
        set_indexes(r, a.kind,
                    resolve_activity(
                        rules, a.program.empty() ? Rules::kAny : rules.program_index(a.program),
                        a.category, a.kind, a.exam, a.exam_kind));
        r.status = a.status;
        const ClaimDates claim{a.submitted, a.credited};
        r.set_claim(claim, rules);
        t.add(r, claim, a.holder, a.id, a.title, true);
    }
    t.mark_repeats();
    return t;
}

ActivityRecord& ActivityTable::at(std::size_t i) {
    return const_cast<ActivityRecord&>(std::as_const(*this)[i]); // the const lookup, writable
}

void ActivityTable::append(ActivityTable&& other) {
    const std::vector<std::uint32_t> remap = holders_.merge(other.holders_);
    if (!keys_) keys_ = other.keys_; // (the halves of one file share their source)
    const auto shift = static_cast<std::uint32_t>(arena_.size());
    arena_ += other.arena_;
    for (Text t : other.texts_) {
        t.record += static_cast<std::uint32_t>(size_);
        t.id_at += shift;
        t.title_at += shift;
        texts_.push_back(t);
    }
    for (auto& seg : other.segments_) {
        if (seg.empty()) continue;
        for (auto& r : seg) r.holder = remap[r.holder];
        size_ += seg.size();
        if (segments_.back().empty())
            segments_.back() = std::move(seg);
        else
            segments_.push_back(std::move(seg));
    }
    other = ActivityTable{};
}

const ActivityTable::Text* ActivityTable::text(std::size_t i) const {
    auto it = std::lower_bound(texts_.begin(), texts_.end(), i,
                               [](const Text& t, std::size_t r) { return t.record < r; });
    return it != texts_.end() && it->record == i ? &*it : nullptr;
}

std::uint64_t ActivityTable::key(std::size_t i) const {
    const ActivityRecord& r = (*this)[i];
    if (!(r.flags & ActivityRecord::kKeyLater)) return r.key;
    return keys_ ? keys_->key(r, holders_[r.holder]) : 0; // (a reader sets both or neither)
}

std::string ActivityTable::id(std::size_t i, std::uint64_t key) const {
    const ActivityRecord& r = (*this)[i];
    if (r.flags & ActivityRecord::kExplicitId) {
        const Text* t = text(i);
        return arena_.substr(t->id_at, t->id_len);
    }
    return derived_id(
        (r.flags & ActivityRecord::kExamPrefix) ? ActivityKind::Exam : ActivityKind::CE, key);
}

std::optional<Date> ActivityTable::submitted(std::size_t i) const {
    const Text* t = text(i);
    if (!t || t->submitted == kNoDate) return std::nullopt;
    return Date{t->submitted};
}

std::optional<Date> ActivityTable::credited(std::size_t i) const {
    const Text* t = text(i);
    if (!t || t->credited == kNoDate) return std::nullopt;
    return Date{t->credited};
}

std::string_view ActivityTable::title(std::size_t i) const {
    const Text* t = text(i);
    if (!t) return {};
    return std::string_view(arena_).substr(t->title_at, t->title_len);
}

bool ActivityTable::same_id(std::size_t a, std::uint64_t ka, std::size_t b,
                            std::uint64_t kb) const {
    const ActivityRecord& x = (*this)[a];
    const ActivityRecord& y = (*this)[b];
    constexpr auto kForm = ActivityRecord::kExplicitId | ActivityRecord::kExamPrefix;
    if ((x.flags & kForm) != (y.flags & kForm)) return false;
    if (!(x.flags & ActivityRecord::kExplicitId)) return ka == kb;
    return id(a, ka) == id(b, kb);
}

bool ActivityTable::id_less(std::size_t a, std::uint64_t ka, std::size_t b,
                            std::uint64_t kb) const {
    const ActivityRecord& x = (*this)[a];
    const ActivityRecord& y = (*this)[b];
    if (!((x.flags | y.flags) & ActivityRecord::kExplicitId)) {
        const bool ex = x.flags & ActivityRecord::kExamPrefix,
                   ey = y.flags & ActivityRecord::kExamPrefix;
        return ex != ey ? ey : ka < kb; // "c-…" before "e-…", then the hex digits
    }
    return id(a, ka) < id(b, kb);
}

std::size_t ActivityTable::mark_repeats() {
    // An id is either text (kExplicitId) or derived: "c-" or "e-" (kExamPrefix) and the key. Each
    // form compares only with its own, as the id strings would. A derived key is a hash already:
    // an open-addressing table of them (every record's text may be kept) needs no hashing and no
    // allocation per record.
    std::unordered_set<std::string_view> texts;
    const std::size_t slots = std::bit_ceil(2 * texts_.size() + 2);
    std::vector<std::uint64_t> keys(slots);
    std::vector<std::uint8_t> used(slots); // 0: empty; else 1 + the record's kExamPrefix
    std::size_t marked = 0;
    for (const Text& t : texts_) {
        ActivityRecord& r = at(t.record);
        r.flags &= static_cast<std::uint8_t>(~ActivityRecord::kRepeat);
        bool first = true;
        if (r.flags & ActivityRecord::kExplicitId) {
            first = texts.insert(std::string_view(arena_).substr(t.id_at, t.id_len)).second;
        } else {
            const std::uint64_t k = key(t.record);
            const std::uint8_t form = (r.flags & ActivityRecord::kExamPrefix) ? 2 : 1;
            std::size_t i = static_cast<std::size_t>(k) & (slots - 1);
            for (; used[i] != 0; i = (i + 1) & (slots - 1))
                if (used[i] == form && keys[i] == k) {
                    first = false;
                    break;
                }
            if (first) {
                used[i] = form;
                keys[i] = k;
            }
        }
        if (!first) {
            r.flags |= ActivityRecord::kRepeat;
            ++marked;
        }
    }
    return marked;
}

} // namespace recert
