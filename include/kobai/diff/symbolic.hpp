#pragma once
// Symbolic derivatives: the rules of differentiation applied to the expression graph, then the
// simplifier (kobai/diff/simplify.hpp).
//
//   derivative(parse("4*x^2 + 4*x*y + 2*y^2 + 5").root(), "x")   // 8*x + 4*y
//
// Every operation of the language has its rule (sum, difference, constant multiple, product,
// quotient, power, chain rule through each function). Where a function has a kink the derivative
// is one-sided and the convention is the tape's (src/eval/tape.cpp): abs'(0) = 0, relu'(0) = 0,
// min/max on a tie follow the first argument. The language has no sign or step function, so the
// symbolic formulas say this with the functions it has and are exact away from the kink:
//   abs(u)'    = u/abs(u) · u'                       (undefined at u = 0, where the tape uses 0)
//   relu(u)'   = relu(u)/u · u'                      (undefined at u = 0, where the tape uses 0)
//   min(a, b)' = relu(b - a)/(b - a) · a' + relu(a - b)/(a - b) · b'   (undefined on a tie)
//   max(a, b)' = relu(a - b)/(a - b) · a' + relu(b - a)/(b - a) · b'   (undefined on a tie)
// A derivative evaluated exactly at a kink therefore reports a domain error (0/0); the tape
// (kobai::compile) gives the one-sided value there, which `kobai diff --at` and tangent() then
// report with a note (when e has_kink()).
//
// The rules walk the graph once in topological order (no recursion): cost and size are
// proportional to the number of distinct nodes.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kobai/expr/expr.hpp"

namespace kobai {

/// True when e contains abs, relu, min or max: a function whose derivative rule above is 0/0 at
/// its kink.
bool has_kink(expr e);

/// ∂e/∂var, simplified. A variable `e` does not contain gives 0.
/// derivative(parse("x^2").root(), "x") prints `2*x`.
/// The rules run on simplify(e); the result is the simplified rule output, or the rule output
/// itself in the rare case the simplifier would make it larger, so it never has more nodes than
/// derivative_unsimplified(simplify(e), var).
expr derivative(expr e, std::string_view var);

/// The order-th derivative with respect to `var` (order ≥ 0; 0 gives simplify(e)).
expr derivative(expr e, std::string_view var, int order);

/// The mixed partial ∂ⁿe/∂v₁…∂vₙ, differentiating by vars[0] first. Empty `vars` gives
/// simplify(e).
expr derivative(expr e, const std::vector<std::string>& vars);

/// The rules of differentiation without the simplifier: only zero derivatives are dropped and
/// factors of 1 omitted. Used to show what the simplifier saves and by tests.
expr derivative_unsimplified(expr e, std::string_view var);

/// ∇e: the partial derivatives with respect to `vars`, in that order, simplified.
std::vector<expr> gradient(expr e, const std::vector<std::string>& vars);

/// The Hessian ∂²e/∂vᵢ∂vⱼ as a row-major n×n matrix (symmetric: entry (j, i) is the same node as
/// (i, j)). Refuses more than `max_hessian_variables` variables with usage_error.
std::vector<expr> hessian(expr e, const std::vector<std::string>& vars);

/// The largest Hessian hessian() builds: 1000 variables is 500 500 distinct entries.
inline constexpr std::size_t max_hessian_variables = 1000;

}  // namespace kobai
