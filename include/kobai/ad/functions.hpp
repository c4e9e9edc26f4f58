#pragma once
// The functions of kobai's expression language on automatic-differentiation numbers. Each is one
// application of the chain rule, written once for forward (dual) and reverse (var) mode: both
// types provide value() and chain(a, f, ∂f/∂a) / chain(a, b, f, ∂f/∂a, ∂f/∂b).
#include <cmath>
#include <concepts>
#include <numbers>

namespace kobai {

/// A number type that records derivatives: kobai::dual<N>, or kobai::var and the expressions of
/// vars (which chain into an expression, recorded when it is assigned to a var). A function whose
/// partial may be infinite where its value is finite (√, ∛, pow, asin, acos) chains by
/// singular_chain, with the same arguments: where its partial is infinite, a zero partial inside
/// its argument gives 0 (√(x² + y²) at 0 has gradient 0 in both modes; see var.hpp's
/// detail::times).
template <class T>
concept ad_number = requires(const T& a) {
  { a.value() } -> std::convertible_to<double>;
  chain(a, 0.0, 0.0);
};

/// Two operands a binary function can chain: two duals of the same size, or any two of var and
/// its expressions.
template <class A, class B>
concept ad_operands = ad_number<A> && ad_number<B> && requires(const A& a, const B& b) {
  chain(a, b, 0.0, 0.0, 0.0);
};

/// x² (the lambdas in the examples use it; also for plain doubles).
inline double sq(double a) {
  return a * a;
}
/// σ(a) = 1/(1 + e^−a), evaluated without overflow for either sign of a.
inline double sigmoid(double a) {
  return a >= 0 ? 1 / (1 + std::exp(-a)) : std::exp(a) / (1 + std::exp(a));
}
/// log(1 + e^a) = max(a, 0) + log1p(e^−|a|).
inline double softplus(double a) {
  return std::fmax(a, 0.0) + std::log1p(std::exp(-std::fabs(a)));
}
/// max(a, 0).
inline double relu(double a) {
  return a > 0 ? a : 0.0;
}

template <ad_number T>
auto sq(const T& a) {
  return chain(a, a.value() * a.value(), 2 * a.value());
}
template <ad_number T>
auto sin(const T& a) {
  return chain(a, std::sin(a.value()), std::cos(a.value()));
}
template <ad_number T>
auto cos(const T& a) {
  return chain(a, std::cos(a.value()), -std::sin(a.value()));
}
template <ad_number T>
auto tan(const T& a) {
  const double t = std::tan(a.value());
  return chain(a, t, 1 + t * t);
}
template <ad_number T>
auto asin(const T& a) {
  return singular_chain(a, std::asin(a.value()), 1 / std::sqrt(1 - a.value() * a.value()));
}
template <ad_number T>
auto acos(const T& a) {
  return singular_chain(a, std::acos(a.value()), -1 / std::sqrt(1 - a.value() * a.value()));
}
template <ad_number T>
auto atan(const T& a) {
  return chain(a, std::atan(a.value()), 1 / (1 + a.value() * a.value()));
}
template <ad_number T>
auto sinh(const T& a) {
  return chain(a, std::sinh(a.value()), std::cosh(a.value()));
}
template <ad_number T>
auto cosh(const T& a) {
  return chain(a, std::cosh(a.value()), std::sinh(a.value()));
}
template <ad_number T>
auto tanh(const T& a) {
  const double t = std::tanh(a.value());
  return chain(a, t, 1 - t * t);
}
template <ad_number T>
auto exp(const T& a) {
  const double e = std::exp(a.value());
  return chain(a, e, e);
}
template <ad_number T>
auto log(const T& a) {
  return chain(a, std::log(a.value()), 1 / a.value());
}
template <ad_number T>
auto log10(const T& a) {
  return chain(a, std::log10(a.value()), 1 / (a.value() * std::numbers::ln10));
}
template <ad_number T>
auto log2(const T& a) {
  return chain(a, std::log2(a.value()), 1 / (a.value() * std::numbers::ln2));
}
template <ad_number T>
auto sqrt(const T& a) {
  const double s = std::sqrt(a.value());
  return singular_chain(a, s, 0.5 / s);
}
template <ad_number T>
auto cbrt(const T& a) {
  const double c = std::cbrt(a.value());
  return singular_chain(a, c, 1 / (3 * c * c));
}
/// |a|, with derivative sign(a) (0 at 0).
template <ad_number T>
auto abs(const T& a) {
  const double v = a.value();
  return chain(a, std::fabs(v), v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0));
}
template <ad_number T>
auto sigmoid(const T& a) {
  const double s = sigmoid(a.value());
  return chain(a, s, s * (1 - s));
}
template <ad_number T>
auto softplus(const T& a) {
  return chain(a, softplus(a.value()), sigmoid(a.value()));
}
template <ad_number T>
auto relu(const T& a) {
  return chain(a, relu(a.value()), a.value() > 0 ? 1.0 : 0.0);
}
template <ad_number T>
auto erf(const T& a) {
  const double v = a.value();
  return chain(a, std::erf(v), 2 / std::sqrt(std::numbers::pi) * std::exp(-v * v));
}

