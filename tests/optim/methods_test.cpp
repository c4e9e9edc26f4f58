// Each method against its closed-form behaviour on quadratics, and PyTorch-convention first
// steps computed by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "kobai/expr/parse.hpp"
#include "kobai/optim/minimize.hpp"

namespace kobai {
namespace {

tape_objective objective(std::string_view text) {
  return tape_objective(compile(parse(text).root()));
}

std::vector<double> xs(const result& r, Eigen::Index i = 0) {
  std::vector<double> out;
  for (const auto& it : r.trace.iterations) out.push_back(it.x[i]);
  return out;
}

const minimize_options traced{
    .max_iterations = 30, .gtol = 0, .stall_window = 0, .record_trace = true};

TEST(gd, contracts_each_coordinate_by_one_minus_rate_times_curvature) {
  // f = 3x² + y²/2: H = diag(6, 1), x_k = (1 − 6η)^k x₀, y_k = (1 − η)^k y₀.
  const result r =
      minimize(objective("3x^2 + y^2/2"), Eigen::Vector2d{1, -2}, gd{.rate = 0.1}, traced);
  for (std::size_t k = 0; k < r.trace.iterations.size(); ++k) {
    const double kd = static_cast<double>(k);
    EXPECT_NEAR(r.trace.iterations[k].x[0], std::pow(0.4, kd), 1e-14);
    EXPECT_NEAR(r.trace.iterations[k].x[1], -2 * std::pow(0.9, kd), 1e-14);
  }
}

// Heavy ball on f = a x²/2 is the linear recurrence (x, b) ← M (x, b); M^k by repeated products.
TEST(momentum, follows_the_heavy_ball_recurrence) {
  const double a = 4, eta = 0.05, mu = 0.8;
  const result r = minimize(objective("2x^2"), Eigen::VectorXd::Constant(1, 1.0),
                            momentum{.rate = eta, .mu = mu}, traced);
  // standard form: b ← μb + a x, x ← x − ηb  ⇒  [x; b] ← [[1 − ηa, −ημ], [a, μ]] [x; b], b₀ = 0
  Eigen::Matrix2d m;
  m << 1 - eta * a, -eta * mu, a, mu;
  Eigen::Vector2d s{1, 0};
  for (double x : xs(r)) {
    EXPECT_NEAR(x, s[0], 1e-13);
    s = m * s;
  }
}

TEST(momentum, book_and_standard_forms_agree_up_to_rounding) {
  // v_book = −η b_standard for a constant rate, so the iterates coincide.
  const result a = minimize(objective("x^2 + 3y^2"), Eigen::Vector2d{1, 1},
                            momentum{.rate = 0.05, .mu = 0.9}, traced);
  const result b = minimize(objective("x^2 + 3y^2"), Eigen::Vector2d{1, 1},
                            momentum{.rate = 0.05, .mu = 0.9, .variant = variant::book}, traced);
  for (std::size_t k = 0; k < a.trace.iterations.size(); ++k)
    EXPECT_NEAR(a.trace.iterations[k].x[1], b.trace.iterations[k].x[1], 1e-13);
}

TEST(nesterov, converges_faster_than_gd_on_an_ill_conditioned_quadratic) {
  const minimize_options o{.max_iterations = 200, .gtol = 1e-8};
  const result n = minimize(objective("x^2 + 50y^2"), Eigen::Vector2d{1, 1},
                            nesterov{.rate = 0.009, .mu = 0.9}, o);
  const result g = minimize(objective("x^2 + 50y^2"), Eigen::Vector2d{1, 1}, gd{.rate = 0.009}, o);
  // gd contracts x by 1 − 2η = 0.982 per step; Nesterov by about 1 − √(2η) ≈ 0.87 (Nesterov 1983)
  EXPECT_LT(n.f, 1e-9) << n.summary();
  EXPECT_GT(g.f, 1e-4) << g.summary();
}

TEST(adagrad, first_step_moves_each_coordinate_by_the_rate) {
  // h₁ = g², x₁ = x₀ − ηg/(|g| + ε)
  const result r =
      minimize(objective("x^2 + 10y^2"), Eigen::Vector2d{1, 1}, adagrad{.rate = 0.1}, traced);
  EXPECT_DOUBLE_EQ(r.trace.iterations[1].x[0], 1 - 0.1 * 2 / (2 + 1e-10));
  EXPECT_DOUBLE_EQ(r.trace.iterations[1].x[1], 1 - 0.1 * 20 / (20 + 1e-10));
  // second step: h = g₀² + g₁²
  const double x1 = r.trace.iterations[1].x[0], g1 = 2 * x1;
  EXPECT_DOUBLE_EQ(r.trace.iterations[2].x[0], x1 - 0.1 * g1 / (std::sqrt(4 + g1 * g1) + 1e-10));
}

TEST(rmsprop, first_step_divides_by_the_root_of_the_decayed_square) {
  const result r = minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 2.0),
                            rmsprop{.rate = 0.01, .rho = 0.99}, traced);
  // h₁ = 0.01·16, x₁ = 2 − 0.01·4/(0.4 + 1e-8)
  EXPECT_DOUBLE_EQ(r.trace.iterations[1].x[0], 2 - 0.01 * 4 / (std::sqrt(0.01 * 16) + 1e-8));
}

