// Way 4: a function of doubles only (a simulation, a library call): kobai takes its gradient by
// central differences, 2n values per gradient, at the optimal step of each coordinate at each
// point, ε^(1/3)·max(|xᵢ|, 1).
#include <kobai/kobai.hpp>

#include <cmath>
#include <cstdio>

int main() {
  // Himmelblau's function; (3, 2) is one of its four minima.
  const auto himmelblau = [](const Eigen::VectorXd& x) {
    return std::pow(x[0] * x[0] + x[1] - 11, 2) + std::pow(x[0] + x[1] * x[1] - 7, 2);
  };
  const kobai::result r = kobai::minimize(himmelblau, Eigen::Vector2d{1, 1}, kobai::lbfgs{},
                                          {.max_iterations = 200, .gtol = 1e-6});
  std::printf("%s\n", r.summary().c_str());
  return kobai::converged(r.status) && (r.x - Eigen::Vector2d{3, 2}).norm() < 1e-6 ? 0 : 1;
}
