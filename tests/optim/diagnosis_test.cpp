// Divergence, stalls, zig-zags and lost precision: what a learner needs to hear.
#include <gtest/gtest.h>

#include <cmath>

#include "kobai/expr/parse.hpp"
#include "kobai/optim/minimize.hpp"
#include "kobai/optim/user_function.hpp"
#include "kobai/problems/problems.hpp"

namespace kobai {
namespace {

tape_objective objective(std::string_view text) {
  return tape_objective(compile(parse(text).root()));
}

tape_objective problem_objective(std::string_view name) {
  const problems::problem& p = *problems::find_problem(name);
  return tape_objective(compile(parse(p.formula).root(), p.variables()));
}

bool contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

TEST(diagnosis, a_rate_above_two_over_lambda_max_diverges_with_the_limit_named) {
  // x_k = (1 − 2·1.5)^k x₀ = (−2)^k x₀, f_k = 8·4^k: f − f₀ passes 10⁷(|f₀| + 1) at k = 12.
  const result r = minimize(objective("x^2 + y^2"), Eigen::Vector2d{-2, 2}, gd{.rate = 1.5});
  EXPECT_EQ(r.status, status::diverged);
  EXPECT_EQ(r.iterations, 12u);
  EXPECT_TRUE(contains(r.message, "diverged at iteration 12")) << r.message;
  EXPECT_TRUE(contains(r.message,
                       "the learning rate 1.5 is above the stability limit 1 (2/λmax, λmax = 2 at "
                       "the start); try the rate 0.5 instead"))
      << r.message;
  ASSERT_TRUE(r.diagnosis.start_curvature);
  EXPECT_NEAR(r.diagnosis.start_curvature->lambda_max, 2, 1e-8);
}

// The curvature behind the divergence message costs evaluations, and they are counted: one exact
// Hessian for a formula, 2n gradients (central differences of ∇f) for a lambda.
TEST(diagnosis, the_start_curvature_of_a_diverged_run_is_counted_among_the_evaluations) {
  const result formula = minimize(objective("x^2 + y^2"), Eigen::Vector2d{-2, 2}, gd{.rate = 1.5});
  ASSERT_EQ(formula.status, status::diverged);
  EXPECT_EQ(formula.evaluations.gradient, formula.iterations + 1);
  EXPECT_EQ(formula.evaluations.hessian, 1u);
  const auto lambda = [](const auto& x) { return x[0] * x[0] + x[1] * x[1]; };
  const result automatic = minimize(lambda, Eigen::Vector2d{-2, 2}, gd{.rate = 1.5});
  ASSERT_EQ(automatic.status, status::diverged);
  EXPECT_EQ(automatic.evaluations.gradient, automatic.iterations + 1 + 2 * 2);
  EXPECT_EQ(automatic.evaluations.value, automatic.evaluations.gradient);
  EXPECT_EQ(automatic.evaluations.hessian, 0u);
}

TEST(diagnosis, curvature_of_a_formula_comes_from_its_exact_hessian) {
  // ∇²(x⁴ + x·y + y²) at (1, 0) = [[12, 1], [1, 2]]: eigenvalues 7 ± √26, exact up to rounding
  // of the eigen-solver (differences of the gradient would be off by about ε^(2/3) ≈ 4e-11).
  auto f = objective("x^4 + x*y + y^2");
  const auto c = estimate_curvature(f, Eigen::Vector2d{1, 0});
  ASSERT_TRUE(c);
  EXPECT_NEAR(c->lambda_max, 7 + std::sqrt(26.0), 1e-14);
  EXPECT_NEAR(c->lambda_min, 7 - std::sqrt(26.0), 1e-14);
  Eigen::MatrixXd h;
  f.hessian(Eigen::Vector2d{1, 0}, h);
  EXPECT_EQ(h, (Eigen::Matrix2d() << 12, 1, 1, 2).finished());
}

TEST(diagnosis, non_finite_values_are_never_success) {
  const result r = minimize(objective("x^4"), Eigen::VectorXd::Constant(1, 3.0), gd{.rate = 1},
                            {.max_iterations = 1000, .keep_going = true});
  EXPECT_EQ(r.status, status::diverged);
  EXPECT_TRUE(r.diagnosis.non_finite);
  EXPECT_FALSE(converged(r.status));
}

TEST(diagnosis, kept_going_the_message_names_the_iteration_where_values_stopped_being_finite) {
  // x⁴ from 3 at rate 1: x_{k+1} = x_k − 4x_k³, so f grows by orders of magnitude at iteration 2
  // (the growth test) and x overflows at iteration 5; that is the iteration the message names.
  const result r = minimize(objective("x^4"), Eigen::VectorXd::Constant(1, 3.0), gd{.rate = 1},
                            {.max_iterations = 50, .keep_going = true});
  EXPECT_EQ(r.status, status::diverged);
  EXPECT_TRUE(r.diagnosis.non_finite);
  EXPECT_EQ(r.iterations, 5u);
  EXPECT_EQ(r.diagnosis.diverged_at, 5u);
  EXPECT_TRUE(contains(r.message, "diverged at iteration 5: ")) << r.message;
}

TEST(diagnosis, messages_quote_the_gradient_tolerance_the_run_applied) {
  // x² from 5: ‖∇f(x₀)‖∞ = 10, so gtol_relative = 1e-3 raises the tolerance from 1e-10 to 0.01.
  const minimize_options o{.gtol = 1e-10, .gtol_relative = 1e-3};
  const result r =
      minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 5.0), gd{.rate = 0.1}, o);
  EXPECT_EQ(r.status, status::converged_gradient);
  EXPECT_LE(r.gradient_norm, 0.01);
  EXPECT_GT(r.gradient_norm, 0.005);  // one step earlier it was above 0.01
  EXPECT_TRUE(contains(r.message, "gradient tolerance 0.01")) << r.message;
  EXPECT_EQ(r.diagnosis.gtol, 0.01);
}

