#pragma once
// The operations of the expression language and their numeric meaning on doubles, shared by the
// evaluator and the compiled tape so that every function has one definition.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kobai {

enum class op : std::uint8_t {
  // leaves
  constant,
  variable,
  pi,
  euler,  // the constant e
  // unary
  neg,
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  sinh,
  cosh,
  tanh,
  exp,
  log,
  log10,
  log2,
  sqrt,
  cbrt,
  abs,
  sigmoid,
  softplus,
  relu,
  erf,
  // binary
  add,
  sub,
  mul,
  div,
  pow,
  atan2,
  hypot,
  min,
  max,
};

inline constexpr int op_count = static_cast<int>(op::max) + 1;

/// 0 for leaves, 1 for unary operations, 2 for binary ones.
constexpr int arity(op o) noexcept {
  if (o <= op::euler) return 0;
  if (o <= op::erf) return 1;
  return 2;
}

/// True for operations written as `name(args)`: every unary except negation, and the binary
/// functions atan2, hypot, min, max.
constexpr bool is_function(op o) noexcept {
  return (o > op::neg && o <= op::erf) || o >= op::atan2;
}

/// The name used in formulas: "sin", "atan2", "+", "neg" for unary minus, "pi", "e".
std::string_view op_name(op o) noexcept;

/// The function named `name` with `args` arguments, or nullopt. `pow` maps to op::pow.
std::optional<op> function_by_name(std::string_view name) noexcept;

/// Every function name of the language, for suggestions and help text.
std::string_view function_names() noexcept;

/// The unary operations on doubles, including the ones with no complex counterpart in <complex>.
inline double apply(op o, double a) noexcept {
  switch (o) {
    case op::neg:
      return -a;
    case op::sin:
      return std::sin(a);
    case op::cos:
      return std::cos(a);
    case op::tan:
      return std::tan(a);
    case op::asin:
      return std::asin(a);
    case op::acos:
      return std::acos(a);
    case op::atan:
      return std::atan(a);
    case op::sinh:
      return std::sinh(a);
    case op::cosh:
      return std::cosh(a);
    case op::tanh:
      return std::tanh(a);
    case op::exp:
      return std::exp(a);
    case op::log:
      return std::log(a);
    case op::log10:
      return std::log10(a);
    case op::log2:
      return std::log2(a);
    case op::sqrt:
      return std::sqrt(a);
    case op::cbrt:
      return std::cbrt(a);
    case op::abs:
      return std::fabs(a);
    // sigmoid(a) = 1/(1+e^-a), written so that neither branch overflows.
    case op::sigmoid:
      return a >= 0 ? 1.0 / (1.0 + std::exp(-a)) : std::exp(a) / (1.0 + std::exp(a));
    // softplus(a) = log(1+e^a) = max(a,0) + log1p(e^-|a|), stable for large |a|.
    case op::softplus:
      return std::fmax(a, 0.0) + std::log1p(std::exp(-std::fabs(a)));
    case op::relu:
      return a > 0 ? a : 0.0;
    case op::erf:
      return std::erf(a);
    default:
      return a;
  }
}

/// The binary operations on doubles.
inline double apply(op o, double a, double b) noexcept {
  switch (o) {
    case op::add:
      return a + b;
    case op::sub:
      return a - b;
    case op::mul:
      return a * b;
    case op::div:
      return a / b;
    case op::pow:
      return std::pow(a, b);
    case op::atan2:
      return std::atan2(a, b);
    case op::hypot:
      return std::hypot(a, b);
    case op::min:
      return std::fmin(a, b);
    case op::max:
      return std::fmax(a, b);
    default:
      return a;
  }
}

/// π and e to double precision.
inline constexpr double pi_value = 3.141592653589793238462643383279502884;
inline constexpr double e_value = 2.718281828459045235360287471352662498;

}  // namespace kobai
