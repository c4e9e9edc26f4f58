// Way 1: the objective as formula text. kobai parses it, compiles it to a tape, and the tape's
// reverse sweep gives the exact gradient. Here: a few steepest-descent steps with the Armijo line
// search on Rosenbrock, taken from kobai's test problems.
#include <kobai/kobai.hpp>

#include <cstdio>

int main() {
  const kobai::problems::problem& p = *kobai::problems::find_problem("rosenbrock");
  const kobai::tape_objective t(kobai::compile(kobai::parse(p.formula).root(), p.variables()));

  Eigen::VectorXd x = p.start, g(2);
  double f = t.value_and_gradient(x, g);
  std::printf("f = %s, start (%g, %g), f(x0) = %g\n", p.formula.c_str(), x[0], x[1], f);

  for (int k = 1; k <= 5; ++k) {
    const Eigen::VectorXd d = -g;  // steepest descent
    const kobai::phi_function phi = [&](double alpha) {
      Eigen::VectorXd xa = x + alpha * d, ga(2);
      const double fa = t.value_and_gradient(xa, ga);
      return kobai::phi_value{fa, ga.dot(d)};
    };
    const auto step = kobai::line_search(phi, {f, g.dot(d)}, 1.0, kobai::armijo{});
    if (!step.ok()) return 1;
    x += step.alpha * d;
    f = t.value_and_gradient(x, g);
    std::printf("step %d: alpha = %.3g, f = %.6f\n", k, step.alpha, f);
  }
  return f < 24.2 ? 0 : 1;  // every accepted step decreased f
}
