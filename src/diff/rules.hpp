#pragma once
// The rules of differentiation node by node (internal): shared by derivative_unsimplified and the
// step-by-step derivation.
#include "kobai/expr/expr.hpp"

namespace kobai::detail {

/// The derivative of node `w` from the derivatives du, dv of its operands (null when 0), written
/// by the rule for w's operation (see kobai/diff/symbolic.hpp). Returns false when it is 0.
bool derivative_rule(expr w, const expr* du, const expr* dv, expr& out);

}  // namespace kobai::detail
