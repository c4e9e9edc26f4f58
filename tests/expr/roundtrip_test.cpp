// Property: printing any graph the parser can produce and parsing the text gives back the very
// same node (hash-consing makes "same" an id comparison).
#include <gtest/gtest.h>

#include <random>

#include "kobai/expr/parse.hpp"
#include "kobai/expr/print.hpp"

namespace kobai {
namespace {

class random_graph {
 public:
  explicit random_graph(unsigned seed) : rng_(seed) {}

  expr make(int depth) {
    if (depth == 0 || pick(4) == 0) return leaf();
    const int kind = pick(10);
    if (kind < 5) {
      constexpr op binary[] = {op::add, op::sub, op::mul, op::div, op::pow};
      return expr::binary(binary[pick(5)], make(depth - 1), make(depth - 1));
    }
    if (kind < 7) return -make(depth - 1);
    if (kind < 9) {
      const auto f = static_cast<op>(static_cast<int>(op::sin) + pick(20));  // sin .. erf
      return expr::unary(f, make(depth - 1));
    }
    constexpr op calls[] = {op::atan2, op::hypot, op::min, op::max};
    return expr::binary(calls[pick(4)], make(depth - 1), make(depth - 1));
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  expr leaf() {
    switch (pick(6)) {
      case 0:
        return expr::pi();
      case 1:
        return expr::euler();
      case 2: {
        constexpr const char* names[] = {"x", "y", "x1", "x_2", "alpha", "x[3]", "xy"};
        return expr::variable(names[pick(7)]);
      }
      case 3:
        return expr::constant(pick(10));
      case 4:
        return expr::constant(std::ldexp(pick(1000), pick(40) - 20));
      default:
        return expr::constant(std::uniform_real_distribution<double>(0, 1e6)(rng_));
    }
  }
  std::mt19937 rng_;
};

TEST(roundtrip, printed_random_graphs_parse_back_to_the_same_node) {
  random_graph g(20261122);
  for (int i = 0; i < 5000; ++i) {
    const expr e = g.make(6);
    const std::string text = to_string(e);
    ASSERT_EQ(parse(text).root(), e) << text;
  }
}

TEST(roundtrip, latex_of_random_graphs_is_balanced) {
  random_graph g(7);
  for (int i = 0; i < 2000; ++i) {
    const std::string tex = to_latex(g.make(5));
    int depth = 0;
    for (char c : tex) {
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      ASSERT_GE(depth, 0) << tex;
    }
    ASSERT_EQ(depth, 0) << tex;
  }
}

TEST(roundtrip, a_sum_of_200000_terms_prints_and_parses_back) {
  expr e = expr::variable("x");
  for (int i = 0; i < 200'000; ++i) e = e + expr::constant(i % 7);
  EXPECT_EQ(parse(to_string(e)).root(), e);
}

}  // namespace
}  // namespace kobai
