// The third argument is the method.
#include "kobai/kobai.hpp"

int main() {
  const auto r =
      kobai::minimize([](const auto& x) { return x.squaredNorm(); }, Eigen::Vector2d{1, 2}, 0.1);
  return static_cast<int>(r.iterations);
}
