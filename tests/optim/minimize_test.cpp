#include "kobai/optim/minimize.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <variant>

#include "kobai/expr/parse.hpp"
#include "kobai/optim/multistart.hpp"

namespace kobai {
namespace {

tape_objective objective(std::string_view text) {
  return tape_objective(compile(parse(text).root()));
}

TEST(minimize, gd_reproduces_the_seed_trajectory) {
  const result r = minimize(objective("x^2 + y^2"), Eigen::Vector2d{-2, 2}, gd{.rate = 0.1},
                            {.max_iterations = 20, .record_trace = true});
  ASSERT_EQ(r.trace.iterations.size(), 21u);
  // The seed's hand-worked rows: x_new = x − 0.1·2x.
  EXPECT_NEAR(r.trace.iterations[1].x[0], -1.6, 1e-15);
  EXPECT_NEAR(r.trace.iterations[1].f, 5.12, 1e-14);
  EXPECT_NEAR(r.trace.iterations[2].x[0], -1.28, 1e-15);
  EXPECT_NEAR(r.trace.iterations[3].x[1], 1.024, 1e-15);
  EXPECT_EQ(r.x[0], -0.02305843009213694);
  EXPECT_EQ(r.x[1], 0.02305843009213694);
  EXPECT_EQ(r.iterations, 20u);
  EXPECT_EQ(r.status, status::max_iterations);
  EXPECT_EQ(r.evaluations.value, 21u);
  EXPECT_EQ(r.evaluations.gradient, 21u);
  EXPECT_EQ(r.gradient_norm, 2 * 0.02305843009213694);
  EXPECT_EQ(r.trace.iterations[1].learning_rate, 0.1);
  EXPECT_EQ(r.trace.method, "gd");
}

// The engine's ‖∇f‖∞ keeps a NaN wherever it sits, on both sides of the length where it switches
// from a scalar loop to Eigen's.
TEST(minimize, the_gradient_norm_is_nan_when_any_element_is) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const Eigen::Index n : {Eigen::Index{2}, Eigen::Index{5}, detail::scalar_check_below + 3}) {
    for (Eigen::Index at = 0; at < n; ++at) {
      Eigen::VectorXd v = Eigen::VectorXd::LinSpaced(n, -3, 4);
      v[at] = nan;
      EXPECT_TRUE(std::isnan(detail::inf_norm(v))) << "n = " << n << ", NaN at " << at;
    }
  }
  EXPECT_EQ(detail::inf_norm(Eigen::Vector3d{-4, 2, 3}), 4);
}

TEST(minimize, observers_see_every_iteration_and_can_stop) {
  std::vector<std::size_t> seen;
  const result r = minimize(
      objective("x^2"), Eigen::VectorXd::Constant(1, 3.0), gd{.rate = 0.1}, {},
      [&](const iteration_view& v) { seen.push_back(v.k); },
      [](const iteration_view& v) {
        return v.k == 4 ? observer_action::stop : observer_action::proceed;
      });
  EXPECT_EQ(r.status, status::stopped);
  EXPECT_EQ(r.iterations, 4u);
  EXPECT_EQ(seen, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(minimize, observers_see_method_state) {
  std::vector<double> velocity;
  minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.0),
           momentum{.rate = 0.1, .mu = 0.5, .variant = variant::book}, {.max_iterations = 2},
           [&](const iteration_view& v) {
             ASSERT_EQ(v.state.size(), 1u);
             EXPECT_EQ(v.state[0].name, "v");
             velocity.push_back((*v.state[0].value)[0]);
           });
  // v₁ = −0.1·2 = −0.2, x₁ = 0.8; v₂ = 0.5·(−0.2) − 0.1·1.6 = −0.26
  ASSERT_EQ(velocity.size(), 3u);
  EXPECT_DOUBLE_EQ(velocity[1], -0.2);
  EXPECT_DOUBLE_EQ(velocity[2], -0.26);
}

TEST(minimize, a_start_at_the_minimum_converges_at_once) {
  const result r = minimize(objective("x^2 + y^2"), Eigen::Vector2d{0, 0}, adam{});
  EXPECT_EQ(r.status, status::converged_gradient);
  EXPECT_EQ(r.iterations, 0u);
  EXPECT_TRUE(converged(r.status));
}

