// Moré & Thuente, "Line search algorithms with guaranteed sufficient decrease", ACM TOMS
// 20(3):286–307, 1994: the search keeps an interval of uncertainty [stx, sty] whose endpoint stx
// has the lowest value so far, and chooses each trial step by the safeguarded cubic/quadratic
// rules of the paper's §4 (the MINPACK-2 routines dcsrch and dcstep).
//
// One addition for rounding: near a minimum φ(α) − φ(0) is lost in the rounding of f (Hager &
// Zhang, "A new conjugate gradient method with guaranteed descent and an efficient line search",
// SIAM J. Optim. 16(1):170–192, 2005, §4, estimate that error by ε|φ(0)|). There the value
// comparisons of dcsrch/dcstep are noise and the search wanders for dozens of evaluations; so
// values within ε|φ(0)| of each other count as equal (the slopes choose the step), and a trial
// whose value is within ε|φ(0)| of φ(0) is accepted on Hager–Zhang's approximate Wolfe
// conditions (their eq. 4.1 with δ = c1): φ'(α) ≤ (2c1 − 1)·φ'(0) and |φ'(α)| ≤ c2·|φ'(0)|.
#include <algorithm>
#include <cmath>

#include "messages.hpp"
#include "search_state.hpp"

namespace kobai::detail {
namespace {

// Bracket lower/upper extrapolation factors before a minimizer is bracketed (MINPACK-2 xtrapl,
// xtrapu), and the factor by which the interval must shrink each two steps before bisecting.
constexpr double extrapolate_lower = 1.1;
constexpr double extrapolate_upper = 4.0;
constexpr double shrink_required = 0.66;
// ε of the rounding rule above: Hager–Zhang's default estimate of the relative error in f.
constexpr double value_noise = 1e-6;

struct endpoint {
  double step, value, slope;
};

// Minimizer of the cubic through (a, fa, da) and (b, fb, db), as a + r·(b − a); the scaling by s
// avoids overflow in θ² (dcstep).
double cubic_minimizer(const endpoint& a, const endpoint& b) {
  const double theta = 3 * (a.value - b.value) / (b.step - a.step) + a.slope + b.slope;
  const double s = std::max({std::fabs(theta), std::fabs(a.slope), std::fabs(b.slope)});
  double gamma =
      s * std::sqrt(std::max(0.0, (theta / s) * (theta / s) - (a.slope / s) * (b.slope / s)));
  if (b.step < a.step) gamma = -gamma;
  const double p = (gamma - a.slope) + theta;
  const double q = ((gamma - a.slope) + gamma) + b.slope;
  return a.step + (p / q) * (b.step - a.step);
}

// dcstep: updates the interval [x, y] with the trial point t and returns the next trial step.
// x is the endpoint with the lowest value; `bracketed` becomes true once a minimizer is known to
// lie between x and y. The four cases are those of Moré–Thuente §4; t counts as higher than x
// only when its value exceeds x's by more than `noise`.
double next_step(endpoint& x, endpoint& y, const endpoint& t, bool& bracketed, double lo, double hi,
                 double noise) {
  const double sgnd = t.slope * (x.slope / std::fabs(x.slope));
  const bool higher = t.value - x.value > noise;
  double step;
  if (higher) {
    // Case 1: higher value. The minimizer is bracketed; take the cubic step if it is closer to x
    // than the quadratic one (through x.value, x.slope, t.value), else their average.
    const double cubic = cubic_minimizer(x, t);
    const double quad =
        x.step +
        ((x.slope / ((x.value - t.value) / (t.step - x.step) + x.slope)) / 2) * (t.step - x.step);
    step =
        std::fabs(cubic - x.step) < std::fabs(quad - x.step) ? cubic : cubic + (quad - cubic) / 2;
    bracketed = true;
  } else if (sgnd < 0) {
    // Case 2: lower value, slopes of opposite sign. Bracketed; take the step farther from t of
    // the cubic and the secant step.
    const double cubic = cubic_minimizer(t, x);
    const double secant = t.step + (t.slope / (t.slope - x.slope)) * (x.step - t.step);
    step = std::fabs(cubic - t.step) > std::fabs(secant - t.step) ? cubic : secant;
    bracketed = true;
  } else if (std::fabs(t.slope) < std::fabs(x.slope)) {
    // Case 3: lower value, same sign, slope magnitude decreasing. The cubic step is used only if
    // the cubic tends to infinity in the direction of the step or its minimum lies beyond t.
    const double theta = 3 * (x.value - t.value) / (t.step - x.step) + x.slope + t.slope;
    const double s = std::max({std::fabs(theta), std::fabs(x.slope), std::fabs(t.slope)});
    double gamma =
        s * std::sqrt(std::max(0.0, (theta / s) * (theta / s) - (x.slope / s) * (t.slope / s)));
    if (t.step > x.step) gamma = -gamma;
    const double p = (gamma - t.slope) + theta;
    const double q = (gamma + (x.slope - t.slope)) + gamma;
    const double r = p / q;
    double cubic;
    if (r < 0 && gamma != 0)
      cubic = t.step + r * (x.step - t.step);
    else
      cubic = t.step > x.step ? hi : lo;
    const double secant = t.step + (t.slope / (t.slope - x.slope)) * (x.step - t.step);
    if (bracketed) {
      step = std::fabs(cubic - t.step) < std::fabs(secant - t.step) ? cubic : secant;
      // Stay within the part of the interval next to t.
      const double limit = t.step + shrink_required * (y.step - t.step);
      step = t.step > x.step ? std::min(limit, step) : std::max(limit, step);
    } else {
      step = std::fabs(cubic - t.step) > std::fabs(secant - t.step) ? cubic : secant;
      step = std::clamp(step, lo, hi);
    }
  } else {
    // Case 4: lower value, same sign, slope magnitude not decreasing. Cubic step on [t, y] when
    // bracketed, otherwise go to the bound.
    if (bracketed)
      step = cubic_minimizer(t, y);
    else
      step = t.step > x.step ? hi : lo;
  }
  // Update the interval of uncertainty.
  if (higher) {
    y = t;
  } else {
    if (sgnd < 0) y = x;
    x = t;
  }
  return step;
}

}  // namespace

line_search_status more_thuente_search(const phi_function& phi, phi_value zero, double alpha0,
                                       const more_thuente& o, line_search_result& out) {
  search_state st(phi, zero, o.max_evaluations, out);
  const double f0 = zero.value, g0 = zero.slope;
  const double gtest = o.c1 * g0;
  const double noise = value_noise * std::fabs(f0);
  double max_step = o.max_step;
  double stp = std::clamp(alpha0, o.min_step, max_step);
  bool bracketed = false;
  bool stage1 = true;
  double width = max_step - o.min_step;
  double width_before = 2 * width;
  endpoint x{0, f0, g0}, y{0, f0, g0};
  double lo = 0, hi = stp + extrapolate_upper * stp;

  while (true) {
    if (!st.budget_left())
      return st.fail(line_search_status::max_evaluations,
                     messages::max_evaluations(o.max_evaluations));
    line_search_trial t = st.evaluate(stp);
    // Non-finite φ or φ': halve the step towards the best point and lower the upper bound, so the
    // search never returns there (Ceres' line_search.cc contracts the same way).
    while (!finite(t)) {
      max_step = stp;
      stp = x.step + 0.5 * (stp - x.step);
      hi = std::min(hi, max_step);
      if (std::fabs(stp - x.step) <= o.min_step || stp <= o.min_step)
        return st.fail(line_search_status::step_too_small, messages::step_too_small(o.min_step));
      if (!st.budget_left())
        return st.fail(line_search_status::max_evaluations,
                       messages::max_evaluations(o.max_evaluations));
      t = st.evaluate(stp);
    }
    const double ftest = f0 + stp * gtest;
    if (stage1 && t.value <= ftest && t.slope >= 0) stage1 = false;

    // Strong Wolfe: sufficient decrease and |φ'| ≤ c2·|φ'(0)|.
    if (t.value <= ftest && std::fabs(t.slope) <= o.c2 * (-g0)) return st.accept(t);
    // Approximate Wolfe where φ(α) − φ(0) is rounding (see the top of the file).
    if (std::fabs(t.value - f0) <= noise && t.slope <= (2 * o.c1 - 1) * g0 &&
        std::fabs(t.slope) <= o.c2 * (-g0))
      return st.accept(t);
    if (bracketed && (stp <= lo || stp >= hi))
      return st.fail(line_search_status::interval_too_small,
                     messages::rounding_prevents_progress(lo, hi));
    if (bracketed && hi - lo <= o.xtol * hi)
      return st.fail(line_search_status::interval_too_small, messages::interval_too_small(lo, hi));
    if (stp == max_step && t.value <= ftest && t.slope <= gtest)
      return st.fail(line_search_status::step_too_large, messages::step_too_large(max_step));
    if (stp == o.min_step && (t.value > ftest || t.slope >= gtest))
      return st.fail(line_search_status::step_too_small, messages::step_too_small(o.min_step));

    const endpoint trial{stp, t.value, t.slope};
    if (stage1 && t.value <= x.value && t.value > ftest) {
      // First stage: work on the modified function ψ(α) = φ(α) − φ(0) − c1·α·φ'(0), whose
      // minimizers satisfy sufficient decrease (§3 of the paper).
      endpoint xm{x.step, x.value - x.step * gtest, x.slope - gtest};
      endpoint ym{y.step, y.value - y.step * gtest, y.slope - gtest};
      const endpoint tm{stp, t.value - stp * gtest, t.slope - gtest};
      stp = next_step(xm, ym, tm, bracketed, lo, hi, noise);
      x = {xm.step, xm.value + xm.step * gtest, xm.slope + gtest};
      y = {ym.step, ym.value + ym.step * gtest, ym.slope + gtest};
    } else {
      stp = next_step(x, y, trial, bracketed, lo, hi, noise);
    }

    // Force a sufficient shrink of the interval: bisect when two steps did not reduce it by 2/3.
    if (bracketed) {
      if (std::fabs(y.step - x.step) >= shrink_required * width_before)
        stp = x.step + 0.5 * (y.step - x.step);
      width_before = width;
      width = std::fabs(y.step - x.step);
      lo = std::min(x.step, y.step);
      hi = std::max(x.step, y.step);
    } else {
      lo = stp + extrapolate_lower * (stp - x.step);
      hi = stp + extrapolate_upper * (stp - x.step);
    }
    stp = std::clamp(stp, o.min_step, max_step);
    // With rounding errors the trial may land outside the interval; fall back to the best point,
    // which the next round reports.
    if (bracketed && (stp <= lo || stp >= hi || hi - lo <= o.xtol * hi)) stp = x.step;
  }
}

}  // namespace kobai::detail
