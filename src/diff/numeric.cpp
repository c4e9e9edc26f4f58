#include "kobai/diff/numeric.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "numeric_messages.hpp"

namespace kobai {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double scale(double x) noexcept {
  return std::max(std::fabs(x), 1.0);
}

double step_or_default(fd_scheme s, double x, std::optional<double> h) {
  if (!h) return default_step(s, x);
  if (!(*h > 0.0) || !std::isfinite(*h)) throw usage_error(messages::numeric::bad_step(*h));
  return *h;
}

// Ridders' method (C. J. F. Ridders, "Accurate computation of F'(x) and F'(x)F''(x)", Advances in
// Engineering Software 4(2), 1982): central differences D(h) with h shrinking by a factor c are
// extrapolated to h → 0 in a Neville tableau. Because D(h) = f' + a₁h² + a₂h⁴ + …, column j
// eliminates the h^(2j) term:
//   T[j][i] = (c^(2j)·T[j−1][i] − T[j−1][i−1]) / (c^(2j) − 1).
// The error estimate of an entry is its distance to the two entries it was built from; the entry
// with the smallest estimate is returned, and the search stops when the diagonal starts to grow
// (rounding has taken over).
fd_result ridders_from(const real_function& f, double x, double h0) {
  constexpr int table = 12;
  constexpr double shrink = 1.4;
  constexpr double shrink2 = shrink * shrink;
  constexpr double give_up = 2.0;  // stop when the diagonal moves more than this × best error
  std::array<std::array<double, table>, table> t{};
  // Rounding carried by each entry: ε·max(|f(x+h)|, |f(x−h)|)/h for a difference, then through
  // the same weights as the entries, |w₁|·n₁ + |w₂|·n₂ (the extrapolation amplifies it).
  std::array<std::array<double, table>, table> noise{};
  fd_result best{nan, h0, std::numeric_limits<double>::infinity()};
  double best_noise = 0.0;
  double h = h0;
  int start = 0;  // first row of the current tableau: rows with a non-finite difference restart it
  for (int i = 0; i < table; ++i, h /= shrink) {
    const double up = f(x + h), down = f(x - h);
    const double d = (up - down) / (2.0 * h);
    if (!std::isfinite(d)) {
      start = i + 1;
      continue;
    }
    t[0][static_cast<std::size_t>(i)] = d;
    noise[0][static_cast<std::size_t>(i)] = eps * std::max(std::fabs(up), std::fabs(down)) / h;
    if (i == start) {
      if (!std::isfinite(best.value)) {
        best = {d, h, std::numeric_limits<double>::infinity()};
        best_noise = noise[0][static_cast<std::size_t>(i)];
      }
      continue;
    }
    double factor = shrink2;
    const auto col = static_cast<std::size_t>(i);
    for (std::size_t j = 1; j <= static_cast<std::size_t>(i - start); ++j) {
      t[j][col] = (t[j - 1][col] * factor - t[j - 1][col - 1]) / (factor - 1.0);
      noise[j][col] = (noise[j - 1][col] * factor + noise[j - 1][col - 1]) / (factor - 1.0);
      factor *= shrink2;
      const double e =
          std::max(std::fabs(t[j][col] - t[j - 1][col]), std::fabs(t[j][col] - t[j - 1][col - 1]));
      if (e <= best.error_estimate) {
        best = {t[j][col], h, e};
        best_noise = noise[j][col];
      }
    }
    const std::size_t diag = static_cast<std::size_t>(i - start);
    if (diag >= 1 &&
        std::fabs(t[diag][col] - t[diag - 1][col - 1]) >= give_up * best.error_estimate)
      break;
  }
  // The tableau's estimate can be 0 when two entries agree to the last bit, yet each entry carries
  // the rounding of its differences as amplified by the extrapolation, plus a few ulps of the
  // result; add that floor so that the estimate stays an upper bound. The factor 4 allows for a
  // function value that is itself a few ulps off (a formula of many operations).
  best.error_estimate += 4.0 * best_noise + 8.0 * eps * std::fabs(best.value);
  if (!std::isfinite(best.value)) best.error_estimate = nan;
  return best;
}

// Ridders' own estimate can be fooled when the first steps are too large for the function
// (two extrapolations of aliased differences that agree by chance). Running the tableau from two
// first steps a factor 7 apart and counting their disagreement as error catches that.
fd_result ridders(const real_function& f, double x, double h0) {
  const fd_result a = ridders_from(f, x, h0);
  const fd_result b = ridders_from(f, x, h0 / 7.0);
  fd_result best = a.error_estimate <= b.error_estimate ? a : b;
  best.error_estimate =
      std::max({a.error_estimate, b.error_estimate, std::fabs(a.value - b.value)});
  if (!std::isfinite(a.value) || !std::isfinite(b.value)) best = std::isfinite(a.value) ? a : b;
  return best;
}

fd_result difference(const real_function& f, double x, fd_scheme s, double h) {
  switch (s) {
    case fd_scheme::forward:
      return {(f(x + h) - f(x)) / h, h};
    case fd_scheme::backward:
      return {(f(x) - f(x - h)) / h, h};
    case fd_scheme::central:
      // The book's formula, term for term, so that its printed values come out bit for bit.
      return {(f(x + h) - f(x - h)) / (2 * h), h};
    case fd_scheme::five_point:
      return {(f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h), h};
    case fd_scheme::richardson:
      return ridders(f, x, h);
    case fd_scheme::complex_step:
      break;
  }
  throw usage_error(messages::numeric::complex_needs_complex_function());
}

void check_index(std::size_t i, std::size_t n) {
  if (i >= n) throw usage_error(messages::numeric::index_out_of_range(i, n));
}

void check_hessian_dimension(std::size_t n) {
  if (n > max_fd_hessian_dimension)
    throw usage_error(messages::numeric::hessian_too_large(n, max_fd_hessian_dimension));
}

// f as a function of its i-th variable, the others held at x.
real_function slice(const multivariate_function& f, std::span<const double> x, std::size_t i) {
  return [&f, point = std::vector<double>(x.begin(), x.end()), i](double t) mutable {
    point[i] = t;
    return f(point);
  };
}

}  // namespace

