// The scratch memory a thread keeps between the simplifier's calls (kobai/expr/scratch.hpp).
#include "kobai/expr/scratch.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace kobai::detail {
namespace {

TEST(scratch, a_freed_large_block_serves_the_next_request_of_its_size) {
  void* first = scratch_allocate(300'000);  // size class 512 KiB
  scratch_deallocate(first, 300'000);
  void* again = scratch_allocate(400'000);  // the same class
  EXPECT_EQ(again, first);
  scratch_deallocate(again, 400'000);
}

TEST(scratch, blocks_of_another_size_class_are_not_handed_out) {
  void* large = scratch_allocate(300'000);
  scratch_deallocate(large, 300'000);
  void* other = scratch_allocate(100'000);  // 128 KiB class
  EXPECT_NE(other, large);
  std::memset(other, 1, 100'000);  // the whole request is usable (ASan checks the bounds)
  scratch_deallocate(other, 100'000);
}

TEST(scratch, blocks_beyond_what_a_thread_keeps_are_given_back_not_handed_out_again) {
  // 32 MiB in all: of three freed 16 MiB blocks (a class that could keep four) at most two stay.
  constexpr std::size_t size = std::size_t{16} << 20;
  std::vector<void*> blocks;
  for (int i = 0; i < 3; ++i) blocks.push_back(scratch_allocate(size));
  for (void* p : blocks) scratch_deallocate(p, size);
  int reused = 0;
  std::vector<void*> again;
  for (int i = 0; i < 3; ++i) {
    again.push_back(scratch_allocate(size));
    for (void* p : blocks) reused += again.back() == p ? 1 : 0;
  }
  EXPECT_LE(reused, 2);
  EXPECT_GE(reused, 1);  // 32 MiB less what the tests before it left kept
  for (void* p : again) scratch_deallocate(p, size);
}

TEST(scratch, a_vector_on_the_allocator_holds_and_frees_its_elements) {
  std::vector<std::uint32_t, scratch_allocator<std::uint32_t>> v;
  for (std::uint32_t i = 0; i < 100'000; ++i) v.push_back(i);  // grows through several classes
  std::uint64_t sum = 0;
  for (std::uint32_t x : v) sum += x;
  EXPECT_EQ(sum, std::uint64_t{99'999} * 100'000 / 2);
}

}  // namespace
}  // namespace kobai::detail