TEST(minimize, gradient_tolerance_is_absolute_or_relative_to_the_start) {
  const result a = minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.0), gd{.rate = 0.25},
                            {.max_iterations = 1000, .gtol = 1e-3});
  EXPECT_EQ(a.status, status::converged_gradient);
  EXPECT_LE(a.gradient_norm, 1e-3);
  EXPECT_GT(a.gradient_norm, 0.5e-3);  // x halves each step: it stopped at the first one below
  const result b = minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.0), gd{.rate = 0.25},
                            {.max_iterations = 1000, .gtol = 0, .gtol_relative = 0.25});
  EXPECT_EQ(b.status, status::converged_gradient);
  EXPECT_EQ(b.iterations, 2u);  // ‖g‖ = 2 → 1 → 0.5 = 0.25·2
}

TEST(minimize, value_and_step_tolerances_stop_the_run) {
  const result a = minimize(objective("x^2 + 5"), Eigen::VectorXd::Constant(1, 1.0),
                            gd{.rate = 0.25}, {.max_iterations = 1000, .ftol = 1e-6});
  EXPECT_EQ(a.status, status::converged_value);
  const result b = minimize(objective("(x - 3)^2"), Eigen::VectorXd::Constant(1, 0.0),
                            gd{.rate = 0.25}, {.max_iterations = 1000, .gtol = 0, .xtol = 1e-6});
  EXPECT_EQ(b.status, status::converged_step);
  EXPECT_FALSE(a.message.empty());
  EXPECT_FALSE(b.message.empty());
}

TEST(minimize, the_time_limit_stops_a_long_run) {
  const result r = minimize(objective("x^2 + y^2"), Eigen::Vector2d{-2, 2}, gd{.rate = 1e-9},
                            {.max_iterations = 1u << 30, .time_limit = 0.02, .stall_window = 0});
  EXPECT_EQ(r.status, status::time_limit);
  EXPECT_LT(r.iterations, 1u << 30);
}

TEST(minimize, bad_input_throws_with_a_message) {
  EXPECT_THROW(minimize(objective("x^2 + y^2"), Eigen::VectorXd::Constant(3, 1.0), gd{}),
               usage_error);
  EXPECT_THROW(minimize(objective("log(x)"), Eigen::VectorXd::Constant(1, -1.0), gd{}),
               numerical_error);
  EXPECT_THROW(minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.0), gd{.rate = -1}),
               usage_error);
  EXPECT_THROW(minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.0), gd{}, {.gtol = -1}),
               usage_error);
  try {
    minimize(objective("x^2"), Eigen::VectorXd::Constant(1, 1.0), adam{.beta1 = 1});
    FAIL();
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("adam.beta1"), std::string::npos) << e.what();
  }
}

TEST(minimize, without_options_a_method_gets_its_default_options) {
  // x⁴ from 1: ‖∇f‖∞ falls slowly, so the stopping rule decides where the run ends.
  const Eigen::VectorXd x0 = Eigen::VectorXd::Constant(1, 1.0);
  for (const method_options& m :
       {method_options(lbfgs{}), method_options(gd_ls{}), method_options(gd{.rate = 0.01})}) {
    const result implicit =
        std::visit([&](const auto& method) { return minimize(objective("x^4"), x0, method); }, m);
    const result explicit_ = minimize(objective("x^4"), x0, m, default_options(m));
    EXPECT_EQ(implicit.iterations, explicit_.iterations) << method_name(m);
    EXPECT_EQ(implicit.x[0], explicit_.x[0]) << method_name(m);
    EXPECT_EQ(minimize(objective("x^4"), x0, m).iterations, explicit_.iterations);
  }
  // The line-search family stops on ‖∇f‖∞ ≤ 1e-5, as README says.
  const result r = minimize(objective("x^4"), x0, lbfgs{});
  EXPECT_EQ(r.status, status::converged_gradient);
  EXPECT_LE(r.gradient_norm, 1e-5);
  EXPECT_GT(r.gradient_norm, 1e-10);
}

TEST(minimize, an_empty_start_or_a_bound_at_the_wrong_infinity_is_a_usage_error) {
  EXPECT_THROW(minimize(objective("x^2"), Eigen::VectorXd(0), lbfgs{}), usage_error);
  const double inf = std::numeric_limits<double>::infinity();
  minimize_options o;
  o.variables = {"x", "y"};
  o.bounds = {Eigen::Vector2d{0, inf}, Eigen::Vector2d{1, inf}};
  try {
    minimize(objective("x^2 + y^2"), Eigen::Vector2d{0.5, 1}, lbfgs{}, o);
    FAIL();
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("lower bound of y is inf"), std::string::npos) << e.what();
  }
  o.bounds = {Eigen::Vector2d{-inf, 0}, Eigen::Vector2d{-inf, 1}};
  try {
    minimize(objective("x^2 + y^2"), Eigen::Vector2d{0.5, 1}, lbfgs{}, o);
    FAIL();
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("upper bound of x is -inf"), std::string::npos)
        << e.what();
  }
}

