// The common entry point: validation, the checks at α = 0, and dispatch to the chosen method.
#include <cmath>
#include <limits>

#include "kobai/error.hpp"
#include "messages.hpp"
#include "search_state.hpp"

namespace kobai {
namespace {

using messages::rule;

void require(bool ok, std::string_view search, std::string_view field, double value, rule r) {
  if (!ok) throw usage_error(messages::bad_constant(search, field, value, r));
}

void require_evaluations(std::size_t n, std::string_view search) {
  require(n >= 1, search, "max_evaluations", static_cast<double>(n), rule::at_least_one);
}

}  // namespace

std::string_view to_string(line_search_status s) noexcept {
  switch (s) {
    case line_search_status::ok:
      return "ok";
    case line_search_status::not_descent:
      return "not_descent";
    case line_search_status::nonfinite_start:
      return "nonfinite_start";
    case line_search_status::max_evaluations:
      return "max_evaluations";
    case line_search_status::step_too_small:
      return "step_too_small";
    case line_search_status::step_too_large:
      return "step_too_large";
    case line_search_status::interval_too_small:
      return "interval_too_small";
  }
  return "unknown";
}

void validate(const armijo& o) {
  constexpr std::string_view s = "armijo";
  require(o.c1 > 0 && o.c1 < 1, s, "c1", o.c1, rule::in_open_unit);
  require(o.shrink_min > 0 && o.shrink_min <= o.shrink_max, s, "shrink_min", o.shrink_min,
          rule::up_to_shrink_max);
  require(o.shrink_max < 1, s, "shrink_max", o.shrink_max, rule::below_one);
  require(o.min_step > 0, s, "min_step", o.min_step, rule::positive);
  require(o.max_step > o.min_step, s, "max_step", o.max_step, rule::exceeds_min_step);
  require_evaluations(o.max_evaluations, s);
}

void validate(const more_thuente& o) {
  constexpr std::string_view s = "more_thuente";
  require(o.c1 > 0 && o.c1 < 1, s, "c1", o.c1, rule::in_open_unit);
  require(o.c2 >= o.c1 && o.c2 < 1, s, "c2", o.c2, rule::from_c1_below_one);
  require(o.xtol >= 0, s, "xtol", o.xtol, rule::not_negative);
  require(o.min_step >= 0, s, "min_step", o.min_step, rule::not_negative);
  require(o.max_step > o.min_step, s, "max_step", o.max_step, rule::exceeds_min_step);
  require_evaluations(o.max_evaluations, s);
}

void validate(const hager_zhang& o) {
  constexpr std::string_view s = "hager_zhang";
  require(o.delta > 0 && o.delta < 0.5, s, "delta", o.delta, rule::in_open_half);
  require(o.sigma >= o.delta && o.sigma < 1, s, "sigma", o.sigma, rule::from_delta_below_one);
  require(o.epsilon >= 0, s, "epsilon", o.epsilon, rule::not_negative);
  require(o.theta > 0 && o.theta < 1, s, "theta", o.theta, rule::in_open_unit);
  require(o.gamma > 0 && o.gamma < 1, s, "gamma", o.gamma, rule::in_open_unit);
  require(o.rho > 1, s, "rho", o.rho, rule::above_one);
  require(o.min_step > 0, s, "min_step", o.min_step, rule::positive);
  require(o.max_step > o.min_step, s, "max_step", o.max_step, rule::exceeds_min_step);
  require_evaluations(o.max_evaluations, s);
}

void validate(const line_search_options& o) {
  std::visit([](const auto& v) { validate(v); }, o);
}

line_search_result line_search(const phi_function& phi, phi_value at_zero, double alpha0,
                               const line_search_options& options) {
  line_search_result r;
  line_search(phi, at_zero, alpha0, options, r);
  return r;
}

void line_search(const phi_function& phi, phi_value at_zero, double alpha0,
                 const line_search_options& options, line_search_result& out) {
  validate(options);
  if (!(alpha0 > 0) || !std::isfinite(alpha0))
    throw usage_error(messages::bad_option("line_search", "alpha0", alpha0, rule::positive));
  if (!std::isfinite(at_zero.value) || !std::isfinite(at_zero.slope)) {
    detail::search_state st(phi, at_zero, 1, out);
    st.fail(line_search_status::nonfinite_start,
            messages::nonfinite_start(at_zero.value, at_zero.slope));
    return;
  }
  if (at_zero.slope >= 0) {
    detail::search_state st(phi, at_zero, 1, out);
    st.fail(line_search_status::not_descent, messages::not_descent(at_zero.slope));
    return;
  }
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, armijo>)
          detail::armijo_search(phi, at_zero, alpha0, o, out);
        else if constexpr (std::is_same_v<T, more_thuente>)
          detail::more_thuente_search(phi, at_zero, alpha0, o, out);
        else
          detail::hager_zhang_search(phi, at_zero, alpha0, o, out);
      },
      options);
}

double cubic_step(phi_value at_zero, const line_search_trial& t) noexcept {
  const double g0 = at_zero.slope, a = t.alpha, ga = t.slope;
  const double d1 = g0 + ga - 3 * (t.value - at_zero.value) / a;
  const double disc = d1 * d1 - g0 * ga;
  if (disc < 0) return std::numeric_limits<double>::quiet_NaN();
  const double d2 = std::sqrt(disc);
  return a - a * (ga + d2 - d1) / (ga - g0 + 2 * d2);
}

bool satisfies_strong_wolfe(phi_value at_zero, const line_search_trial& t, double c1,
                            double c2) noexcept {
  return detail::finite(t) && t.value <= at_zero.value + c1 * t.alpha * at_zero.slope &&
         std::fabs(t.slope) <= c2 * std::fabs(at_zero.slope);
}

}  // namespace kobai
