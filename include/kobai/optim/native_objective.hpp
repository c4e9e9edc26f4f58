#pragma once
// A formula as an objective evaluated by native code (kobai/eval/native.hpp): the same values and
// gradients as tape_objective, bit for bit, several times faster. Hessians (Newton's method) come
// from the interpreted tape, which has them.
#include <Eigen/Core>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "kobai/eval/native.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/optim/objective.hpp"

namespace kobai {

class native_objective {
 public:
  native_objective(native_tape native, tape interpreted)
      : native_(std::move(native)), hessians_(std::move(interpreted)) {}
  /// f(x)
  double value(const Eigen::VectorXd& x) const {
    return native_.value(std::span<const double>(x.data(), static_cast<std::size_t>(x.size())));
  }
  /// f(x), with ∇f(x) written into g
  double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const {
    return native_.value_and_gradient(
        std::span<const double>(x.data(), static_cast<std::size_t>(x.size())),
        std::span<double>(g.data(), static_cast<std::size_t>(g.size())));
  }
  /// ∇²f(x), exact, from the interpreted tape (tape::hessian()).
  void hessian(const Eigen::VectorXd& x, Eigen::MatrixXd& h) const { hessians_.hessian(x, h); }
  gradient_description describe_gradient() const {
    return {{"gradient", "exact"}, {"evaluation", "native"}};
  }
  std::size_t dimension() const noexcept { return native_.dimension(); }
  const native_tape& compiled() const noexcept { return native_; }

 private:
  native_tape native_;
  tape_objective hessians_;
};

/// A native_objective for `e` over `variables`, or the reason native code is unavailable (no
/// compiler, the compile failed): then tape_objective is the way. Throws usage_error for a
/// duplicate or missing variable.
struct native_objective_result {
  std::optional<native_objective> objective;
  std::string reason;
};

inline native_objective_result make_native_objective(expr e, std::vector<std::string> variables,
                                                     const native_options& options = {}) {
  tape interpreted = compile(e, variables);
  native_compilation c = compile_native(e, std::move(variables), options);
  if (!c) return {std::nullopt, std::move(c.reason)};
  return {native_objective(std::move(*c.tape), std::move(interpreted)), {}};
}

}  // namespace kobai
