#include "kobai/expr/scratch.hpp"

#include <array>
#include <bit>
#include <new>

namespace kobai::detail {

namespace {

constexpr int smallest = 16;  // 64 KiB
constexpr int largest = 24;   // 16 MiB
constexpr std::size_t kept_per_size = 4;
constexpr std::size_t kept_at_most = std::size_t{32} << 20;  // bytes a thread holds on to

// Freed blocks by size class (2^smallest … 2^largest bytes), returned to operator delete when the
// thread ends.
struct block_cache {
  std::array<std::array<void*, kept_per_size>, largest - smallest + 1> blocks{};
  std::array<std::size_t, largest - smallest + 1> count{};
  std::size_t bytes = 0;
  ~block_cache() {
    for (std::size_t c = 0; c < blocks.size(); ++c)
      for (std::size_t i = 0; i < count[c]; ++i) ::operator delete(blocks[c][i]);
  }
};

thread_local block_cache cache;

// The size class of a request, or -1 when it is not cached.
int size_class(std::size_t bytes) {
  if (bytes < (std::size_t{1} << smallest) || bytes > (std::size_t{1} << largest)) return -1;
  return static_cast<int>(std::bit_width(bytes - 1)) - smallest;
}

}  // namespace

void* scratch_allocate(std::size_t bytes) {
  const int c = size_class(bytes);
  if (c < 0) return ::operator new(bytes);
  const auto k = static_cast<std::size_t>(c);
  if (cache.count[k] > 0) {
    cache.bytes -= std::size_t{1} << (c + smallest);
    return cache.blocks[k][--cache.count[k]];
  }
  return ::operator new (std::size_t{1} << (c + smallest));
}

void scratch_deallocate(void* p, std::size_t bytes) noexcept {
  const int c = size_class(bytes);
  if (c >= 0) {
    const auto k = static_cast<std::size_t>(c);
    const std::size_t size = std::size_t{1} << (c + smallest);
    if (cache.count[k] < kept_per_size && cache.bytes + size <= kept_at_most) {
      cache.bytes += size;
      cache.blocks[k][cache.count[k]++] = p;
      return;
    }
  }
  ::operator delete(p);
}

}  // namespace kobai::detail
