// Way 3: the objective with a hand-written gradient, checked against automatic differentiation
// before it is trusted (a wrong gradient is the most common cause of a failing line search).
#include <kobai/kobai.hpp>

#include <cmath>
#include <cstdio>

// f(x) = Σ (x_i − i)² + Π cos(x_i), and its gradient written by hand.
double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) {
  double sum = 0, product = 1;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    sum += (x[i] - i) * (x[i] - i);
    product *= std::cos(x[i]);
  }
  for (Eigen::Index i = 0; i < x.size(); ++i)
    g[i] = 2 * (x[i] - i) - product * std::tan(x[i]);  // ∂/∂x_i Π cos = −sin(x_i) Π_{j≠i} cos
  return sum + product;
}

// The same function, generic over the scalar type, for the check.
template <class V>
auto generic(const V& x) {
  using std::cos;
  using T = std::decay_t<decltype(x[0])>;
  T sum = 0, product = 1;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    sum += (x[i] - static_cast<double>(i)) * (x[i] - static_cast<double>(i));
    product *= cos(x[i]);
  }
  return sum + product;
}

int main() {
  const Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(6, 0.1, 1.1);
  Eigen::VectorXd hand(6);
  const double f = value_and_gradient(x, hand);
  const Eigen::VectorXd ad = kobai::gradient([](const auto& v) { return generic(v); }, x);
  const double worst = (hand - ad).cwiseAbs().maxCoeff();
  std::printf("f = %.6f, largest difference between hand-written and AD gradient: %.3g\n", f,
              worst);
  if (worst > 1e-12) return 1;

  // The optimizer can run the same check itself before the first step: with check_gradient a
  // wrong gradient ends the run with status gradient_check_failed naming the component.
  auto objective = kobai::function_objective(
      [](const Eigen::VectorXd& v) {
        Eigen::VectorXd g(v.size());
        return value_and_gradient(v, g);
      },
      value_and_gradient);
  const kobai::result r =
      kobai::minimize(objective, x, kobai::lbfgs{}, {.max_iterations = 200, .gtol = 1e-8},
                      {.check_gradient = true});
  std::printf("%s\n", r.summary().c_str());
  return kobai::converged(r.status) ? 0 : 1;
}
