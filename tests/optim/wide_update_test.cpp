// Adam on long vectors runs a kernel chosen at run time (AVX where the CPU has it,
// src/optim/adam_kernel.cpp). These tests hold it to an element-by-element transcription of the
// update equations written here, bit for bit, at a dimension that is not a multiple of the
// packet width so that the scalar tail runs too.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "kobai/optim/detail/adam_kernel.hpp"
#include "kobai/optim/minimize.hpp"

namespace kobai {
namespace {

constexpr Eigen::Index n = 1531;  // ≥ detail::adam_wide_from, odd
static_assert(static_cast<std::size_t>(n) >= detail::adam_wide_from);
constexpr int steps = 25;

// f = ½ Σ dᵢxᵢ² with curvatures dᵢ spread over four orders of magnitude.
Eigen::VectorXd curvatures() {
  Eigen::VectorXd d(n);
  for (Eigen::Index i = 0; i < n; ++i) d[i] = std::pow(10.0, 4.0 * static_cast<double>(i) / n - 2);
  return d;
}

auto quadratic(const Eigen::VectorXd& d) {
  return function_objective(
      [&d](const Eigen::VectorXd& x) { return 0.5 * x.dot(d.cwiseProduct(x)); },
      [&d](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
        g = d.cwiseProduct(x);
        return 0.5 * x.dot(g);
      });
}

Eigen::VectorXd start() {
  return Eigen::VectorXd::LinSpaced(n, -3, 2);
}

using coordinate_update = std::function<void(int t, double g, double& x, double& m, double& v)>;

Eigen::VectorXd reference(const Eigen::VectorXd& d, const coordinate_update& step) {
  Eigen::VectorXd x = start(), m = Eigen::VectorXd::Zero(n), v = Eigen::VectorXd::Zero(n);
  for (int t = 1; t <= steps; ++t)
    for (Eigen::Index i = 0; i < n; ++i) step(t, d[i] * x[i], x[i], m[i], v[i]);
  return x;
}

void expect_bitwise_equal(const Eigen::VectorXd& got, const Eigen::VectorXd& want) {
  ASSERT_EQ(got.size(), want.size());
  Eigen::Index differing = 0;
  for (Eigen::Index i = 0; i < got.size(); ++i)
    if (got[i] != want[i]) ++differing;
  EXPECT_EQ(differing, 0) << "first coordinates: " << got.head(3).transpose() << " vs "
                          << want.head(3).transpose();
}

minimize_options run_for_steps() {
  return {.max_iterations = steps, .gtol = 0, .stall_window = 0};
}

TEST(adam_long_vectors, standard_form_matches_the_element_loop_bit_for_bit) {
  const Eigen::VectorXd d = curvatures();
  const double eta = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  const Eigen::VectorXd want = reference(d, [&](int t, double g, double& x, double& m, double& v) {
    const double c1 = 1 - std::pow(b1, t), c2 = 1 - std::pow(b2, t);
    m += (1 - b1) * (g - m);
    v = b2 * v + (1 - b2) * (g * g);
    x -= (eta / c1) * (m / (std::sqrt(v) / std::sqrt(c2) + eps));
  });
  const result r = minimize(quadratic(d), start(), adam{.rate = eta}, run_for_steps());
  ASSERT_EQ(r.iterations, static_cast<std::size_t>(steps));
  expect_bitwise_equal(r.x, want);
}

TEST(adam_long_vectors, adamw_decays_first_and_matches_the_element_loop_bit_for_bit) {
  const Eigen::VectorXd d = curvatures();
  const double eta = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8, lambda = 0.05;
  const Eigen::VectorXd want = reference(d, [&](int t, double g, double& x, double& m, double& v) {
    const double c1 = 1 - std::pow(b1, t), c2 = 1 - std::pow(b2, t);
    x *= 1 - eta * lambda;
    m += (1 - b1) * (g - m);
    v = b2 * v + (1 - b2) * (g * g);
    x -= (eta / c1) * (m / (std::sqrt(v) / std::sqrt(c2) + eps));
  });
  const result r =
      minimize(quadratic(d), start(), adamw{.rate = eta, .weight_decay = lambda}, run_for_steps());
  expect_bitwise_equal(r.x, want);
}

TEST(adam_long_vectors, book_form_matches_the_element_loop_bit_for_bit) {
  const Eigen::VectorXd d = curvatures();
  const double lr = 0.01, b1 = 0.9, b2 = 0.999;
  const Eigen::VectorXd want = reference(d, [&](int t, double g, double& x, double& m, double& v) {
    const double lr_t = lr * std::sqrt(1.0 - std::pow(b2, t)) / (1.0 - std::pow(b1, t));
    m += (1 - b1) * (g - m);
    v += (1 - b2) * (g * g - v);
    x -= lr_t * m / (std::sqrt(v) + 1e-7);
  });
  const result r = minimize(quadratic(d), start(),
                            adam{.rate = lr, .beta1 = b1, .beta2 = b2, .variant = variant::book},
                            run_for_steps());
  expect_bitwise_equal(r.x, want);
}

TEST(adam_long_vectors, step_length_is_the_norm_of_the_move) {
  const Eigen::VectorXd d = curvatures();
  Eigen::VectorXd before = start();
  std::size_t checked = 0;
  const result r = minimize(quadratic(d), start(), adam{.rate = 0.01}, run_for_steps(),
                            [&](const iteration_view& it) {
                              if (it.k > 0) {
                                // EXPECT_LE fails on a NaN or infinite step length, which a running
                                // max would skip.
                                const double moved = (it.x - before).norm();
                                EXPECT_GT(moved, 0) << it.k;
                                EXPECT_LE(std::abs(it.step_length - moved), 1e-12 * moved) << it.k;
                                ++checked;
                              }
                              before = it.x;
                            });
  EXPECT_EQ(r.iterations, static_cast<std::size_t>(steps));
  EXPECT_EQ(checked, r.iterations);
}

}  // namespace
}  // namespace kobai
