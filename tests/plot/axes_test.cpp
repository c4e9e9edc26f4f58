// Tick labels: each tick of an axis reads differently from its neighbours, at any magnitude.
#include "axes.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace kobai::detail {
namespace {

TEST(tick_label, neighbouring_ticks_of_a_large_value_read_differently) {
  // f = 1e6 + x² over −1..1 spans 1000000..1000001: every tick was "1e+06".
  for (const auto& [lo, hi] : {std::pair{1e6, 1e6 + 1}, std::pair{1e5, 1.01e5},
                               std::pair{-2e9 - 3, -2e9 + 3}, std::pair{1e-5, 1.0001e-5}}) {
    const double step = nice_step(lo, hi, 8);
    const std::vector<double> ticks = nice_ticks(lo, hi, 8);
    ASSERT_GE(ticks.size(), 3u);
    std::set<std::string> labels;
    for (double t : ticks) labels.insert(tick_label(t, step));
    EXPECT_EQ(labels.size(), ticks.size()) << lo << ".." << hi;
  }
  EXPECT_EQ(tick_label(1000000.2, 0.2), "1000000.2");
  EXPECT_EQ(tick_label(2e5, 5e4), "2e+05");  // round ticks keep the short form
  EXPECT_EQ(tick_label(2.5e-5, 5e-6), "2.5e-05");
  EXPECT_EQ(tick_label(0.5, 0.5), "0.5");
}

}  // namespace
}  // namespace kobai::detail
