// L-BFGS-B's model, Cauchy point and subspace step; equations and references in
// include/kobai/optim/detail/lbfgsb.hpp. Indices into the 2k-vectors follow W = [Y θS]: entry j
// belongs to y_j, entry k + j to θs_j, with j = 0 the oldest pair.
#include "kobai/optim/detail/lbfgsb.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kobai::detail {

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double inf = std::numeric_limits<double>::infinity();
}  // namespace

lbfgsb_model::lbfgsb_model(Eigen::Index n, Eigen::Index memory)
    : n_(n),
      m_(n > 0 ? memory : 0),
      S_(n, m_),
      Y_(n, m_),
      SS_(m_, m_),
      SY_(m_, m_),
      YY_(m_, m_),
      M_(2 * m_, 2 * m_),
      schur_(m_, m_),
      inverse_(m_, m_),
      N_(2 * m_, 2 * m_),
      pivots_(2 * m_),
      p_(2 * m_),
      c_(2 * m_),
      v_(2 * m_),
      w_(2 * m_),
      mw_(2 * m_),
      u_(2 * m_),
      xc_(n),
      zc_(n),
      t_(n),
      dcp_(n),
      r_(n),
      du_(n),
      free_(static_cast<std::size_t>(n)) {
  heap_.reserve(static_cast<std::size_t>(n));
}

Eigen::Index lbfgsb_model::column(Eigen::Index age) const noexcept {
  return (head_ - count_ + age + 2 * m_) % m_;
}

bool lbfgsb_model::remember(const Eigen::VectorXd& x, const Eigen::VectorXd& x_old,
                            const Eigen::VectorXd& g, const Eigen::VectorXd& g_old) {
  const double sy = (x - x_old).dot(g - g_old);
  const double yy = (g - g_old).squaredNorm();
  if (!(sy > eps * yy)) return false;
  const Eigen::Index h = head_;
  S_.col(h) = x - x_old;
  Y_.col(h) = g - g_old;
  head_ = (head_ + 1) % m_;
  count_ = std::min(count_ + 1, m_);
  // The new slot's inner products with every stored pair (itself included).
  for (Eigen::Index age = 0; age < count_; ++age) {
    const Eigen::Index j = column(age);
    SS_(h, j) = SS_(j, h) = S_.col(h).dot(S_.col(j));
    SY_(h, j) = S_.col(h).dot(Y_.col(j));
    SY_(j, h) = S_.col(j).dot(Y_.col(h));
    YY_(h, j) = YY_(j, h) = Y_.col(h).dot(Y_.col(j));
  }
  theta_ = yy / sy;
  return true;
}

// M = [[−D, Lᵀ], [L, θSᵀS]]⁻¹ by blocks: with the Schur complement C = θSᵀS + L D⁻¹ Lᵀ and
// E = D⁻¹Lᵀ,  M = [[−D⁻¹ + E C⁻¹ Eᵀ, E C⁻¹], [C⁻¹ Eᵀ, C⁻¹]]  (C⁻¹ from C's Cholesky factor).
bool lbfgsb_model::form_middle() {
  const Eigen::Index k = count_;
  if (k == 0) return true;
  auto sy = [&](Eigen::Index i, Eigen::Index j) { return SY_(column(i), column(j)); };
  // C, lower triangle.
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = 0; j <= i; ++j) {
      double v = theta_ * SS_(column(i), column(j));
      for (Eigen::Index l = 0; l < j; ++l) v += sy(i, l) * sy(j, l) / sy(l, l);
      schur_(i, j) = v;
    }
  // Cholesky C = R Rᵀ in place (lower triangle).
  for (Eigen::Index j = 0; j < k; ++j) {
    double dj = schur_(j, j);
    for (Eigen::Index l = 0; l < j; ++l) dj -= schur_(j, l) * schur_(j, l);
    if (!(dj > 0) || !std::isfinite(dj)) return false;
    const double rjj = std::sqrt(dj);
    schur_(j, j) = rjj;
    for (Eigen::Index i = j + 1; i < k; ++i) {
      double v = schur_(i, j);
      for (Eigen::Index l = 0; l < j; ++l) v -= schur_(i, l) * schur_(j, l);
      schur_(i, j) = v / rjj;
    }
  }
  // C⁻¹ column by column: R z = e_c, then Rᵀ x = z.
  for (Eigen::Index col = 0; col < k; ++col) {
    for (Eigen::Index i = 0; i < k; ++i) {
      double v = i == col ? 1.0 : 0.0;
      for (Eigen::Index l = 0; l < i; ++l) v -= schur_(i, l) * inverse_(l, col);
      inverse_(i, col) = v / schur_(i, i);
    }
    for (Eigen::Index i = k - 1; i >= 0; --i) {
      double v = inverse_(i, col);
      for (Eigen::Index l = i + 1; l < k; ++l) v -= schur_(l, i) * inverse_(l, col);
      inverse_(i, col) = v / schur_(i, i);
    }
  }
  // E C⁻¹ with E_il = L_li / D_i = s_lᵀy_i / s_iᵀy_i for l > i.
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = 0; j < k; ++j) {
      double v = 0;
      for (Eigen::Index l = i + 1; l < k; ++l) v += sy(l, i) * inverse_(l, j);
      M_(i, k + j) = M_(k + j, i) = v / sy(i, i);
      M_(k + i, k + j) = inverse_(i, j);
    }
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = 0; j <= i; ++j) {
      double v = 0;
      for (Eigen::Index l = j + 1; l < k; ++l) v += M_(i, k + l) * sy(l, j);
      v /= sy(j, j);
      if (i == j) v -= 1 / sy(i, i);
      M_(i, j) = M_(j, i) = v;
    }
  return M_.topLeftCorner(2 * k, 2 * k).allFinite();
}

