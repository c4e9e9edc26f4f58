#pragma once
// The simplifier's working form (internal): a sum of terms, each a coefficient times a product of
// factors base^exponent with numeric exponents. See kobai/diff/simplify.hpp for the rules.
#include <vector>

#include "kobai/expr/expr.hpp"
#include "kobai/expr/scratch.hpp"
#include "small_vector.hpp"

namespace kobai::detail {

struct factor {
  expr base;
  double exponent;
  bool constant;  ///< base has no variables (a number, pi, e, log(2)): sorts first
};

struct term {
  double coef;
  /// Canonical atom order, distinct bases, no zero exponents.
  small_vector<factor, 4> factors;
};

/// Σ terms. Normalized: canonical term order, like terms merged, no zero coefficients; the empty
/// sum is 0.
struct sum {
  std::vector<term, scratch_allocator<term>> terms;  // a long sum's terms: kept between calls
  bool normalized = true;
};

/// Canonical total order of atoms: <0, 0 or >0. Constants (no variables) first, then shallower
/// before deeper, then structure: numbers by value, variables by natural order of names, operations
/// by kind then operands.
int compare_atoms(const factor& a, const factor& b);

/// Sorts and merges a sum into normal form.
void normalize(sum& s);

/// The sum as an expression: terms in order, `a - b` for negative coefficients, `x/y` for
/// negative exponents, sqrt for exponent 1/2.
expr to_expr(const sum& s);

/// A term's product without its coefficient's sign, as an expression (1 for no factors and
/// coefficient ±1).
expr term_to_expr(const term& t, bool leading);

sum constant_sum(double c);
bool is_constant(const sum& s, double* value = nullptr);

sum add(sum a, sum b);
sum scale(sum a, double c);
sum multiply(sum a, sum b);
sum power(sum a, double p);

/// The simplified form of `e` as a sum (for callers that work on terms: definition mode).
sum to_sum(expr e);

/// a·b with every product of sums multiplied out (polynomial expansion).
sum multiply_expanded(const sum& a, const sum& b);

}  // namespace kobai::detail