TEST(minimize, a_method_chosen_at_run_time_gives_the_same_result) {
  const method_options m = gd{.rate = 0.1};
  const result a = minimize(objective("x^2 + y^2"), Eigen::Vector2d{-2, 2}, m);
  const result b = minimize(objective("x^2 + y^2"), Eigen::Vector2d{-2, 2}, gd{.rate = 0.1});
  EXPECT_EQ(a.x, b.x);
  EXPECT_EQ(a.method, "gd");
}

// A search policy (the shape line-search methods take): steepest descent with halving
// backtracking until f decreases. Written here to prove the engine hosts it.
struct halving_descent;
class halving_policy {
 public:
  halving_policy(const halving_descent&, Eigen::Index n, std::size_t) : trial_(n), g_trial_(n) {}
  template <class F>
  step_outcome step(iterate it, evaluator<F>& ev, std::size_t k) {
    double alpha = 1;
    for (int i = 0; i < 60; ++i, alpha /= 2) {
      trial_ = it.x - alpha * it.gradient;
      const double f = ev.value_and_gradient(trial_, g_trial_);
      ev.record_trial(k, alpha, f, -g_trial_.dot(it.gradient));
      if (f < it.f) {
        const double length = (trial_ - it.x).norm();
        it.x = trial_;
        it.f = f;
        it.gradient = g_trial_;
        return {{length, alpha}, std::nullopt, {}};
      }
    }
    return {{0, 0}, status::line_search_failed, "no decrease along −g"};
  }
  std::array<state_ref, 0> state() const { return {}; }

 private:
  Eigen::VectorXd trial_, g_trial_;
};
struct halving_descent {
  using policy = halving_policy;
  static constexpr std::string_view name = "halving";
};
void validate(const halving_descent&) {}
std::vector<std::pair<std::string, std::string>> describe(const halving_descent&) {
  return {};
}

TEST(minimize, hosts_a_search_policy_and_records_its_trial_points) {
  const result r = minimize(objective("4x^2 + y^2"), Eigen::Vector2d{1, 1}, halving_descent{},
                            {.max_iterations = 200, .gtol = 1e-8, .record_trace = true});
  EXPECT_EQ(r.status, status::converged_gradient);
  EXPECT_EQ(r.method, "halving");
  EXPECT_FALSE(r.trace.trials.empty());
  EXPECT_EQ(r.evaluations.gradient, 1 + r.trace.trials.size());
}

TEST(status, names_round_trip) {
  for (status s : {status::converged_gradient, status::converged_value, status::converged_step,
                   status::max_iterations, status::diverged, status::stalled, status::stopped,
                   status::time_limit, status::line_search_failed, status::gradient_check_failed,
                   status::trust_region_failed, status::unbounded}) {
    EXPECT_EQ(status_from_string(to_string(s)), s);
  }
  EXPECT_EQ(status_from_string("nonsense"), std::nullopt);
  EXPECT_EQ(to_string(status::diverged), "diverged");
}

TEST(result, summary_is_one_line_and_report_names_everything) {
  const result r = minimize(objective("x^2 + y^2"), Eigen::Vector2d{-2, 2}, gd{.rate = 0.1},
                            {.max_iterations = 20});
  EXPECT_EQ(r.summary().find('\n'), std::string::npos);
  EXPECT_EQ(r.summary().rfind("max_iterations after 20 iterations", 0), 0u) << r.summary();
  const std::string rep = r.report();
  for (const char* s : {"method", "gd", "status", "iterations", "evaluations", "21 values"})
    EXPECT_NE(rep.find(s), std::string::npos) << s;
}

// The display column where the value starts on each line of a report (characters, not bytes:
// the labels hold multi-byte UTF-8).
std::vector<std::size_t> value_columns(const std::string& report) {
  std::vector<std::size_t> columns;
  std::size_t begin = 0;
  while (begin < report.size()) {
    const std::size_t end = report.find('\n', begin);
    const std::string line = report.substr(begin, end - begin);
    begin = end + 1;
    for (const std::string_view label :
         {"projected ‖g‖∞", "‖g‖∞", "method", "status", "message", "f", "iterations", "evaluations",
          "hessians", "time", "note"}) {
      if (line.rfind(label, 0) != 0) continue;
      const std::size_t value = line.find_first_not_of(' ', label.size());
      const auto characters = std::ranges::count_if(line.substr(0, value), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      });
      columns.push_back(static_cast<std::size_t>(characters));
      break;
    }
  }
  return columns;
}

