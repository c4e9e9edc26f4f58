// Parses, evaluates, differentiates and minimizes through the installed library; exits 0 when the
// answers are right.
#include <kobai/kobai.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

int main() {
  const kobai::formula f = kobai::parse("4x^2 + 4x*y + 2y^2 + 5");
  const kobai::tape t = kobai::compile(f.root());
  std::vector<double> g(2);
  const double v = t.value_and_gradient(std::vector{1.0, 2.0}, g);
  std::printf("%s = %g, gradient (%g, %g)\n", kobai::to_string(f.root()).c_str(), v, g[0], g[1]);
  // kobai.hpp brings the whole optimization API, multistart included.
  kobai::tape_objective objective(t);
  const kobai::box b{Eigen::Vector2d{-3, -3}, Eigen::Vector2d{3, 3}};
  const kobai::multistart_result m =
      kobai::multistart(objective, b, kobai::lbfgs{}, kobai::default_options(kobai::lbfgs{}));
  const bool minimum_found = m.minima.size() == 1 && std::abs(m.minima[0].f - 5) < 1e-8;
  return v == 25.0 && g[0] == 16.0 && g[1] == 12.0 && minimum_found ? 0 : 1;
}