TEST(diagnosis, the_book_run_at_rate_10_diverges_and_kept_going_notes_lost_precision) {
  auto f = central_difference(tape_objective(compile(parse("x[0]^2 + x[1]^2").root())));
  const result stop = minimize(f, Eigen::Vector2d{-3, 4}, gd{.rate = 10});
  EXPECT_EQ(stop.status, status::diverged);
  EXPECT_LT(stop.iterations, 10u);
  const result all = minimize(f, Eigen::Vector2d{-3, 4}, gd{.rate = 10}, {.keep_going = true});
  EXPECT_EQ(all.status, status::diverged);
  EXPECT_EQ(all.iterations, 100u);
  EXPECT_TRUE(contains(all.message, "kept going to iteration 100")) << all.message;
  ASSERT_FALSE(all.notes.empty());
  EXPECT_TRUE(contains(all.notes.back(), "numerical gradient lost precision")) << all.notes.back();
}

TEST(diagnosis, a_numerical_gradient_whose_truncation_error_stopped_the_run_is_named) {
  // The central difference of x⁴ is 4x³ + 4xh² exactly, so with h = 0.01 the differences of
  // x⁴ − 4x vanish where 4x³ + 4x·10⁻⁴ = 4, at x ≈ 0.99996667, where f'(x) = −4xh² ≈ −4.0e-4.
  // Richardson's extrapolation is exact for a quartic.
  auto f = central_difference(tape_objective(compile(parse("x[0]^4 - 4*x[0]").root())), 0.01);
  const result r = minimize(f, Eigen::VectorXd::Constant(1, 2.0), lbfgs{});
  ASSERT_EQ(r.status, status::converged_gradient) << r.summary();
  const double x = r.x[0];
  EXPECT_NEAR(r.diagnosis.refined_gradient_norm, std::abs(4 * x * x * x - 4), 1e-9);
  ASSERT_FALSE(r.notes.empty());
  EXPECT_TRUE(contains(r.notes.back(), "truncation error")) << r.notes.back();
  EXPECT_TRUE(contains(r.notes.back(), "0.0004")) << r.notes.back();
  // With a step small enough the differences and the refined gradient agree: no note.
  auto fine = central_difference(tape_objective(compile(parse("x[0]^4 - 4*x[0]").root())), 1e-5);
  const result quiet = minimize(fine, Eigen::VectorXd::Constant(1, 2.0), lbfgs{});
  ASSERT_EQ(quiet.status, status::converged_gradient) << quiet.summary();
  EXPECT_LT(quiet.diagnosis.refined_gradient_norm, 1e-5);
  EXPECT_TRUE(quiet.notes.empty()) << quiet.notes.front();
}

TEST(diagnosis, a_rate_equal_to_the_stability_limit_is_called_at_it_not_above) {
  // f = −log(1 − x²) + 3x has f''(0) = 2, so 2/λmax = 1: the rate 1 is at the limit, and the
  // first step to x = −3 leaves the domain.
  const result r = minimize(objective("-log(1 - x^2) + 3*x"), Eigen::VectorXd::Zero(1),
                            gd{.rate = 1}, {.max_iterations = 10});
  EXPECT_EQ(r.status, status::diverged);
  EXPECT_TRUE(contains(r.message, "the learning rate 1 is at the stability limit 1 ")) << r.message;
}

TEST(diagnosis, a_tiny_rate_is_reported_as_stalled_with_its_progress_rate) {
  auto f = central_difference(tape_objective(compile(parse("x[0]^2 + x[1]^2").root())));
  const result r = minimize(f, Eigen::Vector2d{-3, 4}, gd{.rate = 1e-10});
  EXPECT_EQ(r.status, status::stalled);
  EXPECT_EQ(r.iterations, 100u);
  // f_k = 25(1 − 2·10⁻¹⁰)^{2k}: a relative decrease of 4·10⁻¹⁰ per iteration
  EXPECT_NEAR(r.diagnosis.progress_rate, 4e-10, 1e-12);
  EXPECT_TRUE(contains(r.message, "4e-10")) << r.message;
}

