// An observer stops a run with observer_action::stop; a bool would be silently ignored.
#include "kobai/kobai.hpp"

int main() {
  const auto r =
      kobai::minimize([](const auto& x) { return x.squaredNorm(); }, Eigen::Vector2d{1, 2},
                      kobai::lbfgs{}, {}, [](const kobai::iteration_view& v) { return v.k > 3; });
  return static_cast<int>(r.iterations);
}
