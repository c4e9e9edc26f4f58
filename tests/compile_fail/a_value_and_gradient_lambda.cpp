// LBFGS++'s shape f(x, g): kobai takes a hand-written gradient through function_objective.
#include "kobai/kobai.hpp"

int main() {
  const auto f = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = 2 * x;
    return x.squaredNorm();
  };
  const auto r = kobai::minimize(f, Eigen::Vector2d{1, 2}, kobai::lbfgs{});
  return static_cast<int>(r.iterations);
}
