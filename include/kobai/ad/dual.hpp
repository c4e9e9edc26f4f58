#pragma once
// Forward-mode automatic differentiation: a dual number carries a value and its derivatives with
// respect to N inputs, d(f ∘ g) = f'(g)·dg applied operation by operation (Griewank & Walther,
// "Evaluating Derivatives", 2nd ed., ch. 3). Cost: N extra multiply-adds per operation, so it
// suits few variables; reverse mode (var.hpp) suits many.
//
//   kobai::dual<2> x{3.0, 0}, y{4.0, 1};   // seeds: dx/dx = e0, dy/dy = e1
//   auto f = x * y + sin(x);                // f.value(), f.derivatives() = (y + cos x, x)
//
// dual<kobai::dynamic> holds its derivatives in an Eigen::VectorXd (one heap allocation per
// operation); prefer a fixed N, or several passes of dual<1>.
#include <Eigen/Core>
#include <cmath>

namespace kobai {

/// Size marker for duals whose number of derivatives is chosen at run time.
inline constexpr int dynamic = Eigen::Dynamic;

template <int N>
class dual {
 public:
  using derivative_vector = Eigen::Matrix<double, N, 1>;

  /// A constant: zero derivatives.
  dual(double v = 0)  // NOLINT(google-explicit-constructor): constants mix freely with duals
      : v_(v) {
    if constexpr (N != dynamic) d_.setZero();
  }
  /// The i-th of N independent variables: derivative vector e_i. For N = dynamic give `size`.
  dual(double v, int i, int size = N) : v_(v), d_(derivative_vector::Zero(size)) { d_[i] = 1; }
  dual(double v, derivative_vector d) : v_(v), d_(std::move(d)) {}

  double value() const noexcept { return v_; }
  const derivative_vector& derivatives() const noexcept { return d_; }
  /// ∂/∂x_i (0 for a constant of dynamic size).
  double derivative(int i) const { return d_.size() == 0 ? 0.0 : d_[i]; }

  dual& operator+=(const dual& b) { return *this = *this + b; }
  dual& operator-=(const dual& b) { return *this = *this - b; }
  dual& operator*=(const dual& b) { return *this = *this * b; }
  dual& operator/=(const dual& b) { return *this = *this / b; }

  // The chain rule for one operation: value f, local derivative df/da.
  friend dual chain(const dual& a, double f, double dfa) { return dual(f, scaled(a.d_, dfa)); }
  friend dual chain(const dual& a, const dual& b, double f, double dfa, double dfb) {
    if (a.d_.size() == 0) return dual(f, scaled(b.d_, dfb));
    if (b.d_.size() == 0) return dual(f, scaled(a.d_, dfa));
    if (std::isfinite(dfa) && std::isfinite(dfb)) return dual(f, dfa * a.d_ + dfb * b.d_);
    return dual(f, scaled(a.d_, dfa) + scaled(b.d_, dfb));
  }
  // Forward mode's chain already keeps zero entries zero under an infinite partial (scaled).
  friend dual singular_chain(const dual& a, double f, double dfa) { return chain(a, f, dfa); }
  friend dual singular_chain(const dual& a, const dual& b, double f, double dfa, double dfb) {
    return chain(a, b, f, dfa, dfb);
  }

