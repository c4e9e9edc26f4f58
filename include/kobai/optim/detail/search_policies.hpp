#pragma once
// The search policies of the line-search family (gd-ls, cg, bfgs, lbfgs, newton; newton's default
// globalization is a trust region instead, see newton_policy): each step picks
// a direction d, searches φ(α) = f(x + αd) with the method's line search through the evaluator
// (which counts every trial and records it in the trace), and leaves x, f and ∇f of the accepted
// point in the iterate. Equations, defaults and references are on the options structs
// (methods.hpp).
//
// Every buffer is sized in the constructor and a step allocates nothing: the line search writes
// into a result kept across steps, and its φ is a one-pointer lambda that std::function stores in
// place. Exceptions: recording a trace, and Newton's Hessian from a tape (tape::hessian returns a
// new vector; O(n²) next to the O(n³) factorization).
#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "kobai/linesearch/line_search.hpp"
#include "kobai/optim/bounds.hpp"
#include "kobai/optim/detail/large_buffer.hpp"
#include "kobai/optim/detail/lbfgs_kernels.hpp"
#include "kobai/optim/detail/lbfgsb.hpp"
#include "kobai/optim/detail/trust_region.hpp"
#include "kobai/optim/detail/update_policies.hpp"
#include "kobai/optim/diagnose.hpp"
#include "kobai/optim/evaluator.hpp"
#include "kobai/optim/methods.hpp"

namespace kobai::detail {

/// φ'(0) = ∇fᵀd of a failed search next to finite differences of f along d: whether the
/// gradient can be the cause of the failure.
struct slope_check {
  enum class verdict {
    agrees,     ///< within the differences' error: the gradient is not the cause
    disagrees,  ///< the gradient is the likely cause
    /// both ∇fᵀd and the difference are within twice the difference's error of 0: f's change
    /// along d is below its rounding, and the check can neither clear nor blame the gradient
    inconclusive,
    unchecked  ///< f is not finite on either side of x along d (or d is 0 or not finite)
  };
  verdict outcome = verdict::unchecked;
  double slope = 0;       ///< ∇fᵀd
  double difference = 0;  ///< central (or one-sided) differences at h and h/2, extrapolated
  double error = 0;       ///< the difference's error: truncation (|D(h) − D(h/2)|) and rounding
};

/// Why the run stopped after the line search failed at iteration k; `retried` when it failed
/// twice, the second time along −∇f with the method's memory cleared (src/optim/result.cpp).
/// gradient_norm is the measure the run stops on: under bounds (`projected`) the projected
/// gradient's, and the message names it so.
std::string line_search_failed_message(std::size_t k, const line_search_result& r,
                                       double gradient_norm, bool projected, bool retried,
                                       const slope_check& check);
/// Why the run stopped when newton's trust region shrank until its step of length `step` no
/// longer moved x at iteration k (src/optim/result.cpp).
std::string trust_region_failed_message(std::size_t k, double step, double gradient_norm);
/// Why the run stopped when a line search reached its largest step `step` with f still falling
/// (to f) at iteration k: status unbounded (src/optim/result.cpp).
std::string unbounded_along_message(std::size_t k, double step, double f);

/// The first trial step along d = −∇f from x, where no curvature is known yet: α = min(1,
/// ½/‖d‖∞), so that no coordinate moves by more than ½ (N&W §3.5 asks for a first step of the
/// problem's scale). Chosen over 1/‖∇f‖∞ and 1/‖∇f‖₂ by the total evaluations of L-BFGS over the
/// 35 MGH problems (2504 against 3504 and 2637 to ‖∇f‖∞ ≤ 1e-8; the larger steps lose MGH 31 to a
/// local minimum). Where ‖x‖∞ > ½/√ε ≈ 3.4e7, a move of ½ changes f by less than its rounding,
/// and the search would see nothing but equal values (x² from 10¹⁵⁰ needs a move of 10¹³⁴ before
/// f changes, 190 extrapolations away): the move is then √ε·‖x‖∞ instead.
inline double first_trial_step(const Eigen::VectorXd& d, const Eigen::VectorXd& x) {
  const double m = d.lpNorm<Eigen::Infinity>();
  const double move = std::max(
      0.5, std::sqrt(std::numeric_limits<double>::epsilon()) * x.lpNorm<Eigen::Infinity>());
  return m > 0 && std::isfinite(m) && std::isfinite(move) ? std::min(1.0, move / m) : 1;
}

/// A sum of n terms taken block by block in the order in which Eigen's vectorized reduction adds
/// the same terms over the whole vector (Eigen 3.4, redux_impl for LinearVectorizedTraversal):
/// 2P lanes (two packets of P doubles) over the first ⌊n/2P⌋·2P terms, the two packets added, one
/// more packet when P terms remain, the lanes halved pairwise (predux), the rest one by one. A
/// blocked pass that also needs v.dot(w) or v.squaredNorm() thus gets Eigen's bits without a pass
/// of its own. Blocks come in order, each but the last a multiple of 2P long. The lanes start at
/// −0, which x + (−0) leaves unchanged for every x, as Eigen's first packet does.
class ordered_sum {
 public:
  static constexpr int packet = Eigen::internal::packet_traits<double>::size;
  static constexpr int lanes = packet > 1 ? 2 * packet : 1;
  using lane_array = Eigen::Array<double, lanes, 1>;

  explicit ordered_sum(Eigen::Index n)
      : n_(n), body_(packet > 1 ? n / lanes * lanes : n), lane_(lane_array::Constant(-0.0)) {}
  /// Adds term(i) for i in [first, first + size).
  template <class Term>
  void add(Eigen::Index first, Eigen::Index size, Term&& term) {
    const Eigen::Index last = first + size, body = std::min(last, body_);
    // The lanes in a local copy: the compiler cannot keep a member in registers across the
    // caller's stores of doubles, which might alias it, and would round-trip every sum through
    // memory.
    lane_array lane = lane_;
    Eigen::Index i = first;
    for (; i < body; i += lanes)
      for (int j = 0; j < lanes; ++j) lane[j] += term(i + j);
    lane_ = lane;
    for (; i < last; ++i) rest(i, term(i));
  }
  /// For a pass that takes several sums in one loop: the terms i of [0, body()) are added in the
  /// order of i, term i to lane i mod lanes of body_lanes(); the terms from body() on are given to
  /// rest(). add() does this for one sum.
  lane_array& body_lanes() noexcept { return lane_; }
  Eigen::Index body() const noexcept { return body_; }
  void rest(Eigen::Index i, double term) { rest_[static_cast<std::size_t>(i - body_)] = term; }
  double total() const {
    if (n_ == 0) return 0;
    if constexpr (packet == 1) {
      return lane_[0];
    } else {
      std::array<double, packet> p;
      for (int j = 0; j < packet; ++j) p[j] = lane_[j] + lane_[j + packet];
      const Eigen::Index rest = n_ - body_;
      Eigen::Index r = 0;
      if (rest >= packet) {
        for (int j = 0; j < packet; ++j) p[j] += rest_[j];
        r = packet;
      }
      for (int width = packet / 2; width >= 1; width /= 2)
        for (int j = 0; j < width; ++j) p[j] += p[j + width];
      double sum = p[0];
      for (; r < rest; ++r) sum += rest_[static_cast<std::size_t>(r)];
      return sum;
    }
  }

