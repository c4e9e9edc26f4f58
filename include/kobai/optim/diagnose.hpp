#pragma once
// What went wrong in a run, as facts (the result's message and notes are written from these):
// divergence with the stability limit of fixed-step gradient descent, zig-zagging coordinates,
// slow progress, a numerical gradient that lost its precision, Newton's Hessians that were not
// finite, and a Newton run that converged to a saddle point or a maximum.
#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "kobai/optim/objective.hpp"

namespace kobai {

/// The extreme eigenvalues of the Hessian at a point.
struct curvature {
  double lambda_min = 0;
  double lambda_max = 0;
};

/// A coordinate whose step changed sign in most iterations.
struct zigzag_note {
  std::size_t coordinate = 0;
  std::size_t flips = 0;  ///< sign changes of x_i's step
  std::size_t steps = 0;  ///< pairs of consecutive steps compared
};

/// Newton's Hessians that were not finite (NaN or ±∞): those steps went along −∇f instead.
struct non_finite_hessian_facts {
  std::size_t count = 0;  ///< iterations whose Hessian was not finite; 0 = none
  /// k of the points x_k where it was not (the point iteration k + 1 started from): the first three
  /// and, when there were more, the last.
  std::vector<std::size_t> points;
  /// true: the trust region's model was linear, its step the steepest-descent step to the
  /// region's boundary; false: the line search searched along −∇f.
  bool trust_region = false;
};

/// The facts behind a result's message.
struct diagnosis {
  std::string method;
  double base_rate = std::numeric_limits<double>::quiet_NaN();  ///< η before any schedule
  double start_f = std::numeric_limits<double>::quiet_NaN();
  /// Status unbounded under bounds: the coordinates that walked off along a side the bounds
  /// leave open (coordinate, true when towards +∞), those that moved at least a tenth as far as
  /// the furthest such one.
  std::vector<std::pair<std::size_t, bool>> open_sides;
  /// ‖∇f(x₀)‖∞, or under bounds the projected gradient's (the measure gradient_norm uses).
  double start_gradient_norm = std::numeric_limits<double>::quiet_NaN();
  std::size_t diverged_at = 0;  ///< iteration where divergence was detected; 0 = never
  double diverged_f = std::numeric_limits<double>::quiet_NaN();
  bool non_finite = false;       ///< f, x or ∇f became NaN or infinite
  std::size_t unbounded_at = 0;  ///< iteration where f had fallen by unbounded_fall; 0 = never
  double unbounded_f = std::numeric_limits<double>::quiet_NaN();  ///< f at that iteration
  std::size_t stalled_at = 0;  ///< iteration where the no-new-best stall stopped the run
  double progress_rate = std::numeric_limits<double>::quiet_NaN();  ///< relative Δf per iteration
  std::size_t progress_window = 0;
  double progress_from = std::numeric_limits<double>::quiet_NaN();  ///< f a window before the end
  std::optional<kobai::curvature>
      start_curvature;  ///< Hessian eigenvalues at the start (after divergence)
  std::vector<zigzag_note> zigzag;
  std::optional<step_precision> precision;  ///< numerical gradient only
  double difference_step = 0;               ///< h of the numerical gradient
  /// A numerical gradient's run that converged: ‖∇f‖∞ at the last point from differences with
  /// their truncation error removed (Richardson); NaN otherwise.
  double refined_gradient_norm = std::numeric_limits<double>::quiet_NaN();
  std::string method_message;                ///< from a search policy that stopped the run
  std::vector<std::size_t> projected_start;  ///< coordinates of x₀ moved onto the bounds
  double last_f_change = 0;                  ///< |f_k − f_{k−1}| at the last iteration
  double last_step = 0;                      ///< ‖x_k − x_{k−1}‖₂ at the last iteration
  /// The gradient tolerance the run used, max(gtol, gtol_relative·‖∇f(x₀)‖∞); NaN before a run.
  double gtol = std::numeric_limits<double>::quiet_NaN();
  /// Under bounds: gradient_norm is the projected gradient's ‖P(x − ∇f) − x‖∞ (the measure the
  /// run stops on), which is 0 where the bounds block every downhill direction.
  bool projected_gradient = false;
  non_finite_hessian_facts non_finite_hessians;  ///< newton only
  /// Newton with an exact Hessian, converged: ∇²f's extreme eigenvalues at the last point when
  /// the smallest is clearly negative (indefinite_curvature): a saddle point or a maximum.
  std::optional<kobai::curvature> not_a_minimum;
};

/// Largest step that keeps fixed-rate gradient descent stable on a quadratic with this
/// curvature: x ← x − ηHx contracts iff |1 − ηλ| < 1 for every eigenvalue λ, i.e. η < 2/λmax
/// (Nocedal & Wright, 2nd ed., §3.3). Exact for quadratics, local otherwise.
inline double stability_limit(const curvature& c) {
  return 2 / c.lambda_max;
}

/// The extreme eigenvalues of the symmetric part of h; nothing when h is not finite.
inline std::optional<curvature> extreme_eigenvalues(const Eigen::MatrixXd& h) {
  if (!h.allFinite()) return std::nullopt;
  const Eigen::MatrixXd sym = (h + h.transpose()) / 2;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(sym, Eigen::EigenvaluesOnly);
  if (eig.info() != Eigen::Success) return std::nullopt;
  return curvature{eig.eigenvalues().minCoeff(), eig.eigenvalues().maxCoeff()};
}

/// λ below −tolerance·max |λ| counts as clearly negative: a Hessian computed to rounding at a point
/// near a minimum has none so large, a saddle point's or maximum's is of the scale of the others.
inline constexpr double negative_curvature_tolerance = 1e-6;

/// The extreme eigenvalues of the symmetric h when its smallest is clearly negative (below
/// −negative_curvature_tolerance·max |λ|): a point with ∇f = 0 there is a saddle point or a
/// maximum, not a minimum. Nothing when h is (nearly) positive semidefinite, zero or not finite.
/// A Cholesky factorization of h + tolerance·‖h‖∞·I (‖h‖∞ ≥ max |λ|) clears the usual case, a
/// minimum, without the eigenvalue solve.
inline std::optional<curvature> indefinite_curvature(const Eigen::MatrixXd& h) {
  if (h.size() == 0 || !h.allFinite()) return std::nullopt;
  const double norm = h.cwiseAbs().rowwise().sum().maxCoeff();
  if (!(norm > 0)) return std::nullopt;
  Eigen::MatrixXd shifted = h;
  shifted.diagonal().array() += negative_curvature_tolerance * norm;
  if (Eigen::LLT<Eigen::MatrixXd>(shifted).info() == Eigen::Success) return std::nullopt;
  const std::optional<curvature> c = extreme_eigenvalues(h);
  if (!c) return std::nullopt;
  const double scale = std::max(std::abs(c->lambda_min), std::abs(c->lambda_max));
  if (!(c->lambda_min < -negative_curvature_tolerance * scale)) return std::nullopt;
  return c;
}

/// ∇²f(x) into h (n×n) by central differences of the gradient,
/// H e_i ≈ (∇f(x + h e_i) − ∇f(x − h e_i)) / 2h with h = ε^(1/3)·max(1, |x_i|): 2n gradients,
/// exact up to rounding for quadratics, about 1e-10 relative otherwise when ∇f is exact.
template <differentiable_objective F>
void gradient_difference_hessian(F& f, const Eigen::VectorXd& x, Eigen::MatrixXd& h) {
  const Eigen::Index n = x.size();
  h.resize(n, n);
  Eigen::VectorXd xp = x, gp(n), gm(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double step =
        std::cbrt(std::numeric_limits<double>::epsilon()) * std::max(1.0, std::abs(x[i]));
    xp[i] = x[i] + step;
    f.value_and_gradient(xp, gp);
    xp[i] = x[i] - step;
    f.value_and_gradient(xp, gm);
    xp[i] = x[i];
    h.col(i) = (gp - gm) / (2 * step);
  }
}

/// Hessian eigenvalues at x: from the objective's exact Hessian when it offers one
/// (twice_differentiable_objective, e.g. a compiled formula), otherwise by central differences of
/// the gradient,
/// H e_i ≈ (∇f(x + h e_i) − ∇f(x − h e_i)) / 2h with h = ε^(1/3)·max(1, |x_i|), symmetrised.
/// Exact up to rounding for quadratics. Nothing when the dimension exceeds max_dimension or a
/// value is not finite.
template <differentiable_objective F>
std::optional<curvature> estimate_curvature(F& f, const Eigen::VectorXd& x,
                                            Eigen::Index max_dimension = 100) {
  const Eigen::Index n = x.size();
  if (n == 0 || n > max_dimension) return std::nullopt;
  Eigen::MatrixXd h(n, n);
  if constexpr (twice_differentiable_objective<F>) {
    bool exact = true;
    if constexpr (requires { f.has_hessian(); }) exact = f.has_hessian();
    if (exact) {
      f.hessian(x, h);
      return extreme_eigenvalues(h);
    }
  }
  gradient_difference_hessian(f, x, h);
  return extreme_eigenvalues(h);
}

}  // namespace kobai
