// Many steps of Nesterov, AdaGrad, RMSprop and Adam on quadratics against their closed forms and
// against the published equations written out again here, element by element, with the
// quadratic's gradient by hand (no code shared with the engine or its tape).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "kobai/expr/parse.hpp"
#include "kobai/optim/minimize.hpp"

namespace kobai {
namespace {

tape_objective objective(std::string_view text) {
  return tape_objective(compile(parse(text).root()));
}

const minimize_options traced{
    .max_iterations = 40, .gtol = 0, .stall_window = 0, .record_trace = true};

// f = Σ a_i x_i² / 2 in three coordinates, ∇f = (a_i x_i).
constexpr std::array<double, 3> curvature = {1, 9, 0.25};
constexpr std::string_view diagonal = "x^2/2 + 9y^2/2 + 0.25z^2/2";
const Eigen::Vector3d start{2, -1, 4};

// |a − b| ≤ 1e-12·max(|a|, |b|, 1e-3): the reference may associate a product differently from
// the engine (torch writes (1 − ρ)·(g·g)), and such one-ulp differences grow slowly over 40 steps.
::testing::AssertionResult close(double a, double b) {
  const double scale = std::max({std::abs(a), std::abs(b), 1e-3});
  if (std::abs(a - b) <= 1e-12 * scale) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << a << " vs " << b;
}

void expect_trajectory(const result& r, const std::vector<std::array<double, 3>>& reference) {
  ASSERT_EQ(r.trace.iterations.size(), reference.size());
  for (std::size_t k = 0; k < reference.size(); ++k)
    for (Eigen::Index i = 0; i < 3; ++i)
      EXPECT_TRUE(close(r.trace.iterations[k].x[i], reference[k][static_cast<std::size_t>(i)]))
          << "k = " << k << ", coordinate " << i;
}

// Nesterov in PyTorch's form, b ← μb + g, x ← x − η(g + μb), is linear on f = a x²/2:
// [x; b] ← M [x; b] with M = [[1 − ηa(1 + μ), −ημ²], [a, μ]] (b₀ = 0), so x_k = (M^k [x₀; 0])₀.
TEST(nesterov, standard_form_is_the_linear_recurrence_of_its_matrix) {
  const double eta = 0.05, mu = 0.9;
  const result r = minimize(objective(diagonal), start, nesterov{.rate = eta, .mu = mu}, traced);
  for (std::size_t i = 0; i < 3; ++i) {
    const double a = curvature[i];
    Eigen::Matrix2d m;
    m << 1 - eta * a * (1 + mu), -eta * mu * mu, a, mu;
    Eigen::Matrix2d power = Eigen::Matrix2d::Identity();
    for (const auto& it : r.trace.iterations) {
      const Eigen::Vector2d s = power * Eigen::Vector2d{start[static_cast<Eigen::Index>(i)], 0};
      EXPECT_NEAR(it.x[static_cast<Eigen::Index>(i)], s[0], 1e-13) << "k = " << it.k;
      power = m * power;
    }
  }
}

// The book's form (Bengio et al. 2012): v ← μv − ηg, x ← x + μ²v − (1 + μ)ηg, i.e.
// [x; v] ← [[1 − ηa(1 + μ + μ²), μ³], [−ηa, μ]] [x; v].
TEST(nesterov, book_form_is_the_linear_recurrence_of_its_matrix) {
  const double eta = 0.05, mu = 0.9;
  const result r = minimize(objective(diagonal), start,
                            nesterov{.rate = eta, .mu = mu, .variant = variant::book}, traced);
  for (std::size_t i = 0; i < 3; ++i) {
    const double a = curvature[i];
    Eigen::Matrix2d m;
    m << 1 - eta * a * (1 + mu + mu * mu), mu * mu * mu, -eta * a, mu;
    Eigen::Vector2d s{start[static_cast<Eigen::Index>(i)], 0};
    for (const auto& it : r.trace.iterations) {
      EXPECT_NEAR(it.x[static_cast<Eigen::Index>(i)], s[0], 1e-13) << "k = " << it.k;
      s = m * s;
    }
  }
}

// AdaGrad (Duchi, Hazan & Singer 2011, diagonal form): h ← h + g², x ← x − ηg/(√h + ε). With ε
// negligible the step of a coordinate does not depend on its curvature: on f = Σ a_i x_i²/2
// from equal starts every coordinate follows the same sequence x_k = x₀·r_k. With curvatures a
// power of 4 apart (gradients a power of 2 apart) that holds to the last bit.
TEST(adagrad, coordinates_of_any_curvature_follow_one_sequence) {
  const result r = minimize(objective("x^2/2 + 16y^2/2 + z^2/32"), Eigen::Vector3d{1, 1, 1},
                            adagrad{.rate = 0.1, .eps = 1e-300}, traced);
  // r_{k+1} = r_k − η r_k / √(Σ_{j≤k} r_j²) (the curvature cancels between g and √h)
  double rk = 1, sum = 0;
  for (const auto& it : r.trace.iterations) {
    EXPECT_EQ(it.x[0], it.x[1]) << "k = " << it.k;
    EXPECT_EQ(it.x[0], it.x[2]) << "k = " << it.k;
    EXPECT_TRUE(close(it.x[0], rk)) << "k = " << it.k;
    sum += rk * rk;
    rk -= 0.1 * rk / std::sqrt(sum);
  }
}

// The iterates 0 … max_iterations of a method with one accumulator h per coordinate on the
// diagonal quadratic, `update(g, h, x)` applying the method's equations to one coordinate.
template <class Update>
std::vector<std::array<double, 3>> accumulator_reference(const Update& update) {
  std::vector<std::array<double, 3>> ref;
  std::array<double, 3> x{start[0], start[1], start[2]}, h{};
  for (std::size_t k = 0; k <= traced.max_iterations; ++k) {
    ref.push_back(x);
    for (std::size_t i = 0; i < 3; ++i) update(curvature[i] * x[i], h[i], x[i]);
  }
  return ref;
}

TEST(adagrad, many_steps_follow_the_published_equations) {
  const double eta = 0.3, eps = 1e-10;
  const result r = minimize(objective(diagonal), start, adagrad{.rate = eta, .eps = eps}, traced);
  expect_trajectory(r, accumulator_reference([&](double g, double& h, double& x) {
                      h += g * g;
                      x -= eta * g / (std::sqrt(h) + eps);
                    }));
}

// RMSprop with ρ = 0 keeps only the last g², so x ← x − η sign(g): on f = x² from 1.125 with
// η = 0.25 it walks down by exactly 0.25 per step, then hops between 0.125 and −0.125 forever.
TEST(rmsprop, without_memory_it_is_sign_descent) {
  const result r = minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.125),
                            rmsprop{.rate = 0.25, .rho = 0, .eps = 1e-300}, traced);
  const std::array<double, 8> expected = {1.125, 0.875, 0.625, 0.375, 0.125, -0.125, 0.125, -0.125};
  for (std::size_t k = 0; k < expected.size(); ++k)
    EXPECT_EQ(r.trace.iterations[k].x[0], expected[k]) << "k = " << k;
  EXPECT_EQ(r.trace.iterations.back().x[0], 0.125);  // k = 40: even steps sit at 0.125
}