 private:
  Eigen::Index n_, body_;
  lane_array lane_;
  std::array<double, lanes> rest_{};
};

/// What L-BFGS takes of a block of coordinates [first, first + size) while it forms the new pair
/// there: yᵀy, ∇fᵀy and sᵀy over the block, and max |∇f_i| and whether some ∇f_i is NaN.
struct new_pair_sums {
  double yy, gy, sy, g_max;
  bool g_nan;
};

/// s = x − x_old and y = ∇f − ∇f_old over one block (pointers to the block's first coordinate),
/// with ‖s‖₂² and sᵀ(−∇f) added to ss and sg (whole-vector sums, blocks in order) and the block's
/// sums returned, all in one loop. Every sum keeps the bits of the Eigen call it stands for:
/// ss and sg those of (x − x_old).squaredNorm() and s.dot(−∇f), the block's those of squaredNorm()
/// and dot() of its segments (each sum in the lanes of an ordered_sum).
inline new_pair_sums form_new_pair(const double* x, const double* x_old, const double* g,
                                   const double* g_old, double* s, double* y, Eigen::Index first,
                                   Eigen::Index size, ordered_sum& ss, ordered_sum& sg) {
  ordered_sum yy(size), gy(size), sy(size);
  using lane = ordered_sum::lane_array;
  using in = Eigen::Map<const lane>;
  using out = Eigen::Map<lane>;
  lane l_ss = ss.body_lanes(), l_sg = sg.body_lanes(), l_yy = yy.body_lanes(),
       l_gy = gy.body_lanes(), l_sy = sy.body_lanes(), big = lane::Zero();
  bool nan = false;
  const Eigen::Index body = yy.body();  // ss.body() − first in the last block, else size
  for (Eigen::Index i = 0; i < body; i += ordered_sum::lanes) {
    const lane sv = in(x + i) - in(x_old + i), gv = in(g + i), yv = gv - in(g_old + i);
    out(s + i) = sv;
    out(y + i) = yv;
    l_ss += sv * sv;
    l_sg += sv * -gv;
    l_yy += yv * yv;
    l_gy += gv * yv;
    l_sy += sv * yv;
    big = big.max(gv.abs());
    nan |= gv.isNaN().any();
  }
  ss.body_lanes() = l_ss;
  sg.body_lanes() = l_sg;
  yy.body_lanes() = l_yy;
  gy.body_lanes() = l_gy;
  sy.body_lanes() = l_sy;
  double g_max = big.maxCoeff();
  for (Eigen::Index i = body; i < size; ++i) {
    const double si = x[i] - x_old[i], gi = g[i], yi = gi - g_old[i];
    s[i] = si;
    y[i] = yi;
    ss.rest(first + i, si * si);
    sg.rest(first + i, si * -gi);
    yy.rest(i, yi * yi);
    gy.rest(i, gi * yi);
    sy.rest(i, si * yi);
    g_max = std::max(g_max, std::abs(gi));
    nan |= std::isnan(gi);
  }
  return {yy.total(), gy.total(), sy.total(), g_max, nan};
}

/// Σ of pass(first, size) over blocks of [0, n), each small enough that what a pass writes is
/// still in L1 when the same pass reads it back: one stream over every vector the pass touches.
/// A pass that streams many vectors at once (L-BFGS's 2m stored ones) takes longer blocks, so that
/// each stream is long enough for the hardware prefetcher; the block must be a multiple of
/// ordered_sum::lanes.
template <Eigen::Index block = 512, class Pass>
double in_blocks(Eigen::Index n, Pass&& pass) {
  double sum = 0;
  for (Eigen::Index first = 0; first < n; first += block)
    sum += pass(first, std::min(block, n - first));
  return sum;
}

/// The part every line-search method shares: the direction d, the trial point, the search, the
/// retry along −∇f. With box bounds the trial points are P(x + αd), projected onto the box, and
/// the search is Armijo backtracking with quadratic interpolation: along the projected path φ
/// has kinks, where the Wolfe curvature condition and cubic models mean nothing (Bertsekas,
/// "Projected Newton methods for optimization problems with simple constraints", SIAM J.
/// Control Optim. 20(2), 1982, uses the same Armijo rule along the projection arc).
class line_search_stepper {
 public:
  line_search_stepper(const line_search_options& o, Eigen::Index n, const bounds* box = nullptr)
      : options_(o), box_(box), d_(n), x_trial_(n), g_trial_(n) {
    for (Eigen::VectorXd* v : {&d_, &x_trial_, &g_trial_}) offer_huge_pages(v->data(), v->size());
    d_.setZero();
    validate(o);
    armijo a = std::holds_alternative<armijo>(o) ? std::get<armijo>(o) : armijo{};
    a.method = interpolation::quadratic;
    projected_ = a;
    result_.trials.reserve(64);
  }
  line_search_stepper(const line_search_stepper&) = delete;
  line_search_stepper& operator=(const line_search_stepper&) = delete;

  Eigen::VectorXd& direction() noexcept { return d_; }
  const Eigen::VectorXd& direction() const noexcept { return d_; }
  /// d = −∇f, with the coordinates that a bound blocks set to 0.
  void steepest_descent(const iterate& it) {
    d_ = -it.gradient;
    release_blocked(it);
  }
  /// Sets d_i = 0 where x_i sits on a bound that −∇f_i pushes against (no bounds: nothing).
  void release_blocked(const iterate& it) {
    if (!box_) return;
    for (Eigen::Index i = 0; i < d_.size(); ++i)
      if (detail::blocked(*box_, it.x, it.gradient, i)) d_[i] = 0;
  }
  /// From now on, search along a direction that stays in the box up to α = alpha_max (L-BFGS-B's
  /// x + α(x̄ − x)): trial points x + αd, the method's own line search with its largest step cut
  /// to alpha_max (Armijo: its first step), and a search stopped by that cut with a lower value
  /// is accepted, as in the Fortran L-BFGS-B (the box ended it, not a failure). Without this
  /// call, a stepper with bounds searches the projection arc with Armijo.
  void search_within(double alpha_max) noexcept {
    within_ = true;
    step_limit_ = alpha_max;
  }
  /// φ'(0) = ∇fᵀd of the last successful search; its step α, φ(α), φ'(α) and how many trials
  /// it evaluated.
  double slope() const noexcept { return slope0_; }
  double alpha() const noexcept { return result_.alpha; }
  double value() const noexcept { return result_.value; }
  double end_slope() const noexcept { return result_.slope; }
  std::size_t evaluations() const noexcept { return result_.evaluations; }
  /// x and ∇f before the last accepted move, until the next trial point: accepting swaps the
  /// trial buffers with the iterate's instead of copying them.
  const Eigen::VectorXd& previous_x() const noexcept { return x_trial_; }
  const Eigen::VectorXd& previous_gradient() const noexcept { return g_trial_; }
  /// The first trial of the next search for a method whose direction carries no step length
  /// (gd-ls, cg), by Nocedal & Wright's §3.5 "Initial step length": the step that repeats the last
  /// search's first-order change, α_{k−1}·φ'_{k−1}(0)/φ'_k(0); first_trial_step at the start. A
  /// search that only shortens its first step on a convex φ (Armijo, and every search in a box)
  /// takes the larger of that and the minimizer 2(f_k − f_{k−1})/φ'_k(0) of the quadratic through
  /// f_{k−1}, f_k and φ'_k(0) (the same section): with the first rule alone a short step stays
  /// short, and x² from 10³ moved by ½ per iteration. Both rules assume the last step's decrease
  /// will repeat; a step that landed almost on the minimizer breaks that (x² from 10³⁰: ∇f fell
  /// from 10³⁰ to 10¹⁴ in one step, and both asked for α = 10³¹ where 0.5 was right), and a
  /// trial so long that φ(0) drowns in the rounding of φ(α) leaves the interpolating cubic
  /// nothing but cancellation. The step may therefore grow by at most max_step_growth a search;
  /// the searches extrapolate beyond it when φ keeps falling.
  double next_first_trial(const iterate& it, double slope) const {
    double a = previous_alpha_ * previous_slope_ / slope;
    if (!(previous_alpha_ > 0 && std::isfinite(a) && a > 0))
      return first_trial_step(it.gradient, it.x);
    if ((box_ && !within_) || std::holds_alternative<armijo>(options_)) {
      const double q = 2 * (it.f - previous_f_) / slope;
      if (std::isfinite(q) && q > a) a = q;
    }
    return std::min(a, max_step_growth * previous_alpha_);
  }
  /// After step_along, for next_first_trial; f_start is f where the search started.
  void remember_first_trial(const step_outcome& o, double f_start) noexcept {
    previous_alpha_ = o.stop ? 0 : result_.alpha;
    previous_slope_ = slope0_;
    previous_f_ = f_start;
  }
  /// A successful search then returns step length 0: the caller measures ‖x_k − x_{k−1}‖₂ in a
  /// pass of its own over both (the failure path still measures it here).
  void leave_step_length_to_caller() noexcept { measure_length_ = false; }

