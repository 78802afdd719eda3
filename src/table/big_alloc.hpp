// Memory for the large tables read at random (activity records, holder slots, the grouping's
// arrays): big blocks mapped on their own, offered for huge pages, and kept for reuse.
#pragma once

#include <cstddef>
#include <vector>

namespace recert {

// An allocator for the large tables read at random (records, holder slots): blocks of 2 MiB or
// more are mapped on their own and offered to the kernel for transparent huge pages, so that
// random reads miss the TLB far less often. Smaller blocks come from operator new.
void* big_table_allocate(std::size_t bytes);
void big_table_free(void* p, std::size_t bytes) noexcept;
// Blocks of 2 MiB or more given back are kept for the next large table (memory used for the first
// time is costly); this returns the kept ones to the kernel.
void big_table_release_spares() noexcept;

template <class T> struct BigTableAllocator {
    using value_type = T;
    BigTableAllocator() = default;
    T* allocate(std::size_t n) { return static_cast<T*>(big_table_allocate(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { big_table_free(p, n * sizeof(T)); }
    template <class U> bool operator==(const BigTableAllocator<U>&) const noexcept { return true; }
};

// A vector in such memory (for large arrays accessed at scattered places).
template <class T> using BigVector = std::vector<T, BigTableAllocator<T>>;

} // namespace recert
