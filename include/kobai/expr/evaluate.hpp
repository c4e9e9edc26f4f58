#pragma once
// Direct evaluation of a graph at one point in double precision. For many evaluations compile a
// tape (kobai/eval/tape.hpp), which is much faster; this walk is the reference it is tested
// against and the source of "which operation failed" diagnostics.
#include <optional>
#include <string>

#include "kobai/expr/expr.hpp"
#include "kobai/expr/parse.hpp"

namespace kobai {

/// The value of `e` at `at`. A result that is NaN or infinite is returned as it is; a variable
/// missing from `at` throws usage_error.
double evaluate(expr e, const assignment& at);

/// The first operation (in evaluation order) whose operands are finite but whose result is not:
/// log(-1), 1/0, exp(1000).
struct nonfinite_origin {
  expr node;       ///< the operation
  double args[2];  ///< its operand values (args[1] unused for unary operations)
  double result;   ///< NaN or ±infinity
};
std::optional<nonfinite_origin> find_nonfinite_origin(expr e, const assignment& at);

/// "log(-1) is nan: log is defined for positive arguments only", with " (at column 1)" when a
/// formula locates the node.
std::string describe(const nonfinite_origin& origin, const formula* source = nullptr);

}  // namespace kobai
