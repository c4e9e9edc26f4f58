// Way 1: the objective as formula text. kobai parses it, compiles it to a tape, and the tape's
// reverse sweep gives the exact gradient. Here: a few steepest-descent steps with the Armijo line
// search on Rosenbrock, taken from kobai's test problems. Then the same objective as native code
// (make_native_objective: the tape written out as C++ and compiled by the system compiler), which
// gives the same numbers faster, or says why it is unavailable.
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
  if (f >= 24.2) return 1;  // every accepted step decreased f

  const kobai::native_objective_result n =
      kobai::make_native_objective(kobai::parse(p.formula).root(), p.variables());
  if (!n.objective) {
    std::printf("native code unavailable: %s\n", n.reason.c_str());
    return 0;
  }
  Eigen::VectorXd gn(2);
  const double fn = n.objective->value_and_gradient(x, gn);
  std::printf("native: f = %.6f, the same bits as the tape: %s\n", fn,
              fn == f && gn == g ? "yes" : "no");
  return fn == f && gn == g ? 0 : 1;
}