  /// Searches along direction() from α = alpha0 (slope0: ∇fᵀd when the caller already has it,
  /// summed as Eigen's dot would). When that fails and d was not −∇f, calls restart() (the
  /// method forgets its memory) and searches once more along −∇f; a restart that returns a step
  /// has set the direction itself and the search starts from that step. When that fails too,
  /// moves to the lowest point the search found (if any was lower) and stops the run with status
  /// line_search_failed.
  template <class F, class Restart>
  step_outcome step_along(iterate& it, evaluator<F>& ev, std::size_t k, double alpha0,
                          bool steepest, Restart&& restart,
                          std::optional<double> slope0 = std::nullopt) {
    std::optional<double> length = search(it, ev, k, alpha0, slope0);
    if (!length && !steepest) {
      if constexpr (std::is_void_v<std::invoke_result_t<Restart&>>) {
        restart();
        steepest_descent(it);
        length = search(it, ev, k, first_trial_step(it.gradient, it.x), std::nullopt);
      } else {
        const double alpha_restart = restart();
        length = search(it, ev, k, alpha_restart, std::nullopt);
      }
    }
    if (length) return {{*length, result_.alpha}, std::nullopt, {}};
    const slope_check check = check_slope(ev, it, k);
    double moved = 0;
    if (result_.alpha > 0 && result_.value < it.f) {
      evaluate(ev, it.x, k, result_.alpha);
      if (std::isfinite(last_value_) && last_value_ < it.f) moved = accept(it, true);
    }
    if (moved > 0 && result_.status == line_search_status::step_too_large)
      return {{moved, result_.alpha},
              status::unbounded,
              unbounded_along_message(k, result_.alpha, it.f)};
    return {{moved, moved > 0 ? result_.alpha : 0},
            status::line_search_failed,
            line_search_failed_message(k, result_,
                                       box_ ? projected_gradient_norm(*box_, it.x, it.gradient)
                                            : it.gradient.lpNorm<Eigen::Infinity>(),
                                       box_ != nullptr, !steepest, check)};
  }

 private:
  template <class F>
  std::optional<double> search(iterate& it, evaluator<F>& ev, std::size_t k, double alpha0,
                               std::optional<double> given_slope) {
    struct context {
      line_search_stepper* self;
      evaluator<F>* ev;
      const Eigen::VectorXd* x;
      std::size_t k;
    };
    context c{this, &ev, &it.x, k};
    const phi_function phi = [pc = &c](double alpha) {
      return pc->self->evaluate(*pc->ev, *pc->x, pc->k, alpha);
    };
    const double slope0 = given_slope ? *given_slope : it.gradient.dot(d_);
    const line_search_options* o = box_ ? &projected_ : &options_;
    if (within_) {
      limited_ = options_;
      std::visit([&](auto& s) { alpha0 = limit(s, alpha0); }, limited_);
      o = &limited_;
    }
    // min_step is relative to a first trial below 1: a steepest-descent step is scaled by
    // 1/‖∇f‖, which is below any fixed bound when ‖∇f‖ is huge (MGH 6 and 35 from 10x₀: ‖∇f‖∞ of
    // 1e36 and 3e22, so α₀ = ½/‖∇f‖∞ under 1e-20, where the search could neither start nor shrink).
    if (alpha0 > 0 && alpha0 < 1) {
      if (o != &limited_) {
        limited_ = *o;
        o = &limited_;
      }
      std::visit([&](auto& s) { s.min_step *= alpha0; }, limited_);
    }
    line_search(phi, {it.f, slope0}, alpha0, *o, result_);
    // Only the box's cut counts as an edge: a search that ran into the line search's own
    // max_step with f still decreasing (step_limit_ = ∞ on an open side of the box) has found f
    // unbounded below along d, as it would without bounds.
    const bool at_edge = within_ && result_.status == line_search_status::step_too_large &&
                         result_.alpha > 0 && result_.value < it.f && cut_by_box();
    if (!result_.ok() && !at_edge && !ran_out_falling(*o, it.f, slope0)) {
      failed_slope_ = slope0;
      return std::nullopt;
    }
    // The searches accept the point they evaluated last; re-evaluate should that ever change.
    if (result_.alpha != last_alpha_) evaluate(ev, it.x, k, result_.alpha);
    slope0_ = slope0;
    return accept(it, measure_length_);
  }

  template <class F>
  phi_value evaluate(evaluator<F>& ev, const Eigen::VectorXd& x, std::size_t k, double alpha) {
    x_trial_ = x + alpha * d_;
    if (box_) project(*box_, x_trial_);
    last_value_ = ev.value_and_gradient(x_trial_, g_trial_);
    last_alpha_ = alpha;
    const double slope = g_trial_.dot(d_);
    ev.record_trial(k, alpha, last_value_, slope);
    return {last_value_, slope};
  }

  // A search that ran out of evaluations while it was still lengthening the step, its last and
  // lowest trial with sufficient decrease and φ' < 0 (x² from 10²⁵ with the first trial ½/‖∇f‖∞
  // and dcsrch's ×5 extrapolation), has made progress that a failure would throw away: the step
  // is taken and the next search goes on from there. L-BFGS and BFGS skip the pair should it lack
  // positive curvature.
  bool ran_out_falling(const line_search_options& o, double f0, double slope0) const {
    if (result_.status != line_search_status::max_evaluations || result_.trials.empty())
      return false;
    const double c1 = std::visit(
        [](const auto& s) {
          if constexpr (std::is_same_v<std::decay_t<decltype(s)>, hager_zhang>)
            return s.delta;
          else
            return s.c1;
        },
        o);
    const line_search_trial& last = result_.trials.back();
    return last.alpha == result_.alpha && last.value == result_.value && result_.slope < 0 &&
           result_.value <= f0 + c1 * result_.alpha * slope0;
  }

