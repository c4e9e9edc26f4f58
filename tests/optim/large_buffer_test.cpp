// The storage for an optimizer's largest arrays (large_buffer.hpp): alignment, that every element
// can be written and read back, and that offering memory for huge pages leaves it as it was.
#include "kobai/optim/detail/large_buffer.hpp"

#include <gtest/gtest.h>

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>

namespace kobai {
namespace {

constexpr std::size_t mib = std::size_t{1} << 20;

std::uintptr_t address(const double* p) {
  return reinterpret_cast<std::uintptr_t>(p);
}

TEST(large_buffer, small_buffers_are_aligned_for_eigens_packets_and_large_ones_to_huge_pages) {
  for (const std::size_t doubles : {std::size_t{1}, std::size_t{1001}, 4 * mib / 8 - 1}) {
    detail::large_buffer b(doubles);
    EXPECT_EQ(address(b.data()) % 16, 0u) << doubles;
  }
  for (const std::size_t doubles : {4 * mib / 8, 5 * mib / 8 + 3}) {
    detail::large_buffer b(doubles);
    EXPECT_EQ(address(b.data()) % (2 * mib), 0u) << doubles;
  }
}

TEST(large_buffer, every_element_of_a_large_buffer_keeps_what_is_written_to_it) {
  const std::size_t doubles = 5 * mib / 8 + 3;
  detail::large_buffer b(doubles);
  for (std::size_t i = 0; i < doubles; ++i) b.data()[i] = static_cast<double>(i);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < doubles; ++i) wrong += b.data()[i] != static_cast<double>(i);
  EXPECT_EQ(wrong, 0u);
}

TEST(large_buffer, offering_a_vector_for_huge_pages_keeps_its_contents_at_every_size) {
  // Below 4 MiB nothing is offered; above it the 2 MiB-aligned middle of a vector that does not
  // start on a huge page. Contents written before the advice must survive it.
  constexpr auto large = static_cast<Eigen::Index>(4 * mib / 8);
  for (const Eigen::Index n : {Eigen::Index{0}, Eigen::Index{100}, large, 2 * large + 5}) {
    Eigen::VectorXd v = Eigen::VectorXd::LinSpaced(n, -1.0, 1.0);
    const Eigen::VectorXd before = v;
    detail::offer_huge_pages(v.data(), static_cast<std::size_t>(v.size()));
    EXPECT_EQ(v, before) << n;
    v.array() += 1.0;
    EXPECT_EQ(v, (before.array() + 1.0).matrix()) << n;
  }
}

}  // namespace
}  // namespace kobai
