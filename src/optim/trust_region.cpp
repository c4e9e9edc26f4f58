// The trust-region subproblem solver and radius rule; equations and references in
// include/kobai/optim/detail/trust_region.hpp.
#include "kobai/optim/detail/trust_region.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace kobai::detail {

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();

// The model m(p) = gᵀp + ½pᵀBp from B's lower triangle.
double model(const Eigen::MatrixXd& B, const Eigen::VectorXd& g, const Eigen::VectorXd& p) {
  return g.dot(p) + 0.5 * p.dot(B.selfadjointView<Eigen::Lower>() * p);
}
}  // namespace

trust_region_subproblem::trust_region_subproblem(Eigen::Index n)
    : L_(n, n), q_(n), z_(n), u_(n), best_(n) {}

// Cholesky B + λI = LLᵀ, column by column (left-looking). On failure at row j, with
// δ = (B + λI)_jj − Σ_{k<j} L_jk² ≤ 0, failed_at_ = j and pivot_ = δ; the rows above j are
// complete, which is all the bound of Moré & Sorensen needs.
bool trust_region_subproblem::factor(const Eigen::MatrixXd& B, double lambda) {
  const Eigen::Index n = B.rows();
  for (Eigen::Index j = 0; j < n; ++j) {
    const double d = B(j, j) + lambda - L_.row(j).head(j).squaredNorm();
    if (!(d > 0)) {
      failed_at_ = j;
      pivot_ = d;
      return false;
    }
    const double ljj = std::sqrt(d);
    L_(j, j) = ljj;
    const Eigen::Index below = n - j - 1;
    if (below > 0)
      L_.col(j).tail(below) =
          (B.col(j).tail(below) - L_.bottomLeftCorner(below, j) * L_.row(j).head(j).transpose()) /
          ljj;
  }
  failed_at_ = -1;
  return true;
}

// z with ‖z‖ = 1 and zᵀLLᵀz small: forward substitution Lw = e with each e_j = ±1 chosen to make
// |w_j| grow (Cline, Moler, Stewart & Wilkinson, SIAM J. Numer. Anal. 16(2), 1979, the greedy form
// of their estimator), then Lᵀz = w, then one step of inverse iteration (z ← (LLᵀ)⁻¹z).
// Returns zᵀ(B + λI)z = ‖Lᵀz‖².
double trust_region_subproblem::smallest_direction() {
  const Eigen::Index n = L_.rows();
  for (Eigen::Index j = 0; j < n; ++j) {
    const double s = L_.row(j).head(j).dot(u_.head(j));
    const double e = s > 0 ? -1.0 : 1.0;
    u_[j] = (e - s) / L_(j, j);
  }
  const auto L = std::as_const(L_).triangularView<Eigen::Lower>();
  z_ = u_;
  L.transpose().solveInPlace(z_);
  z_.normalize();
  L.solveInPlace(z_);
  L.transpose().solveInPlace(z_);
  z_.normalize();
  u_.noalias() = L.transpose() * z_;
  return u_.squaredNorm();
}

