// A function of doubles is differenced: user_options (check_gradient, mode) do not apply to it.
#include "kobai/kobai.hpp"

int main() {
  const auto r = kobai::minimize([](const Eigen::VectorXd& x) { return x.squaredNorm(); },
                                 Eigen::Vector2d{1, 2}, kobai::lbfgs{}, {},
                                 kobai::user_options{.check_gradient = true});
  return static_cast<int>(r.iterations);
}
