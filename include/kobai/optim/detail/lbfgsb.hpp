#pragma once
// L-BFGS-B's quadratic model and the two steps that turn it into a search direction under box
// bounds l ≤ x ≤ u (Byrd, Lu, Nocedal & Zhu, "A limited memory algorithm for bound constrained
// optimization", SIAM J. Sci. Comput. 16(5):1190–1208, 1995, §§3–5; N&W §16.7 and §7.2; Morales &
// Nocedal, "Remark on Algorithm 778", ACM TOMS 38(1), 2011). lbfgs_policy
// (search_policies.hpp) uses it when minimize() is given bounds; the line search along
// x + α(x̄ − x) is the policy's.
//
// The model at x with gradient g is m(z) = f + gᵀ(z − x) + ½(z − x)ᵀB(z − x), where B is the
// L-BFGS matrix in compact form (Byrd, Nocedal & Schnabel 1994; N&W eq. 7.24):
//   B = θI − W M Wᵀ,  W = [Y  θS] (n × 2k),  M = [[−D, Lᵀ], [L, θSᵀS]]⁻¹,
// with S, Y the k stored pairs (oldest first), D = diag(s_iᵀy_i), L_ij = s_iᵀy_j for i > j (0
// otherwise) and θ = yᵀy/sᵀy of the newest pair (1 with no pairs). M is formed from the Cholesky
// factor of its Schur complement θSᵀS + L D⁻¹ Lᵀ, which is positive definite (Byrd et al. §3).
//
// 1. Generalized Cauchy point x^c: the first local minimizer of m along the projected steepest-
//    descent path x(t) = P(x − t g), a piecewise linear path whose breakpoints
//      t_i = (x_i − u_i)/g_i (g_i < 0),  (x_i − l_i)/g_i (g_i > 0),  ∞ (g_i = 0)
//    are visited in increasing order (a heap). On each segment m is a quadratic in Δt with slope
//    f' and curvature f'' updated in O(k²) per breakpoint from p = Wᵀd and c = Wᵀ(x(t) − x)
//    (Byrd et al. §4; N&W §16.7 for a general B); the search stops in the first segment
//    whose minimizer Δt* = −f'/f'' lies inside it.
// 2. Subspace minimization by the direct primal method (Byrd et al. §5.1): over the variables
//    free at x^c (strictly inside their bounds), with the others fixed, the model's minimizer is
//      x^c + d^u,  d^u = −B̂⁻¹ r^c,  r^c = Zᵀ(g + θ(x^c − x) − W M c),  B̂ = θI − ZᵀW M WᵀZ,
//      B̂⁻¹ = I/θ + ZᵀW (I − M WᵀZZᵀW/θ)⁻¹ M WᵀZ / θ²      (Sherman–Morrison–Woodbury),
//    a 2k × 2k solve, done as (K − WᵀZZᵀW/θ) v = WᵀZ r^c with K = M⁻¹ formed from sums over
//    the free and the fixed rows that keep it exact when every variable is free.
//    Version 3.0's change (Morales & Nocedal 2011): x̄ = P(x^c + d^u), the projection onto the
//    box, unless that makes (x̄ − x)ᵀg > 0; then the original backtracking x̄ = x^c + α*d^u with
//    α* the largest α ≤ 1 that stays in the box.
// The search direction is d = x̄ − x. With no stored pairs (θ = 1, B = I) x^c = P(x − g) and the
// subspace step is skipped, as in the Fortran code.
//
// Every buffer is sized in the constructor; a step allocates nothing. The work per iteration is
// O(kn) for the products with S and Y, O(k²) per breakpoint the Cauchy search passes, and
// O(k²) per fixed variable (or per free one, when those are fewer) for the subspace system.
#include <Eigen/Core>
#include <vector>

#include "kobai/optim/bounds.hpp"

namespace kobai::detail {

class lbfgsb_model {
 public:
  /// For n variables and at most `memory` pairs; n = 0 makes an empty model that holds nothing.
  lbfgsb_model(Eigen::Index n, Eigen::Index memory);

  /// Forgets every pair (B = I).
  void clear() noexcept {
    count_ = 0;
    theta_ = 1;
  }
  /// Stores s = x − x_old, y = g − g_old, dropping the oldest pair when the memory is full.
  /// Skips the pair (returns false) unless sᵀy > ε·yᵀy, which keeps B positive definite.
  bool remember(const Eigen::VectorXd& x, const Eigen::VectorXd& x_old, const Eigen::VectorXd& g,
                const Eigen::VectorXd& g_old);
  Eigen::Index pairs() const noexcept { return count_; }
  double theta() const noexcept { return theta_; }

  /// d = x̄ − x from the Cauchy point and the subspace step above. False when the pairs make the
  /// middle matrix or the subspace system singular in floating point: the caller clears the
  /// memory and asks again (with no pairs it always succeeds).
  bool direction(const bounds& box, const Eigen::VectorXd& x, const Eigen::VectorXd& g,
                 Eigen::VectorXd& d);
  /// Step 1 alone: x^c into cauchy_point(). False as for direction().
  bool cauchy(const bounds& box, const Eigen::VectorXd& x, const Eigen::VectorXd& g);
  const Eigen::VectorXd& cauchy_point() const noexcept { return xc_; }
  /// out = B v (tests compare it with the BFGS recursion). False as for direction().
  bool multiply(const Eigen::VectorXd& v, Eigen::VectorXd& out);

 private:
  Eigen::Index column(Eigen::Index age) const noexcept;  // slot of the age-th oldest pair
  bool form_middle();                                    // M from the stored inner products
  void row_of_w(Eigen::Index i, Eigen::VectorXd& w) const;
  bool subspace(const bounds& box, const Eigen::VectorXd& x, const Eigen::VectorXd& g,
                Eigen::Index nfree, Eigen::VectorXd& d);

  Eigen::Index n_, m_;
  Eigen::MatrixXd S_, Y_;         // ring buffers of pairs, one column per slot
  Eigen::MatrixXd SS_, SY_, YY_;  // s_iᵀs_j, s_iᵀy_j, y_iᵀy_j by slot
  Eigen::Index head_ = 0, count_ = 0;
  double theta_ = 1;

  Eigen::MatrixXd M_, schur_, inverse_, N_;  // 2m × 2m or m × m work matrices
  Eigen::VectorXi pivots_;
  Eigen::VectorXd p_, c_, v_, w_, mw_, u_;      // 2m vectors
  Eigen::VectorXd xc_, zc_, t_, dcp_, r_, du_;  // n vectors; zc_ = x^c − x
  std::vector<Eigen::Index> heap_;              // breakpoints still ahead
  std::vector<unsigned char> free_;             // free at x^c
};

/// The largest α in [0, cap] with lower ≤ x + αd ≤ upper (x in the box).
double max_feasible_step(const bounds& box, const Eigen::VectorXd& x, const Eigen::VectorXd& d,
                         double cap);

}  // namespace kobai::detail
