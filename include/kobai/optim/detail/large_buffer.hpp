#pragma once
// Storage for an optimizer's largest arrays (src/optim/large_buffer.cpp).
//
// L-BFGS keeps 2m vectors of n doubles: 160 MB at n = 10⁶, m = 10. A run first touches every
// page of them, and on a virtual machine that maps each 4 KiB page on demand this was about half
// of a one-off run's time (bench/README.md). Buffers from 4 MiB on are therefore aligned to 2 MiB
// and offered to the kernel for transparent huge pages (Linux madvise(MADV_HUGEPAGE)): one fault
// maps 2 MiB. Where the kernel declines, or off Linux, they are ordinary memory.
#include <cstddef>
#include <memory>

namespace kobai::detail {

/// Offers the 2 MiB-aligned part of [p, p + doubles) for transparent huge pages when it spans
/// 4 MiB or more, for arrays allocated elsewhere (the engine's Eigen vectors): advice given before
/// the memory is first touched lets each fault map 2 MiB. Advice only, as for large_buffer.
void offer_huge_pages(double* p, std::size_t doubles) noexcept;

class large_buffer {
 public:
  /// Uninitialized room for `doubles` values.
  explicit large_buffer(std::size_t doubles);
  double* data() noexcept { return data_.get(); }

 private:
  struct release {
    void operator()(double* p) const noexcept;
  };
  std::unique_ptr<double, release> data_;
};

}  // namespace kobai::detail