  // After a failed search: φ'(0) of that search next to the central difference of f along d at
  // h = ε^(1/3)·max(1, ‖x‖∞)/‖d‖∞ (the step that balances truncation and rounding error for a
  // central difference, N&W §8.1). Where f is not finite at x ± hd, the edge of f's domain is
  // closer than h, and a difference across most of that distance is far from the slope near a
  // singularity (√(2 − x) at 2 − 10⁻¹²): h shrinks tenfold until f is finite on both sides, then
  // once more. A side outside the box is never evaluated; the difference is then one-sided.
  // Near a minimum φ' is tiny and the difference's truncation error can dwarf it, even at N&W's
  // h when the variables' scales differ (Meyer's x₁ ≈ 0.0056 moved 0.037 beside x₂ ≈ 6181, and
  // the difference read 217 where φ' = −5·10⁻⁹), so the difference is taken again at h/2 and
  // extrapolated (Richardson: D(h) = φ' + c·hᵖ, p = 2 central, 1 one-sided), and |D(h) − D(h/2)|
  // joins the error allowed, with 1 % of the larger slope and 100·ε·|f|/h, the rounding of f
  // magnified by the division. Four value evaluations, counted and traced as trials (up to 26 near
  // a domain's edge).
  template <class F>
  slope_check check_slope(evaluator<F>& ev, const iterate& it, std::size_t k) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    slope_check c;
    c.slope = failed_slope_;
    const double d_max = d_.lpNorm<Eigen::Infinity>();
    if (!(d_max > 0 && std::isfinite(d_max) && std::isfinite(c.slope))) return c;
    last_alpha_ = nan;  // x_trial_ no longer holds the last trial
    const auto in_box = [&](double alpha) {
      x_trial_ = it.x + alpha * d_;
      return !box_ || inside(*box_, x_trial_);
    };
    double h = std::cbrt(std::numeric_limits<double>::epsilon()) *
               std::max(1.0, it.x.lpNorm<Eigen::Infinity>()) / d_max;
    const bool has_plus = in_box(h), has_minus = in_box(-h);
    if (!(has_plus || has_minus)) return c;
    // The difference at step t, and the largest |f| it used; NaN when f is not finite there.
    double scale = std::fabs(it.f);
    // Each value is a trial record too (α = ±t, no slope), so that the trace accounts for every
    // evaluation the run counts.
    const auto value_at = [&](double alpha) {
      const double v = ev.value((x_trial_ = it.x + alpha * d_));
      ev.record_trial(k, alpha, v, nan);
      return v;
    };
    const auto difference = [&](double t) {
      const double plus = has_plus ? value_at(t) : it.f;
      const double minus = has_minus ? value_at(-t) : it.f;
      if (!std::isfinite(plus) || !std::isfinite(minus)) return nan;
      scale = std::max({scale, std::fabs(plus), std::fabs(minus)});
      return (plus - minus) / ((has_plus && has_minus ? 2 : 1) * t);
    };
    double wide = difference(h);
    if (std::isnan(wide)) {
      for (int i = 0; i < 10 && std::isnan(wide); ++i) wide = difference(h /= 10);
      if (std::isnan(wide)) return c;
      wide = difference(h /= 10);
      if (std::isnan(wide)) return c;
    }
    double truncation = 0;
    c.difference = wide;
    if (const double narrow = difference(h / 2); !std::isnan(narrow)) {
      const double order_factor = has_plus && has_minus ? 3 : 1;  // 2ᵖ − 1
      c.difference = narrow + (narrow - wide) / order_factor;
      truncation = std::fabs(wide - narrow);
    }
    c.error = truncation + 100 * std::numeric_limits<double>::epsilon() * scale / h;
    const double larger = std::max(std::fabs(c.slope), std::fabs(c.difference));
    // An error bar of half the larger number or more cannot even fix the sign: Meyer near its
    // minimum gave ∇fᵀd = −1.6e-10 against a difference of +8.2e-8, "agreeing" only because the
    // rounding of f allowed anything that small. That is no evidence either way.
    if (2 * c.error >= larger) {
      c.outcome = slope_check::verdict::inconclusive;
      return c;
    }
    const double allowed = 0.01 * larger + c.error;
    c.outcome = std::fabs(c.difference - c.slope) <= allowed ? slope_check::verdict::agrees
                                                             : slope_check::verdict::disagrees;
    return c;
  }

  bool cut_by_box() const {
    return std::visit([this](const auto& s) { return step_limit_ < s.max_step; }, options_);
  }
  // The first step and the largest step at most step_limit_ (kept above min_step, which the
  // options require).
  template <class Search>
  double limit(Search& s, double alpha0) const {
    s.max_step = std::min(s.max_step, std::max(step_limit_, 2 * s.min_step));
    return std::min(alpha0, s.max_step);
  }

  double accept(iterate& it, bool measure) {
    const double length = measure ? (x_trial_ - it.x).norm() : 0;
    it.x.swap(x_trial_);
    it.f = last_value_;
    it.gradient.swap(g_trial_);
    last_alpha_ = std::numeric_limits<double>::quiet_NaN();  // x_trial_ now holds the old x
    return length;
  }

  line_search_options options_;
  line_search_options projected_;
  line_search_options limited_;  // options_ with max_step cut to step_limit_
  const bounds* box_;
  Eigen::VectorXd d_, x_trial_, g_trial_;
  line_search_result result_;
  double last_alpha_ = 0, last_value_ = 0, slope0_ = 0;
  bool measure_length_ = true;
  bool within_ = false;
  double step_limit_ = std::numeric_limits<double>::infinity();
  static constexpr double max_step_growth = 100;
  double previous_alpha_ = 0, previous_slope_ = 0, previous_f_ = 0;
  double failed_slope_ = std::numeric_limits<double>::quiet_NaN();
};

/// Steepest descent with a line search.
class gd_ls_policy {
 public:
  /// With bounds: the projected-gradient method, x ← P(x − α∇f) (N&W §16.7).
  gd_ls_policy(const gd_ls& o, Eigen::Index n, std::size_t, const bounds* box = nullptr)
      : ls_(o.line_search, n, box) {}
  template <class F>
  step_outcome step(iterate it, evaluator<F>& ev, std::size_t k) {
    ls_.steepest_descent(it);
    const double f_start = it.f;
    const double alpha0 = ls_.next_first_trial(it, it.gradient.dot(ls_.direction()));
    step_outcome o = ls_.step_along(it, ev, k, alpha0, true, [] {});
    ls_.remember_first_trial(o, f_start);
    return o;
  }
  std::array<state_ref, 1> state() const { return {{{"d", &ls_.direction()}}}; }

 private:
  line_search_stepper ls_;
};

/// Nonlinear conjugate gradients.
class cg_policy {
 public:
  cg_policy(const cg& o, Eigen::Index n, std::size_t)
      : ls_(o.line_search, n),
        beta_(o.beta),
        restart_every_(o.restart > 0 ? o.restart
                                     : static_cast<std::size_t>(std::max<Eigen::Index>(n, 1))),
        g_previous_(n),
        y_(n) {}
  template <class F>
  step_outcome step(iterate it, evaluator<F>& ev, std::size_t k) {
    const Eigen::VectorXd& g = it.gradient;
    Eigen::VectorXd& d = ls_.direction();
    bool steepest = since_restart_ == 0 || since_restart_ >= restart_every_;
    if (!steepest) {
      const std::optional<double> beta = next_beta(g, d);
      if (beta) {
        d = *beta * d - g;
        steepest = !(g.dot(d) < 0);
      } else {
        steepest = true;
      }
    }
    if (steepest) {
      d = -g;
      since_restart_ = 0;
    }
    const double f_start = it.f;
    const double alpha0 = ls_.next_first_trial(it, g.dot(d));
    g_previous_ = g;
    gg_previous_ = g.squaredNorm();
    step_outcome o = ls_.step_along(it, ev, k, alpha0, steepest, [this] { since_restart_ = 0; });
    ls_.remember_first_trial(o, f_start);
    ++since_restart_;
    return o;
  }
  std::array<state_ref, 1> state() const { return {{{"d", &ls_.direction()}}}; }

 private:
  // β_k from g = ∇f_k, g₋ = ∇f_{k−1} and d = d_{k−1}; nothing when a restart is due.
  std::optional<double> next_beta(const Eigen::VectorXd& g, const Eigen::VectorXd& d) {
    const double gg = g.squaredNorm();
    if (!(gg_previous_ > 0)) return std::nullopt;
    switch (beta_) {
      case cg_beta::fletcher_reeves:
      case cg_beta::polak_ribiere_plus: {
        const double g_gp = g.dot(g_previous_);
        if (std::abs(g_gp) >= 0.1 * gg) return std::nullopt;  // N&W eq. 5.52
        if (beta_ == cg_beta::fletcher_reeves) return gg / gg_previous_;
        return std::max(0.0, (gg - g_gp) / gg_previous_);
      }
      case cg_beta::hager_zhang: {
        y_ = g - g_previous_;
        const double dy = d.dot(y_);
        if (!(std::abs(dy) > 0)) return std::nullopt;
        const double beta_n = (y_.dot(g) - 2 * y_.squaredNorm() * d.dot(g) / dy) / dy;
        const double eta = -1 / (d.norm() * std::min(0.01, std::sqrt(gg_previous_)));
        return std::max(beta_n, eta);
      }
    }
    return std::nullopt;
  }

  line_search_stepper ls_;
  cg_beta beta_;
  std::size_t restart_every_;
  std::size_t since_restart_ = 0;
  Eigen::VectorXd g_previous_, y_;
  double gg_previous_ = 0;
};