std::string_view to_string(fd_scheme s) noexcept {
  switch (s) {
    case fd_scheme::forward:
      return "forward";
    case fd_scheme::backward:
      return "backward";
    case fd_scheme::central:
      return "central";
    case fd_scheme::five_point:
      return "five-point";
    case fd_scheme::richardson:
      return "richardson";
    case fd_scheme::complex_step:
      return "complex";
  }
  return "central";
}

std::optional<fd_scheme> fd_scheme_from_string(std::string_view name) noexcept {
  for (const fd_scheme s : {fd_scheme::forward, fd_scheme::backward, fd_scheme::central,
                            fd_scheme::five_point, fd_scheme::richardson, fd_scheme::complex_step})
    if (to_string(s) == name) return s;
  return std::nullopt;
}

std::string_view fd_scheme_names() noexcept {
  return "forward, backward, central, five-point, richardson, complex";
}

double default_step(fd_scheme s, double x) noexcept {
  switch (s) {
    case fd_scheme::forward:
    case fd_scheme::backward:
      return std::sqrt(eps) * scale(x);
    case fd_scheme::central:
      return std::cbrt(eps) * scale(x);
    case fd_scheme::five_point:
      return std::pow(eps, 0.2) * scale(x);
    case fd_scheme::richardson:
      return 0.1 * scale(x);
    case fd_scheme::complex_step:
      return 1e-20 * scale(x);
  }
  return std::cbrt(eps) * scale(x);
}

void require_finite_difference(const fd_result& r, fd_scheme scheme) {
  if (!std::isfinite(r.value))
    throw numerical_error(
        messages::numeric::difference_not_finite(to_string(scheme), r.h, r.value));
}

fd_result fd_derivative(const real_function& f, double x, fd_scheme scheme,
                        std::optional<double> h) {
  if (scheme == fd_scheme::complex_step)
    throw usage_error(messages::numeric::complex_needs_complex_function());
  return difference(f, x, scheme, step_or_default(scheme, x, h));
}

fd_result complex_step_derivative(const complex_function& f, double x, std::optional<double> h) {
  const double step = step_or_default(fd_scheme::complex_step, x, h);
  return {f({x, step}).imag() / step, step};
}

fd_result fd_partial(const multivariate_function& f, std::span<const double> x, std::size_t i,
                     fd_scheme scheme, std::optional<double> h) {
  check_index(i, x.size());
  return fd_derivative(slice(f, x, i), x[i], scheme, h);
}

std::vector<double> fd_gradient(const multivariate_function& f, std::span<const double> x,
                                fd_scheme scheme, std::optional<double> h) {
  std::vector<double> g(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) g[i] = fd_partial(f, x, i, scheme, h).value;
  return g;
}