void lbfgsb_model::row_of_w(Eigen::Index i, Eigen::VectorXd& w) const {
  const Eigen::Index k = count_;
  for (Eigen::Index j = 0; j < k; ++j) {
    const Eigen::Index c = column(j);
    w[j] = Y_(i, c);
    w[k + j] = theta_ * S_(i, c);
  }
}

bool lbfgsb_model::multiply(const Eigen::VectorXd& v, Eigen::VectorXd& out) {
  if (!form_middle()) return false;
  const Eigen::Index k = count_;
  for (Eigen::Index j = 0; j < k; ++j) {
    p_[j] = Y_.col(column(j)).dot(v);
    p_[k + j] = theta_ * S_.col(column(j)).dot(v);
  }
  auto Mp = mw_.head(2 * k);
  Mp.noalias() = M_.topLeftCorner(2 * k, 2 * k).lazyProduct(p_.head(2 * k));
  out = theta_ * v;
  for (Eigen::Index j = 0; j < k; ++j)
    out -= Mp[j] * Y_.col(column(j)) + theta_ * Mp[k + j] * S_.col(column(j));
  return true;
}

bool lbfgsb_model::cauchy(const bounds& box, const Eigen::VectorXd& x, const Eigen::VectorXd& g) {
  if (!form_middle()) return false;
  const Eigen::Index k = count_, k2 = 2 * count_;
  heap_.clear();
  Eigen::Index moving = 0;
  double dd = 0;
  for (Eigen::Index i = 0; i < n_; ++i) {
    const double gi = g[i];
    double t = inf;
    if (gi < 0)
      t = (x[i] - box.upper[i]) / gi;
    else if (gi > 0)
      t = (x[i] - box.lower[i]) / gi;
    xc_[i] = x[i];
    zc_[i] = 0;
    if (!(t > 0) || gi == 0) {  // on the bound −g pushes against, or g_i = 0: does not move
      t_[i] = 0;
      dcp_[i] = 0;
      continue;
    }
    t_[i] = t;
    dcp_[i] = -gi;
    dd += gi * gi;
    ++moving;
    if (t < inf) heap_.push_back(i);
  }
  c_.head(k2).setZero();
  if (moving == 0) return true;  // x is a KKT point of the box: x^c = x

  auto p = p_.head(k2);
  auto c = c_.head(k2);
  auto w = w_.head(k2);
  auto mw = mw_.head(k2);
  const auto M = M_.topLeftCorner(k2, k2);
  for (Eigen::Index j = 0; j < k; ++j) {
    p[j] = Y_.col(column(j)).dot(dcp_);
    p[k + j] = theta_ * S_.col(column(j)).dot(dcp_);
  }
  // Slope and curvature of m along the first segment: f' = gᵀd = −dᵀd, f'' = dᵀBd.
  double fp = -dd;
  mw.noalias() = M.lazyProduct(p);
  double fpp = -theta_ * fp - p.dot(mw);
  if (!(fpp > 0)) fpp = -theta_ * fp;  // rounding lost B's positive definiteness on d
  const double fpp0 = fpp;
  double dt_min = -fp / fpp;
  double t_old = 0;

  const auto later = [this](Eigen::Index a, Eigen::Index b) { return t_[a] > t_[b]; };
  std::make_heap(heap_.begin(), heap_.end(), later);
  while (!heap_.empty()) {
    const Eigen::Index b = heap_.front();
    const double dt = t_[b] - t_old;
    if (dt_min < dt) break;  // m's minimizer lies inside this segment
    std::pop_heap(heap_.begin(), heap_.end(), later);
    heap_.pop_back();
    // Move to the breakpoint: x_b reaches its bound and stops.
    const double gb = g[b];
    xc_[b] = dcp_[b] > 0 ? box.upper[b] : box.lower[b];
    const double zb = xc_[b] - x[b];
    zc_[b] = zb;
    dcp_[b] = 0;
    --moving;
    c += dt * p;
    t_old = t_[b];
    if (moving == 0) {
      dt_min = 0;
      break;
    }
    row_of_w(b, w_);
    mw.noalias() = M.lazyProduct(w);
    // Slope and curvature on the next segment: d loses d_b = −g_b, x_b stops at z_b from x,
    // c = Wᵀ(x(t) − x) and p = Wᵀd (Byrd et al. §4).
    fp += dt * fpp + gb * gb + theta_ * gb * zb - gb * mw.dot(c);
    fpp += -theta_ * gb * gb - 2 * gb * mw.dot(p) - gb * gb * mw.dot(w);
    fpp = std::max(eps * fpp0, fpp);
    p += gb * w;
    dt_min = -fp / fpp;
  }
  dt_min = std::max(dt_min, 0.0);
  const double t_end = t_old + dt_min;
  // x^c − x is kept apart from x^c: where |x_i| is so large that x_i + t·d_i rounds back to x_i,
  // the offset still holds the step (a direction formed as x^c − x would be 0 there).
  for (Eigen::Index i = 0; i < n_; ++i)
    if (dcp_[i] != 0) {
      xc_[i] = std::clamp(x[i] + t_end * dcp_[i], box.lower[i], box.upper[i]);
      zc_[i] = std::clamp(t_end * dcp_[i], box.lower[i] - x[i], box.upper[i] - x[i]);
    }
  c += dt_min * p;
  return true;
}