// Hinton's RMSprop as PyTorch writes it: h ← ρh + (1 − ρ)g², x ← x − ηg/(√h + ε).
TEST(rmsprop, many_steps_follow_the_published_equations) {
  const double eta = 0.01, rho = 0.9, eps = 1e-8;
  const result r =
      minimize(objective(diagonal), start, rmsprop{.rate = eta, .rho = rho, .eps = eps}, traced);
  expect_trajectory(r, accumulator_reference([&](double g, double& h, double& x) {
                      h = rho * h + (1 - rho) * g * g;
                      x -= eta * g / (std::sqrt(h) + eps);
                    }));
}

// Adam with β₁ = β₂ = 0 has m = g, v = g², no bias correction: sign descent again.
TEST(adam, without_memory_it_is_sign_descent) {
  const result r = minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.125),
                            adam{.rate = 0.25, .beta1 = 0, .beta2 = 0, .eps = 1e-300}, traced);
  const std::array<double, 8> expected = {1.125, 0.875, 0.625, 0.375, 0.125, -0.125, 0.125, -0.125};
  for (std::size_t k = 0; k < expected.size(); ++k)
    EXPECT_EQ(r.trace.iterations[k].x[0], expected[k]) << "k = " << k;
}

// Kingma & Ba (2015), Algorithm 1, as printed: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
// m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), x ← x − η m̂/(√v̂ + ε). PyTorch (and kobai) rearrange the
// last line as (η/(1 − β₁ᵗ))·m/(√v/√(1 − β₂ᵗ) + ε), equal up to rounding.
TEST(adam, many_steps_follow_kingma_and_ba_algorithm_1) {
  const double eta = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  const result r = minimize(objective(diagonal), start, adam{.rate = eta}, traced);
  std::vector<std::array<double, 3>> ref;
  std::array<double, 3> x{start[0], start[1], start[2]}, m{}, v{};
  for (std::size_t t = 0; t <= traced.max_iterations; ++t) {
    ref.push_back(x);
    const double td = static_cast<double>(t + 1);
    for (std::size_t i = 0; i < 3; ++i) {
      const double g = curvature[i] * x[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      const double mhat = m[i] / (1 - std::pow(b1, td));
      const double vhat = v[i] / (1 - std::pow(b2, td));
      x[i] -= eta * mhat / (std::sqrt(vhat) + eps);
    }
  }
  expect_trajectory(r, ref);
}

}  // namespace
}  // namespace kobai
