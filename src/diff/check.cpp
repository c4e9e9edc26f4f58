#include "kobai/diff/check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kobai/error.hpp"
#include "numeric_messages.hpp"

namespace kobai {
namespace {

void validate(const gradient_check_options& o) {
  if (!(o.rtol >= 0) || !std::isfinite(o.rtol))
    throw usage_error(messages::numeric::bad_tolerance("rtol", o.rtol));
  if (!(o.atol >= 0) || !std::isfinite(o.atol))
    throw usage_error(messages::numeric::bad_tolerance("atol", o.atol));
  if (o.scheme == fd_scheme::complex_step)
    throw usage_error(messages::numeric::complex_needs_complex_function());
  if (o.h && (!(*o.h > 0) || !std::isfinite(*o.h)))
    throw usage_error(messages::numeric::bad_step(*o.h));
}

// Each value of f is taken to carry up to this many units of rounding ε·|f|: a few operations'
// worth, so that an ordinary formula's own rounding never raises a false alarm.
constexpr double ulps_per_value = 10;
// A step grows tenfold at most this many times while its rounding hides what rtol and atol ask
// to see (a large constant part of f: each value is then rounded to ε·|f|).
constexpr int max_step_growth = 4;

// One difference quotient with the error it may carry whatever the gradient: rounding and
// truncation, both estimated from the values actually taken.
struct judged_difference {
  double value;
  double h;
  double rounding;    // 2·ulps·ε·max|f(stencil)|/h: no quotient of these values is finer
  double truncation;  // |d(h) − d(2h)| (≥ the error of d(h) for every scheme of order ≥ 1)
};

judged_difference difference(const multivariate_function& f, std::span<const double> x,
                             std::size_t i, fd_scheme scheme, double h) {
  double largest = 0;
  const multivariate_function watched = [&f, &largest](std::span<const double> p) {
    const double v = f(p);
    largest = std::max(largest, std::fabs(v));  // a NaN leaves it; the quotient is NaN then
    return v;
  };
  const fd_result d = fd_partial(watched, x, i, scheme, h);
  const double rounding =
      2 * ulps_per_value * std::numeric_limits<double>::epsilon() * largest / d.h;
  double truncation = 0;
  if (scheme == fd_scheme::richardson) {
    truncation = d.error_estimate;
  } else {
    const fd_result wide = fd_partial(watched, x, i, scheme, 2 * h);
    truncation = std::fabs(d.value - wide.value);
  }
  return {d.value, d.h, rounding, truncation};
}

}  // namespace

gradient_check_result check_gradient(const value_gradient_function& fg, std::span<const double> x,
                                     const gradient_check_options& options) {
  validate(options);
  const std::size_t n = x.size();
  std::vector<double> g(n), scratch(n);
  const double value = fg(x, g);
  const multivariate_function f = [&fg, &scratch](std::span<const double> p) {
    return fg(p, scratch);
  };
  gradient_check_result r{true, 0, 0.0, value, {}};
  r.entries.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    double h = options.h ? *options.h : default_step(options.scheme, x[i]);
    const auto asked = [&](const judged_difference& d) {
      return options.rtol * std::max(std::fabs(g[i]), std::fabs(d.value)) + options.atol;
    };
    judged_difference d = difference(f, x, i, options.scheme, h);
    // Rounding of values near a large |f| hides errors of the size asked for: a longer step
    // divides it, while the truncation it adds is measured (and stops the growth once larger).
    // (Even an error of 0 proves nothing then: the difference may have rounded away.)
    for (int grown = 0; grown < max_step_growth; ++grown) {
      if (!(d.rounding > asked(d)) || !(d.rounding > d.truncation)) break;
      const judged_difference longer = difference(f, x, i, options.scheme, 10 * h);
      if (!std::isfinite(longer.value) || !std::isfinite(longer.truncation)) break;
      d = longer;
      h *= 10;
    }
    const double error = std::fabs(g[i] - d.value);
    const double allowed = asked(d) + d.rounding + d.truncation;
    const bool ok = error <= allowed;  // false for NaN
    r.entries.push_back({g[i], d.value, error, allowed, ok});
    r.passed = r.passed && ok;
    const double ratio = std::isnan(error) ? std::numeric_limits<double>::infinity()
                         : error == 0      ? 0.0
                                           : error / allowed;  // +inf when nothing is allowed
    if (i == 0 || ratio > r.worst_ratio) {
      r.worst = i;
      r.worst_ratio = ratio;
    }
  }
  return r;
}

}  // namespace kobai