bool lbfgsb_model::direction(const bounds& box, const Eigen::VectorXd& x, const Eigen::VectorXd& g,
                             Eigen::VectorXd& d) {
  if (!cauchy(box, x, g)) return false;
  Eigen::Index nfree = 0;
  for (Eigen::Index i = 0; i < n_; ++i) {
    const bool f = box.lower[i] < xc_[i] && xc_[i] < box.upper[i];
    free_[static_cast<std::size_t>(i)] = f;
    nfree += f;
  }
  if (count_ == 0 || nfree == 0) {
    d = zc_;
    return true;
  }
  return subspace(box, x, g, nfree, d);
}

bool lbfgsb_model::subspace(const bounds& box, const Eigen::VectorXd& x, const Eigen::VectorXd& g,
                            Eigen::Index nfree, Eigen::VectorXd& d) {
  const Eigen::Index k = count_, k2 = 2 * count_;
  const auto M = M_.topLeftCorner(k2, k2);
  auto c = c_.head(k2);
  auto v = v_.head(k2);
  auto u = u_.head(k2);
  // r^c = g + θ(x^c − x) − W M c on the free variables, 0 on the others.
  v.noalias() = M.lazyProduct(c);
  r_ = g + theta_ * zc_;
  for (Eigen::Index j = 0; j < k; ++j)
    r_ -= v[j] * Y_.col(column(j)) + (theta_ * v[k + j]) * S_.col(column(j));
  for (Eigen::Index i = 0; i < n_; ++i)
    if (!free_[static_cast<std::size_t>(i)]) r_[i] = 0;
  // u = WᵀZ r^c.
  for (Eigen::Index j = 0; j < k; ++j) {
    u[j] = Y_.col(column(j)).dot(r_);
    u[k + j] = theta_ * S_.col(column(j)).dot(r_);
  }
  // v' = (I − M WᵀZZᵀW/θ)⁻¹ M u = (K − WᵀZZᵀW/θ)⁻¹ u with K = M⁻¹, whose blocks need no
  // product with M (Byrd et al. §5.1): with F the free rows and A the fixed ones,
  //   [[−D − YᵀZZᵀY/θ,  Lᵀ − YᵀZZᵀS], [L − SᵀZZᵀY,  θ SᵀAAᵀS]],
  // where (Lᵀ − YᵀZZᵀS)_ij = Σ_A y_i s_j for j > i and −Σ_F y_i s_j for j ≤ i. Each block is a sum
  // over the rows that make it exact: with every variable free the S block and the upper part
  // are exactly 0 (subtracting the free sum from SᵀS would leave rounding, which θ ~ 1e8 on a
  // badly scaled problem turns into a direction uphill). YᵀZZᵀY and the lower part come from
  // the free rows, or from the full products minus the fixed rows when those are fewer.
  auto N = N_.topLeftCorner(k2, k2);
  N.setZero();
  const bool by_free = 2 * nfree <= n_;
  for (Eigen::Index r = 0; r < n_; ++r) {
    const bool is_free = free_[static_cast<std::size_t>(r)] != 0;
    if (is_free && !by_free) continue;
    for (Eigen::Index j = 0; j < k; ++j) {
      w_[j] = Y_(r, column(j));
      w_[k + j] = S_(r, column(j));
    }
    for (Eigen::Index i = 0; i < k; ++i)
      for (Eigen::Index j = 0; j < k; ++j) {
        const double ys = w_[i] * w_[k + j];
        if (!is_free) {
          if (j > i) N(i, k + j) += ys;
          N(k + i, k + j) += w_[i + k] * w_[k + j];
        }
        if (is_free == by_free) {  // the rows summed for YᵀZZᵀY and the lower part
          if (j <= i) N(i, k + j) += ys;
          N(i, j) += w_[i] * w_[j];
        }
      }
  }
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = 0; j < k; ++j) {
      const Eigen::Index ci = column(i), cj = column(j);
      double yy = N(i, j);                        // Σ_F y_i y_j, or Σ_A when !by_free
      double lower = j <= i ? N(i, k + j) : 0.0;  // likewise Σ y_i s_j for j ≤ i
      if (!by_free) {
        yy = YY_(ci, cj) - yy;
        lower = j <= i ? SY_(cj, ci) - lower : 0;
      }
      N(i, j) = -yy / theta_ - (i == j ? SY_(ci, ci) : 0);
      N(i, k + j) = j > i ? N(i, k + j) : -lower;
      N(k + i, k + j) *= theta_;
    }
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = 0; j < k; ++j) N(k + j, i) = N(i, k + j);
  v = u;
  for (Eigen::Index j = 0; j < k2; ++j) {
    Eigen::Index pivot = j;
    for (Eigen::Index i = j + 1; i < k2; ++i)
      if (std::abs(N(i, j)) > std::abs(N(pivot, j))) pivot = i;
    if (!(std::abs(N(pivot, j)) > 0)) return false;
    if (pivot != j) {
      N.row(j).swap(N.row(pivot));
      std::swap(v[j], v[pivot]);
    }
    for (Eigen::Index i = j + 1; i < k2; ++i) {
      const double f = N(i, j) / N(j, j);
      if (f == 0) continue;
      for (Eigen::Index l = j; l < k2; ++l) N(i, l) -= f * N(j, l);
      v[i] -= f * v[j];
    }
  }
  for (Eigen::Index i = k2 - 1; i >= 0; --i) {
    double s = v[i];
    for (Eigen::Index j = i + 1; j < k2; ++j) s -= N(i, j) * v[j];
    v[i] = s / N(i, i);
  }
  if (!v.allFinite()) return false;
  // d^u = −r^c/θ − ZᵀW v'/θ².
  du_ = -r_ / theta_;
  for (Eigen::Index j = 0; j < k; ++j)
    du_ -= (v[j] / (theta_ * theta_)) * Y_.col(column(j)) + (v[k + j] / theta_) * S_.col(column(j));
  // x̄ = P(x^c + d^u) (version 3.0) unless that points uphill; then backtrack along d^u. Formed
  // as the offset x̄ − x = P_{[l−x, u−x]}((x^c − x) + d^u), for the reason given in cauchy().
  bool projected = false;
  for (Eigen::Index i = 0; i < n_; ++i) {
    if (!free_[static_cast<std::size_t>(i)]) {
      du_[i] = 0;
      d[i] = zc_[i];
      continue;
    }
    const double z = zc_[i] + du_[i];
    d[i] = std::clamp(z, box.lower[i] - x[i], box.upper[i] - x[i]);
    projected = projected || d[i] != z;
  }
  if (projected && d.dot(g) > 0) {
    const double alpha = max_feasible_step(box, xc_, du_, 1.0);
    for (Eigen::Index i = 0; i < n_; ++i)
      d[i] = std::clamp(zc_[i] + alpha * du_[i], box.lower[i] - x[i], box.upper[i] - x[i]);
  }
  return true;
}

double max_feasible_step(const bounds& box, const Eigen::VectorXd& x, const Eigen::VectorXd& d,
                         double cap) {
  double a = cap;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (d[i] > 0 && box.upper[i] < inf)
      a = std::min(a, (box.upper[i] - x[i]) / d[i]);
    else if (d[i] < 0 && box.lower[i] > -inf)
      a = std::min(a, (box.lower[i] - x[i]) / d[i]);
  }
  return std::max(a, 0.0);
}

}  // namespace kobai::detail