TEST(adam, pytorch_first_steps_by_hand) {
  // f = x², x₀ = 1, η = 0.1, β = (0.9, 0.999), ε = 1e-8.
  // t=1: g = 2, m = 0.2, v = 0.004, m̂ = 2, v̂ = 4, x₁ = 1 − 0.1·2/(2 + 1e-8)
  // t=2: g = 2x₁, m = 0.18 + 0.1g, v = 0.999·0.004 + 0.001g², m̂ = m/0.19, v̂ = v/(1 − 0.999²)
  const result r =
      minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.0), adam{.rate = 0.1}, traced);
  const double x1 = 1 - 0.1 * 2 / (2 + 1e-8);
  EXPECT_NEAR(r.trace.iterations[1].x[0], x1, 1e-15);
  const double g = 2 * x1;
  const double m = 0.9 * 0.2 + 0.1 * g, v = 0.999 * 0.004 + 0.001 * g * g;
  const double mhat = m / (1 - 0.81), vhat = v / (1 - 0.999 * 0.999);
  EXPECT_NEAR(r.trace.iterations[2].x[0], x1 - 0.1 * mhat / (std::sqrt(vhat) + 1e-8), 1e-15);
  EXPECT_EQ(r.trace.iterations[2].state.size(), 2u);
  EXPECT_NEAR(r.trace.iterations[2].state[0].value[0], m, 1e-15);
  EXPECT_NEAR(r.trace.iterations[2].state[1].value[0], v, 1e-15);
}

TEST(adam, converges_on_a_badly_scaled_quadratic) {
  const result r = minimize(objective("x^2 + 100y^2"), Eigen::Vector2d{3, 1}, adam{.rate = 0.05},
                            {.max_iterations = 3000, .gtol = 1e-6});
  EXPECT_EQ(r.status, status::converged_gradient) << r.summary();
}

TEST(adamw, decays_the_weights_before_the_adam_step) {
  const result a =
      minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.0), adam{.rate = 0.1}, traced);
  const result w = minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.0),
                            adamw{.rate = 0.1, .weight_decay = 0.5}, traced);
  // x₁ = x₀(1 − ηλ) − (the Adam step, which does not depend on λ at t = 1)
  const double adam_step = 1 - a.trace.iterations[1].x[0];
  EXPECT_NEAR(w.trace.iterations[1].x[0], 1 * (1 - 0.1 * 0.5) - adam_step, 1e-15);
}

TEST(schedule, rates_follow_their_formulas) {
  using k = schedule::kind;
  EXPECT_EQ(scheduled_rate({}, 0.1, 7, 100), 0.1);
  EXPECT_DOUBLE_EQ(scheduled_rate({.type = k::step, .gamma = 0.5, .step_size = 3}, 1, 7, 0), 0.25);
  EXPECT_DOUBLE_EQ(scheduled_rate({.type = k::exponential, .gamma = 0.5}, 1, 4, 0), 0.125);
  EXPECT_DOUBLE_EQ(scheduled_rate({.type = k::inverse_time, .decay = 0.5}, 1, 3, 0), 0.5);
  EXPECT_DOUBLE_EQ(scheduled_rate({.type = k::cosine, .period = 10}, 1, 6, 0), 0.5);
  EXPECT_DOUBLE_EQ(scheduled_rate({.type = k::cosine, .rate_min = 0.1}, 1, 11, 10), 0.1);
  // Past the period the cosine climbs back: η at step 2T + 1, (η + η_min)/2 at 1.5T + 1.
  EXPECT_DOUBLE_EQ(scheduled_rate({.type = k::cosine, .period = 4}, 1, 9, 0), 1);
  EXPECT_DOUBLE_EQ(scheduled_rate({.type = k::cosine, .period = 4, .rate_min = 0.2}, 1, 7, 0), 0.6);
}

TEST(schedule, the_engine_uses_the_scheduled_rate) {
  const result r = minimize(
      objective("x^2"), Eigen::VectorXd::Constant(1, 1.0),
      gd{.rate = 0.1, .schedule = {.type = schedule::kind::exponential, .gamma = 0.5}}, traced);
  EXPECT_EQ(r.trace.iterations[1].learning_rate, 0.1);
  EXPECT_EQ(r.trace.iterations[3].learning_rate, 0.025);
}

TEST(methods, options_are_validated_naming_the_field) {
  const auto message = [](const method_options& m) {
    try {
      validate(m);
    } catch (const usage_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(message(gd{.rate = 0}).find("gd.rate"), std::string::npos);
  EXPECT_NE(message(momentum{.mu = 1}).find("momentum.mu"), std::string::npos);
  EXPECT_NE(message(adam{.beta2 = -0.1}).find("adam.beta2"), std::string::npos);
  EXPECT_NE(message(rmsprop{.rho = 1.5}).find("rmsprop.rho"), std::string::npos);
  EXPECT_NE(message(adamw{.variant = variant::book}).find("book"), std::string::npos);
  EXPECT_NE(message(gd{.schedule = {.type = schedule::kind::step, .step_size = 0}})
                .find("schedule.step_size"),
            std::string::npos);
  EXPECT_EQ(message(adam{}), "");
}

TEST(methods, names_and_descriptions) {
  for (std::string_view n : method_names()) EXPECT_EQ(method_name(method_from_name(n)), n);
  EXPECT_THROW(method_from_name("sgdd"), usage_error);
  const auto d = describe(adam{.variant = variant::book});
  ASSERT_GE(d.size(), 5u);
  EXPECT_EQ(d[0], (std::pair<std::string, std::string>{"rate", "0.001"}));
  EXPECT_EQ(d[3], (std::pair<std::string, std::string>{"eps", "1e-07"}));
}

}  // namespace
}  // namespace kobai
