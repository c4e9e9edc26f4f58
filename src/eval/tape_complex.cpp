// Complex evaluation of the tape for the complex-step derivative.
#include <algorithm>
#include <cmath>
#include <complex>

#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "messages.hpp"
#include "tape_ops.hpp"

namespace kobai {
namespace {

using cplx = std::complex<double>;

// f(a + ib) ≈ f(a) + ib·f'(a): the first-order extension, exact in double precision for the tiny
// imaginary parts of the complex step.
cplx first_order(double value, double slope, double im) {
  return {value, im * slope};
}

// z^n for an integer n by repeated squaring: analytic for every z, where std::pow(z, n) goes
// through exp(n·log z) and leaves an imaginary residue of order ε·|z^n| for negative real z,
// which the complex step would divide by h.
cplx integer_power(cplx z, double n) {
  const bool negative = n < 0;
  auto k = static_cast<unsigned long long>(std::fabs(n));
  cplx result = 1.0;
  while (k != 0) {
    if ((k & 1u) != 0) result *= z;
    z *= z;
    k >>= 1u;
  }
  return negative ? 1.0 / result : result;
}

cplx complex_pow(cplx a, cplx b) {
  if (b.imag() == 0.0 && b.real() == std::trunc(b.real()) && std::fabs(b.real()) <= 1024.0)
    return integer_power(a, b.real());
  if (b.imag() == 0.0) {
    // Real exponent: a^b + ib_a·b·a^(b−1) to first order, real for a < 0 only when b is an
    // integer (handled above), so the principal branch is what the real pow gives (NaN for a < 0).
    const double w = std::pow(a.real(), b.real());
    return first_order(w, b.real() * std::pow(a.real(), b.real() - 1.0), a.imag());
  }
  return std::pow(a, b);
}

cplx apply_complex(op o, cplx a) {
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
      return std::log(a) / std::log(2.0);
    case op::sqrt:
      return std::sqrt(a);
    case op::cbrt: {
      const double w = std::cbrt(a.real());
      return first_order(w, 1.0 / (3.0 * w * w), a.imag());
    }
    case op::sigmoid: {
      const double w = apply(op::sigmoid, a.real());
      return first_order(w, w * (1.0 - w), a.imag());
    }
    case op::softplus:
      return first_order(apply(op::softplus, a.real()), apply(op::sigmoid, a.real()), a.imag());
    // erf'(a) = 2/√π · e^(−a²)
    case op::erf:
      return first_order(std::erf(a.real()), 1.1283791670955126 * std::exp(-a.real() * a.real()),
                         a.imag());
    default:
      return a;
  }
}

cplx apply_complex(op o, cplx a, cplx b) {
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
      return complex_pow(a, b);
    case op::atan2: {
      // atan2(y, x): ∂/∂y = x/r², ∂/∂x = −y/r²
      const double y = a.real(), x = b.real(), r2 = x * x + y * y;
      return {std::atan2(y, x), (x * a.imag() - y * b.imag()) / r2};
    }
    case op::hypot: {
      const double w = std::hypot(a.real(), b.real());
      return {w, (a.real() * a.imag() + b.real() * b.imag()) / w};
    }
    default:
      return a;
  }
}

bool analytic(op o) noexcept {
  return o != op::abs && o != op::min && o != op::max && o != op::relu;
}

}  // namespace

std::optional<op> tape::non_analytic_operation() const noexcept {
  for (const instruction& in : code_)
    if (!analytic(detail::as_op(in.code))) return detail::as_op(in.code);
  return std::nullopt;
}

std::complex<double> tape::value_complex(std::span<const std::complex<double>> x) const {
  if (const auto bad = non_analytic_operation())
    throw usage_error(messages::not_analytic(op_name(*bad)));
  if (x.size() != variables_.size())
    throw usage_error(messages::dimension_mismatch(x.size(), variables_.size()));
  complex_slots_.resize(slots_.size());
  cplx* s = complex_slots_.data();
  std::copy(x.begin(), x.end(), s);
  std::copy(constants_.begin(), constants_.end(), s + x.size());
  cplx* out = s + first_op_;
  for (const instruction& in : code_) {
    if (in.code == square_code) {
      *out++ = s[in.a] * s[in.a];
    } else if (in.code == powi_code) {
      *out++ = integer_power(s[in.a], s[in.b].real());
    } else {
      const op o = static_cast<op>(in.code);
      *out++ = arity(o) == 1 ? apply_complex(o, s[in.a]) : apply_complex(o, s[in.a], s[in.b]);
    }
  }
  return s[result_];
}

}  // namespace kobai