subproblem_solution trust_region_subproblem::solve(const Eigen::MatrixXd& B,
                                                   const Eigen::VectorXd& g, double radius,
                                                   Eigen::VectorXd& p,
                                                   const trust_region_tolerances& tolerances) {
  const Eigen::Index n = B.rows();
  subproblem_solution s;
  const auto finish = [&](double lambda) {
    s.lambda = lambda;
    s.predicted = std::max(0.0, -model(B, g, p));
    return s;
  };
  const double gnorm = g.norm();

  // Bounds on λ* (Moré & Sorensen §3; Conn, Gould & Toint §7.3.8): with Gershgorin's interval
  // [lo, hi] ⊇ spectrum(B) and ‖B‖ ≤ min(‖B‖_F, ‖B‖_∞),
  //   λ* ≥ max(0, −min B_ii, ‖g‖/Δ − min(hi, ‖B‖)),  λ* ≤ max(0, ‖g‖/Δ + min(−lo, ‖B‖)).
  double lo = std::numeric_limits<double>::infinity(), hi = -lo, frobenius2 = 0, row_max = 0,
         min_diagonal = lo;
  for (Eigen::Index i = 0; i < n; ++i) {
    double off = 0;
    for (Eigen::Index j = 0; j < n; ++j) {
      const double b = i >= j ? B(i, j) : B(j, i);
      frobenius2 += b * b;
      if (j != i) off += std::abs(b);
    }
    const double d = B(i, i);
    lo = std::min(lo, d - off);
    hi = std::max(hi, d + off);
    row_max = std::max(row_max, std::abs(d) + off);
    min_diagonal = std::min(min_diagonal, d);
  }
  const double norm_bound = std::min(std::sqrt(frobenius2), row_max);
  double lower = std::max({0.0, -min_diagonal, gnorm / radius - std::min(hi, norm_bound)});
  double upper = std::max(0.0, gnorm / radius + std::min(-lo, norm_bound));

  // The step kept should the iteration run out: the last solve with B + λI positive definite,
  // scaled into the region (that still lowers m: m(tp) ≤ t(t/2 − 1)pᵀ(B + λI)p < 0 for t ≤ 1).
  bool have_best = false;
  double best_lambda = 0;

  double lambda = lower == 0 ? 0 : std::max(1e-3 * upper, std::sqrt(lower * upper));
  while (s.factorizations < tolerances.max_factorizations) {
    ++s.factorizations;
    if (!factor(B, lambda)) {
      // uᵀ(B + λI)u = δ with u = (−L₁₁⁻ᵀr, 1, 0, …), r = row j of L: λ* ≥ λ − δ/‖u‖².
      const Eigen::Index j = failed_at_;
      u_.head(j) = -L_.row(j).head(j).transpose();
      std::as_const(L_).topLeftCorner(j, j).triangularView<Eigen::Lower>().transpose().solveInPlace(
          u_.head(j));
      const double u2 = u_.head(j).squaredNorm() + 1;
      lower = std::max({lower, lambda, lambda - pivot_ / u2});
      upper = std::max(upper, lower);
      // λ − δ/‖u‖² is often λ* itself to working precision when B + λI is nearly singular; a
      // small step above it keeps the next factorization from failing by rounding.
      lambda = std::max(std::sqrt(lower * upper), lower + 1e-3 * (upper - lower));
      if (!(lambda > lower)) lambda = lower + std::max(eps * lower, 1e-300) * 16;
      continue;
    }
    const auto L = std::as_const(L_).triangularView<Eigen::Lower>();
    p = -g;
    L.solveInPlace(p);
    L.transpose().solveInPlace(p);
    // stableNorm: on a function unbounded below the radius grows past 1e154, where the plain
    // norm's sum of squares overflows and the step was cut to 0 (a false "trust region shrank").
    const double pnorm = p.stableNorm();
    best_ = pnorm > radius ? (radius / pnorm) * p : p;
    have_best = true;
    best_lambda = lambda;

    if (lambda == 0 && pnorm <= radius) {
      s.interior = true;
      return finish(0);
    }
    if (std::abs(pnorm - radius) <= tolerances.boundary * radius) return finish(lambda);
    if (pnorm < radius) {
      upper = std::min(upper, lambda);
      // The hard case: move along z to the boundary, choosing the root τ of ‖p + τz‖ = Δ with
      // the lower model value, m(p + τz) − m(p) = −λτ·pᵀz + ½τ²(zᵀ(B + λI)z − λ).
      const double zAz = smallest_direction();
      lower = std::max(lower, lambda - zAz);
      const double pz = p.dot(z_);
      const double root = std::sqrt(pz * pz + (radius - pnorm) * (radius + pnorm));
      const double t1 = -pz + root, t2 = -pz - root;
      const auto change = [&](double t) { return -lambda * t * pz + 0.5 * t * t * (zAz - lambda); };
      const double tau = change(t1) <= change(t2) ? t1 : t2;
      const double pAp = -g.dot(p);  // pᵀ(B + λI)p
      if (tau * tau * zAz <= tolerances.hard * (pAp + lambda * radius * radius)) {
        p += tau * z_;
        s.hard_case = true;
        return finish(lambda);
      }
    } else {
      lower = std::max(lower, lambda);
    }
    if (pnorm > 0) {
      q_ = p;
      L.solveInPlace(q_);
      const double ratio = pnorm / q_.stableNorm();
      lambda += ratio * ratio * (pnorm - radius) / radius;  // N&W eq. 4.44
    }
    // Outside the interval (or no Newton step for p = 0): a point inside it, as Moré & Sorensen's
    // safeguard, λ = max(10⁻³·λ_U, √(λ_L·λ_U)).
    if (!(lambda > lower && lambda < upper) || pnorm == 0)
      lambda = std::max(1e-3 * upper, std::sqrt(lower * upper));
    if (!(upper - lower > eps * upper)) break;  // the interval has closed: keep the best step
  }
  s.converged = false;
  if (have_best) {
    p = best_;
    return finish(best_lambda);
  }
  // Not one factorization succeeded (B + λI stayed indefinite up to the bound): steepest
  // descent to the boundary, a step that lowers m whenever g ≠ 0.
  p = gnorm > 0 ? Eigen::VectorXd(-(radius / gnorm) * g) : Eigen::VectorXd::Zero(n);
  return finish(lower);
}

double first_radius(const Eigen::MatrixXd& B, const Eigen::VectorXd& g) {
  const Eigen::LLT<Eigen::MatrixXd> llt(B);
  if (llt.info() == Eigen::Success) {
    const double newton = llt.solve(g).norm();
    if (newton > 0 && std::isfinite(newton)) return newton;
  }
  const double scale = g.norm() / B.norm();
  return scale > 0 && std::isfinite(scale) ? scale : 1.0;
}

// N&W Algorithm 4.1 with η = eta. The shrink is ¼‖p‖ rather than the algorithm's ¼Δ: after an
// interior step shorter than Δ, ¼Δ may still contain the same rejected step (Moré, "Recent
// developments in algorithms and software for trust region methods", 1983, shrinks from ‖p‖ too).
radius_decision next_radius(double f, double f_trial, double predicted, double step_norm,
                            double radius, double max_radius, double eta) {
  radius_decision d;
  d.radius = radius;
  if (!std::isfinite(f_trial)) {
    d.rho = -std::numeric_limits<double>::infinity();
    d.radius = 0.25 * std::min(step_norm, radius);
    return d;
  }
  // A rise of f is never accepted, however small: with the rounding allowance a tiny step that
  // raises f by its rounding would pass as ρ ≈ 1, and the run would wander at the same f.
  const double noise = f_trial <= f ? 10 * eps * std::max(1.0, std::abs(f)) : 0.0;
  d.rho = (f - f_trial + noise) / (predicted + noise);
  if (d.rho < 0.25)
    d.radius = 0.25 * std::min(step_norm, radius);
  else if (d.rho > 0.75 && step_norm >= 0.9 * radius)
    d.radius = std::min(2 * radius, max_radius);
  d.accept = d.rho > eta;
  return d;
}

}  // namespace kobai::detail
