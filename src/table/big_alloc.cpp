#include "table/big_alloc.hpp"

#include <array>
#include <cstdint>
#include <mutex>
#include <new>
#include <sys/mman.h>
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

} // namespace recert
