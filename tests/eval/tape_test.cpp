#include "kobai/eval/tape.hpp"

#include <gtest/gtest.h>

#include "kobai/expr/parse.hpp"

namespace kobai {
namespace {

TEST(tape, value_and_gradient_of_the_seed_quadratic) {
  const tape t = compile(parse("4x^2 + 4x*y + 2y^2 + 5").root());
  const std::vector<double> x{1.0, 2.0};
  std::vector<double> g(2);
  EXPECT_EQ(t.value(x), 25.0);
  EXPECT_EQ(t.value_and_gradient(x, g), 25.0);
  EXPECT_EQ(g[0], 16.0);  // 8x + 4y
  EXPECT_EQ(g[1], 12.0);  // 4x + 4y
}

}  // namespace
}  // namespace kobai
