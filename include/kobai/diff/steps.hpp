#pragma once
// The derivative worked rule by rule, as a learner writes it by hand: each distinct part of the
// formula that depends on the variable, innermost first, with the rule used (sum rule, constant
// multiple, power rule, product rule, quotient rule, chain rule), the rule applied to the already
// simplified derivatives of its parts, and that simplified. The last step is the whole formula.
//
//   derive_with_steps(parse("x^2*sin(x)").root(), "x")
//     power rule            x^2          → 2*x
//     derivative of sin     sin(x)       → cos(x)
//     product rule          x^2*sin(x)   → 2*x*sin(x) + x^2*cos(x)
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kobai/expr/expr.hpp"

namespace kobai {

/// One application of a rule.
struct derivation_step {
  std::string rule;  ///< "sum rule", "product rule", "chain rule (sin)", …
  expr of;           ///< the part differentiated
  expr applied;      ///< the rule applied to the simplified derivatives of the operands
  expr result;       ///< simplify(applied) (the same node when nothing simplifies)
  /// Empty, or the one-sided convention of a function that is not differentiable everywhere
  /// (abs, relu, min, max).
  std::string note;
};

/// The whole derivation of ∂f/∂var.
struct derivation {
  std::string variable;
  expr f;
  std::vector<derivation_step> steps;
  expr result;  ///< kobai::derivative(f, variable): the final, simplified answer
};

/// Limits of derive_with_steps.
struct steps_options {
  /// Formulas needing more steps than this are refused with usage_error (nobody reads them).
  std::size_t max_steps = 500;
};

/// The derivation of ∂f/∂var step by step. Iterative over the graph (no recursion).
derivation derive_with_steps(expr f, std::string_view var, const steps_options& options = {});

}  // namespace kobai
