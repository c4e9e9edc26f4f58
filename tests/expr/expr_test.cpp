#include "kobai/expr/expr.hpp"

#include <gtest/gtest.h>

namespace kobai {
namespace {

TEST(expr, equal_subexpressions_are_one_node) {
  const expr x = expr::variable("x");
  const expr a = x * x + expr::constant(1);
  const expr b = x * x + expr::constant(1);
  EXPECT_EQ(a, b);
  EXPECT_EQ(node_count(a * a), 5u);  // x, x*x, 1, x*x+1, (x*x+1)*(x*x+1)
}

TEST(expr, default_is_the_constant_zero) {
  EXPECT_TRUE(expr().is_constant(0.0));
  EXPECT_EQ(expr(), expr::constant(0.0));
}

TEST(expr, negative_zero_is_a_different_constant) {
  EXPECT_NE(expr::constant(0.0), expr::constant(-0.0));
}

TEST(expr, depth_counts_the_longest_path) {
  const expr x = expr::variable("x");
  EXPECT_EQ(x.depth(), 1u);
  EXPECT_EQ((x + x * x).depth(), 3u);
}

TEST(expr, topological_order_handles_a_chain_a_million_deep) {
  expr e = expr::variable("x");
  for (int i = 0; i < 1'000'000; ++i) e = e + expr::constant(1);
  EXPECT_EQ(topological_order(e).size(), 1'000'002u);  // x, 1, and a million sums
}

TEST(expr, variables_come_in_natural_order) {
  const expr e = expr::variable("x10") + expr::variable("x2") + expr::variable("b") +
                 expr::variable("x[10]") + expr::variable("x[2]");
  EXPECT_EQ(variables(e), (std::vector<std::string>{"b", "x2", "x10", "x[2]", "x[10]"}));
}

TEST(expr, natural_less_compares_digit_runs_by_value) {
  EXPECT_TRUE(natural_less("x2", "x10"));
  EXPECT_FALSE(natural_less("x10", "x2"));
  EXPECT_TRUE(natural_less("a", "b"));
  EXPECT_TRUE(natural_less("x", "x0"));
  EXPECT_FALSE(natural_less("x", "x"));
}

}  // namespace
}  // namespace kobai
