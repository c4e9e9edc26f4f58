// Way 2: the objective as a generic C++ lambda, differentiated automatically. The same lambda
// runs on doubles, on dual numbers (forward mode) and on recorded vars (reverse mode).
#include <kobai/kobai.hpp>

#include <cstdio>

int main() {
  using kobai::sq;
  const auto rosenbrock = [](const auto& x) { return sq(1 - x[0]) + 100 * sq(x[1] - sq(x[0])); };

  const Eigen::Vector2d x{-1.2, 1};
  const Eigen::VectorXd forward = kobai::gradient(rosenbrock, x, kobai::ad_mode::forward);
  const Eigen::VectorXd reverse = kobai::gradient(rosenbrock, x, kobai::ad_mode::reverse);
  std::printf("f(x) = %g\n", rosenbrock(x));
  std::printf("forward mode: (%g, %g)\nreverse mode: (%g, %g)\n", forward[0], forward[1],
              reverse[0], reverse[1]);

  // The closed form: ∇f = (−2(1 − x) − 400x(y − x²), 200(y − x²)) = (−215.6, −88) at (−1.2, 1).
  const Eigen::Vector2d exact{-215.6, -88};
  if (!forward.isApprox(exact, 1e-14) || !reverse.isApprox(exact, 1e-14)) return 1;

  // The same lambda handed to the optimizer: it is differentiated on every evaluation, in reverse
  // mode (the optimizer's points are Eigen::VectorXd, of dynamic size, for which ad_mode::automatic
  // takes reverse mode; user_options{.mode = kobai::ad_mode::forward} would take forward passes).
  const kobai::result r = kobai::minimize(rosenbrock, x, kobai::lbfgs{.memory = 10});
  std::printf("%s\n", r.summary().c_str());
  return r.status == kobai::status::converged_gradient &&
                 (r.x - Eigen::Vector2d{1, 1}).norm() < 1e-4
             ? 0
             : 1;
}
