#pragma once
// The tape's instruction set on doubles: values, first and second local partial derivatives. One
// flat switch per use so that the compiler emits one jump table and inlines every case.
//
// Conventions where a function is not differentiable (README.md, "Derivatives"): abs'(0) = 0,
// relu'(0) = 0, min/max pass the whole adjoint to the first argument on a tie; second derivatives
// of the functions themselves at a kink are 0 (tape_hessian.cpp averages the sides of abs).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kobai/eval/tape.hpp"
#include "kobai/expr/op.hpp"

namespace kobai::detail {

/// Largest |n| for which x^n is compiled to repeated multiplication (at most 2·log₂ n products).
inline constexpr double max_powi = 64;
/// Points per block in tape::values().
inline constexpr std::size_t block_lanes = 64;

/// 2/√π, the factor of erf'(a) = 2/√π · e^(−a²).
inline constexpr double two_over_sqrt_pi = 1.1283791670955126;

/// a^n by binary powering: within a few ulps of std::pow(a, n), several times faster.
inline double powi(double a, double exponent) noexcept {
  const int n = static_cast<int>(exponent);
  unsigned k = static_cast<unsigned>(std::abs(n));
  double r = 1.0;
  while (k != 0) {
    if ((k & 1u) != 0) r *= a;
    a *= a;
    k >>= 1u;
  }
  return n < 0 ? 1.0 / r : r;
}

struct sine_and_cosine {
  double sin, cos;
};

/// sin(a) and cos(a) with one argument reduction where the C library offers sincos (glibc's
/// computes both with the same code as sin and cos, so the bits are theirs: checked on 2·10⁷
/// arguments from 2⁻³⁰ to 2¹⁰²³, ±0, ±∞ and NaN), else the two calls.
inline sine_and_cosine sin_cos(double a) noexcept {
#if defined(__GLIBC__)
  sine_and_cosine r;
  ::sincos(a, &r.sin, &r.cos);
  return r;
#else
  return {std::sin(a), std::cos(a)};
#endif
}

inline op as_op(std::uint8_t code) noexcept {
  return code >= tape::square_code ? op::pow : static_cast<op>(code);
}

/// w = code(a, b).
inline double apply_code(std::uint8_t code, double a, double b) noexcept {
  switch (code) {
    case tape::square_code:
      return a * a;
    case tape::powi_code:
      return powi(a, b);
    case static_cast<std::uint8_t>(op::add):
      return a + b;
    case static_cast<std::uint8_t>(op::sub):
      return a - b;
    case static_cast<std::uint8_t>(op::mul):
      return a * b;
    case static_cast<std::uint8_t>(op::div):
      return a / b;
    case static_cast<std::uint8_t>(op::neg):
      return -a;
    default: {
      const op o = static_cast<op>(code);
      return arity(o) == 1 ? apply(o, a) : apply(o, a, b);
    }
  }
}

/// w = code(a, b) over a block of lanes: w[l] = code(a[l], b[l]). w never overlaps a or b (an
/// instruction writes its own slot, after its operands), which lets the loops vectorize.
inline void apply_block(std::uint8_t code, const double* a, const double* b,
                        double* __restrict w) noexcept {
  constexpr std::size_t n = block_lanes;
  switch (code) {
    case tape::square_code:
      for (std::size_t l = 0; l < n; ++l) w[l] = a[l] * a[l];
      return;
    case static_cast<std::uint8_t>(op::add):
      for (std::size_t l = 0; l < n; ++l) w[l] = a[l] + b[l];
      return;
    case static_cast<std::uint8_t>(op::sub):
      for (std::size_t l = 0; l < n; ++l) w[l] = a[l] - b[l];
      return;
    case static_cast<std::uint8_t>(op::mul):
      for (std::size_t l = 0; l < n; ++l) w[l] = a[l] * b[l];
      return;
    case static_cast<std::uint8_t>(op::div):
      for (std::size_t l = 0; l < n; ++l) w[l] = a[l] / b[l];
      return;
    case static_cast<std::uint8_t>(op::neg):
      for (std::size_t l = 0; l < n; ++l) w[l] = -a[l];
      return;
    default:
      for (std::size_t l = 0; l < n; ++l) w[l] = apply_code(code, a[l], b[l]);
      return;
  }
}

/// w = code(a, b), with pa = ∂w/∂a and pb = ∂w/∂b. Forced inline: g++ left it a call in the
/// forward sweep of value_and_gradient(), about 7 % of the gradient's instructions at 10³ nodes.
[[gnu::always_inline]] inline double apply_with_partials(std::uint8_t code, double a, double b,
                                                         double& pa, double& pb) noexcept {
  pb = 0.0;
  switch (code) {
    case tape::square_code:
      pa = 2.0 * a;
      return a * a;
    case tape::powi_code:
      pa = b == 0.0 ? 0.0 : b * powi(a, b - 1.0);
      return powi(a, b);
    case static_cast<std::uint8_t>(op::add):
      pa = 1.0;
      pb = 1.0;
      return a + b;
    case static_cast<std::uint8_t>(op::sub):
      pa = 1.0;
      pb = -1.0;
      return a - b;
    case static_cast<std::uint8_t>(op::mul):
      pa = b;
      pb = a;
      return a * b;
    case static_cast<std::uint8_t>(op::div): {
      // One division for both partials: ∂w/∂b = −w/b = −w·(1/b).
      const double w = a / b;
      pa = 1.0 / b;
      pb = -w * pa;
      return w;
    }
    case static_cast<std::uint8_t>(op::pow): {
      const double w = std::pow(a, b);
      pa = b == 0.0 ? 0.0 : b * std::pow(a, b - 1.0);
      pb = a > 0 ? w * std::log(a) : 0.0;
      return w;
    }
    case static_cast<std::uint8_t>(op::neg):
      pa = -1.0;
      return -a;
    case static_cast<std::uint8_t>(op::sin): {
      const auto [sin, cos] = sin_cos(a);
      pa = cos;
      return sin;
    }
    case static_cast<std::uint8_t>(op::cos): {
      const auto [sin, cos] = sin_cos(a);
      pa = -sin;
      return cos;
    }
    case static_cast<std::uint8_t>(op::tan): {
      const double w = std::tan(a);
      pa = 1.0 + w * w;
      return w;
    }
    case static_cast<std::uint8_t>(op::asin):
      pa = 1.0 / std::sqrt(1.0 - a * a);
      return std::asin(a);
    case static_cast<std::uint8_t>(op::acos):
      pa = -1.0 / std::sqrt(1.0 - a * a);
      return std::acos(a);
    case static_cast<std::uint8_t>(op::atan):
      pa = 1.0 / (1.0 + a * a);
      return std::atan(a);
    case static_cast<std::uint8_t>(op::sinh):
      pa = std::cosh(a);
      return std::sinh(a);
    case static_cast<std::uint8_t>(op::cosh):
      pa = std::sinh(a);
      return std::cosh(a);
    case static_cast<std::uint8_t>(op::tanh): {
      const double w = std::tanh(a);
      pa = 1.0 - w * w;
      return w;
    }
    case static_cast<std::uint8_t>(op::exp): {
      const double w = std::exp(a);
      pa = w;
      return w;
    }
    case static_cast<std::uint8_t>(op::log):
      pa = 1.0 / a;
      return std::log(a);
    case static_cast<std::uint8_t>(op::log10):
      pa = 1.0 / (a * std::log(10.0));
      return std::log10(a);
    case static_cast<std::uint8_t>(op::log2):
      pa = 1.0 / (a * std::log(2.0));
      return std::log2(a);
    case static_cast<std::uint8_t>(op::sqrt): {
      const double w = std::sqrt(a);
      pa = 1.0 / (2.0 * w);
      return w;
    }
    case static_cast<std::uint8_t>(op::cbrt): {
      const double w = std::cbrt(a);
      pa = 1.0 / (3.0 * w * w);
      return w;
    }
    case static_cast<std::uint8_t>(op::abs):
      pa = a > 0 ? 1.0 : a < 0 ? -1.0 : 0.0;
      return std::fabs(a);
    case static_cast<std::uint8_t>(op::sigmoid): {
      const double w = apply(op::sigmoid, a);
      pa = w * (1.0 - w);
      return w;
    }
    case static_cast<std::uint8_t>(op::softplus):
      pa = apply(op::sigmoid, a);
      return apply(op::softplus, a);
    case static_cast<std::uint8_t>(op::relu):
      pa = a > 0 ? 1.0 : 0.0;
      return a > 0 ? a : 0.0;
    case static_cast<std::uint8_t>(op::erf):
      pa = two_over_sqrt_pi * std::exp(-a * a);
      return std::erf(a);
    case static_cast<std::uint8_t>(op::atan2): {
      const double r2 = a * a + b * b;  // atan2(y, x): ∂/∂y = x/r², ∂/∂x = −y/r²
      pa = b / r2;
      pb = -a / r2;
      return std::atan2(a, b);
    }
    case static_cast<std::uint8_t>(op::hypot): {
      const double w = std::hypot(a, b);
      pa = a / w;
      pb = b / w;
      return w;
    }
    case static_cast<std::uint8_t>(op::min):
      pa = a <= b ? 1.0 : 0.0;
      pb = 1.0 - pa;
      return std::fmin(a, b);
    case static_cast<std::uint8_t>(op::max):
      pa = a >= b ? 1.0 : 0.0;
      pb = 1.0 - pa;
      return std::fmax(a, b);
    default:
      pa = 0.0;
      return a;
  }
}

/// Second local partials of w = code(a, b).
struct second_partials {
  double aa = 0, ab = 0, bb = 0;
};

/// ∂²w/∂a², ∂²w/∂a∂b, ∂²w/∂b² at (a, b), given w.
inline second_partials second_derivatives(std::uint8_t code, double a, double b,
                                          double w) noexcept {
  switch (code) {
    case tape::square_code:
      return {2.0, 0, 0};
    case tape::powi_code:
      return {b * (b - 1.0) == 0.0 ? 0.0 : b * (b - 1.0) * powi(a, b - 2.0), 0, 0};
    case static_cast<std::uint8_t>(op::mul):
      return {0, 1.0, 0};
    case static_cast<std::uint8_t>(op::div):  // w = a/b
      return {0, -1.0 / (b * b), 2.0 * w / (b * b)};
    case static_cast<std::uint8_t>(op::pow): {
      const double aa = b * (b - 1.0) == 0.0 ? 0.0 : b * (b - 1.0) * std::pow(a, b - 2.0);
      if (!(a > 0)) return {aa, b == 0.0 ? 0.0 : std::pow(a, b - 1.0), 0};
      const double l = std::log(a);
      return {aa, std::pow(a, b - 1.0) * (1.0 + b * l), w * l * l};
    }
    case static_cast<std::uint8_t>(op::sin):
      return {-w, 0, 0};
    case static_cast<std::uint8_t>(op::cos):
      return {-w, 0, 0};
    case static_cast<std::uint8_t>(op::tan):
      return {2.0 * w * (1.0 + w * w), 0, 0};
    case static_cast<std::uint8_t>(op::asin):
      return {a / std::pow(1.0 - a * a, 1.5), 0, 0};
    case static_cast<std::uint8_t>(op::acos):
      return {-a / std::pow(1.0 - a * a, 1.5), 0, 0};
    case static_cast<std::uint8_t>(op::atan): {
      const double q = 1.0 + a * a;
      return {-2.0 * a / (q * q), 0, 0};
    }
    case static_cast<std::uint8_t>(op::sinh):
    case static_cast<std::uint8_t>(op::cosh):
    case static_cast<std::uint8_t>(op::exp):
      return {w, 0, 0};
    case static_cast<std::uint8_t>(op::tanh):
      return {-2.0 * w * (1.0 - w * w), 0, 0};
    case static_cast<std::uint8_t>(op::log):
      return {-1.0 / (a * a), 0, 0};
    case static_cast<std::uint8_t>(op::log10):
      return {-1.0 / (a * a * std::log(10.0)), 0, 0};
    case static_cast<std::uint8_t>(op::log2):
      return {-1.0 / (a * a * std::log(2.0)), 0, 0};
    case static_cast<std::uint8_t>(op::sqrt):  // −¼ a^(−3/2)
      return {-0.25 / (w * w * w), 0, 0};
    case static_cast<std::uint8_t>(op::cbrt):  // −(2/9) a^(−5/3)
      return {-2.0 / (9.0 * w * w * w * w * w), 0, 0};
    case static_cast<std::uint8_t>(op::sigmoid):
      return {w * (1.0 - w) * (1.0 - 2.0 * w), 0, 0};
    case static_cast<std::uint8_t>(op::softplus): {
      const double s = apply(op::sigmoid, a);
      return {s * (1.0 - s), 0, 0};
    }
    case static_cast<std::uint8_t>(op::erf):
      return {-2.0 * a * two_over_sqrt_pi * std::exp(-a * a), 0, 0};
    case static_cast<std::uint8_t>(op::atan2): {  // atan2(y = a, x = b)
      const double r2 = a * a + b * b;
      const double r4 = r2 * r2;
      return {-2.0 * a * b / r4, (a * a - b * b) / r4, 2.0 * a * b / r4};
    }
    case static_cast<std::uint8_t>(op::hypot): {
      const double w3 = w * w * w;
      return {b * b / w3, -a * b / w3, a * a / w3};
    }
    default:  // add, sub, neg, abs, relu, min, max: linear (piecewise)
      return {};
  }
}

}  // namespace kobai::detail
