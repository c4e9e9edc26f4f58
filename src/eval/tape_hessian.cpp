// Exact Hessians on the tape by forward-over-reverse mode (Griewank & Walther, "Evaluating
// Derivatives", 2nd ed., §5.4). For each variable j, a tangent sweep carries ṫ = ∂slot/∂x_j
// forward; the reverse sweep then carries, besides the adjoint w̄, its tangent ẇ̄ = ∂w̄/∂x_j:
//   ā += w̄·∂w/∂a                  ǡ += ẇ̄·∂w/∂a + w̄·(∂²w/∂a²·ȧ + ∂²w/∂a∂b·ḃ)
//   b̄ += w̄·∂w/∂b                  ḃ̄ += ẇ̄·∂w/∂b + w̄·(∂²w/∂a∂b·ȧ + ∂²w/∂b²·ḃ)
// and the tangent adjoints of the variables are row j of ∇²f.
//
// At a kink of abs (a = 0) the gradient's convention abs'(0) = 0 is the average of the two sides'
// ±1, and the Hessian is the average of the two sides' Hessians: a partial of 0 in the tangent
// sweeps would drop the s² = 1 that the tangent and its adjoint both passing through abs
// contribute, so that abs(x)^2 at 0 gave 0 instead of 2 and abs(x)^1.5 gave 0 instead of +∞
// (0.75·|x|^(−1/2)). So each direction j is swept once for every choice of side s = ±1 of the kinks
// that depend on x_j, and the rows are averaged; a kink that does not depend on x_j only meets the
// adjoints, whose average over s is its partial 0. relu, min and max keep their one-sided partials
// (relu'(0) = 0 is the left side's), which are already the Hessian of that side.
#include <algorithm>
#include <cstdint>

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
  std::vector<std::size_t> kinks;
  for (std::size_t k = 0; k < m; ++k)
    if (code_[k].code == static_cast<std::uint8_t>(op::abs) && s[code_[k].a] == 0.0)
      kinks.push_back(k);
  // The tangent sweeps' first partials: those of the forward pass, with the kinks' sides set.
  std::vector<double> sided;
  if (!kinks.empty()) sided.assign(p, p + 2 * m);
  std::vector<char> depends(kinks.empty() ? 0 : slots_.size());
  std::vector<std::size_t> active;
  std::vector<double> H(n * n);
  std::vector<double> t(slots_.size()), tb(slots_.size());
  // Row j of ∇²f for the partials q (p, or sided), added to H's row j.
  const auto sweep = [&](std::size_t j, const double* q) {
    std::fill(t.begin(), t.end(), 0.0);
    t[j] = 1.0;
    for (std::size_t k = 0; k < m; ++k) {
      const instruction& in = code_[k];
      t[first_op_ + k] = times(q[2 * k], t[in.a]) + times(q[2 * k + 1], t[in.b]);
    }
    std::fill(tb.begin(), tb.end(), 0.0);
    for (std::size_t k = m; k-- > 0;) {
      const std::size_t self = first_op_ + k;
      const double wb = d[self];
      const double twb = tb[self];
      if (wb == 0.0 && twb == 0.0) continue;
      const instruction& in = code_[k];
      const double ta = t[in.a], tbv = t[in.b];
      const detail::second_partials& r = second[k];
      const double cross_a = times(r.aa, ta) + times(r.ab, tbv);
      const double cross_b = times(r.ab, ta) + times(r.bb, tbv);
      tb[in.a] += times(q[2 * k], twb) + times(wb, cross_a);
      tb[in.b] += times(q[2 * k + 1], twb) + times(wb, cross_b);
    }
    for (std::size_t i = 0; i < n; ++i) H[j * n + i] += tb[i];
  };
  for (std::size_t j = 0; j < n; ++j) {
    active.clear();
    if (!kinks.empty()) {
      std::fill(depends.begin(), depends.end(), char{0});
      depends[j] = 1;
      for (std::size_t k = 0; k < m; ++k)
        depends[first_op_ + k] = static_cast<char>(depends[code_[k].a] | depends[code_[k].b]);
      for (std::size_t k : kinks)
        if (depends[code_[k].a] != 0) active.push_back(k);
    }
    // Beyond max_hessian_kinks the sides are not enumerated (2^k sweeps): those kinks keep the
    // partial 0, as the gradient does.
    if (active.empty() || active.size() > max_hessian_kinks) {
      sweep(j, p);
      continue;
    }
    const std::size_t sides = std::size_t{1} << active.size();
    for (std::size_t choice = 0; choice < sides; ++choice) {
      for (std::size_t i = 0; i < active.size(); ++i)
        sided[2 * active[i]] = ((choice >> i) & 1u) != 0 ? -1.0 : 1.0;
      sweep(j, sided.data());
    }
    for (std::size_t k : active) sided[2 * k] = p[2 * k];  // inactive for the next direction
    for (std::size_t i = 0; i < n; ++i) H[j * n + i] /= static_cast<double>(sides);
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
