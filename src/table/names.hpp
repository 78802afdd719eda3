// Holder names interned as small integers (NameTable).
#pragma once

#include "table/big_alloc.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert {

// Interned names (holders): a stable index per distinct name. An open-addressing table of
// slots that hold the hash, the index and a short name itself: one probe and one comparison per
// lookup in the common case, and no other copy of a short name. A team of a million holders is
// two such tables while its file is read in two halves, so the slots are counted to the names
// reserved rather than rounded up to a power of two (up to 40 % less memory first touched, which
// is costly on a virtual machine).
class NameTable {
  public:
    static std::uint64_t hash(std::string_view name);
    // Asks the processor to fetch the slot a name will be looked up in (hides a cache miss when
    // called some work before intern()).
    void prefetch(std::uint64_t hash) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[place(hash)]);
    }
    // visit(i, hash of name(i)) for i in [from, to), in order, with the slot of each name asked
    // for a few names ahead: a run of lookups scattered through a table larger than the caches.
    // visit may intern into this table.
    template <class Name, class Visit>
    void ahead(std::size_t from, std::size_t to, Name&& name, Visit&& visit) const {
        constexpr std::size_t kAhead = 8;
        std::uint64_t hashes[kAhead]; // of names i .. i + kAhead - 1, at (i - from) % kAhead
        for (std::size_t i = from; i < std::min(to, from + kAhead); ++i)
            prefetch(hashes[i - from] = hash(name(i)));
        for (std::size_t i = from; i < to; ++i) {
            std::uint64_t& slot = hashes[(i - from) % kAhead];
            const std::uint64_t h = slot;
            if (i + kAhead < to) prefetch(slot = hash(name(i + kAhead)));
            visit(i, h);
        }
    }
    std::uint32_t intern(std::string_view name) { return intern(name, hash(name)); }
    std::uint32_t intern(std::string_view name, std::uint64_t hash);
    std::optional<std::uint32_t> find(std::string_view name) const {
        return find(name, hash(name));
    }
    std::optional<std::uint32_t> find(std::string_view name, std::uint64_t hash) const;
    // Name i (valid until the next intern).
    std::string_view operator[](std::uint32_t i) const { return name(slots_[where_[i]]); }
    std::size_t size() const { return where_.size(); }
    // Room for `n` names in all without growing the table.
    void reserve(std::size_t n);
    // Interns every name of `other` (in the order of its slots: read in sequence, and their
    // hashes are kept) and returns each one's index here, by its index there.
    std::vector<std::uint32_t> merge(const NameTable& other);

  private:
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFF;
    static constexpr std::size_t kInline = 16;
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t index = kEmpty;
        std::uint32_t size = 0;
        char head[kInline] = {}; // a short name; else the long name's place in long_
    };
    // the first slot a hash probes (the high bits: the slot count need not be a power of two)
    std::size_t place(std::uint64_t hash) const {
        return static_cast<std::size_t>((hash >> 32) * slots_.size() >> 32);
    }
    static std::size_t at(const Slot& s) {
        std::size_t i;
        std::memcpy(&i, s.head, sizeof i);
        return i;
    }
    // the name in a slot in use
    std::string_view name(const Slot& s) const {
        return s.size <= kInline ? std::string_view(s.head, s.size)
                                 : std::string_view(long_[at(s)]);
    }
    std::size_t probe(std::string_view name, std::uint64_t hash) const;
    void grow(std::size_t slots);
    std::uint32_t add(std::size_t slot, std::string_view name, std::uint64_t hash);

    std::vector<Slot, BigTableAllocator<Slot>> slots_; // at most 80 % full
    std::vector<std::uint32_t> where_;                 // name i's slot
    std::vector<std::string> long_;                    // names longer than kInline
};

} // namespace recert