TEST(result, report_values_line_up_with_and_without_bounds) {
  minimize_options o{.max_iterations = 20};
  const result free = minimize(objective("x^2 + y^2"), Eigen::Vector2d{-2, 2}, lbfgs{}, o);
  o.bounds = {Eigen::Vector2d{-3, 1}, Eigen::Vector2d{3, 3}};
  const result boxed = minimize(objective("x^2 + y^2"), Eigen::Vector2d{-2, 2}, lbfgs{}, o);
  ASSERT_NE(boxed.report().find("projected ‖g‖∞"), std::string::npos);
  for (const result* r : {&free, &boxed}) {
    const std::vector<std::size_t> columns = value_columns(r->report());
    ASSERT_GE(columns.size(), 7u) << r->report();
    for (const std::size_t c : columns) EXPECT_EQ(c, 15u) << r->report();
  }
}

TEST(multistart, clusters_only_converged_runs_and_puts_the_given_start_first) {
  tape_objective f(compile(parse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2").root()));
  const box b{Eigen::Vector2d{-5, -5}, Eigen::Vector2d{5, 5}};
  multistart_options ms{.starts = 12, .seed = 3};
  ms.first = Eigen::Vector2d{2.5, 2.5};
  const multistart_result few =
      multistart(f, b, gd{.rate = 0.01}, {.max_iterations = 5, .gtol = 1e-8}, ms);
  EXPECT_EQ(few.starts.front(), ms.first);
  EXPECT_EQ(few.starts.size(), 12u);
  EXPECT_EQ(few.not_converged, 12u);
  EXPECT_TRUE(few.minima.empty());
  const multistart_result all =
      multistart(f, b, gd{.rate = 0.01}, {.max_iterations = 1000, .gtol = 1e-8}, ms);
  EXPECT_EQ(all.not_converged, 0u);
  std::size_t reached = 0;
  for (const found_minimum& m : all.minima) reached += m.starts;
  EXPECT_EQ(reached, 12u);
  ms.first = Eigen::Vector2d{6, 0};
  EXPECT_THROW(multistart(f, b, gd{.rate = 0.01}, {}, ms), usage_error);
}

TEST(multistart, a_bad_box_names_the_coordinate_by_its_variable) {
  const box inverted{Eigen::Vector2d{-1, 5}, Eigen::Vector2d{1, -5}};
  const auto message = [](const box& b, const multistart_options& ms,
                          const std::vector<std::string>& names) {
    try {
      validate(b, ms, names);
    } catch (const usage_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(message(inverted, {}, {"a", "b"}),
            "the box for b is [5, -5]; it needs lower < upper, both finite");
  EXPECT_EQ(message(inverted, {}, {}),
            "the box for x[1] is [5, -5]; it needs lower < upper, both finite");
  const box b{Eigen::Vector2d{-1, -1}, Eigen::Vector2d{1, 1}};
  EXPECT_EQ(message(b, {.first = Eigen::Vector2d{0, 2}}, {"a", "b"}),
            "the start's b is 2, outside the box [-1, 1]");
  // multistart passes the options' variables.
  tape_objective f(compile(parse("a^2 + b^2").root()));
  minimize_options o;
  o.variables = {"a", "b"};
  try {
    multistart(f, inverted, gd{}, o, {});
    ADD_FAILURE() << "an inverted box was accepted";
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("the box for b"), std::string::npos) << e.what();
  }
}

TEST(multistart, a_start_outside_the_domain_fails_alone) {
  // ln x is not finite for x ≤ 0, so minimize() throws numerical_error at such a start; within
  // multistart that run is a failure and the starts in (0, 3] still find 1/√2.
  tape_objective f(compile(parse("x^2 - log(x)").root()));
  const box b{Eigen::VectorXd::Constant(1, -1), Eigen::VectorXd::Constant(1, 3)};
  const multistart_result m = multistart(f, b, lbfgs{}, default_options(lbfgs{}), {.starts = 6});
  ASSERT_EQ(m.runs.size(), 6u);
  EXPECT_GT(m.undefined_starts, 0u);
  std::size_t outside = 0;
  for (std::size_t i = 0; i < m.runs.size(); ++i)
    if (m.starts[i][0] <= 0) {
      ++outside;
      EXPECT_EQ(m.runs[i].status, status::diverged);
      EXPECT_EQ(m.runs[i].x, m.starts[i]);
      EXPECT_FALSE(m.runs[i].message.empty());
    }
  EXPECT_EQ(m.undefined_starts, outside);
  EXPECT_EQ(m.failed, outside);
  ASSERT_EQ(m.minima.size(), 1u);
  EXPECT_NEAR(m.minima[0].x[0], 1 / std::sqrt(2.0), 1e-6);
}

}  // namespace
}  // namespace kobai
