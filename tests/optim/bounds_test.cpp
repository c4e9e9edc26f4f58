// Box bounds against closed forms: the minimizer of a function on a box sits where the
// projected gradient vanishes.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kobai/expr/parse.hpp"
#include "kobai/optim/minimize.hpp"

namespace kobai {
namespace {

tape_objective objective(std::string_view text) {
  return tape_objective(compile(parse(text).root()));
}

constexpr double inf = std::numeric_limits<double>::infinity();

bounds box(std::initializer_list<double> lower, std::initializer_list<double> upper) {
  bounds b{Eigen::VectorXd(static_cast<Eigen::Index>(lower.size())),
           Eigen::VectorXd(static_cast<Eigen::Index>(upper.size()))};
  Eigen::Index i = 0;
  for (double v : lower) b.lower[i++] = v;
  i = 0;
  for (double v : upper) b.upper[i++] = v;
  return b;
}

TEST(bounds, a_parabola_beyond_the_box_ends_on_the_nearer_bound) {
  // (x − 3)² on [0, 1]: the minimizer is 1, where the projected gradient is 0.
  for (const method_options& m :
       {method_options(lbfgs{}), method_options(gd_ls{}), method_options(gd{.rate = 0.1}),
        method_options(adam{.rate = 0.1})}) {
    minimize_options o = default_options(m);
    o.bounds = box({0}, {1});
    const result r = minimize(objective("(x - 3)^2"), Eigen::VectorXd::Constant(1, 0.5), m, o);
    SCOPED_TRACE(r.method + " " + r.summary());
    EXPECT_EQ(r.status, status::converged_gradient);
    EXPECT_EQ(r.x[0], 1);
    EXPECT_EQ(r.gradient_norm, 0);
  }
}

TEST(bounds, bounded_rosenbrock_ends_at_the_closed_form_corner_of_the_valley) {
  // With x ≤ 0.5 the best point of the valley y = x² is x = 0.5, y = 0.25, f = (1 − 0.5)² = 0.25.
  for (const method_options& m : {method_options(lbfgs{}), method_options(lbfgs{.memory = 3})}) {
    minimize_options o = default_options(m);
    o.bounds = box({-2, -1}, {0.5, 2});
    const result r =
        minimize(objective("100*(y - x^2)^2 + (1 - x)^2"), Eigen::Vector2d{-1.2, 1}, m, o);
    SCOPED_TRACE(r.summary());
    EXPECT_EQ(r.status, status::converged_gradient);
    EXPECT_EQ(r.x[0], 0.5);
    EXPECT_NEAR(r.x[1], 0.25, 1e-6);
    EXPECT_NEAR(r.f, 0.25, 1e-10);
  }
}

TEST(bounds, an_interior_minimum_is_found_as_without_bounds) {
  minimize_options o = default_options(lbfgs{});
  o.bounds = box({-inf, -10}, {inf, 10});
  const result r =
      minimize(objective("100*(y - x^2)^2 + (1 - x)^2"), Eigen::Vector2d{-1.2, 1}, lbfgs{}, o);
  EXPECT_EQ(r.status, status::converged_gradient) << r.summary();
  EXPECT_NEAR(r.x[0], 1, 1e-4);
}

TEST(bounds, a_start_outside_the_box_is_projected_and_the_result_says_so) {
  minimize_options o = default_options(lbfgs{});
  o.bounds = box({0, 0}, {1, 1});
  o.variables = {"x", "y"};
  const result r =
      minimize(objective("(x - 0.5)^2 + (y - 0.5)^2"), Eigen::Vector2d{5, 0.2}, lbfgs{}, o);
  EXPECT_EQ(r.status, status::converged_gradient) << r.summary();
  EXPECT_NEAR(r.x[0], 0.5, 1e-8);
  ASSERT_EQ(r.notes.size(), 1u);
  // Only x was outside; y = 0.2 started inside the box and is not named.
  EXPECT_EQ(r.notes[0], "the start was outside the bounds; x moved onto the nearest bound");
  const result both =
      minimize(objective("(x - 0.5)^2 + (y - 0.5)^2"), Eigen::Vector2d{5, -3}, lbfgs{}, o);
  ASSERT_EQ(both.notes.size(), 1u);
  EXPECT_EQ(both.notes[0], "the start was outside the bounds; x, y moved onto the nearest bound");
}

TEST(bounds, the_projected_gradient_keeps_a_gradient_below_the_spacing_of_x) {
  const bounds b = box({0, -inf}, {inf, 1});
  // x₀ = 1e12 with g₀ = 2e-5: x₀ − g₀ rounds to x₀, yet the step −g₀ is free to move.
  EXPECT_EQ(detail::projected_gradient_norm(b, Eigen::Vector2d{1e12, 0}, Eigen::Vector2d{2e-5, 0}),
            2e-5);
  // On its bound with −g pointing out: blocked; pointing in: the whole g_i, or the way to the
  // other bound when that is shorter.
  EXPECT_EQ(detail::projected_gradient_norm(b, Eigen::Vector2d{0, 1}, Eigen::Vector2d{3, -1}), 0);
  EXPECT_EQ(detail::projected_gradient_norm(b, Eigen::Vector2d{0, 1}, Eigen::Vector2d{-3, 0}), 3);
  EXPECT_EQ(detail::projected_gradient_norm(b, Eigen::Vector2d{5, 0.5}, Eigen::Vector2d{0, -2}),
            0.5);
  // A non-finite component is never hidden by the box or by a later coordinate.
  EXPECT_TRUE(std::isnan(
      detail::projected_gradient_norm(b, Eigen::Vector2d{0, 1}, Eigen::Vector2d{std::nan(""), 1})));
  EXPECT_EQ(detail::projected_gradient_norm(b, Eigen::Vector2d{0, 1}, Eigen::Vector2d{inf, 0}),
            inf);
}

TEST(bounds, a_gradient_below_the_spacing_of_x_is_not_taken_for_convergence) {
  // f = 1e-16(x − 1e12)² from x = 1.1e12: ∇f = 2e-5 there, above gtol, though x − ∇f rounds to
  // x; the box x ≥ 0 does not bind. The projected gradient measured 0 here and the run reported
  // convergence at iteration 0. gd-ls, whose steps of at most ∇f move nothing at this scale,
  // must not call that point converged.
  minimize_options o = default_options(gd_ls{});
  o.gtol = 1e-7;
  o.bounds = box({0}, {inf});
  const result r =
      minimize(objective("1e-16*(x - 1e12)^2"), Eigen::VectorXd::Constant(1, 1.1e12), gd_ls{}, o);
  EXPECT_GT(r.gradient_norm, 1e-7) << r.summary();
  EXPECT_FALSE(converged(r.status)) << r.summary();
}

TEST(bounds, lbfgsb_keeps_a_step_below_the_spacing_of_x) {
  // The same function: L-BFGS-B's Cauchy point x − t∇f rounds to x at t = 1, and a direction
  // formed as x^c − x was 0 (the run ended line_search_failed, "not downhill"). Kept as the
  // offset −t∇f, the first step is the same as without the box, and both runs reach x = 1e12:
  // |∂f/∂x| = 2e-16·|x − 1e12| ≤ gtol = 1e-9 puts x within 5e6 of it.
  for (const bool bounded : {false, true}) {
    minimize_options o = default_options(lbfgs{});
    o.gtol = 1e-9;
    if (bounded) o.bounds = box({0}, {inf});
    const result r =
        minimize(objective("1e-16*(x - 1e12)^2"), Eigen::VectorXd::Constant(1, 1.1e12), lbfgs{}, o);
    SCOPED_TRACE(r.summary());
    EXPECT_EQ(r.status, status::converged_gradient);
    EXPECT_NEAR(r.x[0], 1e12, 5e6);
  }
  // Two variables, one bound at 1e12 + 5e10 that the minimizer of the other term pulls against.
  minimize_options o = default_options(lbfgs{});
  o.gtol = 1e-9;
  o.bounds = box({0, 1.05e12}, {inf, inf});
  const result r = minimize(objective("1e-16*(x - 1e12)^2 + 1e-16*(y - 1e12)^2"),
                            Eigen::Vector2d{1.1e12, 1.2e12}, lbfgs{}, o);
  EXPECT_EQ(r.status, status::converged_gradient) << r.summary();
  EXPECT_NEAR(r.x[0], 1e12, 5e6) << r.summary();
  EXPECT_EQ(r.x[1], 1.05e12) << r.summary();
}

TEST(bounds, an_infinite_gradient_on_a_bound_is_never_reported_as_converged) {
  // √x + y² on x ∈ [0, 2], where ∂f/∂x = +∞ at x = 0 points out of the box: the projection hid
  // it from the measure, and a fixed-rate run that lands on x = 0 reported convergence with an
  // infinite gradient. It has diverged (f, x or ∇f not finite). The line search refuses the
  // trial at x = 0 and converges next to it, with a finite gradient.
  minimize_options o = default_options(gd{.rate = 10});
  o.bounds = box({0, -inf}, {2, inf});
  const result r = minimize(objective("sqrt(x) + y^2"), Eigen::Vector2d{1, 0}, gd{.rate = 10}, o);
  EXPECT_EQ(r.x[0], 0) << r.summary();
  EXPECT_EQ(r.status, status::diverged) << r.summary();
  o = default_options(gd_ls{});
  o.bounds = box({0, -inf}, {2, inf});
  const result s = minimize(objective("sqrt(x) + y^2"), Eigen::Vector2d{1, 0}, gd_ls{}, o);
  EXPECT_EQ(s.status, status::converged_gradient) << s.summary();
  EXPECT_GT(s.x[0], 0);
  EXPECT_LE(s.x[0], 1e-5);
  EXPECT_TRUE(s.gradient.allFinite());
}

TEST(bounds, bad_bounds_are_usage_errors) {
  minimize_options o;
  o.bounds = box({2}, {1});
  EXPECT_THROW(minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.5), lbfgs{}, o),
               usage_error);
  o.bounds = box({0, 0}, {1, 1});
  EXPECT_THROW(minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 0.5), lbfgs{}, o),
               usage_error);
  o.bounds = box({0}, {1});
  for (const method_options& m :
       {method_options(bfgs{}), method_options(cg{}), method_options(newton{})})
    EXPECT_THROW(minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 0.5), m, o), usage_error);
}

}  // namespace
}  // namespace kobai
