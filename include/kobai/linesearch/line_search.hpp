#pragma once
// Line searches on a one-dimensional function φ(α) = f(x + α·d) with slope φ'(α) = ∇f(x + α·d)ᵀd,
// interchangeable behind one call:
//
//   kobai::line_search_result r = kobai::line_search(phi, phi0, 1.0, kobai::more_thuente{});
//   if (r.ok()) x += r.alpha * d;
//
// - armijo: backtracking until φ(α) ≤ φ(0) + c1·α·φ'(0), each new step from a quadratic or cubic
//   interpolant, kept in [shrink_min·α, shrink_max·α] (Nocedal & Wright, 2nd ed., §3.5).
// - more_thuente: strong Wolfe conditions by Moré & Thuente, "Line search algorithms with
//   guaranteed sufficient decrease", ACM TOMS 20(3):286–307, 1994 (the MINPACK-2 dcsrch/dcstep
//   algorithm: a safeguarded interval of uncertainty, cubic and quadratic steps).
// - hager_zhang: Wolfe or approximate Wolfe conditions by Hager & Zhang, "A new conjugate gradient
//   method with guaranteed descent and an efficient line search", SIAM J. Optim. 16(1):170–192,
//   2005, and "Algorithm 851: CG_DESCENT", ACM TOMS 32(1):113–137, 2006 (bracket, secant², bisect).
//
// A trial step at which φ or φ' is NaN or infinite is not a failure: the step shrinks towards the
// last finite point and the search goes on (as Ceres does). Outcomes are values, never exceptions;
// exceptions are only for invalid options (usage_error naming the field).
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kobai {

/// φ and φ' at one step α.
struct phi_value {
  double value = 0;
  double slope = 0;
};

/// The function searched along: α ↦ (φ(α), φ'(α)).
using phi_function = std::function<phi_value(double alpha)>;

/// How a line search ended.
enum class line_search_status {
  ok,                 ///< the conditions of the method hold at alpha
  not_descent,        ///< φ'(0) ≥ 0: the direction does not go downhill
  nonfinite_start,    ///< φ(0) or φ'(0) is NaN or infinite
  max_evaluations,    ///< the evaluation budget ran out first
  step_too_small,     ///< the step shrank below min_step (non-finite values or no decrease)
  step_too_large,     ///< the step reached max_step with φ still decreasing
  interval_too_small  ///< the interval of uncertainty shrank to rounding level
};

/// "ok", "not_descent", … (the enum's own name).
std::string_view to_string(line_search_status s) noexcept;

/// One evaluation of φ during the search, in order (the optimizer copies these into the trace's
/// trial_point records, adding the iteration number).
struct line_search_trial {
  double alpha = 0;
  double value = 0;
  double slope = 0;
};

/// The outcome of a search. On failure, alpha, value and slope describe the best point found (the
/// lowest finite φ; α = 0 if none improved on the start), so a caller may still use it.
struct line_search_result {
  double alpha = 0;
  double value = 0;             ///< φ(alpha)
  double slope = 0;             ///< φ'(alpha)
  std::size_t evaluations = 0;  ///< calls of φ (the start point φ(0) is given, not counted)
  line_search_status status = line_search_status::ok;
  /// Empty when ok; otherwise what happened. Only not_descent names a cause (the gradient or the
  /// direction): the others can come from a wrong gradient, an f that is not finite along d, or
  /// values lost in rounding, which the search cannot tell apart. The optimizers tell them apart
  /// with a finite-difference check of φ'(0) when a search fails.
  std::string message;
  std::vector<line_search_trial> trials;

  bool ok() const noexcept { return status == line_search_status::ok; }
};

/// How the next trial step is chosen when backtracking.
enum class interpolation {
  bisection,  ///< α ← α/2
  quadratic,  ///< minimizer of the quadratic through φ(0), φ'(0), φ(α)
  cubic       ///< minimizer of the cubic through φ(0), φ'(0), φ(α), φ'(α)
};

/// Backtracking to sufficient decrease (Armijo). Suited to Newton-type steps where α = 1 is usually
/// right; it does not ensure the curvature condition that BFGS updates need.
///
/// When the first step is accepted and φ does not curve up there, φ(α) ≤ φ(0) + α·φ'(0) and
/// φ'(α) ≤ φ'(0) (never on a strictly convex φ), the step is multiplied by 4 while that holds and
/// φ keeps falling (`expand`), up to max_step: a linear or concave φ has no minimizer short of α,
/// and a search that only shrinks would walk at its first step's pace where f is unbounded below.
struct armijo {
  double c1 = 1e-4;  ///< sufficient decrease: φ(α) ≤ φ(0) + c1·α·φ'(0); 0 < c1 < 1
  double shrink_min =
      0.1;  ///< each new step ≥ shrink_min·α (safeguard); 0 < shrink_min ≤ shrink_max
  double shrink_max = 0.5;  ///< each new step ≤ shrink_max·α; shrink_max < 1
  interpolation method = interpolation::cubic;
  double min_step = 1e-20;           ///< give up below this step; > 0
  double max_step = 1e20;            ///< largest step the expansion tries; > min_step
  bool expand = true;                ///< lengthen a first step along which φ does not curve up
  std::size_t max_evaluations = 40;  ///< ≥ 1 (backtracking and expansion together)
};

/// Strong Wolfe conditions by Moré–Thuente:
///   φ(α) ≤ φ(0) + c1·α·φ'(0)  and  |φ'(α)| ≤ c2·|φ'(0)|.
/// c2 = 0.9 suits quasi-Newton methods (BFGS, L-BFGS); use 0.1 for conjugate gradients, which need
/// a more exact search.
///
/// One rule beyond MINPACK-2's dcsrch: near a minimum φ(α) − φ(0) drowns in the rounding of f,
/// and the value comparisons that choose the next step are noise. Values within 1e-6·|φ(0)| of
/// each other (Hager & Zhang's estimate of f's relative error, SIAM J. Optim. 16(1), 2005, §4)
/// therefore count as equal, so the slopes decide; and a trial within 1e-6·|φ(0)| of φ(0) is also
/// accepted on the approximate Wolfe conditions (2c1 − 1)·φ'(0) ≥ φ'(α) and
/// |φ'(α)| ≤ c2·|φ'(0)|. Away from a minimum the search is dcsrch's.
struct more_thuente {
  double c1 = 1e-4;  ///< sufficient decrease (ftol in MINPACK-2); 0 < c1 < 1
  /// Curvature (gtol); c1 ≤ c2 < 1: Moré and Thuente allow c1 = c2 (their tables III–V use
  /// μ = η = 0.1).
  double c2 = 0.9;
  double xtol = 1e-10;  ///< relative width of the interval of uncertainty at which to stop; ≥ 0
  double min_step = 1e-20;           ///< lower bound on α; ≥ 0
  double max_step = 1e20;            ///< upper bound on α; > min_step
  std::size_t max_evaluations = 40;  ///< ≥ 1
};

/// Hager–Zhang (CG_DESCENT) line search. Accepts a step satisfying the Wolfe conditions
///   φ(α) − φ(0) ≤ δ·α·φ'(0)  and  φ'(α) ≥ σ·φ'(0),
/// or the approximate Wolfe conditions, which stay meaningful where φ(α) − φ(0) is lost to rounding
/// near a minimum:
///   (2δ − 1)·φ'(0) ≥ φ'(α) ≥ σ·φ'(0)  and  φ(α) ≤ φ(0) + ε·|φ(0)|.
/// Defaults are the paper's (§4 of the 2005 paper, Table of CG_DESCENT parameters).
struct hager_zhang {
  double delta = 0.1;     ///< δ, sufficient decrease; 0 < δ < 0.5
  double sigma = 0.9;     ///< σ, curvature; δ ≤ σ < 1 (0.1 gives a more exact search for CG)
  double epsilon = 1e-6;  ///< ε, allowed rise of φ in relative terms; ≥ 0
  double theta = 0.5;     ///< θ, bisection point in the update step; 0 < θ < 1
  double gamma = 0.66;    ///< γ, bisect when secant² shrinks the interval by less; 0 < γ < 1
  double rho = 5;         ///< ρ, expansion factor while bracketing; > 1
  bool approximate_wolfe = true;     ///< accept the approximate Wolfe conditions too
  double min_step = 1e-20;           ///< give up below this step; > 0
  double max_step = 1e20;            ///< stop expanding at this step; > min_step
  std::size_t max_evaluations = 50;  ///< ≥ 1
};

/// Any of the line searches.
using line_search_options = std::variant<armijo, more_thuente, hager_zhang>;

/// Throws usage_error naming the first invalid field ("more_thuente.c2 = 1.5: must be in (c1, 1)").
void validate(const armijo& o);
void validate(const more_thuente& o);
void validate(const hager_zhang& o);
void validate(const line_search_options& o);

/// Searches φ from α = alpha0 > 0, given φ(0) and φ'(0) at the start. The options are validated
/// first. Returns not_descent without evaluating φ when φ'(0) ≥ 0.
line_search_result line_search(const phi_function& phi, phi_value at_zero, double alpha0,
                               const line_search_options& options);
/// The same search writing into `out`, whose storage (the trials vector, the message) is reused:
/// an optimizer that keeps one result across iterations searches without allocating.
void line_search(const phi_function& phi, phi_value at_zero, double alpha0,
                 const line_search_options& options, line_search_result& out);

/// Minimizer of the cubic Hermite interpolant through (0, φ(0), φ'(0)) and (α, φ(α), φ'(α))
/// (N&W eq. 3.59 with both ends' slopes): with d1 = φ'(0) + φ'(α) − 3(φ(α) − φ(0))/α and
/// d2 = √(d1² − φ'(0)·φ'(α)),  α_c = α − α·(φ'(α) + d2 − d1)/(φ'(α) − φ'(0) + 2·d2).
/// NaN when the cubic has no minimizer (d1² < φ'(0)·φ'(α)); the caller then falls back.
double cubic_step(phi_value at_zero, const line_search_trial& t) noexcept;

/// The strong Wolfe conditions with constants c1, c2 at a trial point, for tests and checks.
bool satisfies_strong_wolfe(phi_value at_zero, const line_search_trial& t, double c1,
                            double c2) noexcept;

}  // namespace kobai
