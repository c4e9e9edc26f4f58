#include "kobai/optim/detail/large_buffer.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace kobai::detail {

namespace {

constexpr std::size_t huge_page = std::size_t{2} << 20;
constexpr std::size_t huge_from = std::size_t{4} << 20;

std::size_t round_up(std::size_t bytes, std::size_t to) {
  return (bytes + to - 1) / to * to;
}

}  // namespace

large_buffer::large_buffer(std::size_t doubles) {
  const std::size_t bytes = std::max<std::size_t>(doubles, 1) * sizeof(double);
  const bool huge = bytes >= huge_from;
  // malloc's 16-byte alignment is what Eigen's packets need (S_ and Y_ are Aligned16 maps).
  void* p = huge ? std::aligned_alloc(huge_page, round_up(bytes, huge_page)) : std::malloc(bytes);
  if (!p) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // Advice only: a kernel without transparent huge pages, or with them switched off, refuses it
  // and the buffer is ordinary memory.
  if (huge) madvise(p, round_up(bytes, huge_page), MADV_HUGEPAGE);
#endif
  data_.reset(static_cast<double*>(p));
}

void offer_huge_pages([[maybe_unused]] double* p, std::size_t doubles) noexcept {
  const std::size_t bytes = doubles * sizeof(double);
  if (bytes < huge_from) return;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const auto begin = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t first = round_up(begin, huge_page),
                       last = (begin + bytes) / huge_page * huge_page;
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#endif
}

void large_buffer::release::operator()(double* p) const noexcept {
  std::free(p);
}

}  // namespace kobai::detail
