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

/// ‖P(x − g) − x‖∞ (NaN propagates).
inline double projected_gradient_norm(const bounds& b, const Eigen::VectorXd& x,
                                      const Eigen::VectorXd& g) {
  double m = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double a =
        std::isnan(g[i]) ? g[i] : std::abs(std::clamp(x[i] - g[i], b.lower[i], b.upper[i]) - x[i]);
    if (!(a <= m)) m = a;
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
