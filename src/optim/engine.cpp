// The engine for a method chosen at run time, and its instances for the fixed-rate family (whose
// updates are small: one file holds all seven). The line-search methods have files of their own so
// that a two-core build compiles them side by side.
#include "kobai/optim/minimize.hpp"

namespace kobai::detail {

KOBAI_ENGINE_INSTANCE(, gd)
KOBAI_ENGINE_INSTANCE(, momentum)
KOBAI_ENGINE_INSTANCE(, nesterov)
KOBAI_ENGINE_INSTANCE(, adagrad)
KOBAI_ENGINE_INSTANCE(, rmsprop)
KOBAI_ENGINE_INSTANCE(, adam)
KOBAI_ENGINE_INSTANCE(, adamw)

result run_any(objective_ref f, const Eigen::VectorXd& x0, const method_options& method,
               const minimize_options& options, std::span<const observer_ref> observers) {
  return std::visit([&](const auto& m) { return run(f, x0, m, options, observers); }, method);
}

}  // namespace kobai::detail
