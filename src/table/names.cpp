#include "table/names.hpp"

#include <cstring>

namespace recert {

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

} // namespace recert
