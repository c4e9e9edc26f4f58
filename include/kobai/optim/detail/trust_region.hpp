#pragma once
// The trust-region subproblem and the radius rule of Newton's method with a trust region
// (newton{.globalization = globalization::trust_region}, search_policies.hpp).
//
// Subproblem (N&W §4.3; Moré & Sorensen, "Computing a trust region step", SIAM J. Sci. Stat.
// Comput. 4(3):553–572, 1983): for a symmetric B (not necessarily positive definite),
//   minimize m(p) = gᵀp + ½pᵀBp  subject to ‖p‖₂ ≤ Δ.
// p* solves it if and only if, for some λ ≥ 0 (N&W Theorem 4.1),
//   (B + λI)p* = −g,  λ(Δ − ‖p*‖) = 0,  B + λI positive semidefinite.
// Either λ = 0 and p* = −B⁻¹g is the Newton step inside the region, or ‖p(λ)‖ = Δ with
// p(λ) = −(B + λI)⁻¹g, λ > max(0, −λ₁), found by Newton's method on the nearly linear secular
// equation φ(λ) = 1/Δ − 1/‖p(λ)‖ = 0 (N&W Algorithm 4.3): with B + λI = LLᵀ and Lq = p,
//   λ ← λ + (‖p‖/‖q‖)² (‖p‖ − Δ)/Δ                                           (N&W eq. 4.44)
// safeguarded by an interval [λ_L, λ_U] that contains λ*: Gershgorin-type bounds at the start,
// narrowed by every trial (a failed Cholesky factorization at row j yields u with
// uᵀ(B + λI)u = δ ≤ 0, hence λ* ≥ λ − δ/‖u‖²; Moré & Sorensen §3). The hard case (g ⊥ the
// eigenvectors of λ₁, so ‖p(λ)‖ < Δ for every λ > −λ₁; N&W §4.3 "The hard case") is met by
// adding τz, with z an estimate of the eigenvector of B + λI's smallest eigenvalue (Cline, Moler,
// Stewart & Wilkinson's condition estimator, refined by one step of inverse iteration), and
// ‖p + τz‖ = Δ; it is accepted when τ²zᵀ(B + λI)z ≤ hard·(pᵀ(B + λI)p + λΔ²) (Moré & Sorensen
// Lemma 3.4). A boundary solution is accepted when |‖p‖ − Δ| ≤ boundary·Δ. Either test gives
// m(p) ≤ (1 − σ)²·m(p*) for a σ of the order of the tolerances (Moré & Sorensen Theorem 3.4).
//
// Work: one Cholesky factorization of n×n per trial λ (O(n³/3)); usually 1–3 trials per solve.
// Every buffer is sized in the constructor; solve() allocates nothing.
#include <Eigen/Core>

namespace kobai::detail {

/// When the subproblem counts as solved.
struct trust_region_tolerances {
  double boundary = 0.1;  ///< |‖p‖ − Δ| ≤ boundary·Δ (Moré & Sorensen's σ₁; SciPy's k_easy)
  double hard = 0.2;  ///< the hard-case test above (SciPy's k_hard)
  int max_factorizations = 60;
};

/// What solve() found, besides p.
struct subproblem_solution {
  double lambda = 0;       ///< the multiplier λ ≥ 0 of ‖p‖ ≤ Δ
  double predicted = 0;    ///< m(0) − m(p) = −(gᵀp + ½pᵀBp), ≥ 0
  bool interior = false;   ///< λ = 0, ‖p‖ < Δ: the Newton step −B⁻¹g
  bool hard_case = false;  ///< p = p(λ) + τz, the hard case
  bool converged = true;   ///< false: max_factorizations ran out; p is the best step found
  int factorizations = 0;  ///< Cholesky factorizations tried
};

/// The nearly exact solver of Moré & Sorensen for one dimension n.
class trust_region_subproblem {
 public:
  explicit trust_region_subproblem(Eigen::Index n);
  /// p ≈ argmin gᵀp + ½pᵀBp over ‖p‖₂ ≤ radius, for a symmetric B with finite entries (only its
  /// lower triangle is read) and radius > 0. p must have size n.
  subproblem_solution solve(const Eigen::MatrixXd& B, const Eigen::VectorXd& g, double radius,
                            Eigen::VectorXd& p, const trust_region_tolerances& tolerances = {});

 private:
  bool factor(const Eigen::MatrixXd& B, double lambda);
  double smallest_direction();

  Eigen::MatrixXd L_;          // B + λI = LLᵀ, lower triangle
  Eigen::VectorXd q_, z_, u_;  // Lq = p; the near-null vector z; scratch
  Eigen::VectorXd best_;       // the step kept should the iteration run out
  Eigen::Index failed_at_ = -1;
  double pivot_ = 0;  // δ at the failed row
};

/// Δ₀ for newton{.initial_radius = 0}: ‖B⁻¹g‖₂ when B is positive definite, else ‖g‖₂/‖B‖_F
/// (1 when both are 0 or not finite).
double first_radius(const Eigen::MatrixXd& B, const Eigen::VectorXd& g);

/// One step of N&W Algorithm 4.1 with ρ = (f − f_trial)/predicted.
struct radius_decision {
  double radius = 0;  ///< Δ for the next subproblem
  double rho = 0;  ///< the ratio of actual to predicted reduction (−∞ for a non-finite trial)
  bool accept = false;
};

/// ρ < ¼: Δ ← ¼‖p‖; ρ > ¾ with ‖p‖ ≥ 0.9Δ (on the boundary within the subproblem's tolerance):
/// Δ ← min(2Δ, max_radius); accept when ρ > eta. A non-finite f_trial is a rejection. When f
/// did not rise, both reductions get 10ε·max(1, |f|) added before dividing, so that near a
/// minimum, where they are rounding noise, ρ tends to 1 rather than to a random number (Conn,
/// Gould & Toint, Trust-Region Methods, SIAM 2000, §17.4.2); a rise is always a rejection.
radius_decision next_radius(double f, double f_trial, double predicted, double step_norm,
                            double radius, double max_radius, double eta);

}  // namespace kobai::detail
