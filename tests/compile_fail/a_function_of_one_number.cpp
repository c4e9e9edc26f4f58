// f must take the whole point, not one coordinate.
#include "kobai/kobai.hpp"

int main() {
  const auto r =
      kobai::minimize([](double x) { return x * x; }, Eigen::VectorXd::Ones(1), kobai::lbfgs{});
  return static_cast<int>(r.iterations);
}