// a^b: ∂/∂a = b·a^(b−1), ∂/∂b = a^b·ln a (taken as 0 where a^b does not depend on b near a = 0).
template <class A, class B>
requires ad_operands<A, B>
auto pow(const A& a, const B& b) {
  const double f = std::pow(a.value(), b.value());
  const double da = b.value() == 0 ? 0.0 : b.value() * std::pow(a.value(), b.value() - 1);
  const double db = a.value() > 0 ? f * std::log(a.value()) : 0.0;
  return singular_chain(a, b, f, da, db);
}
template <ad_number T>
auto pow(const T& a, double b) {
  const double da = b == 0 ? 0.0 : b * std::pow(a.value(), b - 1);
  return singular_chain(a, std::pow(a.value(), b), da);
}
template <ad_number T>
auto pow(double a, const T& b) {
  const double f = std::pow(a, b.value());
  return chain(b, f, a > 0 ? f * std::log(a) : 0.0);
}
/// atan2(y, x): ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²).
template <class Y, class X>
requires ad_operands<Y, X>
auto atan2(const Y& y, const X& x) {
  const double r2 = x.value() * x.value() + y.value() * y.value();
  return chain(y, x, std::atan2(y.value(), x.value()), x.value() / r2, -y.value() / r2);
}
/// With one side a constant (atan2(x[1], 1.0)), as pow, min and max take one.
template <ad_number T>
auto atan2(const T& y, double x) {
  const double r2 = x * x + y.value() * y.value();
  return chain(y, std::atan2(y.value(), x), x / r2);
}
template <ad_number T>
auto atan2(double y, const T& x) {
  const double r2 = x.value() * x.value() + y * y;
  return chain(x, std::atan2(y, x.value()), -y / r2);
}
/// hypot(a, b) = √(a² + b²): ∂/∂a = a/h, ∂/∂b = b/h, taken as 0 at h = 0 (the kink at the
/// origin), as √(a² + b²) written out gives there (see singular_chain) and as |a| has.
template <class A, class B>
requires ad_operands<A, B>
auto hypot(const A& a, const B& b) {
  const double h = std::hypot(a.value(), b.value());
  return chain(a, b, h, h == 0 ? 0.0 : a.value() / h, h == 0 ? 0.0 : b.value() / h);
}
template <ad_number T>
auto hypot(const T& a, double b) {
  const double h = std::hypot(a.value(), b);
  return chain(a, h, h == 0 ? 0.0 : a.value() / h);
}
template <ad_number T>
auto hypot(double a, const T& b) {
  const double h = std::hypot(a, b.value());
  return chain(b, h, h == 0 ? 0.0 : b.value() / h);
}
/// min and max follow the chosen argument (the first on ties, like fmin/fmax's value).
template <ad_number T>
T min(const T& a, const T& b) {
  return b.value() < a.value() ? b : a;
}
template <ad_number T>
T max(const T& a, const T& b) {
  return b.value() > a.value() ? b : a;
}
/// min and max of a number and a constant (max(x, 0.0), min(1.0, x)): the constant's side has
/// derivative 0; ties follow the first argument, as above.
template <ad_number T>
auto min(const T& a, double b) {
  return b < a.value() ? chain(a, b, 0.0) : chain(a, a.value(), 1.0);
}
template <ad_number T>
auto min(double a, const T& b) {
  return b.value() < a ? chain(b, b.value(), 1.0) : chain(b, a, 0.0);
}
template <ad_number T>
auto max(const T& a, double b) {
  return b > a.value() ? chain(a, b, 0.0) : chain(a, a.value(), 1.0);
}
template <ad_number T>
auto max(double a, const T& b) {
  return b.value() > a ? chain(b, b.value(), 1.0) : chain(b, a, 0.0);
}
/// On doubles too, so that a generic function written with kobai::min/max also runs on values.
inline double min(double a, double b) {
  return b < a ? b : a;
}
inline double max(double a, double b) {
  return b > a ? b : a;
}

}  // namespace kobai
