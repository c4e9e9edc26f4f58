#pragma once
// Random formulas for cross-checks (fixed seeds in the tests that use them).
#include <cstdint>
#include <random>

#include "kobai/expr/expr.hpp"

namespace kobai::test {

// A random formula over x and y of the given depth, using every operation of the language.
class formula_generator {
 public:
  explicit formula_generator(std::uint32_t seed) : rng_(seed) {}

  expr make(int depth) {
    std::uniform_int_distribution<int> pick(0, 9);
    if (depth == 0 || pick(rng_) < 2) return leaf();
    std::uniform_int_distribution<int> kind(static_cast<int>(op::neg), static_cast<int>(op::max));
    const auto o = static_cast<op>(kind(rng_));
    if (arity(o) == 1) return expr::unary(o, make(depth - 1));
    if (o == op::pow) {  // keep powers tame: small exponents or positive bases
      if (pick(rng_) < 5)
        return pow(make(depth - 1),
                   expr::constant(std::uniform_int_distribution<int>(-3, 4)(rng_)));
      return pow(expr::unary(op::exp, make(depth - 1)), make(depth - 1));
    }
    return expr::binary(o, make(depth - 1), make(depth - 1));
  }

  double coordinate() { return std::uniform_real_distribution<double>(-2.0, 2.0)(rng_); }

 private:
  expr leaf() {
    std::uniform_int_distribution<int> pick(0, 5);
    switch (pick(rng_)) {
      case 0:
        return expr::constant(std::uniform_int_distribution<int>(-5, 5)(rng_) * 0.5);
      case 1:
        return expr::pi();
      case 2:
      case 3:
        return expr::variable("x");
      default:
        return expr::variable("y");
    }
  }
  std::mt19937 rng_;
};

}  // namespace kobai::test
