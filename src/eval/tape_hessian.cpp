// Exact Hessians on the tape by forward-over-reverse mode (Griewank & Walther, "Evaluating
// Derivatives", 2nd ed., §5.4). For each variable j, a tangent sweep carries ṫ = ∂slot/∂x_j
// forward; the reverse sweep then carries, besides the adjoint w̄, its tangent ẇ̄ = ∂w̄/∂x_j:
//   ā += w̄·∂w/∂a                  ǡ += ẇ̄·∂w/∂a + w̄·(∂²w/∂a²·ȧ + ∂²w/∂a∂b·ḃ)
//   b̄ += w̄·∂w/∂b                  ḃ̄ += ẇ̄·∂w/∂b + w̄·(∂²w/∂a∂b·ȧ + ∂²w/∂b²·ḃ)
// and the tangent adjoints of the variables are row j of ∇²f.
#include <algorithm>

#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "messages.hpp"
#include "tape_ops.hpp"

namespace kobai {

std::vector<double> tape::hessian(std::span<const double> x) const {
  const std::size_t n = variables_.size();
  if (n > max_hessian_dimension)
    throw usage_error(messages::hessian_too_large(n, max_hessian_dimension));
  load(x);
  forward_with_partials();
  const double* s = slots_.data();
  const double* p = partials_.data();
  const std::size_t m = code_.size();
  std::vector<detail::second_partials> second(m);
  for (std::size_t k = 0; k < m; ++k) {
    const instruction& in = code_[k];
    second[k] = detail::second_derivatives(in.code, s[in.a], s[in.b], s[first_op_ + k]);
  }
  // The adjoints w̄ do not depend on the direction j: one reverse sweep.
  // Its own array: value_and_gradient() keeps adjoints_ zero between calls.
  std::vector<double> adjoints(slots_.size(), 0.0);
  double* d = adjoints.data();
  d[result_] = 1.0;
  for (std::size_t k = m; k-- > 0;) {
    const double wb = d[first_op_ + k];
    if (wb == 0.0) continue;
    d[code_[k].a] += wb * p[2 * k];
    d[code_[k].b] += wb * p[2 * k + 1];
  }
  // A product with a zero tangent is skipped so that an infinite partial off the path of x_j
  // (sqrt at 0 in another branch) does not turn into NaN.
  const auto times = [](double u, double v) { return v == 0.0 ? 0.0 : u * v; };
  std::vector<double> H(n * n);
  std::vector<double> t(slots_.size()), tb(slots_.size());
  for (std::size_t j = 0; j < n; ++j) {
    std::fill(t.begin(), t.end(), 0.0);
    t[j] = 1.0;
    for (std::size_t k = 0; k < m; ++k) {
      const instruction& in = code_[k];
      t[first_op_ + k] = times(p[2 * k], t[in.a]) + times(p[2 * k + 1], t[in.b]);
    }
    std::fill(tb.begin(), tb.end(), 0.0);
    for (std::size_t k = m; k-- > 0;) {
      const std::size_t self = first_op_ + k;
      const double wb = d[self];
      const double twb = tb[self];
      if (wb == 0.0 && twb == 0.0) continue;
      const instruction& in = code_[k];
      const double ta = t[in.a], tbv = t[in.b];
      const detail::second_partials& q = second[k];
      const double cross_a = times(q.aa, ta) + times(q.ab, tbv);
      const double cross_b = times(q.ab, ta) + times(q.bb, tbv);
      tb[in.a] += times(p[2 * k], twb) + times(wb, cross_a);
      tb[in.b] += times(p[2 * k + 1], twb) + times(wb, cross_b);
    }
    std::copy_n(tb.begin(), n, H.begin() + static_cast<std::ptrdiff_t>(j * n));
  }
  // Symmetric in exact arithmetic; average the two triangles to make it so in floating point.
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double v = 0.5 * (H[i * n + j] + H[j * n + i]);
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  return H;
}

}  // namespace kobai
