#pragma once
// Box bounds lower ≤ x ≤ upper for minimize() (minimize_options::bounds), and the two operations
// every bounded method uses: projection onto the box and the projected gradient, whose ∞-norm
// ‖P(x − ∇f) − x‖∞ is the convergence measure under bounds (it is 0 exactly at a point that
// satisfies the first-order (KKT) conditions; SciPy's L-BFGS-B "pgtol" uses the same norm).
#include <Eigen/Core>
#include <algorithm>
#include <cmath>

namespace kobai {

/// lower ≤ x ≤ upper coordinate by coordinate; ±∞ leaves a side open. Empty vectors: no bounds.
struct bounds {
  Eigen::VectorXd lower, upper;
  bool empty() const noexcept { return lower.size() == 0 && upper.size() == 0; }
};

namespace detail {

/// x ← P(x), the nearest point of the box.
inline void project(const bounds& b, Eigen::VectorXd& x) {
  for (Eigen::Index i = 0; i < x.size(); ++i) x[i] = std::clamp(x[i], b.lower[i], b.upper[i]);
}

/// True when lower ≤ x ≤ upper in every coordinate.
inline bool inside(const bounds& b, const Eigen::VectorXd& x) {
  return (x.array() >= b.lower.array()).all() && (x.array() <= b.upper.array()).all();
}

/// ‖P(x − g) − x‖∞, or the first non-finite |g_i| (NaN or ∞: a gradient that is not finite is
/// never a converged one, whatever the bounds). Each coordinate is min(g_i, x_i − l_i) for g_i > 0
/// and min(−g_i, u_i − x_i) for g_i < 0, the same value without forming x_i − g_i, which drops
/// g_i entirely when |g_i| < ulp(x_i)/2: x = 1e12 with g = 2e-5 measured 0 and "converged".
inline double projected_gradient_norm(const bounds& b, const Eigen::VectorXd& x,
                                      const Eigen::VectorXd& g) {
  double m = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double gi = g[i];
    if (!std::isfinite(gi)) return std::abs(gi);
    m = std::max(m, gi > 0 ? std::min(gi, x[i] - b.lower[i]) : std::min(-gi, b.upper[i] - x[i]));
  }
  return m;
}

/// True when coordinate i sits on a bound and −g_i points out of the box: it cannot move.
inline bool blocked(const bounds& b, const Eigen::VectorXd& x, const Eigen::VectorXd& g,
                    Eigen::Index i) {
  return (x[i] <= b.lower[i] && g[i] > 0) || (x[i] >= b.upper[i] && g[i] < 0);
}

}  // namespace detail
}  // namespace kobai
