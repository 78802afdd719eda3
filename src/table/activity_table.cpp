#include "table/activity_table.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <mutex>
#include <new>
#include <sys/mman.h>
#include <unordered_set>
#include <utility>

namespace recert {

namespace {
constexpr std::size_t kHuge = std::size_t{2} << 20;

// A large table's mapping: whole blocks of 2 MiB.
std::size_t mapped_size(std::size_t bytes) {
    return (bytes + kHuge - 1) / kHuge * kHuge;
}

// Blocks given back, kept for the next large table rather than returned to the kernel: memory
// used for the first time costs a page fault and zeroing per page (and on a virtual machine
// whose balloon reports free pages, a fault in the host too). Reading a team's file ends with the
// second half's holder table freed; the grouping's index array, about as large, comes right after.
struct Spare {
    void* at = nullptr;
    std::size_t size = 0;
};
std::mutex spare_mutex;
std::array<Spare, 4> spares;
} // namespace

void* big_table_allocate(std::size_t bytes) {
    if (bytes < kHuge) return ::operator new(bytes);
    const std::size_t size = mapped_size(bytes);
    {
        const std::lock_guard lock(spare_mutex);
        // the smallest spare block large enough, and not twice as large (a small table given a
        // large block would leave nothing for a large one to come)
        Spare* best = nullptr;
        for (Spare& s : spares)
            if (s.at && s.size >= size && s.size / 2 < size && (!best || s.size < best->size))
                best = &s;
        if (best) {
            void* p = std::exchange(best->at, nullptr);
            if (best->size > size) // the rest goes back
                ::munmap(static_cast<char*>(p) + size, best->size - size);
            return p;
        }
    }
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    ::madvise(p, size, MADV_HUGEPAGE); // a hint: without transparent huge pages nothing changes
    return p;
}

void big_table_free(void* p, std::size_t bytes) noexcept {
    if (bytes < kHuge) {
        ::operator delete(p);
        return;
    }
    const std::size_t size = mapped_size(bytes);
    {
        const std::lock_guard lock(spare_mutex);
        for (Spare& s : spares)
            if (!s.at) {
                s = Spare{p, size};
                return;
            }
    }
    ::munmap(p, size);
}

void big_table_release_spares() noexcept {
    const std::lock_guard lock(spare_mutex);
    for (Spare& s : spares)
        if (s.at) ::munmap(std::exchange(s.at, nullptr), s.size);
}

std::uint64_t NameTable::hash(std::string_view s) {
    // eight bytes at a time (a byte-at-a-time hash was a tenth of reading a team's file), then a
    // finaliser from MurmurHash3 so that the low bits index well
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ s.size();
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
    }
    if (i < s.size()) {
        std::uint64_t w = 0;
        std::memcpy(&w, s.data() + i, s.size() - i);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
    }
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

namespace {
// Whether n <= 16 bytes at a and b are equal: two overlapping loads from each instead of a call to
// memcmp (a lookup per row compares a name whose hash and size already match).
bool same_short(const char* a, const char* b, std::size_t n) {
    auto load = [](const char* p, auto word) {
        std::memcpy(&word, p, sizeof word);
        return word;
    };
    if (n >= 8)
        return load(a, std::uint64_t{}) == load(b, std::uint64_t{}) &&
               load(a + n - 8, std::uint64_t{}) == load(b + n - 8, std::uint64_t{});
    if (n >= 4)
        return load(a, std::uint32_t{}) == load(b, std::uint32_t{}) &&
               load(a + n - 4, std::uint32_t{}) == load(b + n - 4, std::uint32_t{});
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}
} // namespace

std::size_t NameTable::probe(std::string_view name, std::uint64_t hash) const {
    const std::size_t n = slots_.size();
    for (std::size_t i = place(hash);; i = i + 1 == n ? 0 : i + 1) {
        const Slot& s = slots_[i];
        if (s.index == kEmpty) return i;
        if (s.hash != hash || s.size != name.size()) continue;
        if (name.size() <= kInline ? same_short(s.head, name.data(), name.size())
                                   : long_[at(s)] == name)
            return i;
    }
}

void NameTable::reserve(std::size_t n) {
    // at most 75 % full when n names are in (80 % is where it grows)
    const std::size_t size = std::max<std::size_t>(1024, (n * 4 / 3 + 64) / 64 * 64);
    if (size > slots_.size()) grow(size);
    where_.reserve(n);
}

void NameTable::grow(std::size_t size) {
    auto old = std::move(slots_);
    slots_.assign(size, Slot{});
    for (const Slot& s : old) {
        if (s.index == kEmpty) continue;
        std::size_t i = place(s.hash);
        while (slots_[i].index != kEmpty) i = i + 1 == size ? 0 : i + 1;
        slots_[i] = s;
        where_[s.index] = static_cast<std::uint32_t>(i);
    }
}

std::uint32_t NameTable::add(std::size_t slot, std::string_view name, std::uint64_t hash) {
    Slot& s = slots_[slot];
    s.hash = hash;
    s.index = static_cast<std::uint32_t>(where_.size());
    s.size = static_cast<std::uint32_t>(name.size());
    if (name.size() <= kInline) {
        std::memcpy(s.head, name.data(), name.size());
    } else {
        const std::size_t i = long_.size();
        long_.emplace_back(name);
        std::memcpy(s.head, &i, sizeof i);
    }
    where_.push_back(static_cast<std::uint32_t>(slot));
    return s.index;
}

std::uint32_t NameTable::intern(std::string_view name, std::uint64_t h) {
    if ((where_.size() + 1) * 5 > slots_.size() * 4) // at most 80 % full
        grow(slots_.empty() ? 1024 : slots_.size() * 2);
    const std::size_t i = probe(name, h);
    return slots_[i].index == kEmpty ? add(i, name, h) : slots_[i].index;
}

std::vector<std::uint32_t> NameTable::merge(const NameTable& other) {
    std::vector<std::uint32_t> remap(other.size());
    // other's slots in sequence, each one's slot here asked for a few slots ahead
    constexpr std::size_t kAhead = 8;
    const auto& from = other.slots_;
    std::size_t next = 0; // the next of other's slots to prefetch for
    auto ask = [&] {
        while (next < from.size() && from[next].index == kEmpty) ++next;
        if (next < from.size()) prefetch(from[next++].hash);
    };
    for (std::size_t k = 0; k < kAhead; ++k) ask();
    for (const Slot& s : from) {
        if (s.index == kEmpty) continue;
        ask();
        remap[s.index] = intern(other.name(s), s.hash);
    }
    return remap;
}

std::optional<std::uint32_t> NameTable::find(std::string_view name, std::uint64_t hash) const {
    if (slots_.empty()) return std::nullopt;
    const Slot& s = slots_[probe(name, hash)];
    if (s.index == kEmpty) return std::nullopt;
    return s.index;
}

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

void ActivityTable::set_indexes(ActivityRecord& r, const ActivityIndexes& x) {
    r.category = static_cast<std::uint16_t>(x.category);
    r.exam_kind = x.exam_kind != Rules::kAny ? static_cast<std::uint16_t>(x.exam_kind)
                                             : ActivityRecord::kNoKind;
    r.program = static_cast<std::uint32_t>(x.program); // below Rules::kMaxPrograms
}

void ActivityRecord::set_submitted(std::optional<Date> submitted, const Rules& rules) {
    // the one place the claim window is applied
    const bool late =
        submitted && submitted->days - date > rules.programs[program].claim_window_days;
    flags = late ? flags | kLate : flags & ~std::uint32_t{kLate};
}

bool ActivityTable::quoted_in_notices(const ActivityRecord& r) {
    if (r.kind != ActivityKind::CE || r.status == ClaimStatus::Rejected) return false;
    return r.status == ClaimStatus::Unclaimed || !claimed_in_time(r);
}

void ActivityTable::add_interned(ActivityRecord r, std::optional<Date> submitted,
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
               submitted ? submitted->days : kNoDate};
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
        set_indexes(r, resolve_activity(
                           rules, a.program.empty() ? Rules::kAny : rules.program_index(a.program),
                           a.category, a.kind, a.exam, a.exam_kind));
        r.kind = a.kind;
        r.status = a.status;
        r.set_submitted(a.submitted, rules);
        t.add(r, a.submitted, a.holder, a.id, a.title, true);
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
            const std::uint64_t k =
                (r.flags & ActivityRecord::kKeyLater) ? key(t.record) : r.key; // (known: text)
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
