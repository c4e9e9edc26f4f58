// Parses, evaluates and differentiates through the installed library; exits 0 when the answers
// are right.
#include <kobai/kobai.hpp>

#include <cstdio>
#include <vector>

int main() {
  const kobai::formula f = kobai::parse("4x^2 + 4x*y + 2y^2 + 5");
  const kobai::tape t = kobai::compile(f.root());
  std::vector<double> g(2);
  const double v = t.value_and_gradient(std::vector{1.0, 2.0}, g);
  std::printf("%s = %g, gradient (%g, %g)\n", kobai::to_string(f.root()).c_str(), v, g[0], g[1]);
  return v == 25.0 && g[0] == 16.0 && g[1] == 12.0 ? 0 : 1;
}
