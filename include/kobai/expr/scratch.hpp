#pragma once
// Working memory that a thread keeps between calls (internal; src/expr/scratch.cpp).
//
// The simplifier's passes build arrays of a few hundred kilobytes per call (per-node tables, the
// terms of a long sum). glibc gives such memory back to the operating system when a call frees it,
// and the next call faults it in again page by page: on the virtual machine the benchmarks ran on
// that was two thirds of ∂/∂x of the expanded (x + y + z + 1)^25 (bench/README.md). Blocks from
// 64 KiB up to 16 MiB are rounded up to a power of two and, when freed, kept for the thread's next
// request of that size (at most four of each size and 32 MiB in all, given back when the thread
// ends); other sizes go to operator new as usual.
#include <cstddef>

namespace kobai::detail {

void* scratch_allocate(std::size_t bytes);
void scratch_deallocate(void* p, std::size_t bytes) noexcept;

/// A standard allocator over scratch_allocate (stateless: all instances are equal).
template <class T>
struct scratch_allocator {
  using value_type = T;
  scratch_allocator() noexcept = default;
  template <class U>
  scratch_allocator(const scratch_allocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(scratch_allocate(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { scratch_deallocate(p, n * sizeof(T)); }
  template <class U>
  bool operator==(const scratch_allocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace kobai::detail
