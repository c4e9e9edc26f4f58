// A point is a vector; a matrix is not one.
#include "kobai/kobai.hpp"

int main() {
  const Eigen::Matrix2d x = Eigen::Matrix2d::Identity();
  const auto g = kobai::gradient([](const auto& p) { return p.sum(); }, x);
  return static_cast<int>(g.size());
}