/// BFGS with a dense inverse Hessian.
class bfgs_policy {
 public:
  bfgs_policy(const bfgs& o, Eigen::Index n, std::size_t)
      : ls_(o.line_search, n),
        H_(Eigen::MatrixXd::Identity(n, n)),
        x_old_(n),
        g_old_(n),
        s_(n),
        y_(n),
        Hy_(n) {}
  template <class F>
  step_outcome step(iterate it, evaluator<F>& ev, std::size_t k) {
    const Eigen::VectorXd& g = it.gradient;
    Eigen::VectorXd& d = ls_.direction();
    bool steepest = !updated_;
    if (updated_) {
      d.noalias() = H_ * g;
      d = -d;
      if (!(g.dot(d) < 0)) forget(), steepest = true;
    }
    if (steepest) d = -g;
    x_old_ = it.x;
    g_old_ = g;
    step_outcome o = ls_.step_along(it, ev, k, steepest ? first_trial_step(g, it.x) : 1.0, steepest,
                                    [this] { forget(); });
    if (!o.stop) update(it);
    return o;
  }
  std::array<state_ref, 1> state() const { return {{{"d", &ls_.direction()}}}; }
  /// The current inverse-Hessian approximation H (tests compare it with the true inverse).
  const Eigen::MatrixXd& inverse_hessian() const noexcept { return H_; }

 private:
  void forget() {
    H_.setIdentity();
    updated_ = false;
  }
  // N&W eq. 6.17 expanded: H ← H − ρ(Hy·sᵀ + s·(Hy)ᵀ) + (ρ²·yᵀHy + ρ)·ssᵀ (H symmetric).
  void update(const iterate& it) {
    s_ = it.x - x_old_;
    y_ = it.gradient - g_old_;
    const double sy = s_.dot(y_);
    if (!(sy > 1e-10 * s_.norm() * y_.norm())) return;  // skip: curvature not positive
    if (!updated_) H_ *= sy / y_.squaredNorm();         // N&W eq. 6.20
    Hy_.noalias() = H_ * y_;
    const double rho = 1 / sy;
    const double c = rho * rho * y_.dot(Hy_) + rho;
    const Eigen::Index n = H_.rows();
    for (Eigen::Index j = 0; j < n; ++j)
      for (Eigen::Index i = 0; i < n; ++i)
        H_(i, j) += c * s_[i] * s_[j] - rho * (Hy_[i] * s_[j] + s_[i] * Hy_[j]);
    updated_ = true;
  }

  line_search_stepper ls_;
  Eigen::MatrixXd H_;
  Eigen::VectorXd x_old_, g_old_, s_, y_, Hy_;
  bool updated_ = false;
};

/// Limited-memory BFGS with ring buffers of (s, y) pairs.
class lbfgs_policy {
 public:
  // From this many coordinates two_loop() forms d with combine() (lbfgs_kernels.hpp), which
  // prefetches the 2m streams of the stored pairs and works four lanes at a time: 28 → 17–20 ms
  // per iteration at n = 10⁶, 1.35–1.7 → 1.1 ms at 10⁵ on extended Rosenbrock, and at 10⁴ (pairs
  // in the last-level cache) 0.098–0.124 → 0.083–0.111 ms once the other pass was fused. Below
  // it d keeps the bits it always had on small problems, from Eigen's products over the ring: the
  // other order of the same sums changes the last bits of d, which moves the evaluations of
  // ill-conditioned MGH problems by chance (Meyer's 547 became 659).
  static constexpr Eigen::Index streamed_from = 1 << 12;

  /// With bounds: L-BFGS-B (lbfgsb.hpp), whose compact model keeps its own pairs; the ring
  /// buffers of the two-loop recursion stay empty.
  lbfgs_policy(const lbfgs& o, Eigen::Index n, std::size_t max_iterations,
               const bounds* box = nullptr)
      : ls_(o.line_search, n, box),
        m_(ring_size(o.memory, max_iterations)),
        y_offset_(box ? 0 : (n * m_ + 1) / 2 * 2),
        pairs_(static_cast<std::size_t>(2 * y_offset_)),
        S_(pairs_.data(), box ? 0 : n, m_),
        Y_(pairs_.data() + y_offset_, box ? 0 : n, m_),
        rho_(m_),
        a_(m_),
        sigma_(m_),
        tau_(m_),
        ss_(m_, m_),
        sy_(m_, m_),
        yy_(m_, m_),
        gs_(m_),
        gy_(m_),
        with_s_(3, m_),
        with_y_(3, m_),
        by_age_(m_),
        columns_(static_cast<std::size_t>(2 * m_)),
        pair_blocks_(static_cast<std::size_t>(m_)),
        coefficients_(2 * m_),
        scaling_(o.scaling),
        box_(box),
        model_(box ? n : 0, m_) {
    if (!box) ls_.leave_step_length_to_caller();  // remember() measures it with s
    if (box) {
      const auto finite = [](const Eigen::VectorXd& v) { return v.array().isFinite(); };
      boxed_ = (finite(box->lower) && finite(box->upper)).all();
      constrained_ = (finite(box->lower) || finite(box->upper)).any();
    }
  }
  // An iteration streams each vector as few times as it can: the recursion works on inner products
  // (two_loop) and forms d in one pass that also takes ∇fᵀd (the line search's φ'(0)); the accepted
  // point's buffers are swapped in, not copied, so x_{k−1} and ∇f_{k−1} stay in the stepper; one
  // pass then forms s and y with ‖s‖₂ (the step length), the inner products of s, y and ∇f with the
  // stored pairs, ‖∇f‖∞ and whether x is finite (what the engine would check in passes of its
  // own). ‖s‖₂ is summed in the order of Eigen's norm(), so it equals a separate pass bit for bit.
  template <class F>
  step_outcome step(iterate it, evaluator<F>& ev, std::size_t k) {
    if (box_) return step_in_box(it, ev, k);
    const Eigen::VectorXd& g = it.gradient;
    Eigen::VectorXd& d = ls_.direction();
    measured_ = {};
    std::optional<double> slope;
    if (count_ > 0)
      slope = two_loop(d, g);
    else
      ls_.steepest_descent(it);
    if (slope && !(*slope < 0)) {
      count_ = 0;
      slope.reset();
      ls_.steepest_descent(it);
    }
    const bool steepest = count_ == 0;
    const double f_start = it.f;
    step_outcome o = ls_.step_along(
        it, ev, k, steepest ? first_trial_step(g, it.x) : model_first_trial_, steepest,
        [this] { count_ = 0; }, slope);
    if (!o.stop) {
      // count_ is 0 after a restart: the accepted search then ran along −∇f.
      measure_search(f_start, !steepest && count_ > 0);
      remember(it, o);
    }
    return o;
  }
  std::array<state_ref, 1> state() const { return {{{"d", &ls_.direction()}}}; }
  /// What the last step measured of the accepted point (minimize.hpp skips its own passes).
  const point_measures& measured() const noexcept { return measured_; }

