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
  const double scale = std::max(std::fabs(value), 1.0);
  gradient_check_result r{true, 0, 0.0, value, {}};
  r.entries.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double d = fd_partial(f, x, i, options.scheme, options.h).value;
    const double error = std::fabs(g[i] - d);
    const double allowed =
        options.rtol * std::max(std::fabs(g[i]), std::fabs(d)) + options.atol * scale;
    const bool ok = error <= allowed;  // false for NaN
    r.entries.push_back({g[i], d, error, allowed, ok});
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
