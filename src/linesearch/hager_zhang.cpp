// Hager & Zhang, "A new conjugate gradient method with guaranteed descent and an efficient line
// search", SIAM J. Optim. 16(1):170–192, 2005, §4 (procedures bracket, update, secant², and the
// line search L0–L3), with the approximate Wolfe conditions of their eq. (4.1).
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <tuple>

#include "messages.hpp"
#include "search_state.hpp"

namespace kobai::detail {
namespace {

class hz_search {
 public:
  hz_search(const phi_function& phi, phi_value zero, const hager_zhang& o, line_search_result& out)
      : st_(phi, zero, o.max_evaluations, out),
        o_(o),
        zero_(zero),
        f_limit_(zero.value + o.epsilon * std::fabs(zero.value)) {}

  line_search_status run(double c) {
    // B: bracket. Returns [a, b] with φ'(a) < 0, φ(a) ≤ φ(0) + ε, φ'(b) ≥ 0.
    std::optional<std::pair<line_search_trial, line_search_trial>> ab = bracket(c);
    if (done_) return *done_;
    line_search_trial a = ab->first, b = ab->second;
    while (true) {
      // L1: secant² step, then bisection when the interval did not shrink by γ.
      const double width = b.alpha - a.alpha;
      auto next = secant2(a, b);
      if (done_) return *done_;
      std::tie(a, b) = *next;
      if (b.alpha - a.alpha > o_.gamma * width) {
        const line_search_trial mid = evaluate(a.alpha + (b.alpha - a.alpha) / 2);
        if (done_) return *done_;
        auto u = update(a, b, mid);
        if (done_) return *done_;
        std::tie(a, b) = *u;
      }
      if (b.alpha - a.alpha <= std::numeric_limits<double>::epsilon() * b.alpha) {
        done_ = st_.fail(line_search_status::interval_too_small,
                         messages::interval_too_small(a.alpha, b.alpha));
        return *done_;
      }
    }
  }

 private:
  using interval = std::pair<line_search_trial, line_search_trial>;

  // T1 (Wolfe) or T2 (approximate Wolfe, eq. 4.1) at t.
  bool acceptable(const line_search_trial& t) const {
    const double g0 = zero_.slope;
    if (t.slope < o_.sigma * g0) return false;
    if (t.value - zero_.value <= o_.delta * t.alpha * g0) return true;
    return o_.approximate_wolfe && t.slope <= (2 * o_.delta - 1) * g0 && t.value <= f_limit_;
  }

  // φ at α, shrinking towards `toward` while φ is not finite. Sets done_ when the search ends.
  line_search_trial evaluate(double alpha, double toward = 0) {
    while (true) {
      if (!st_.budget_left()) {
        done_ = st_.fail(line_search_status::max_evaluations,
                         messages::max_evaluations(o_.max_evaluations));
        return {};
      }
      const line_search_trial t = st_.evaluate(alpha);
      if (finite(t)) {
        if (acceptable(t)) done_ = st_.accept(t);
        return t;
      }
      alpha = toward + (alpha - toward) / 2;
      if (alpha - toward < o_.min_step) {
        done_ = st_.fail(line_search_status::step_too_small, messages::step_too_small(o_.min_step));
        return {};
      }
    }
  }

  // U3: bisection on [a, b] where φ'(b) < 0 and φ(b) > φ(0) + ε, until the slope turns.
  std::optional<interval> bisect(line_search_trial a, line_search_trial b) {
    while (true) {
      const line_search_trial d = evaluate((1 - o_.theta) * a.alpha + o_.theta * b.alpha, a.alpha);
      if (done_) return std::nullopt;
      if (d.slope >= 0) return interval{a, d};
      if (d.value <= f_limit_)
        a = d;
      else
        b = d;
      if (b.alpha - a.alpha <= std::numeric_limits<double>::epsilon() * b.alpha) {
        done_ = st_.fail(line_search_status::interval_too_small,
                         messages::interval_too_small(a.alpha, b.alpha));
        return std::nullopt;
      }
    }
  }

  // update (U0–U3): shrink [a, b] with the point c inside it.
  std::optional<interval> update(const line_search_trial& a, const line_search_trial& b,
                                 const line_search_trial& c) {
    if (!(c.alpha > a.alpha && c.alpha < b.alpha)) return interval{a, b};
    if (c.slope >= 0) return interval{a, c};
    if (c.value <= f_limit_) return interval{c, b};
    return bisect(a, c);
  }

  // The secant step: the zero of the line through (a, φ'(a)) and (b, φ'(b)).
  static double secant(const line_search_trial& a, const line_search_trial& b) {
    return (a.alpha * b.slope - b.alpha * a.slope) / (b.slope - a.slope);
  }

  // S1–S4: secant²
  std::optional<interval> secant2(const line_search_trial& a, const line_search_trial& b) {
    const double c_alpha = secant(a, b);
    if (!std::isfinite(c_alpha) || !(c_alpha > a.alpha && c_alpha < b.alpha)) {
      // Degenerate slopes: fall back to the midpoint.
      const line_search_trial mid = evaluate(a.alpha + (b.alpha - a.alpha) / 2, a.alpha);
      if (done_) return std::nullopt;
      return update(a, b, mid);
    }
    const line_search_trial c = evaluate(c_alpha, a.alpha);
    if (done_) return std::nullopt;
    auto AB = update(a, b, c);
    if (done_ || !AB) return std::nullopt;
    const auto& [A, B] = *AB;
    std::optional<double> c2;
    if (c.alpha == B.alpha) c2 = secant(b, B);
    if (c.alpha == A.alpha) c2 = secant(a, A);
    if (c2 && std::isfinite(*c2) && *c2 > A.alpha && *c2 < B.alpha) {
      const line_search_trial cc = evaluate(*c2, A.alpha);
      if (done_) return std::nullopt;
      return update(A, B, cc);
    }
    return AB;
  }

  // B0–B3: expand from c by ρ until the slope turns non-negative or φ rises above φ(0) + ε.
  std::optional<interval> bracket(double c) {
    line_search_trial last_good{0, zero_.value, zero_.slope};
    while (true) {
      const line_search_trial t = evaluate(std::min(c, o_.max_step), last_good.alpha);
      if (done_) return std::nullopt;
      if (t.slope >= 0) return interval{last_good, t};
      if (t.value > f_limit_) return bisect(last_good, t);
      last_good = t;
      if (t.alpha >= o_.max_step) {
        done_ = st_.fail(line_search_status::step_too_large, messages::step_too_large(o_.max_step));
        return std::nullopt;
      }
      c = o_.rho * t.alpha;
    }
  }

  search_state st_;
  const hager_zhang& o_;
  phi_value zero_;
  double f_limit_;  // φ(0) + ε|φ(0)|
  std::optional<line_search_status> done_;
};

}  // namespace

line_search_status hager_zhang_search(const phi_function& phi, phi_value zero, double alpha0,
                                      const hager_zhang& o, line_search_result& out) {
  hz_search s(phi, zero, o, out);
  return s.run(alpha0);
}

}  // namespace kobai::detail