TEST(diagnosis, a_run_whose_f_rose_has_not_stalled_and_says_so) {
  // Rate 2 on x² from 1: x → −3 → 9 → −27 and f = 1, 9, 81, 729, within the divergence limit
  // after 3 iterations. This was "stalled … f fell by only −243 … a larger rate may help".
  const result r = minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.0), gd{.rate = 2},
                            {.max_iterations = 3});
  EXPECT_EQ(r.status, status::max_iterations) << r.summary();
  EXPECT_TRUE(contains(r.message, "f rose from 1 to 729 over the last 3 iterations")) << r.message;
  // λmax = 2, so the stability limit 2/λmax is 1 and the suggested rate 1/λmax is 0.5.
  EXPECT_TRUE(contains(r.message, "stability limit 1 ")) << r.message;
  EXPECT_TRUE(contains(r.message, "0.5")) << r.message;
  EXPECT_FALSE(contains(r.message, "larger rate")) << r.message;
}

TEST(diagnosis, a_nan_value_is_shown_without_a_sign) {
  // log(x) + x² at rate 1 from 0.1 steps to x = −10.1, where log gives a NaN with its sign bit
  // set; fmt printed it as "-nan".
  const result r =
      minimize(objective("log(x) + x^2"), Eigen::VectorXd::Constant(1, 0.1), gd{.rate = 1});
  EXPECT_EQ(r.status, status::diverged) << r.summary();
  EXPECT_TRUE(contains(r.summary(), "f = nan,")) << r.summary();
  EXPECT_FALSE(contains(r.summary(), "-nan")) << r.summary();
}

TEST(diagnosis, no_new_lowest_value_for_a_window_is_a_stall) {
  // rate 1 on x²: x flips between 1 and −1 forever, f stays 1.
  const result r = minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.0), gd{.rate = 1},
                            {.max_iterations = 1000, .stall_window = 20});
  EXPECT_EQ(r.status, status::stalled);
  EXPECT_EQ(r.iterations, 20u);
  EXPECT_EQ(r.diagnosis.stalled_at, 20u);
}

TEST(diagnosis, the_zig_zagging_direction_is_named) {
  // The book's SGD at 0.95 on x²/20 + y²: y ← −0.9y flips every step, x does not.
  const result r = minimize(objective("x^2/20 + y^2"), Eigen::Vector2d{-7, 2}, gd{.rate = 0.95},
                            {.max_iterations = 30, .variables = {"x", "y"}});
  ASSERT_EQ(r.diagnosis.zigzag.size(), 1u);
  EXPECT_EQ(r.diagnosis.zigzag[0].coordinate, 1u);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_TRUE(contains(r.notes[0], "y zig-zags: its step changed sign in 29 of 29 iterations"))
      << r.notes[0];
}

TEST(diagnosis, a_line_search_stall_gives_advice_about_the_problem_not_the_rate) {
  // Osborne 1 (MGH 17) from 10·x₀: x₁ and −x₂ grow together along a valley where f falls
  // towards an asymptote.
  const result r = minimize(problem_objective("osborne_1"),
                            Eigen::VectorXd(10 * problems::find_problem("osborne_1")->start),
                            lbfgs{}, {.max_iterations = 1000});
  ASSERT_EQ(r.status, status::stalled) << r.message;
  EXPECT_TRUE(contains(r.message, "asymptote")) << r.message;
  EXPECT_FALSE(contains(r.message, "rate may help")) << r.message;
}

TEST(diagnosis, a_line_search_crossing_a_valley_gets_no_zig_zag_note) {
  // Meyer (MGH 10) from 10·x₀ is scaled so badly that L-BFGS's steps change sign in nearly every
  // iteration; the advice "a smaller rate" would mean nothing to a method that has no rate.
  const result r = minimize(problem_objective("meyer"),
                            Eigen::VectorXd(10 * problems::find_problem("meyer")->start), lbfgs{},
                            {.max_iterations = 200});
  EXPECT_EQ(r.status, status::max_iterations) << r.message;
  EXPECT_FALSE(r.diagnosis.zigzag.empty());
  EXPECT_TRUE(r.notes.empty()) << r.notes.front();
}

TEST(diagnosis, a_smooth_run_has_no_notes) {
  const result r = minimize(objective("x^2 + y^2"), Eigen::Vector2d{-2, 2}, gd{.rate = 0.1},
                            {.max_iterations = 20});
  EXPECT_TRUE(r.notes.empty());
  EXPECT_EQ(r.status, status::max_iterations);
}

}  // namespace
}  // namespace kobai
