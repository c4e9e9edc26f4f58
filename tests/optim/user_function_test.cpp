// minimize() on users' own C++ functions: a generic lambda differentiated automatically, a
// supplied gradient checked against differences, and a function of doubles only.
#include "kobai/optim/user_function.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace kobai {
namespace {

const auto rosenbrock = [](const auto& x) { return sq(1 - x[0]) + 100 * sq(x[1] - sq(x[0])); };

TEST(user_function, a_generic_lambda_is_minimized_with_automatic_gradients) {
  for (ad_mode mode : {ad_mode::automatic, ad_mode::forward, ad_mode::reverse}) {
    const result r = minimize(rosenbrock, Eigen::Vector2d{-1.2, 1}, lbfgs{.memory = 10},
                              {.max_iterations = 200, .gtol = 1e-8}, {.mode = mode});
    EXPECT_EQ(r.status, status::converged_gradient) << r.message;
    EXPECT_NEAR(r.x[0], 1, 1e-7);
    EXPECT_NEAR(r.x[1], 1, 1e-7);
    EXPECT_EQ(r.evaluations.gradient, r.evaluations.value);  // AD gives both together
  }
}

TEST(user_function, automatic_and_formula_gradients_take_the_same_path) {
  // The lambda and the formula are the same function; their exact gradients agree to rounding,
  // so a few gd steps land on the same points.
  const result a = minimize(rosenbrock, Eigen::Vector2d{-1.2, 1}, gd{.rate = 1e-4},
                            {.max_iterations = 50}, {.mode = ad_mode::reverse});
  Eigen::VectorXd x(2);
  x << -1.2, 1;
  for (int k = 0; k < 50; ++k) {
    const double t = x[1] - x[0] * x[0];
    const Eigen::Vector2d g{-2 * (1 - x[0]) - 400 * x[0] * t, 200 * t};
    x -= 1e-4 * g;
  }
  EXPECT_NEAR(a.x[0], x[0], 1e-12);
  EXPECT_NEAR(a.x[1], x[1], 1e-12);
}

auto hand_objective(double wrong_factor) {
  return function_objective([](const Eigen::VectorXd& x) { return rosenbrock(x); },
                            [wrong_factor](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
                              const double t = x[1] - x[0] * x[0];
                              g[0] = -2 * (1 - x[0]) - 400 * x[0] * t;
                              g[1] = wrong_factor * 200 * t;
                              return rosenbrock(x);
                            });
}

TEST(user_function, a_wrong_supplied_gradient_fails_the_check_naming_the_component) {
  const result r = minimize(hand_objective(2.0), Eigen::Vector2d{-1.2, 1}, lbfgs{},
                            {.variables = {"x", "y"}}, {.check_gradient = true});
  EXPECT_EQ(r.status, status::gradient_check_failed);
  EXPECT_EQ(r.iterations, 0u);
  EXPECT_NE(r.message.find("∂f/∂y is -176"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("gives -88"), std::string::npos) << r.message;
  EXPECT_FALSE(converged(r.status));
  // The check's evaluations are counted: f and ∇f at x0, and four more calls per coordinate for
  // the central differences at steps h and 2h (the second estimates the truncation).
  EXPECT_EQ(r.evaluations.value, 9u);
  EXPECT_EQ(r.evaluations.gradient, 9u);
}

TEST(user_function, a_large_constant_in_f_does_not_let_a_wrong_gradient_through_the_check) {
  // v = 1e7 + (x − 1)² + (y − 2)² with ∂v/∂x off by −3: a run on it would stop at (2.5, 2).
  const auto v = [](const Eigen::VectorXd& x) { return 1e7 + sq(x[0] - 1) + sq(x[1] - 2); };
  auto objective = function_objective(v, [&v](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g[0] = 2 * (x[0] - 1) - 3;
    g[1] = 2 * (x[1] - 2);
    return v(x);
  });
  const result r = minimize(objective, Eigen::Vector2d{0, 0}, lbfgs{}, default_options(lbfgs{}),
                            {.check_gradient = true});
  EXPECT_EQ(r.status, status::gradient_check_failed) << r.message;
  EXPECT_NE(r.message.find("∂f/∂x[0]"), std::string::npos) << r.message;
}

// f = √x + y² is undefined at x = −1: the gradient is not to blame, and the start is refused with
// the run's own numerical_error, with or without the check.
TEST(user_function,
     a_start_where_f_is_undefined_is_refused_whether_or_not_the_gradient_is_checked) {
  auto objective =
      function_objective([](const Eigen::VectorXd& x) { return std::sqrt(x[0]) + x[1] * x[1]; },
                         [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
                           g[0] = 0.5 / std::sqrt(x[0]);
                           g[1] = 2 * x[1];
                           return std::sqrt(x[0]) + x[1] * x[1];
                         });
  std::string messages[2];
  for (const bool check : {false, true}) {
    try {
      const result r =
          minimize(objective, Eigen::Vector2d{-1, 1}, lbfgs{}, {}, {.check_gradient = check});
      ADD_FAILURE() << "check " << check << ": " << to_string(r.status) << " " << r.message;
    } catch (const numerical_error& e) {
      messages[check] = e.what();
    }
  }
  EXPECT_NE(messages[1].find("not finite at the start point"), std::string::npos) << messages[1];
  EXPECT_EQ(messages[0], messages[1]);
}

TEST(user_function, a_start_where_only_the_gradient_is_not_finite_says_so) {
  // f = √(x² + y²) is 0 at the origin, its gradient √-kink undefined there.
  auto cone = function_objective([](const Eigen::VectorXd& x) { return x.norm(); },
                                 [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
                                   g = x / x.norm();
                                   return x.norm();
                                 });
  for (const bool check : {false, true}) {
    try {
      minimize(cone, Eigen::Vector2d{0, 0}, lbfgs{}, {}, {.check_gradient = check});
      ADD_FAILURE() << "no numerical_error";
    } catch (const numerical_error& e) {
      const std::string m = e.what();
      EXPECT_NE(m.find("the gradient is not finite at the start point (x[0] = 0, x[1] = 0)"),
                std::string::npos)
          << m;
      EXPECT_NE(m.find("∂f/∂x[0] = nan"), std::string::npos) << m;
      EXPECT_EQ(m.find("start where f is defined"), std::string::npos) << m;
    }
  }
}

TEST(user_function, a_right_supplied_gradient_passes_the_check_and_runs) {
  const result r = minimize(hand_objective(1.0), Eigen::Vector2d{-1.2, 1}, lbfgs{},
                            {.max_iterations = 200, .gtol = 1e-8}, {.check_gradient = true});
  EXPECT_EQ(r.status, status::converged_gradient) << r.message;
  EXPECT_NEAR(r.x[0], 1, 1e-7);
}

TEST(user_function, a_function_of_doubles_gets_a_difference_gradient) {
  // f = (x − 3)² + 2(y + 1)²: central differences are exact for quadratics up to rounding.
  const result r = minimize(
      [](const Eigen::VectorXd& x) {
        return (x[0] - 3) * (x[0] - 3) + 2 * (x[1] + 1) * (x[1] + 1);
      },
      Eigen::Vector2d{0, 0}, lbfgs{}, {.max_iterations = 100, .gtol = 1e-6});
  EXPECT_TRUE(converged(r.status)) << r.message;
  EXPECT_NEAR(r.x[0], 3, 1e-6);
  EXPECT_NEAR(r.x[1], -1, 1e-6);
  EXPECT_GT(r.evaluations.value, 4 * r.evaluations.gradient);  // 2n values per gradient
}

// Coordinates of very different scale: f = 1e-10(x − 10⁵)² + e^(50y) − 50y, minimum f = 1 at
// (10⁵, 0). Each coordinate gets its own step ε^(1/3)·max(|xᵢ|, 1) at each point; one step scaled
// by |x| = 10⁵ (h ≈ 0.6) made the y-partial of e^(50y) meaningless and the line search failed.
TEST(user_function, a_function_of_doubles_gets_a_step_per_coordinate_and_point) {
  const auto f = [](const Eigen::VectorXd& x) {
    return 1e-10 * (x[0] - 1e5) * (x[0] - 1e5) + std::exp(50 * x[1]) - 50 * x[1];
  };
  const result r =
      minimize(f, Eigen::Vector2d{1e5 + 10, 0.1}, lbfgs{}, {.max_iterations = 200, .gtol = 1e-6});
  EXPECT_TRUE(converged(r.status)) << r.summary();
  EXPECT_NEAR(r.x[1], 0, 1e-6);
  EXPECT_NEAR(r.f, 1, 2e-8);  // x need not move: ∂f/∂x = 2·10⁻⁹ at the start, below gtol
  // The largest step used: at x ≈ 10⁵.
  EXPECT_NEAR(r.diagnosis.difference_step, std::cbrt(std::numeric_limits<double>::epsilon()) * 1e5,
              1e-3);
}

// f = (x + 1)² + y², undefined (NaN) for x < 0, on the box x ≥ 0: the minimizer is the corner
// (0, 0), where ∂f/∂x = 2 points out of the box.
double defined_on_the_box(const Eigen::VectorXd& x) {
  return x[0] < 0 ? std::nan("") : (x[0] + 1) * (x[0] + 1) + x[1] * x[1];
}

minimize_options half_plane() {
  minimize_options o = default_options(lbfgs{});
  const double inf = std::numeric_limits<double>::infinity();
  o.bounds = {Eigen::Vector2d{0, -inf}, Eigen::Vector2d{inf, inf}};
  return o;
}

TEST(user_function, differences_of_a_function_of_doubles_stay_inside_the_bounds) {
  for (const Eigen::Vector2d& start : {Eigen::Vector2d{3, 1}, Eigen::Vector2d{0, 1}}) {
    for (const method_options& m : {method_options(lbfgs{}), method_options(gd_ls{})}) {
      const result r = minimize(defined_on_the_box, start, m, half_plane());
      EXPECT_EQ(r.status, status::converged_gradient) << r.summary();
      EXPECT_EQ(r.x[0], 0);
      EXPECT_NEAR(r.x[1], 0, 1e-5);
      EXPECT_NEAR(r.gradient[0], 2, 1e-6);  // one-sided at the bound, not NaN
    }
  }
}

TEST(user_function, a_difference_on_a_bound_is_one_sided_and_of_second_order) {
  // e^x on [0, 1e-7] at x = 0: neither side has room for h ≈ 6e-6, so h shrinks to half of the
  // room on the upper side; (−3f(0) + 4f(h) − f(2h))/2h = 1 + O(h²).
  const auto exp_on_box = [](const Eigen::VectorXd& x) {
    return x[0] < 0 || x[0] > 1e-7 ? std::nan("") : std::exp(x[0]);
  };
  auto f = central_difference(value_only(exp_on_box), relative_step,
                              bounds{Eigen::VectorXd::Zero(1), Eigen::VectorXd::Constant(1, 1e-7)});
  Eigen::VectorXd g(1);
  for (const double x : {0.0, 1e-7, 5e-8}) {
    EXPECT_NEAR(f.value_and_gradient(Eigen::VectorXd::Constant(1, x), g), std::exp(x), 1e-15);
    EXPECT_NEAR(g[0], std::exp(x), 1e-6) << "x = " << x;
  }
  // A coordinate the box fixes has no direction to differentiate along.
  auto fixed = central_difference(value_only(exp_on_box), relative_step,
                                  bounds{Eigen::VectorXd::Zero(1), Eigen::VectorXd::Zero(1)});
  fixed.value_and_gradient(Eigen::VectorXd::Zero(1), g);
  EXPECT_EQ(g[0], 0);
}

TEST(user_function, observers_watch_generic_lambdas_and_functions_of_doubles) {
  const auto stop_at_3 = [](const iteration_view& v) {
    return v.k == 3 ? observer_action::stop : observer_action::proceed;
  };
  std::size_t seen = 0;
  const auto count = [&seen](const iteration_view&) { ++seen; };
  const result a = minimize(rosenbrock, Eigen::Vector2d{-1.2, 1}, lbfgs{}, default_options(lbfgs{}),
                            stop_at_3, count);
  EXPECT_EQ(a.status, status::stopped);
  EXPECT_EQ(a.iterations, 3u);
  EXPECT_EQ(seen, 4u);  // k = 0, 1, 2, 3
  const result b = minimize(rosenbrock, Eigen::Vector2d{-1.2, 1}, lbfgs{}, default_options(lbfgs{}),
                            {.mode = ad_mode::forward}, stop_at_3);
  EXPECT_EQ(b.status, status::stopped);
  const result c = minimize([](const Eigen::VectorXd& x) { return rosenbrock(x); },
                            Eigen::Vector2d{-1.2, 1}, lbfgs{}, default_options(lbfgs{}), stop_at_3);
  EXPECT_EQ(c.status, status::stopped);
  EXPECT_EQ(c.iterations, 3u);
}

TEST(user_function, generic_lambdas_and_functions_of_doubles_get_default_options) {
  const auto quartic = [](const auto& x) { return sq(sq(x[0] - 1)); };
  const Eigen::VectorXd x0 = Eigen::VectorXd::Constant(1, 3.0);
  const result a = minimize(quartic, x0, lbfgs{});
  EXPECT_EQ(a.status, status::converged_gradient);
  EXPECT_EQ(a.iterations, minimize(quartic, x0, lbfgs{}, default_options(lbfgs{})).iterations);
  EXPECT_LE(a.gradient_norm, 1e-5);
  EXPECT_GT(a.gradient_norm, 1e-10);
  const result b = minimize([&](const Eigen::VectorXd& x) { return quartic(x); }, x0, lbfgs{});
  EXPECT_EQ(b.status, status::converged_gradient);
  EXPECT_GT(b.gradient_norm, 1e-10);
}

TEST(user_function, an_empty_start_is_a_usage_error_on_every_path) {
  const Eigen::VectorXd empty(0);
  EXPECT_THROW(minimize([](const auto& x) { return sq(x[0]); }, empty, lbfgs{}), usage_error);
  EXPECT_THROW(minimize([](const Eigen::VectorXd& x) { return x[0] * x[0]; }, empty, lbfgs{}),
               usage_error);
  EXPECT_THROW(minimize(hand_objective(1.0), empty, lbfgs{}, {}, {.check_gradient = true}),
               usage_error);
}

TEST(user_function, a_hand_written_gradient_of_the_wrong_size_is_a_usage_error) {
  // g = 2·x.head(1) resizes g to one entry: x[1] would never move, and bfgs would read past g.
  auto short_gradient = function_objective([](const Eigen::VectorXd& x) { return x.squaredNorm(); },
                                           [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
                                             g = 2 * x.head(1);
                                             return x.squaredNorm();
                                           });
  const Eigen::Vector2d x0{3, 4};
  for (const method_options& m : {method_options(gd{.rate = 0.1}), method_options(bfgs{})}) {
    try {
      minimize(short_gradient, x0, m);
      ADD_FAILURE() << "no usage_error";
    } catch (const usage_error& e) {
      EXPECT_NE(std::string(e.what()).find("the gradient has 1 entries but x has 2"),
                std::string::npos)
          << e.what();
    }
  }
  EXPECT_THROW(minimize(short_gradient, x0, lbfgs{}, {}, {.check_gradient = true}), usage_error);
}

TEST(user_function, newton_on_a_lambda_tells_a_saddle_from_a_minimum) {
  // ∇²(x² − y²) = diag(2, −2) at the stationary point 0: differences of the automatic gradient
  // give it to rounding.
  const result saddle =
      minimize([](const auto& x) { return sq(x[0]) - sq(x[1]); }, Eigen::Vector2d{0, 0}, newton{});
  EXPECT_EQ(saddle.status, status::converged_gradient);
  ASSERT_TRUE(saddle.diagnosis.not_a_minimum.has_value());
  EXPECT_NEAR(saddle.diagnosis.not_a_minimum->lambda_min, -2, 1e-8);
  EXPECT_NEAR(saddle.diagnosis.not_a_minimum->lambda_max, 2, 1e-8);
  ASSERT_FALSE(saddle.notes.empty());
  EXPECT_NE(saddle.notes.back().find("saddle point"), std::string::npos) << saddle.notes.back();
  // A hand-written gradient is differenced the same way.
  auto hand = function_objective([](const Eigen::VectorXd& x) { return sq(x[0]) - sq(x[1]); },
                                 [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
                                   g[0] = 2 * x[0];
                                   g[1] = -2 * x[1];
                                   return sq(x[0]) - sq(x[1]);
                                 });
  EXPECT_TRUE(minimize(hand, Eigen::Vector2d{0, 0}, newton{}).diagnosis.not_a_minimum.has_value());
  // A minimum, even a degenerate one (∇²(x⁴ + y²) = diag(0, 2) at 0), is not flagged.
  const result bowl = minimize([](const auto& x) { return sq(sq(x[0])) + sq(x[1]); },
                               Eigen::Vector2d{1, 1}, newton{});
  EXPECT_TRUE(converged(bowl.status)) << bowl.summary();
  EXPECT_FALSE(bowl.diagnosis.not_a_minimum.has_value());
}

TEST(user_function, a_failed_search_with_a_gradient_undefined_at_its_trials_blames_the_gradient) {
  // f = (x − 2)² is finite everywhere; the supplied gradient is NaN for x > 1.5, where the first
  // steps from 0 land.
  auto objective = function_objective([](const Eigen::VectorXd& x) { return sq(x[0] - 2); },
                                      [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
                                        g[0] = x[0] > 1.5 ? std::nan("") : 2 * (x[0] - 2);
                                        return sq(x[0] - 2);
                                      });
  const result r = minimize(objective, Eigen::VectorXd::Zero(1), lbfgs{});
  EXPECT_EQ(r.status, status::line_search_failed) << r.summary();
  EXPECT_NE(r.message.find("The gradient is not finite where f is"), std::string::npos)
      << r.message;
  EXPECT_EQ(r.message.find("so it is not the cause"), std::string::npos) << r.message;
}

TEST(user_function, a_failed_search_that_keeps_a_point_within_gtol_is_converged) {
  // f = −x/1000 with a gradient of −1000 at 0 and 0 elsewhere: along d = −∇f no step decreases f
  // by the c₁·α·∇fᵀd = −100α the gradient promises, so the search fails; it keeps its lowest
  // point, where the gradient is 0. That point meets the gradient test, and the run says so.
  auto objective = function_objective([](const Eigen::VectorXd& x) { return -1e-3 * x[0]; },
                                      [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
                                        g[0] = x[0] == 0 ? -1e3 : 0;
                                        return -1e-3 * x[0];
                                      });
  const result r = minimize(objective, Eigen::VectorXd::Zero(1), lbfgs{});
  EXPECT_EQ(r.status, status::converged_gradient) << r.message;
  EXPECT_GT(r.x[0], 0);
  EXPECT_EQ(r.gradient_norm, 0);
  EXPECT_EQ(r.iterations, 1u);
}

}  // namespace
}  // namespace kobai