std::vector<double> fd_hessian(const multivariate_function& f, std::span<const double> x,
                               std::optional<double> h) {
  const std::size_t n = x.size();
  check_hessian_dimension(n);
  if (h && (!(*h > 0.0) || !std::isfinite(*h))) throw usage_error(messages::numeric::bad_step(*h));
  std::vector<double> step(n);
  for (std::size_t i = 0; i < n; ++i) step[i] = h ? *h : std::pow(eps, 0.25) * scale(x[i]);
  std::vector<double> p(x.begin(), x.end());
  std::vector<double> H(n * n);
  const double f0 = f(p);
  const auto at = [&](std::size_t i, double si, std::size_t j, double sj) {
    p[i] += si;
    p[j] += sj;
    const double v = f(p);
    p[i] = x[i];
    p[j] = x[j];
    return v;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const double hi = step[i];
    p[i] = x[i] + hi;
    const double up = f(p);
    p[i] = x[i] - hi;
    const double down = f(p);
    p[i] = x[i];
    H[i * n + i] = (up - 2.0 * f0 + down) / (hi * hi);
    for (std::size_t j = i + 1; j < n; ++j) {
      const double hj = step[j];
      const double v =
          (at(i, hi, j, hj) - at(i, hi, j, -hj) - at(i, -hi, j, hj) + at(i, -hi, j, -hj)) /
          (4.0 * hi * hj);
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
  return H;
}

std::vector<double> fd_hessian_from_gradient(const gradient_function& grad,
                                             std::span<const double> x, std::optional<double> h) {
  const std::size_t n = x.size();
  check_hessian_dimension(n);
  if (h && (!(*h > 0.0) || !std::isfinite(*h))) throw usage_error(messages::numeric::bad_step(*h));
  std::vector<double> p(x.begin(), x.end());
  std::vector<double> up(n), down(n), H(n * n);
  for (std::size_t j = 0; j < n; ++j) {
    const double hj = h ? *h : std::cbrt(eps) * scale(x[j]);
    p[j] = x[j] + hj;
    grad(p, up);
    p[j] = x[j] - hj;
    grad(p, down);
    p[j] = x[j];
    for (std::size_t i = 0; i < n; ++i) H[i * n + j] = (up[i] - down[i]) / (2.0 * hj);
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double v = 0.5 * (H[i * n + j] + H[j * n + i]);
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  return H;
}

fd_result fd_derivative(const tape& t, std::span<const double> x, std::size_t i, fd_scheme scheme,
                        std::optional<double> h) {
  if (x.size() != t.dimension())
    throw usage_error(messages::numeric::size_mismatch("the point", x.size(), t.dimension()));
  check_index(i, x.size());
  if (scheme == fd_scheme::complex_step) {
    std::vector<std::complex<double>> z(x.begin(), x.end());
    return complex_step_derivative(
        [&](std::complex<double> xi) {
          z[i] = xi;
          return t.value_complex(z);
        },
        x[i], h);
  }
  return fd_partial([&t](std::span<const double> p) { return t.value(p); }, x, i, scheme, h);
}

std::vector<double> fd_gradient(const tape& t, std::span<const double> x, fd_scheme scheme,
                                std::optional<double> h) {
  std::vector<double> g(t.dimension());
  for (std::size_t i = 0; i < g.size(); ++i) g[i] = fd_derivative(t, x, i, scheme, h).value;
  return g;
}

fd_comparison fd_compare(const tape& t, std::span<const double> x, std::size_t i,
                         std::optional<double> h) {
  if (x.size() != t.dimension())
    throw usage_error(messages::numeric::size_mismatch("the point", x.size(), t.dimension()));
  check_index(i, x.size());
  std::vector<double> g(t.dimension());
  t.value_and_gradient(x, g);
  fd_comparison c{g[i], {}};
  for (const fd_scheme s :
       {fd_scheme::forward, fd_scheme::backward, fd_scheme::central, fd_scheme::five_point,
        fd_scheme::richardson, fd_scheme::complex_step}) {
    if (s == fd_scheme::complex_step && t.non_analytic_operation()) continue;
    const fd_result r = fd_derivative(t, x, i, s, h);
    c.rows.push_back(
        {std::string(to_string(s)), r.h, r.value, r.value - c.exact, r.error_estimate});
  }
  return c;
}

}  // namespace kobai