 private:
  // A run forms at most one pair per iteration, so a ring longer than max_iterations is never
  // filled: storage for min(m, max_iterations) pairs gives the same steps, and a huge `memory`
  // then costs what the run can use rather than an up-front m·n allocation.
  static Eigen::Index ring_size(std::size_t memory, std::size_t max_iterations) {
    return static_cast<Eigen::Index>(std::max<std::size_t>(1, std::min(memory, max_iterations)));
  }
  // lbfgs_scaling::adaptive (methods.hpp): from the search just accepted, the factor by which the
  // model's step fell short of φ's minimizer along d, and the next search's first trial.
  void measure_search(double f_start, bool along_model) {
    model_first_trial_ = 1;
    line_minimizer_ = std::numeric_limits<double>::quiet_NaN();
    if (scaling_ != lbfgs_scaling::adaptive || !along_model) return;
    const phi_value zero{f_start, ls_.slope()};
    const line_search_trial t{ls_.alpha(), ls_.value(), ls_.end_slope()};
    const double r = t.slope / zero.slope;
    const double c = cubic_step(zero, t);
    line_minimizer_ = std::isfinite(c) && c > 0 ? c : r < 1 ? t.alpha / (1 - r) : 0;
    if (ls_.evaluations() == 1 && r > 0.5 && r < 1) model_first_trial_ = std::min(2.0, 1 / (1 - r));
  }
  // L-BFGS-B: d = x̄ − x, searched along x + αd for α up to the box's edge; the pair of the
  // accepted step updates the model. A failed search is retried once with the pairs forgotten.
  template <class F>
  step_outcome step_in_box(iterate it, evaluator<F>& ev, std::size_t k) {
    const bool first = !started_;
    started_ = true;
    const bool fresh = box_direction(it);
    const double alpha0 = first ? first_box_step(it.x) : box_trial_step(fresh, it.x);
    step_outcome o = ls_.step_along(it, ev, k, alpha0, fresh, [this, it] {
      model_.clear();
      box_direction(it);
      return box_trial_step(true, it.x);
    });
    if (!o.stop) model_.remember(it.x, ls_.previous_x(), it.gradient, ls_.previous_gradient());
    return o;
  }
  // d = x̄ − x from the model, or from B = I when the pairs fail (a singular system, or x̄ − x
  // not downhill); limits the search to the box. True when the model holds no pairs.
  bool box_direction(const iterate& it) {
    Eigen::VectorXd& d = ls_.direction();
    if (!model_.direction(*box_, it.x, it.gradient, d) || !(it.gradient.dot(d) < 0)) {
      model_.clear();
      model_.direction(*box_, it.x, it.gradient, d);
    }
    ls_.search_within(max_feasible_step(*box_, it.x, d, std::numeric_limits<double>::infinity()));
    return model_.pairs() == 0;
  }
  // The run's first trial along d = P(x − ∇f) − x, as lnsrlb in the Fortran L-BFGS-B 3.0 takes
  // it: α = 1 (the whole step to P(x − ∇f)) when every variable has both bounds, min(1/‖d‖₂, 1)
  // when some bound is finite. first_trial_step's ½/‖d‖∞, which the unbounded methods use, cost
  // Wood in its box (bench/scipy_bounds.py) 80 evaluations against SciPy's 27: its short first
  // step left x₁ < 0 and the run passed through the basin of the local minimum f ≈ 7.88 before
  // reaching the bound x₁ = 0; and Brown badly scaled 10 evaluations to extrapolate from
  // α = 5e-7 where α = 1 and one interpolation take 2. With no finite bound first_trial_step's
  // rule stays, so that an infinite box runs like plain lbfgs. lnsrlb also caps this first
  // search at α = 1 (stpmx = 1 at iter = 0); here it may go on to the box's edge as every later
  // search does: where ‖∇f‖ is below the spacing of x, α = 1 moves nothing, and a capped search
  // could not leave the start (bounds_test.cpp, lbfgsb_keeps_a_step_below_the_spacing_of_x).
  double first_box_step(const Eigen::VectorXd& x) const {
    if (boxed_) return 1.0;
    if (!constrained_) return box_trial_step(true, x);
    const double norm = ls_.direction().norm();
    return norm > 0 && std::isfinite(norm) ? std::min(1.0, 1 / norm) : 1.0;
  }
  // With no pairs d = P(x − ∇f) − x, and the first trial moves no coordinate by more than ½
  // (first_trial_step's rule); with pairs x̄ is the model's minimizer, α = 1.
  double box_trial_step(bool fresh, const Eigen::VectorXd& x) const {
    return fresh ? first_trial_step(ls_.direction(), x) : 1.0;
  }

  // remember() forms s and y block by block, and each block's s, y and ∇f stay in cache while
  // pair_dots() (lbfgs_kernels.hpp) streams the stored pairs past them.
  static constexpr Eigen::Index long_block = 2048;

  Eigen::Index slot(Eigen::Index age) const { return (head_ - 1 - age + 2 * m_) % m_; }

  // N&W Algorithm 7.4 run on coefficients instead of vectors (the vector-free L-BFGS of Chen,
  // Wang, Zhou and Smola, "Large-scale L-BFGS using MapReduce", NIPS 2014): every vector the
  // recursion forms is a combination q = Σ σ_j s_j + τ_j y_j + ω∇f of the stored pairs and ∇f, so
  // each of its dot products s_iᵀq and y_iᵀr is a sum over the inner products of those vectors.
  // remember() keeps them (s_iᵀs_j, s_iᵀy_j, y_iᵀy_j and ∇fᵀs_j, ∇fᵀy_j, taken in the one pass
  // that forms the new pair), so the recursion itself costs O(m²) and d is formed in one pass over
  // the 2m stored vectors: about 2·2m·8n bytes per iteration with remember()'s pass, against the
  // 64·m·n bytes of the two loops on vectors. d equals Algorithm 7.4's −H∇f up to rounding; the
  // pass that forms it also takes ∇fᵀd, the line search's φ'(0).
  double two_loop(Eigen::VectorXd& d, const Eigen::VectorXd& g) {
    const Eigen::Index n = d.size();
    if (!dots_ready_) gradient_dots(g);
    dots_ready_ = false;
    sigma_.setZero();  // q = −∇f: σ = τ = 0, ω = −1
    tau_.setZero();
    double omega = -1;
    // The slots from the newest pair to the oldest, taken once: the O(m²) sums below would
    // otherwise spend more time on the ring's modulo than on their products when n is small.
    for (Eigen::Index age = 0; age < count_; ++age) by_age_[age] = slot(age);
    // vᵀ(σᵀS + τᵀY + ω∇f) from v's inner products with ∇f, the s_j and the y_j (by slot).
    const auto inner = [&](double with_g, const auto& with_s, const auto& with_y) {
      double t = omega * with_g;
      for (Eigen::Index age = 0; age < count_; ++age) {
        const Eigen::Index j = by_age_[age];
        t += sigma_[j] * with_s[j] + tau_[j] * with_y[j];
      }
      return t;
    };
    // s_iᵀq and y_iᵀr; ss_ and yy_ are symmetric.
    const auto s_dot = [&](Eigen::Index i) { return inner(gs_[i], ss_.col(i), sy_.row(i)); };
    const auto y_dot = [&](Eigen::Index i) { return inner(gy_[i], sy_.col(i), yy_.col(i)); };
    for (Eigen::Index age = 0; age < count_; ++age) {  // newest to oldest: q ← q − α_i y_i
      const Eigen::Index i = by_age_[age];
      a_[i] = rho_[i] * s_dot(i);
      tau_[i] -= a_[i];
    }
    sigma_ *= gamma_;  // r = γq, N&W eq. 7.20
    tau_ *= gamma_;
    omega *= gamma_;
    for (Eigen::Index age = count_ - 1; age >= 0; --age) {  // oldest to newest: r ← r + (α − β)s
      const Eigen::Index i = by_age_[age];
      sigma_[i] += a_[i] - rho_[i] * y_dot(i);
    }
    if (n < streamed_from) {  // d = ω∇f + Sσ + Yτ, by Eigen's products over the ring's ranges
      return in_blocks<long_block>(n, [&](Eigen::Index first, Eigen::Index size) {
        auto db = d.segment(first, size);
        const auto gb = g.segment(first, size);
        db = omega * gb;
        for_slots(count_, [&](Eigen::Index c, Eigen::Index k) {
          db.noalias() += S_.block(first, c, size, k) * sigma_.segment(c, k);
          db.noalias() += Y_.block(first, c, size, k) * tau_.segment(c, k);
        });
        return gb.dot(db);
      });
    }
    for (Eigen::Index age = 0; age < count_; ++age) {  // the same, streamed by combine()
      const Eigen::Index j = by_age_[age];
      columns_[static_cast<std::size_t>(2 * age)] = &S_(0, j);
      columns_[static_cast<std::size_t>(2 * age + 1)] = &Y_(0, j);
      coefficients_[2 * age] = sigma_[j];
      coefficients_[2 * age + 1] = tau_[j];
    }
    const auto used = static_cast<std::size_t>(2 * count_);
    return combine(d.data(), g.data(), omega, std::span(columns_).first(used),
                   std::span(coefficients_.data(), used), n);
  }