 private:
  // s·d, where a zero entry of d stays zero: ∂f/∂x_j = f'(a)·∂a/∂x_j is 0 when a does not depend
  // on x_j, even where f'(a) is infinite or NaN (√ at 0), as in reverse mode, whose sweep never
  // reaches x_j from a.
  static derivative_vector scaled(const derivative_vector& d, double s) {
    if (std::isfinite(s)) return derivative_vector(s * d);
    return derivative_vector((d.array() == 0).select(0.0, s * d.array()));
  }
  double v_;
  derivative_vector d_;
};

// ---- arithmetic -------------------------------------------------------------------------------
template <int N>
dual<N> operator+(const dual<N>& a, const dual<N>& b) {
  return chain(a, b, a.value() + b.value(), 1, 1);
}
template <int N>
dual<N> operator-(const dual<N>& a, const dual<N>& b) {
  return chain(a, b, a.value() - b.value(), 1, -1);
}
template <int N>
dual<N> operator*(const dual<N>& a, const dual<N>& b) {
  return chain(a, b, a.value() * b.value(), b.value(), a.value());
}
template <int N>
dual<N> operator/(const dual<N>& a, const dual<N>& b) {
  const double q = a.value() / b.value();
  return chain(a, b, q, 1 / b.value(), -q / b.value());
}
template <int N>
dual<N> operator-(const dual<N>& a) {
  return chain(a, -a.value(), -1);
}
template <int N>
dual<N> operator+(const dual<N>& a) {
  return a;
}
template <int N>
dual<N> operator+(const dual<N>& a, double b) {
  return chain(a, a.value() + b, 1);
}
template <int N>
dual<N> operator+(double a, const dual<N>& b) {
  return chain(b, a + b.value(), 1);
}
template <int N>
dual<N> operator-(const dual<N>& a, double b) {
  return chain(a, a.value() - b, 1);
}
template <int N>
dual<N> operator-(double a, const dual<N>& b) {
  return chain(b, a - b.value(), -1);
}
template <int N>
dual<N> operator*(const dual<N>& a, double b) {
  return chain(a, a.value() * b, b);
}
template <int N>
dual<N> operator*(double a, const dual<N>& b) {
  return chain(b, a * b.value(), a);
}
template <int N>
dual<N> operator/(const dual<N>& a, double b) {
  return chain(a, a.value() / b, 1 / b);
}
template <int N>
dual<N> operator/(double a, const dual<N>& b) {
  const double q = a / b.value();
  return chain(b, q, -q / b.value());
}

// Comparisons look at values only, so that code with branches (max, piecewise) runs on duals.
template <int N>
bool operator<(const dual<N>& a, const dual<N>& b) {
  return a.value() < b.value();
}
template <int N>
bool operator>(const dual<N>& a, const dual<N>& b) {
  return a.value() > b.value();
}
template <int N>
bool operator<=(const dual<N>& a, const dual<N>& b) {
  return a.value() <= b.value();
}
template <int N>
bool operator>=(const dual<N>& a, const dual<N>& b) {
  return a.value() >= b.value();
}
template <int N>
bool operator==(const dual<N>& a, const dual<N>& b) {
  return a.value() == b.value();
}
template <int N>
bool operator<=(const dual<N>& a, double b) {
  return a.value() <= b;
}
template <int N>
bool operator>=(const dual<N>& a, double b) {
  return a.value() >= b;
}
template <int N>
bool operator<=(double a, const dual<N>& b) {
  return a <= b.value();
}
template <int N>
bool operator>=(double a, const dual<N>& b) {
  return a >= b.value();
}
// != and the order (double, dual) of == are the rewritten forms of these (C++20).
template <int N>
bool operator==(const dual<N>& a, double b) {
  return a.value() == b;
}
template <int N>
bool operator<(const dual<N>& a, double b) {
  return a.value() < b;
}
template <int N>
bool operator>(const dual<N>& a, double b) {
  return a.value() > b;
}
template <int N>
bool operator<(double a, const dual<N>& b) {
  return a < b.value();
}
template <int N>
bool operator>(double a, const dual<N>& b) {
  return a > b.value();
}

}  // namespace kobai

#include "kobai/ad/functions.hpp"

// Lets Eigen hold duals: Eigen::Matrix<kobai::dual<N>, M, 1>.
template <int N>
struct Eigen::NumTraits<kobai::dual<N>> : Eigen::NumTraits<double> {
  using Real = kobai::dual<N>;
  using NonInteger = kobai::dual<N>;
  using Nested = kobai::dual<N>;
  using Literal = kobai::dual<N>;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 1,
    AddCost = 3,
    MulCost = 3
  };
};

// A dual times a double in Eigen's own operations (x.dot(c), A * x with A of doubles, x − c).
template <int N, class BinaryOp>
struct Eigen::ScalarBinaryOpTraits<kobai::dual<N>, double, BinaryOp> {
  using ReturnType = kobai::dual<N>;
};
template <int N, class BinaryOp>
struct Eigen::ScalarBinaryOpTraits<double, kobai::dual<N>, BinaryOp> {
  using ReturnType = kobai::dual<N>;
};
