// Backtracking to sufficient decrease with safeguarded interpolation (Nocedal & Wright, 2nd ed.,
// §3.5, "Interpolation").
#include <algorithm>
#include <cmath>
#include <limits>

#include "messages.hpp"
#include "search_state.hpp"

namespace kobai::detail {
namespace {

// Minimizer of the quadratic q with q(0) = f0, q'(0) = g0, q(a) = fa (N&W eq. 3.58):
//   α = −g0·a² / (2(fa − f0 − g0·a)).
double quadratic_step(double f0, double g0, double a, double fa) {
  return -g0 * a * a / (2 * (fa - f0 - g0 * a));
}

// From an accepted first trial t along which φ does not curve up, multiplies the step by 4 while φ
// keeps falling at least as fast as its tangent at 0 (the extrapolation phase of N&W Algorithm
// 3.5; MINPACK-2's dcsrch also extrapolates by at most 4 times the interval). Accepts the lowest
// point; fails with step_too_large at max_step when φ is still falling there, the sign that f is
// unbounded below along the direction. With the factor 4 rather than 2, a first step of 1e-3
// reaches the default max_step 1e20 within the default 40 evaluations: a search that ran out of
// budget on the way would leave x so far out that the next search's steps are lost in its
// rounding, and the run would stall instead of ending unbounded.
line_search_status expand(search_state& st, line_search_trial t, const armijo& o) {
  const phi_value zero = st.zero();
  const auto straight = [&](const line_search_trial& u) {
    return u.value <= zero.value + u.alpha * zero.slope && u.slope <= zero.slope;
  };
  while (straight(t)) {
    if (t.alpha >= o.max_step)
      return st.fail(line_search_status::step_too_large, messages::step_too_large(o.max_step));
    if (!st.budget_left()) break;
    const line_search_trial u = st.evaluate(std::min(4 * t.alpha, o.max_step));
    if (!(finite(u) && u.value < t.value)) break;
    t = u;
  }
  return st.accept(t);
}

}  // namespace

line_search_status armijo_search(const phi_function& phi, phi_value zero, double alpha0,
                                 const armijo& o, line_search_result& out) {
  search_state st(phi, zero, o.max_evaluations, out);
  double alpha = alpha0;
  while (true) {
    if (alpha < o.min_step)
      return st.fail(line_search_status::step_too_small, messages::step_too_small(o.min_step));
    if (!st.budget_left())
      return st.fail(line_search_status::max_evaluations,
                     messages::max_evaluations(o.max_evaluations));
    const line_search_trial t = st.evaluate(alpha);
    // A finite value with a non-finite slope is refused too: the optimizer would go on from a
    // point whose gradient it cannot use (line_search.hpp: φ or φ' non-finite shrinks the step).
    if (finite(t) && t.value <= zero.value + o.c1 * alpha * zero.slope) {
      // After a longer step was refused, a trial whose φ(α) is within 4 ulps of φ(0) passes only
      // because c1·α·φ'(0) fell below the rounding of φ(0): it shows no decrease that f can
      // tell from the rounding of its own terms. Accepting it would move x by a rounding error
      // and start the next search from about the same point, for ever (a gradient that points
      // uphill does exactly this, and the run ended stalled).
      if (alpha < alpha0 && t.value >= zero.value - 4 * std::numeric_limits<double>::epsilon() *
                                                        std::fabs(zero.value))
        return st.fail(line_search_status::step_too_small, messages::no_measurable_decrease(alpha));
      return o.expand && alpha == alpha0 ? expand(st, t, o) : st.accept(t);
    }
    // A non-finite value carries no shape information: shrink by the largest allowed factor.
    double next = o.shrink_max * alpha;
    if (std::isfinite(t.value)) {
      double candidate = std::nan("");
      if (o.method == interpolation::cubic && std::isfinite(t.slope))
        candidate = cubic_step(zero, {alpha, t.value, t.slope});
      if (o.method == interpolation::quadratic ||
          (o.method == interpolation::cubic && !std::isfinite(candidate)))
        candidate = quadratic_step(zero.value, zero.slope, alpha, t.value);
      if (o.method == interpolation::bisection) candidate = 0.5 * alpha;
      if (std::isfinite(candidate))
        next = std::clamp(candidate, o.shrink_min * alpha, o.shrink_max * alpha);
    }
    alpha = next;
  }
}

}  // namespace kobai::detail