  // fn(first, count) for the columns of the ring that hold the newest `pairs` pairs: the slots
  // head_ − pairs … head_ − 1, one range or two when they wrap around.
  template <class Fn>
  void for_slots(Eigen::Index pairs, Fn&& fn) const {
    const Eigen::Index first = head_ - pairs;
    if (first >= 0) {
      if (pairs > 0) fn(first, pairs);
      return;
    }
    fn(first + m_, -first);
    if (head_ > 0) fn(Eigen::Index{0}, head_);
  }

  // ∇fᵀs_j and ∇fᵀy_j of the stored pairs when remember() has not taken them at this ∇f.
  void gradient_dots(const Eigen::VectorXd& g) {
    for (Eigen::Index age = 0; age < count_; ++age) {
      const Eigen::Index j = slot(age);
      gs_[j] = g.dot(S_.col(j));
      gy_[j] = g.dot(Y_.col(j));
    }
  }

  // s = x_k − x_{k−1}, y = ∇f_k − ∇f_{k−1} into the ring, with sᵀy and yᵀy for ρ and γ; in the
  // same pass the step length ‖s‖₂ (into o), and for the engine ‖∇f_k‖∞ and, when ‖s‖₂ is finite,
  // that x_k is (a finite s_i = x_i − x_old_i needs both finite); and the inner products the next
  // recursion needs: of s and y with each pair kept, and of ∇f_k with all of them. The slot being
  // written holds the oldest pair when the memory is full, which is dropped either way.
  void remember(const iterate& it, step_outcome& o) {
    const Eigen::VectorXd& x = it.x;
    const Eigen::VectorXd& g = it.gradient;
    const Eigen::VectorXd& x_old = ls_.previous_x();
    const Eigen::VectorXd& g_old = ls_.previous_gradient();
    const Eigen::Index n = x.size();
    const Eigen::Index kept = std::min(count_, m_ - 1);  // old pairs that survive this step
    auto s = S_.col(head_);
    auto y = Y_.col(head_);
    double yy = 0, gy = 0, g_max = 0;
    bool g_nan = false;
    with_s_.setZero();
    with_y_.setZero();
    ordered_sum ss(n), sg(n);  // (x − x_old).squaredNorm(), S_.col(head_).dot(−g)
    const double sy = in_blocks<long_block>(n, [&](Eigen::Index first, Eigen::Index size) {
      double *sb = &s[first], *yb = &y[first];
      const double* gb = &g[first];
      const new_pair_sums b =
          form_new_pair(&x[first], &x_old[first], gb, &g_old[first], sb, yb, first, size, ss, sg);
      for (Eigen::Index age = 0; age < kept; ++age) {
        const Eigen::Index j = slot(age);
        pair_blocks_[static_cast<std::size_t>(age)] = {&S_(first, j), &Y_(first, j), &with_s_(0, j),
                                                       &with_y_(0, j)};
      }
      pair_dots(sb, yb, gb, std::span(pair_blocks_).first(static_cast<std::size_t>(kept)), size);
      g_nan |= b.g_nan;
      g_max = std::max(g_max, b.g_max);
      yy += b.yy;
      gy += b.gy;
      return b.sy;
    });
    o.info.step_length = std::sqrt(ss.total());
    measured_ = {g_nan ? std::numeric_limits<double>::quiet_NaN() : g_max,
                 std::isfinite(o.info.step_length)};
    count_ = kept;
    gs_ = with_s_.row(2).transpose();
    gy_ = with_y_.row(2).transpose();
    dots_ready_ = true;
    if (!(sy > std::numeric_limits<double>::epsilon() * yy)) return;  // skip the pair
    const Eigen::Index h = head_;
    for (Eigen::Index age = 0; age < kept; ++age) {
      const Eigen::Index j = slot(age);
      ss_(h, j) = ss_(j, h) = with_s_(0, j);
      sy_(h, j) = with_y_(0, j);
      sy_(j, h) = with_s_(1, j);
      yy_(h, j) = yy_(j, h) = with_y_(1, j);
    }
    ss_(h, h) = ss.total();
    sy_(h, h) = sy;
    yy_(h, h) = yy;
    gs_[h] = -sg.total();
    gy_[h] = gy;
    rho_[h] = 1 / sy;
    gamma_ = sy / yy;  // N&W eq. 7.20
    if (scaling_ == lbfgs_scaling::adaptive) {
      if (std::isnan(line_minimizer_))
        model_factor_ = 1;  // the pair of a steepest-descent step
      else if (std::isfinite(line_minimizer_) && line_minimizer_ > 0)
        model_factor_ = std::max(1.0, model_factor_ * line_minimizer_);
      gamma_ = std::min(ss.total() / sy, model_factor_ * gamma_);
    }
    head_ = (head_ + 1) % m_;
    count_ = kept + 1;
  }

  line_search_stepper ls_;
  Eigen::Index m_;
  // Y_ starts an even number of doubles into the buffer, so that both maps are 16-byte aligned as
  // their type promises (and as Eigen's own matrices were, so its products take the same paths).
  Eigen::Index y_offset_;
  large_buffer pairs_;                                   // S_ and Y_, side by side
  Eigen::Map<Eigen::MatrixXd, Eigen::Aligned16> S_, Y_;  // the ring of pairs, a column each
  Eigen::VectorXd rho_, a_, sigma_, tau_;
  Eigen::MatrixXd ss_, sy_, yy_;  // s_iᵀs_j, s_iᵀy_j, y_iᵀy_j by slot
  Eigen::VectorXd gs_, gy_;       // ∇f_kᵀs_j, ∇f_kᵀy_j by slot
  Eigen::Matrix<double, 3, Eigen::Dynamic> with_s_, with_y_;  // s, y, ∇f_k against s_j and y_j
  Eigen::Matrix<Eigen::Index, Eigen::Dynamic, 1> by_age_;     // two_loop's slots, newest first
  std::vector<const double*> columns_;   // s_j, y_j of the slots newest first, for combine()
  std::vector<pair_block> pair_blocks_;  // the surviving pairs' blocks, for pair_dots()
  Eigen::VectorXd coefficients_;         // σ_j, τ_j beside them
  Eigen::Index head_ = 0, count_ = 0;
  double gamma_ = 1;
  lbfgs_scaling scaling_;
  double model_factor_ = 1;  // adaptive: c of γ = min(sᵀs/sᵀy, c·sᵀy/yᵀy)
  // adaptive: α_c of the last search along d; 0 when it gave none, NaN when it ran along −∇f.
  double line_minimizer_ = 0;
  double model_first_trial_ = 1;  // first trial of the next search along d
  bool dots_ready_ = false;       // gs_ and gy_ hold ∇f_k's inner products, from remember()
  point_measures measured_;
  const bounds* box_;
  bool boxed_ = false;        // every variable has two finite bounds (the Fortran code's "boxed")
  bool constrained_ = false;  // some bound is finite ("cnstnd")
  bool started_ = false;      // the first step is taken
  lbfgsb_model model_;
};

/// Newton's method with a modified Cholesky factorization.
/// Up to N named vectors of method state, of which the first size() are shown.
template <std::size_t N>
struct state_list {
  std::array<state_ref, N> refs;
  std::size_t count = N;
  const state_ref* data() const noexcept { return refs.data(); }
  std::size_t size() const noexcept { return count; }
};

