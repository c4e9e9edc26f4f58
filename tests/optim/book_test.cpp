// The book variants against an independent transcription of ゼロから作るDeep Learning's
// common/optimizer.py (written here, sharing no code with the engine), bit for bit; and the
// book's gradient_descent runs of §4.4.1 with its numerical_gradient.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "kobai/expr/parse.hpp"
#include "kobai/optim/minimize.hpp"

namespace kobai {
namespace {

// §6.1.7 (optimizer_compare_naive.py): f(x, y) = x**2 / 20.0 + y**2, df = (x / 10.0, 2.0*y)
double book_f(double x, double y) {
  return x * x / 20.0 + y * y;
}
void book_df(double x, double y, double& gx, double& gy) {
  gx = x / 10.0;
  gy = 2.0 * y;
}

auto book_objective() {
  return function_objective([](const Eigen::VectorXd& p) { return book_f(p[0], p[1]); },
                            [](const Eigen::VectorXd& p, Eigen::VectorXd& g) {
                              book_df(p[0], p[1], g[0], g[1]);
                              return book_f(p[0], p[1]);
                            });
}

using update = std::function<void(double (&p)[2], const double (&g)[2])>;

// Runs `step` 30 times from (−7, 2) the way the book's script does and returns the path.
std::vector<std::array<double, 2>> reference_path(const update& step, int iterations = 30) {
  double p[2] = {-7.0, 2.0};
  std::vector<std::array<double, 2>> path{{p[0], p[1]}};
  for (int i = 0; i < iterations; ++i) {
    double g[2];
    book_df(p[0], p[1], g[0], g[1]);
    step(p, g);
    path.push_back({p[0], p[1]});
  }
  return path;
}

void expect_same_path(const result& r, const std::vector<std::array<double, 2>>& path) {
  ASSERT_EQ(r.trace.iterations.size(), path.size());
  for (std::size_t k = 0; k < path.size(); ++k) {
    EXPECT_EQ(r.trace.iterations[k].x[0], path[k][0]) << "k = " << k;
    EXPECT_EQ(r.trace.iterations[k].x[1], path[k][1]) << "k = " << k;
  }
}

const minimize_options thirty{
    .max_iterations = 30, .gtol = 0, .stall_window = 0, .record_trace = true};

TEST(book, sgd_matches_the_reference_bit_for_bit) {
  const auto path = reference_path([](double(&p)[2], const double(&g)[2]) {
    for (int i = 0; i < 2; ++i) p[i] -= 0.95 * g[i];
  });
  expect_same_path(minimize(book_objective(), Eigen::Vector2d{-7, 2},
                            gd{.rate = 0.95, .variant = variant::book}, thirty),
                   path);
}

TEST(book, momentum_matches_the_reference_bit_for_bit) {
  double v[2] = {0, 0};
  const auto path = reference_path([&](double(&p)[2], const double(&g)[2]) {
    for (int i = 0; i < 2; ++i) {
      v[i] = 0.9 * v[i] - 0.1 * g[i];
      p[i] += v[i];
    }
  });
  expect_same_path(minimize(book_objective(), Eigen::Vector2d{-7, 2},
                            momentum{.rate = 0.1, .mu = 0.9, .variant = variant::book}, thirty),
                   path);
}

TEST(book, nesterov_matches_the_reference_bit_for_bit) {
  double v[2] = {0, 0};
  const double mu = 0.9, lr = 0.1;
  const auto path = reference_path([&](double(&p)[2], const double(&g)[2]) {
    for (int i = 0; i < 2; ++i) {
      v[i] *= mu;
      v[i] -= lr * g[i];
      p[i] += mu * mu * v[i];
      p[i] -= (1 + mu) * lr * g[i];
    }
  });
  expect_same_path(minimize(book_objective(), Eigen::Vector2d{-7, 2},
                            nesterov{.rate = lr, .mu = mu, .variant = variant::book}, thirty),
                   path);
}

TEST(book, adagrad_matches_the_reference_bit_for_bit) {
  double h[2] = {0, 0};
  const auto path = reference_path([&](double(&p)[2], const double(&g)[2]) {
    for (int i = 0; i < 2; ++i) {
      h[i] += g[i] * g[i];
      p[i] -= 1.5 * g[i] / (std::sqrt(h[i]) + 1e-7);
    }
  });
  expect_same_path(minimize(book_objective(), Eigen::Vector2d{-7, 2},
                            adagrad{.rate = 1.5, .variant = variant::book}, thirty),
                   path);
}

TEST(book, rmsprop_matches_the_reference_bit_for_bit) {
  double h[2] = {0, 0};
  const double decay = 0.99, lr = 0.3;
  const auto path = reference_path([&](double(&p)[2], const double(&g)[2]) {
    for (int i = 0; i < 2; ++i) {
      h[i] *= decay;
      h[i] += (1 - decay) * g[i] * g[i];
      p[i] -= lr * g[i] / (std::sqrt(h[i]) + 1e-7);
    }
  });
  expect_same_path(minimize(book_objective(), Eigen::Vector2d{-7, 2},
                            rmsprop{.rate = lr, .rho = decay, .variant = variant::book}, thirty),
                   path);
}

TEST(book, adam_matches_the_reference_bit_for_bit) {
  double m[2] = {0, 0}, v[2] = {0, 0};
  int iter = 0;
  const double lr = 0.3, beta1 = 0.9, beta2 = 0.999;
  const auto path = reference_path([&](double(&p)[2], const double(&g)[2]) {
    iter += 1;
    const double lr_t = lr * std::sqrt(1.0 - std::pow(beta2, iter)) / (1.0 - std::pow(beta1, iter));
    for (int i = 0; i < 2; ++i) {
      m[i] += (1 - beta1) * (g[i] - m[i]);
      v[i] += (1 - beta2) * (g[i] * g[i] - v[i]);
      p[i] -= lr_t * m[i] / (std::sqrt(v[i]) + 1e-7);
    }
  });
  expect_same_path(
      minimize(book_objective(), Eigen::Vector2d{-7, 2},
               adam{.rate = lr, .beta1 = beta1, .beta2 = beta2, .variant = variant::book}, thirty),
      path);
}

// §4.4.1: gradient_descent(function_2, init_x=np.array([-3.0, 4.0]), lr=0.1, step_num=100)
// with numerical_gradient (h = 1e-4); the printed results are the book's.
central_difference<tape_objective> function_2() {
  return central_difference(tape_objective(compile(parse("x[0]^2 + x[1]^2").root())), 1e-4);
}

TEST(book, gradient_descent_on_function_2_ends_where_the_book_does) {
  const result r =
      minimize(function_2(), Eigen::Vector2d{-3, 4}, gd{.rate = 0.1}, {.max_iterations = 100});
  EXPECT_EQ(r.iterations, 100u);
  EXPECT_EQ(r.x[0], -6.111107928998789e-10);
  EXPECT_EQ(r.x[1], 8.148143905314271e-10);
  EXPECT_EQ(r.evaluations.gradient, 101u);
  EXPECT_EQ(r.evaluations.value, 101u * 5);  // f and 4 difference values per gradient
}

TEST(book, a_tiny_rate_barely_moves) {
  const result r =
      minimize(function_2(), Eigen::Vector2d{-3, 4}, gd{.rate = 1e-10}, {.max_iterations = 100});
  EXPECT_EQ(r.iterations, 100u);
  EXPECT_NEAR(r.x[0], -2.99999994, 1e-8);
  EXPECT_NEAR(r.x[1], 3.99999992, 1e-8);
}

TEST(book, a_huge_rate_kept_going_ends_where_the_book_does) {
  const result r = minimize(function_2(), Eigen::Vector2d{-3, 4}, gd{.rate = 10},
                            {.max_iterations = 100, .keep_going = true});
  EXPECT_EQ(r.iterations, 100u);
  EXPECT_NEAR(r.x[0], -2.58983747e+13, 1e5);
  EXPECT_NEAR(r.x[1], -1.29524862e+12, 1e4);
  EXPECT_EQ(r.status, status::diverged);
}

}  // namespace
}  // namespace kobai
