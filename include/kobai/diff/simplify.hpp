#pragma once
// The simplifier: an expression to a canonical, compact, deterministic form.
//
// Every node is read into a sum of terms, each term a coefficient times a product of factors
// raised to numeric exponents (4*x^2*y is 4 · x² · y¹). On that form constants fold, like terms
// and like powers collect (`4*2*x` → `8*x`, `x*x` → `x^2`, `2*x + 3*x` → `5*x`), identities
// disappear (`0 +`, `1 *`, `^1`, `^0`) and a number multiplying a sum distributes over it
// (`2*(x + 1)` → `2*x + 2`). Products of two sums and powers of sums are kept as they are, not
// expanded, so that a result never grows combinatorially.
//
// The order is canonical and independent of how or when the nodes were created: terms by
// descending degree, then by their factors; factors with numbers and constants first (pi, e,
// log(2)), then variables in natural order (x2 before x10), then function calls and sums, shallower
// first, compared structurally. Equal inputs print equal outputs on every machine.
//
// Rules that change where a formula is defined are limited to the usual ones: x^a·x^b = x^(a+b)
// and (x^a)^n = x^(a·n) for integer n, sqrt(u) = u^0.5 (so sqrt(x)^2 = x, valid where sqrt(x) is
// defined), and (u^a)^p = u^(a·p) for non-integer p only when u^a already requires u ≥ 0.
// x^0 = 1 and x/x = 1 even at x = 0, as in every computer algebra system. An even integer power
// of u beside abs(u) joins it, u^(2k)·abs(u)^b = abs(u)^(2k + b), so that x^2/abs(x) is abs(x) and
// the second derivative of abs(x)^1.5 is 0.75/abs(x)^0.5 (+∞ at 0, the true value) rather than a
// form with 0·∞ there.
//
// The simplifier walks the graph in topological order with no recursion, so graphs of any depth
// are fine; its cost is about linear in the number of nodes plus the sorting of each sum.
#include "kobai/expr/expr.hpp"

namespace kobai {

/// The canonical form of `e`: simplify(parse("4*2*x").root()) prints `8*x`,
/// simplify(parse("x*x + 2*x + 3*x").root()) prints `x^2 + 5*x`.
expr simplify(expr e);

}  // namespace kobai