/// Newton's method, with a trust region or a line search (newton::globalization).
class newton_policy {
 public:
  newton_policy(const newton& o, Eigen::Index n, std::size_t)
      : ls_(o.line_search, n),
        trust_(o.globalization == globalization::trust_region),
        initial_radius_(o.initial_radius),
        max_radius_(o.max_radius),
        eta_(o.eta),
        subproblem_(trust_ ? n : 0),
        H_(n, n),
        A_(trust_ ? 0 : n, trust_ ? 0 : n),
        llt_(trust_ ? 0 : n),
        x_h_(n),
        g_h_(n),
        x_trial_(trust_ ? n : 0),
        g_trial_(trust_ ? n : 0),
        shift_(Eigen::VectorXd::Constant(1, std::numeric_limits<double>::quiet_NaN())),
        radius_(Eigen::VectorXd::Zero(1)) {}
  template <class F>
  step_outcome step(iterate it, evaluator<F>& ev, std::size_t k) {
    if (trust_) return trust_region_step(it, ev, k);
    const Eigen::VectorXd& g = it.gradient;
    Eigen::VectorXd& d = ls_.direction();
    hessian(it, ev);
    const bool finite = H_.allFinite();
    if (!finite) not_finite_at(k);
    const bool factored = finite && factor();
    if (factored) {
      d = -g;
      llt_.solveInPlace(d);
    }
    const bool steepest = !factored || !(g.dot(d) < 0);
    if (steepest) d = -g;
    shift_[0] = factored ? tau_ : std::numeric_limits<double>::quiet_NaN();
    return ls_.step_along(it, ev, k, steepest ? first_trial_step(g, it.x) : 1.0, steepest, [] {});
  }
  state_list<3> state() const {
    if (trust_) return {{{{"d", &ls_.direction()}, {"tau", &shift_}, {"radius", &radius_}}}, 3};
    return {{{{"d", &ls_.direction()}, {"tau", &shift_}, {"radius", &radius_}}}, 2};
  }
  /// The Hessians that were not finite, for the result's note (the engine calls this at the end).
  void diagnose(diagnosis& d) const {
    if (bad_hessians_ == 0) return;
    d.non_finite_hessians.count = bad_hessians_;
    d.non_finite_hessians.trust_region = trust_;
    const std::size_t listed = std::min(bad_hessians_, first_bad_.size());
    d.non_finite_hessians.points.assign(first_bad_.begin(),
                                        first_bad_.begin() + static_cast<std::ptrdiff_t>(listed));
    if (bad_hessians_ > listed) d.non_finite_hessians.points.push_back(last_bad_);
  }

 private:
  // N&W Algorithm 4.1 around the subproblem solver: trial points until one is accepted; the
  // Hessian is evaluated once per accepted point. ls_'s direction holds the step p.
  template <class F>
  step_outcome trust_region_step(iterate it, evaluator<F>& ev, std::size_t k) {
    const Eigen::VectorXd& g = it.gradient;
    Eigen::VectorXd& p = ls_.direction();
    if (stale_) {
      hessian(it, ev);
      // A Hessian that is not finite says nothing: the model m(p) = ∇fᵀp, whose minimizer in
      // the region is the steepest-descent step to its boundary.
      if (!H_.allFinite()) {
        not_finite_at(k);
        H_.setZero();
      }
      stale_ = false;
    }
    double& radius = radius_[0];
    // Δ₀ ≤ Δ̂ (N&W Algorithm 4.1): the first Newton step's length may be longer than the cap.
    if (radius == 0)
      radius = std::min(initial_radius_ > 0 ? initial_radius_ : first_radius(H_, g), max_radius_);
    for (;;) {
      const subproblem_solution s = subproblem_.solve(H_, g, radius, p);
      shift_[0] = s.lambda;
      x_trial_ = it.x + p;
      double f_trial = ev.value_and_gradient(x_trial_, g_trial_);
      const double length = p.stableNorm();
      ev.record_trial(k, length, f_trial, length > 0 ? g_trial_.dot(p) / length : 0.0);
      if (!g_trial_.allFinite()) f_trial = std::numeric_limits<double>::quiet_NaN();
      const bool moved = (x_trial_.array() != it.x.array()).any();
      const radius_decision d =
          next_radius(it.f, f_trial, s.predicted, length, radius, max_radius_, eta_);
      radius = d.radius;
      if (d.accept && moved) {
        it.x.swap(x_trial_);
        it.gradient.swap(g_trial_);
        it.f = f_trial;
        stale_ = true;
        return {{length, 1.0}, std::nullopt, {}};
      }
      if (!moved || !(radius > 0))
        return {{0, 0},
                status::trust_region_failed,
                trust_region_failed_message(k, length, g.lpNorm<Eigen::Infinity>())};
    }
  }

  // Iteration k took ∇²f at x_{k−1}: the note names that point as the table's rows do.
  void not_finite_at(std::size_t k) {
    if (bad_hessians_ < first_bad_.size()) first_bad_[bad_hessians_] = k - 1;
    last_bad_ = k - 1;
    ++bad_hessians_;
  }

  template <class F>
  void hessian(const iterate& it, evaluator<F>& ev) {
    if constexpr (twice_differentiable_objective<F>) {
      if (ev.has_hessian()) {
        ev.hessian(it.x, H_);
        return;
      }
    }
    difference_hessian(it, ev);
  }

  // N&W Algorithm 3.3: τ₀ = 0 when min ∇²f_ii > 0, else β − min ∇²f_ii; then τ ← max(2τ, β)
  // until H + τI has a Cholesky factor. β = 1e-3·max(1, max |∇²f_ii|) keeps the shift in scale.
  bool factor() {
    const double beta = 1e-3 * std::max(1.0, H_.diagonal().cwiseAbs().maxCoeff());
    const double min_diagonal = H_.diagonal().minCoeff();
    tau_ = min_diagonal > 0 ? 0 : beta - min_diagonal;
    for (int attempt = 0; attempt < 80; ++attempt) {
      A_ = H_;
      A_.diagonal().array() += tau_;
      llt_.compute(A_);
      if (llt_.info() == Eigen::Success) return true;
      tau_ = std::max(2 * tau_, beta);
    }
    return false;
  }

  // Forward differences of the gradient, h_i = √ε·max(1, |x_i|), symmetrized: n gradients.
  template <class F>
  void difference_hessian(const iterate& it, evaluator<F>& ev) {
    const double root_eps = std::sqrt(std::numeric_limits<double>::epsilon());
    x_h_ = it.x;
    for (Eigen::Index i = 0; i < x_h_.size(); ++i) {
      const double saved = x_h_[i];
      x_h_[i] = saved + root_eps * std::max(1.0, std::abs(saved));
      const double h = x_h_[i] - saved;
      ev.value_and_gradient(x_h_, g_h_);
      H_.col(i) = (g_h_ - it.gradient) / h;
      x_h_[i] = saved;
    }
    for (Eigen::Index j = 0; j < H_.cols(); ++j)
      for (Eigen::Index i = 0; i < j; ++i) H_(i, j) = H_(j, i) = (H_(i, j) + H_(j, i)) / 2;
  }

  line_search_stepper ls_;
  bool trust_;
  double initial_radius_, max_radius_, eta_;
  trust_region_subproblem subproblem_;
  Eigen::MatrixXd H_, A_;
  Eigen::LLT<Eigen::MatrixXd> llt_;
  Eigen::VectorXd x_h_, g_h_, x_trial_, g_trial_;
  Eigen::VectorXd shift_;   // τ of the last factorization or λ of the last subproblem
  Eigen::VectorXd radius_;  // Δ for the next trust-region step; 0 before the first
  double tau_ = 0;
  bool stale_ = true;  // the Hessian belongs to an earlier point
  // The points whose Hessian was not finite: how many, the first few and the last.
  std::size_t bad_hessians_ = 0;
  std::array<std::size_t, 3> first_bad_{};
  std::size_t last_bad_ = 0;
};

template <>
struct policy_of<gd_ls> {
  using type = gd_ls_policy;
};
template <>
struct policy_of<cg> {
  using type = cg_policy;
};
template <>
struct policy_of<bfgs> {
  using type = bfgs_policy;
};
template <>
struct policy_of<lbfgs> {
  using type = lbfgs_policy;
};
template <>
struct policy_of<newton> {
  using type = newton_policy;
};

}  // namespace kobai::detail
