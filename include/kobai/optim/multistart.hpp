#pragma once
// Several starts drawn from a box, each minimized; the distinct minima found, clustered by
// distance, with how many starts reached each. The seed's warning made concrete: a function can
// have several points where the gradient is 0, and where a run ends depends on where it starts.
#include <Eigen/Core>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "kobai/optim/minimize.hpp"

namespace kobai {

/// lower[i] < upper[i] for every coordinate.
struct box {
  Eigen::VectorXd lower;
  Eigen::VectorXd upper;
};

struct multistart_options {
  std::size_t starts = 10;  ///< number of starts, ≥ 1 (including `first` when given)
  std::uint64_t seed = 0;   ///< the drawn starts are a function of the seed alone (mt19937_64)
  /// A start of the user's own (kobai minimize --from with --starts): when not empty it is the
  /// first start and the other starts − 1 are drawn. It must lie in the box.
  Eigen::VectorXd first = {};
  /// Two end points belong to one minimum when ‖a − b‖₂ ≤ cluster_radius·(1 + ‖a‖₂).
  double cluster_radius = 1e-3;
};

/// One distinct minimum.
struct found_minimum {
  Eigen::VectorXd x;  ///< the lowest end point of its cluster
  double f = 0;
  std::size_t starts = 0;  ///< how many starts ended here
};

struct multistart_result {
  /// The minima the converged runs reached, sorted by f, lowest first. A run that stopped for
  /// another reason (iteration limit, stall, divergence, ...) ended somewhere that is not known
  /// to be a minimum, so it is counted in not_converged instead.
  std::vector<found_minimum> minima;
  std::vector<Eigen::VectorXd> starts;
  std::vector<result> runs;       ///< one per start, in order
  std::size_t not_converged = 0;  ///< runs whose status is not converged_*
  std::size_t failed =
      0;  ///< of those, runs that diverged, fell without bound or ended on a non-finite value
  /// Of those, runs whose start lay where f or ∇f is not finite (status diverged, 0 iterations,
  /// the message says where): a box wider than the formula's domain.
  std::size_t undefined_starts = 0;
};

/// Throws usage_error for an empty or inverted box, a dimension mismatch or a `first` start
/// outside the box, naming the coordinate by `names` (the minimize_options' variables) when given,
/// as x[i] otherwise.
void validate(const box& b, const multistart_options& o,
              const std::vector<std::string>& names = {});

/// The start points: `first` when given, then x_i = lower_i + u·(upper_i − lower_i),
/// u = (next() >> 11)·2⁻⁵³.
std::vector<Eigen::VectorXd> draw_starts(const box& b, const multistart_options& o);

/// Groups the end points of converged runs (status converged_*, finite f) into distinct minima.
std::vector<found_minimum> cluster_minima(const std::vector<result>& runs, double radius);

/// Minimizes from every start and clusters the end points.
template <differentiable_objective F>
multistart_result multistart(F& f, const box& b, const method_options& method,
                             const minimize_options& options = {},
                             const multistart_options& ms = {}) {
  validate(b, ms, options.variables);
  multistart_result out;
  out.starts = draw_starts(b, ms);
  for (const Eigen::VectorXd& x0 : out.starts) {
    try {
      out.runs.push_back(minimize(f, x0, method, options));
    } catch (const numerical_error& e) {
      // A start where f or ∇f is not finite (a drawn point outside the formula's domain, as
      // x < 0 for log x): that run failed there, and the other starts go on.
      result r;
      r.method = std::string(method_name(method));
      r.x = x0;
      r.status = status::diverged;
      r.message = e.what();
      r.diagnosis.non_finite = true;
      out.runs.push_back(std::move(r));
      ++out.undefined_starts;
    }
    const result& r = out.runs.back();
    if (!converged(r.status) || !std::isfinite(r.f)) ++out.not_converged;
    if (r.status == status::diverged || r.status == status::unbounded || !std::isfinite(r.f))
      ++out.failed;
  }
  out.minima = cluster_minima(out.runs, ms.cluster_radius);
  return out;
}

}  // namespace kobai
