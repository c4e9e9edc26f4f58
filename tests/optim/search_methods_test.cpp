// The line-search family against closed forms: quadratics whose minimizer is A⁻¹b, CG's finite
// termination, Newton's one step, BFGS's inverse Hessian, and the failure messages.
#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "kobai/expr/parse.hpp"
#include "kobai/optim/minimize.hpp"

namespace kobai {
namespace {

tape_objective objective(std::string_view text) {
  return tape_objective(compile(parse(text).root()));
}

// f(x) = ½xᵀAx − bᵀx with A symmetric positive definite: ∇f = Ax − b, ∇²f = A, x* = A⁻¹b.
struct quadratic {
  Eigen::MatrixXd A;
  Eigen::VectorXd b;
  double value(const Eigen::VectorXd& x) const { return 0.5 * x.dot(A * x) - b.dot(x); }
  double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const {
    g = A * x - b;
    return value(x);
  }
  void hessian(const Eigen::VectorXd&, Eigen::MatrixXd& H) const { H = A; }
  Eigen::VectorXd minimizer() const { return A.llt().solve(b); }
};

// A fixed SPD matrix with eigenvalues spread over [1, 40] (condition number 40).
quadratic spd_quadratic(Eigen::Index n) {
  Eigen::MatrixXd Q(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) Q(i, j) = std::sin(1.0 + 3.0 * i + 7.0 * j);
  const Eigen::MatrixXd basis = Q.householderQr().householderQ();
  Eigen::VectorXd eig(n);
  for (Eigen::Index i = 0; i < n; ++i) eig[i] = 1 + 39.0 * i / static_cast<double>(n - 1);
  quadratic q{basis * eig.asDiagonal() * basis.transpose(), Eigen::VectorXd(n)};
  for (Eigen::Index i = 0; i < n; ++i) q.b[i] = 1 + 0.5 * i;
  return q;
}

// A search close to exact: on a quadratic φ the cubic step lands on the minimizer.
const more_thuente exact_search{.c1 = 1e-8, .c2 = 1e-6};

TEST(search_methods, every_method_finds_the_closed_form_minimizer_of_a_quadratic) {
  const quadratic q = spd_quadratic(6);
  const Eigen::VectorXd x0 = Eigen::VectorXd::Zero(6);
  const Eigen::VectorXd star = q.minimizer();
  // f* ≈ −0.8: ‖∇f‖∞ = 1e-7 is about where f's decrease meets its rounding.
  const minimize_options o{.max_iterations = 2000, .gtol = 1e-7};
  for (const method_options& m :
       {method_options(gd_ls{}), method_options(cg{}),
        method_options(cg{.beta = cg_beta::fletcher_reeves}),
        method_options(cg{.beta = cg_beta::hager_zhang}), method_options(bfgs{}),
        method_options(lbfgs{}), method_options(lbfgs{.memory = 1}), method_options(newton{})}) {
    const result r = minimize(q, x0, m, o);
    SCOPED_TRACE(r.method + " " + r.summary());
    EXPECT_EQ(r.status, status::converged_gradient);
    EXPECT_LT((r.x - star).lpNorm<Eigen::Infinity>(), 1e-6);
  }
}

TEST(search_methods, cg_terminates_in_at_most_n_iterations_on_an_spd_quadratic) {
  // N&W Theorem 5.1 (linear CG) carries over to nonlinear CG with exact line searches.
  for (cg_beta beta :
       {cg_beta::fletcher_reeves, cg_beta::polak_ribiere_plus, cg_beta::hager_zhang}) {
    const quadratic q = spd_quadratic(8);
    const result r =
        minimize(q, Eigen::VectorXd::Zero(8), cg{.beta = beta, .line_search = exact_search},
                 {.max_iterations = 100, .gtol = 1e-8});
    SCOPED_TRACE(std::string(to_string(beta)) + " " + r.summary());
    EXPECT_EQ(r.status, status::converged_gradient);
    EXPECT_LE(r.iterations, 8u);
  }
}

TEST(search_methods, newton_takes_one_step_on_a_quadratic) {
  const quadratic q = spd_quadratic(5);
  const result r = minimize(q, Eigen::VectorXd::Constant(5, 3.0), newton{}, {.gtol = 1e-10});
  EXPECT_EQ(r.status, status::converged_gradient) << r.summary();
  EXPECT_EQ(r.iterations, 1u);
  // One for the step, one for the saddle-point check at the last point.
  EXPECT_EQ(r.evaluations.hessian, 2u);
}

TEST(search_methods, newton_uses_the_tape_hessian_of_a_formula) {
  // f = (x − 1)² + 10(y + 2)² + xy: ∇f = (2(x−1) + y, 20(y+2) + x) = 0 at x = 80/39, y = −82/39.
  const result r = minimize(objective("(x - 1)^2 + 10*(y + 2)^2 + x*y"), Eigen::Vector2d{5, 5},
                            newton{}, {.gtol = 1e-12});
  EXPECT_EQ(r.iterations, 1u) << r.summary();
  // One for the step, one for the saddle-point check at the last point.
  EXPECT_EQ(r.evaluations.hessian, 2u);
  EXPECT_NEAR(r.x[0], 80.0 / 39, 1e-14);
  EXPECT_NEAR(r.x[1], -82.0 / 39, 1e-14);
}

TEST(search_methods, newton_shifts_an_indefinite_hessian_and_still_descends) {
  // f = x⁴/4 − x²/2 + y²: ∇²f = diag(3x² − 1, 2) is indefinite at x = 0.1; minima at x = ±1.
  const result r = minimize(objective("x^4/4 - x^2/2 + y^2"), Eigen::Vector2d{0.1, 1},
                            newton{.globalization = globalization::line_search},
                            {.max_iterations = 100, .gtol = 1e-10});
  EXPECT_EQ(r.status, status::converged_gradient) << r.summary();
  EXPECT_NEAR(r.x[0], 1, 1e-10);
  EXPECT_NEAR(r.x[1], 0, 1e-10);
}

TEST(search_methods, newton_without_a_hessian_differences_the_gradient) {
  auto f = function_objective(
      [](const Eigen::VectorXd& x) { return std::exp(x[0]) - 2 * x[0] + x[1] * x[1]; },
      [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
        g[0] = std::exp(x[0]) - 2;
        g[1] = 2 * x[1];
        return std::exp(x[0]) - 2 * x[0] + x[1] * x[1];
      });
  const result r = minimize(f, Eigen::Vector2d{2, 1}, newton{}, {.gtol = 1e-9});
  EXPECT_EQ(r.status, status::converged_gradient) << r.summary();
  EXPECT_NEAR(r.x[0], std::log(2.0), 1e-9);
  EXPECT_EQ(r.evaluations.hessian, 0u);
  EXPECT_GT(r.evaluations.gradient, 3 * r.iterations);  // n = 2 extra gradients per Hessian
}

TEST(search_methods, bfgs_reproduces_the_inverse_hessian_of_a_quadratic) {
  // With exact line searches on a quadratic, n BFGS updates give H = A⁻¹ (N&W §6.1, hereditary
  // property along conjugate directions).
  const Eigen::Index n = 4;
  quadratic q = spd_quadratic(n);
  detail::bfgs_policy p(bfgs{.line_search = exact_search}, n, 100);
  evaluation_counts counts;
  evaluator<quadratic> ev(q, counts, nullptr);
  Eigen::VectorXd x = Eigen::VectorXd::Constant(n, -1.0), g(n);
  double f = ev.value_and_gradient(x, g);
  for (std::size_t k = 1; k <= static_cast<std::size_t>(n); ++k) {
    const step_outcome o = p.step(iterate{x, f, g}, ev, k);
    ASSERT_FALSE(o.stop) << o.message;
  }
  const Eigen::MatrixXd inverse = q.A.inverse();
  EXPECT_LT((p.inverse_hessian() - inverse).lpNorm<Eigen::Infinity>(),
            1e-6 * inverse.lpNorm<Eigen::Infinity>());
}

TEST(search_methods, gd_ls_needs_one_step_when_the_hessian_is_a_multiple_of_the_identity) {
  const result r = minimize(objective("3*(x - 1)^2 + 3*(y + 2)^2"), Eigen::Vector2d{4, 4},
                            gd_ls{.line_search = exact_search}, {.gtol = 1e-9});
  EXPECT_EQ(r.iterations, 1u) << r.summary();
  EXPECT_NEAR(r.x[0], 1, 1e-10);
  EXPECT_NEAR(r.x[1], -2, 1e-10);
}

// The minimizer of the cubic p with p(0) = f0, p'(0) = g0, p(a) = fa, p'(a) = ga, found from
// p's coefficients (p = f0 + g0·α + C·α² + D·α³) and the root of p' where p'' > 0; NaN when p
// has no minimizer. Written apart from the library's N&W eq. 3.59 on purpose.
double hermite_minimizer(double f0, double g0, double a, double fa, double ga) {
  const double C = (3 * (fa - f0) / a - 2 * g0 - ga) / a;
  const double D = (g0 + ga - 2 * (fa - f0) / a) / (a * a);
  if (D == 0) return C > 0 ? -g0 / (2 * C) : std::nan("");
  const double disc = 4 * C * C - 12 * D * g0;
  if (disc < 0) return std::nan("");
  for (const double sign : {1.0, -1.0}) {
    const double root = (-2 * C + sign * std::sqrt(disc)) / (6 * D);
    if (2 * C + 6 * D * root > 0) return root;
  }
  return std::nan("");
}

// Rosenbrock from (−1.2, 1) with lbfgs, traced: the iterates' x, ∇f, α and d.
result traced_rosenbrock(lbfgs_scaling scaling) {
  return minimize(objective("100*(y - x^2)^2 + (1 - x)^2"), Eigen::Vector2d{-1.2, 1},
                  lbfgs{.scaling = scaling},
                  {.max_iterations = 200, .gtol = 1e-5, .record_trace = true});
}

TEST(search_methods, lbfgs_adaptive_scaling_grows_gamma_by_the_line_minimizers_ratio) {
  // lbfgs_scaling::adaptive: after the pair of search j, c ← max(1, c·α_c) (c = 1 after the
  // steepest-descent search 1), γ = min(sᵀs/sᵀy, c·sᵀy/yᵀy), and d_{j+1} = −H∇f_j with H the
  // BFGS inverse updates (N&W eq. 6.17) of H₀ = γI by the stored pairs. Checked against the
  // directions the run took, with H formed densely here.
  const result r = traced_rosenbrock(lbfgs_scaling::adaptive);
  ASSERT_EQ(r.status, status::converged_gradient) << r.summary();
  const auto& it = r.trace.iterations;
  std::vector<Eigen::VectorXd> S, Y;
  double c = 1;
  int grown = 0;
  for (std::size_t j = 1; j + 1 < it.size() && j <= 9; ++j) {
    const Eigen::VectorXd& d = it[j].state.at(0).value;  // the direction that reached x_j
    const Eigen::VectorXd s = it[j].x - it[j - 1].x, y = it[j].gradient - it[j - 1].gradient;
    S.push_back(s);
    Y.push_back(y);
    if (j == 1) {
      c = 1;
    } else {
      const double alpha_c = hermite_minimizer(it[j - 1].f, it[j - 1].gradient.dot(d),
                                               it[j].learning_rate, it[j].f, it[j].gradient.dot(d));
      ASSERT_TRUE(std::isfinite(alpha_c)) << "search " << j;
      c = std::max(1.0, c * alpha_c);
    }
    const double gamma = std::min(s.dot(s) / s.dot(y), c * s.dot(y) / y.dot(y));
    grown += gamma > s.dot(y) / y.dot(y);
    Eigen::MatrixXd H = gamma * Eigen::MatrixXd::Identity(2, 2);
    for (std::size_t i = 0; i < S.size(); ++i) {
      const double rho = 1 / Y[i].dot(S[i]);
      const Eigen::MatrixXd V = Eigen::MatrixXd::Identity(2, 2) - rho * Y[i] * S[i].transpose();
      H = V.transpose() * H * V + rho * S[i] * S[i].transpose();
    }
    const Eigen::VectorXd expected = -H * it[j].gradient;
    const Eigen::VectorXd& taken = it[j + 1].state.at(0).value;
    EXPECT_LT((taken - expected).norm(), 1e-8 * expected.norm())
        << "d of iteration " << j + 1 << ": " << taken.transpose() << " against "
        << expected.transpose();
  }
  EXPECT_GT(grown, 0);  // the rule changed γ somewhere in these iterations
}

TEST(search_methods, lbfgs_adaptive_scaling_tries_the_secant_step_after_a_short_accepted_step) {
  // After a search along d that accepted its first trial with r = φ'(α)/φ'(0) > ½, the next
  // search starts at α₀ = min(2, 1/(1 − r)); otherwise at 1. Standard scaling always starts at 1.
  for (const lbfgs_scaling scaling : {lbfgs_scaling::adaptive, lbfgs_scaling::standard}) {
    const result r = traced_rosenbrock(scaling);
    ASSERT_EQ(r.status, status::converged_gradient) << r.summary();
    const auto& it = r.trace.iterations;
    std::vector<std::vector<trial_point>> searches(it.size());
    for (const trial_point& t : r.trace.trials) searches.at(t.k).push_back(t);
    int longer = 0;
    for (std::size_t j = 3; j < it.size(); ++j) {
      const std::vector<trial_point>& before = searches[j - 1];
      double expected = 1;
      if (scaling == lbfgs_scaling::adaptive && before.size() == 1) {
        const double slope0 = it[j - 2].gradient.dot(it[j - 1].state.at(0).value);
        const double ratio = before.front().slope / slope0;
        if (ratio > 0.5 && ratio < 1) expected = std::min(2.0, 1 / (1 - ratio));
      }
      longer += expected > 1;
      ASSERT_FALSE(searches[j].empty());
      EXPECT_NEAR(searches[j].front().alpha, expected, 1e-12 * expected) << "search " << j;
    }
    if (scaling == lbfgs_scaling::adaptive) {
      EXPECT_GT(longer, 0);
    }
  }
}

TEST(search_methods, lbfgs_scaling_has_names_and_refuses_an_unknown_one) {
  for (const lbfgs_scaling s : {lbfgs_scaling::standard, lbfgs_scaling::adaptive})
    EXPECT_EQ(lbfgs_scaling_from_name(to_string(s)), s);
  EXPECT_EQ(lbfgs{}.scaling, lbfgs_scaling::adaptive);
  try {
    lbfgs_scaling_from_name("fast");
    ADD_FAILURE() << "no error for an unknown scaling";
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("known: adaptive (the default), standard"),
              std::string::npos)
        << e.what();
  }
}

TEST(search_methods, every_line_search_evaluation_is_a_recorded_trial_point) {
  const result r = minimize(objective("100*(y - x^2)^2 + (1 - x)^2"), Eigen::Vector2d{-1.2, 1},
                            lbfgs{}, {.max_iterations = 200, .gtol = 1e-5, .record_trace = true});
  EXPECT_EQ(r.status, status::converged_gradient) << r.summary();
  EXPECT_EQ(r.evaluations.gradient, 1 + r.trace.trials.size());
  EXPECT_EQ(r.trace.iterations.size(), r.iterations + 1);
  for (const auto& t : r.trace.trials) EXPECT_GE(t.k, 1u);
}

TEST(search_methods, rosenbrock_is_solved_by_every_quasi_newton_and_cg_method) {
  for (const method_options& m :
       {method_options(lbfgs{}), method_options(bfgs{}), method_options(cg{}),
        method_options(cg{.beta = cg_beta::hager_zhang}), method_options(newton{}),
        method_options(newton{.globalization = globalization::line_search}),
        method_options(lbfgs{.line_search = hager_zhang{}}),
        method_options(bfgs{.line_search = armijo{}})}) {
    const result r = minimize(objective("100*(y - x^2)^2 + (1 - x)^2"), Eigen::Vector2d{-1.2, 1}, m,
                              default_options(m));
    SCOPED_TRACE(r.method + " " + r.summary());
    EXPECT_EQ(r.status, status::converged_gradient);
    EXPECT_NEAR(r.x[0], 1, 1e-4);
    EXPECT_NEAR(r.x[1], 1, 1e-4);
  }
}

// A run forms at most one pair per iteration, so a memory far beyond max_iterations must take the
// same steps as one just above them, without allocating m·n doubles up front (10¹⁵ pairs of two
// coordinates would be 32 PB, a bad_alloc before the ring is bounded by the iterations).
TEST(search_methods,
     an_lbfgs_memory_beyond_the_iterations_takes_the_same_steps_without_allocating_it) {
  const tape_objective f = objective("100*(y - x^2)^2 + (1 - x)^2");
  for (const bool boxed : {false, true}) {
    minimize_options options{.max_iterations = 200};
    if (boxed) options.bounds = bounds{Eigen::Vector2d{-2, -2}, Eigen::Vector2d{0.8, 2}};
    const result huge =
        minimize(f, Eigen::Vector2d{-1.2, 1}, lbfgs{.memory = 1'000'000'000'000'000}, options);
    const result enough = minimize(f, Eigen::Vector2d{-1.2, 1}, lbfgs{.memory = 200}, options);
    SCOPED_TRACE(huge.summary());
    EXPECT_EQ(huge.status, status::converged_gradient);
    EXPECT_EQ(huge.iterations, enough.iterations);
    EXPECT_EQ(huge.evaluations.gradient, enough.evaluations.gradient);
    EXPECT_EQ(huge.x, enough.x);
  }
}

// Each method from x0 (one coordinate) to ‖∇f‖∞ ≤ 1e-8 with its trials recorded: some trial must
// be one that `refused` picks out (a non-finite value or slope), and the run must still converge
// to x_star.
template <class Objective, class Refused>
void expect_refused_trial_then_convergence(Objective& f, double x0,
                                           std::initializer_list<method_options> methods,
                                           Refused refused, double x_star) {
  for (const method_options& m : methods) {
    const result r = minimize(f, Eigen::VectorXd::Constant(1, x0), m,
                              {.max_iterations = 100, .gtol = 1e-8, .record_trace = true});
    SCOPED_TRACE(r.method + " " + r.summary());
    EXPECT_TRUE(std::any_of(r.trace.trials.begin(), r.trace.trials.end(), refused));
    EXPECT_EQ(r.status, status::converged_gradient);
    EXPECT_NEAR(r.x[0], x_star, 1e-9);
  }
}

bool value_is_nan(const trial_point& t) {
  return std::isnan(t.f);
}

TEST(search_methods, a_trial_point_where_f_is_nan_shrinks_the_step) {
  // f = 100(x − 0.5)² for x ≥ 0.45 and NaN below: from x = 0.9 (f' = 80) the first trial step
  // along −∇f, α = ½/‖∇f‖∞ (first_trial_step), reaches x = 0.4.
  auto f = function_objective(
      [](const Eigen::VectorXd& x) {
        return x[0] < 0.45 ? std::nan("") : 100 * (x[0] - 0.5) * (x[0] - 0.5);
      },
      [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
        g[0] = x[0] < 0.45 ? std::nan("") : 200 * (x[0] - 0.5);
        return x[0] < 0.45 ? std::nan("") : 100 * (x[0] - 0.5) * (x[0] - 0.5);
      });
  expect_refused_trial_then_convergence(
      f, 0.9,
      {method_options(lbfgs{}), method_options(gd_ls{}), method_options(cg{}),
       method_options(bfgs{.line_search = hager_zhang{}}),
       method_options(lbfgs{.line_search = armijo{}})},
      value_is_nan, 0.5);
}

TEST(search_methods, a_trial_point_where_only_the_gradient_is_nan_shrinks_the_step) {
  // f = 100(x − 0.5)² everywhere, its gradient NaN below x = 0.45: the first trial (x = 0.4, as
  // above) has a finite value that passes the decrease test, and must still be refused.
  auto f =
      function_objective([](const Eigen::VectorXd& x) { return 100 * (x[0] - 0.5) * (x[0] - 0.5); },
                         [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
                           g[0] = x[0] < 0.45 ? std::nan("") : 200 * (x[0] - 0.5);
                           return 100 * (x[0] - 0.5) * (x[0] - 0.5);
                         });
  expect_refused_trial_then_convergence(
      f, 0.9,
      {method_options(lbfgs{.line_search = armijo{}}), method_options(lbfgs{}),
       method_options(lbfgs{.line_search = hager_zhang{}})},
      [](const trial_point& t) { return std::isnan(t.slope); }, 0.5);
}

TEST(search_methods, newton_shrinks_a_step_that_lands_where_f_is_nan) {
  // f = x − ln x, NaN for x < 0, minimum f(1) = 1: from x = 3 the Newton step −f'/f'' = −6
  // reaches x = −3.
  auto f = function_objective([](const Eigen::VectorXd& x) { return x[0] - std::log(x[0]); },
                              [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
                                g[0] = x[0] < 0 ? std::nan("") : 1 - 1 / x[0];
                                return x[0] - std::log(x[0]);
                              });
  expect_refused_trial_then_convergence(
      f, 3,
      {method_options(newton{}),
       method_options(newton{.globalization = globalization::line_search})},
      value_is_nan, 1);
}

// The gradient of x² + y² with the x component's sign flipped: no step along −g is downhill.
double flipped_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) {
  g = 2 * x;
  g[0] = -g[0];
  return x.squaredNorm();
}

TEST(search_methods, a_failed_search_message_says_what_was_tried_and_the_measure_of_the_run) {
  // gd-ls searches along −∇f only, so the message must not claim a second search along it.
  auto f = function_objective([](const Eigen::VectorXd& x) { return x.squaredNorm(); },
                              flipped_gradient);
  const result r = minimize(f, Eigen::Vector2d{1, 1}, gd_ls{}, default_options(gd_ls{}));
  EXPECT_EQ(r.status, status::line_search_failed) << r.summary();
  EXPECT_EQ(r.message.find("also along"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("At the last point ‖g‖∞ = 2"), std::string::npos) << r.message;
  // ‖g‖∞ has not fallen from the start's 2: no reason to offer a larger gtol.
  EXPECT_EQ(r.message.find("larger gtol"), std::string::npos) << r.message;
  // Under bounds the run stops on the projected gradient; the message quotes that measure
  // (with y ≥ 1 held at 1 against g_y = 2 only x's component counts) and names it so.
  minimize_options o = default_options(lbfgs{});
  o.bounds = {Eigen::Vector2d{-10, 1}, Eigen::Vector2d{10, 10}};
  const result b = minimize(f, Eigen::Vector2d{3, 1}, lbfgs{}, o);
  EXPECT_EQ(b.status, status::line_search_failed) << b.summary();
  EXPECT_EQ(b.gradient_norm, 6);
  EXPECT_NE(b.message.find("At the last point projected ‖g‖∞ = 6"), std::string::npos) << b.message;
}

// A function with no minimum stops with status unbounded, whether the search runs into its largest
// step still going down (x + y, −x², and 5x + y with x ≥ 0, where the box does not stop the fall in
// y) or f falls by twenty orders of magnitude (Newton's trust region, which doubles its radius on
// x + y and has no model minimizer on −x²; −eˣ, whose search overflows on the way). Armijo's
// searches (newton-ls; gd-ls and lbfgs in a box) reach it by lengthening a first step along which
// f is straight: a search that only shrank walked at its first step's pace (2000 and 0.1 per
// iteration) to the iteration limit, as LBFGS++'s backtracking does.
TEST(search_methods, a_function_unbounded_below_ends_with_status_unbounded) {
  const double inf = std::numeric_limits<double>::infinity();
  const method_options lbfgs_m = lbfgs{}, bfgs_m = bfgs{}, cg_m = cg{}, gd_ls_m = gd_ls{},
                       hz = lbfgs{.line_search = hager_zhang{}}, tr = newton{},
                       newton_ls = newton{.globalization = globalization::line_search};
  struct unbounded_case {
    const char* text;
    Eigen::Vector2d x0;
    bounds box;
    std::vector<method_options> methods;
  };
  const std::vector<unbounded_case> cases = {
      {"x + y", {0, 0}, {}, {lbfgs_m, bfgs_m, cg_m, gd_ls_m, hz, tr, newton_ls}},
      {"-x^2 - y^2", {0.5, 0.25}, {}, {lbfgs_m, bfgs_m, cg_m, gd_ls_m, hz, tr, newton_ls}},
      {"-exp(x) + y^2", {0.5, 1}, {}, {lbfgs_m, bfgs_m, cg_m, gd_ls_m, hz, tr, newton_ls}},
      {"5*x + y",
       {0, 0},
       {Eigen::Vector2d{0, -inf}, Eigen::Vector2d{inf, inf}},
       {lbfgs_m, gd_ls_m, lbfgs{.line_search = armijo{}}}}};
  for (const unbounded_case& c : cases) {
    for (const method_options& m : c.methods) {
      minimize_options o = default_options(m);
      o.bounds = c.box;
      const result r = minimize(objective(c.text), c.x0, m, o);
      SCOPED_TRACE(std::string(c.text) + " " + r.method + " " + r.summary());
      EXPECT_EQ(r.status, status::unbounded);
      EXPECT_LT(r.f, -1e19);
      EXPECT_NE(r.message.find("unbounded below"), std::string::npos) << r.message;
    }
  }
}

// The fall rule is relative to f₀ and the fixed-rate family has it too: gd on x³ runs off to
// −∞; with keep_going the run goes on after the fall, and still ends unbounded when f overflows.
TEST(search_methods, the_unbounded_fall_is_relative_to_the_start_and_kept_going_past) {
  const tape_objective f = objective("x^3");
  const result r = minimize(f, Eigen::VectorXd::Constant(1, -1), gd{.rate = 0.1}, {});
  EXPECT_EQ(r.status, status::unbounded) << r.summary();
  EXPECT_LT(r.f, -2e20);
  EXPECT_NE(r.message.find("f fell from -1 to"), std::string::npos) << r.message;
  const result kept =
      minimize(f, Eigen::VectorXd::Constant(1, -1), gd{.rate = 0.1}, {.keep_going = true});
  EXPECT_EQ(kept.status, status::unbounded) << kept.summary();
  EXPECT_GT(kept.iterations, r.iterations);
  EXPECT_EQ(kept.message, r.message);  // the fall is named where it was seen
  // The same fall from f₀ = −1e30 is not twenty orders of magnitude of it: a run that starts
  // there and goes down by 1e20 has not fallen without bound.
  const result deep = minimize(objective("x - 1e30"), Eigen::VectorXd::Constant(1, 0),
                               gd{.rate = 1}, {.max_iterations = 3, .unbounded_fall = 1e-11});
  EXPECT_NE(deep.status, status::unbounded) << deep.summary();
  EXPECT_THROW(validate(minimize_options{.unbounded_fall = 0}), usage_error);
}

TEST(search_methods, a_wrong_gradient_ends_in_line_search_failed_naming_the_gradient) {
  auto f = function_objective([](const Eigen::VectorXd& x) { return x.squaredNorm(); },
                              flipped_gradient);
  for (const method_options& m :
       {method_options(lbfgs{}), method_options(bfgs{}), method_options(cg{}),
        method_options(gd_ls{}), method_options(gd_ls{.line_search = armijo{}}),
        method_options(lbfgs{.line_search = armijo{}}),
        method_options(lbfgs{.line_search = hager_zhang{}})}) {
    const result r = minimize(f, Eigen::Vector2d{1, 1}, m, default_options(m));
    SCOPED_TRACE(r.method + " " + describe(m).back().second);
    EXPECT_EQ(r.status, status::line_search_failed) << r.summary();
    EXPECT_NE(r.message.find("The gradient is the likely cause"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("iteration 1"), std::string::npos) << r.message;
  }
}

// A gradient that points uphill in x while the search's first trial is far too long: the rises
// stop only where f's change drops below its rounding, and Armijo used to accept that trial, so
// x stayed put for the whole run and it ended stalled. f = x² from x = 1 with ∇f = −0.2.
TEST(search_methods, an_armijo_search_that_finds_no_decrease_fails_instead_of_standing_still) {
  auto f = function_objective([](const Eigen::VectorXd& x) { return x.squaredNorm(); },
                              [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
                                g = Eigen::VectorXd::Constant(x.size(), -0.2);
                                return x.squaredNorm();
                              });
  const method_options m = lbfgs{.line_search = armijo{}};
  const result r = minimize(f, Eigen::VectorXd::Ones(1), m, default_options(m));
  EXPECT_EQ(r.status, status::line_search_failed) << r.summary();
  EXPECT_EQ(r.x[0], 1.0);
  EXPECT_NE(r.message.find("no step decreased f"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("The gradient is the likely cause"), std::string::npos) << r.message;
}

// f = (x − 5)² + √(2 − x) falls all the way to the edge of its domain at x = 2, where f′ → −∞:
// the searches end there with an exact gradient, and the message must not blame it.
TEST(search_methods, a_failure_at_the_edge_of_the_domain_does_not_blame_a_correct_gradient) {
  auto f = objective("(x - 5)^2 + sqrt(2 - x)");
  for (const method_options& m : {method_options(lbfgs{}), method_options(gd_ls{}),
                                  method_options(lbfgs{.line_search = armijo{}})}) {
    const result r = minimize(f, Eigen::VectorXd::Zero(1), m, default_options(m));
    SCOPED_TRACE(r.method + " " + describe(m).back().second);
    ASSERT_EQ(r.status, status::line_search_failed) << r.summary();
    EXPECT_NEAR(r.x[0], 2, 1e-6);
    EXPECT_EQ(r.message.find("likely cause"), std::string::npos) << r.message;
  }
}

// A search whose budget (3 evaluations here) ends while it is still lengthening the step, f
// falling at every trial, has made progress: x² from 10³ with a first trial that moves x by ½
// used to end line_search_failed at iteration 1. The step is taken and the run goes on; L-BFGS
// and BFGS learn the curvature from it, gd-ls and cg carry the step length over.
TEST(search_methods, a_search_that_runs_out_while_lengthening_the_step_keeps_its_progress) {
  auto f = objective("x^2");
  const more_thuente mt{.max_evaluations = 3};
  const hager_zhang hz{.max_evaluations = 3};
  for (const method_options& m :
       {method_options(lbfgs{.line_search = mt}), method_options(bfgs{.line_search = mt}),
        method_options(cg{.line_search = mt}), method_options(gd_ls{.line_search = mt}),
        method_options(lbfgs{.line_search = hz})}) {
    const result r = minimize(f, Eigen::VectorXd::Constant(1, 1e3), m, default_options(m));
    SCOPED_TRACE(r.method + " " + describe(m).back().second);
    EXPECT_EQ(r.status, status::converged_gradient) << r.summary();
    EXPECT_LE(r.iterations, 10u) << r.summary();
  }
}

// Far from the origin a first move of ½ changes f by less than its rounding: from x = 10¹⁵⁰ every
// search saw equal values and ran out 190 extrapolations short of a visible change. The first
// move is √ε·‖x‖∞ there, and every method finishes (L-BFGS in 3–4 iterations).
TEST(search_methods, a_start_far_from_the_origin_is_reached_by_the_first_step) {
  auto f = objective("x^2 + (y - 1)^2");
  for (const method_options& m :
       {method_options(lbfgs{}), method_options(bfgs{}), method_options(cg{}),
        method_options(gd_ls{}), method_options(lbfgs{.line_search = hager_zhang{}}),
        method_options(gd_ls{.line_search = armijo{}})}) {
    for (const auto& [x0, name] : {std::pair{1e30, "1e30"}, std::pair{1e150, "1e150"}}) {
      const result r = minimize(f, Eigen::Vector2d{x0, -x0}, m, default_options(m));
      SCOPED_TRACE(r.method + " " + describe(m).back().second + " from " + name);
      EXPECT_EQ(r.status, status::converged_gradient) << r.summary();
      // Armijo lengthens its first step only by the quadratic guess, about ×2 an iteration, and
      // from 10³⁰ the first move of 1.5e22 is 10⁸ short: 28 iterations.
      EXPECT_LE(r.iterations, 40u) << r.summary();
    }
  }
}

// Armijo only shortens its first step on a convex φ, so gd-ls and cg must not hand it the same
// short step every iteration: x² from 10³ moved by ½ per iteration and reached the iteration
// limit. The quadratic-interpolation guess (N&W §3.5) doubles the step until it fits. The same
// holds for gd-ls in a box, whose projected search is Armijo's.
TEST(search_methods, armijo_searches_of_gd_ls_and_cg_lengthen_a_short_first_step) {
  auto f = objective("x^2");
  minimize_options boxed = default_options(gd_ls{});
  boxed.bounds = {Eigen::VectorXd::Constant(1, -1e4), Eigen::VectorXd::Constant(1, 1e4)};
  const std::vector<std::pair<method_options, minimize_options>> runs = {
      {gd_ls{.line_search = armijo{}}, default_options(gd_ls{})},
      {cg{.line_search = armijo{}}, default_options(cg{})},
      {gd_ls{}, boxed}};
  for (const auto& [m, o] : runs) {
    const result r = minimize(f, Eigen::VectorXd::Constant(1, 1e3), m, o);
    SCOPED_TRACE(r.method + " " + describe(m).back().second);
    EXPECT_EQ(r.status, status::converged_gradient) << r.summary();
    EXPECT_LE(r.iterations, 30u) << r.summary();
  }
}

TEST(search_methods, options_are_validated_by_name) {
  EXPECT_THROW(validate(method_options(lbfgs{.memory = 0})), usage_error);
  EXPECT_THROW(validate(method_options(cg{.line_search = more_thuente{.c2 = 2}})), usage_error);
  EXPECT_EQ(method_name(method_from_name("gd-ls")), "gd-ls");
  EXPECT_EQ(method_name(method_from_name("lbfgs")), "lbfgs");
  EXPECT_TRUE(uses_line_search(method_from_name("newton")));
  EXPECT_FALSE(uses_line_search(method_from_name("adam")));
  EXPECT_EQ(cg_beta_from_name("hz"), cg_beta::hager_zhang);
  EXPECT_THROW(cg_beta_from_name("dy"), usage_error);
  EXPECT_EQ(line_search_name(line_search_from_name("armijo")), "armijo");
  EXPECT_THROW(line_search_from_name("zoom"), usage_error);
  const auto d = describe(method_options(lbfgs{}));
  EXPECT_EQ(d.at(0), (std::pair<std::string, std::string>{"memory", "10"}));
  EXPECT_EQ(d.at(1), (std::pair<std::string, std::string>{"scaling", "adaptive"}));
  EXPECT_EQ(d.at(2), (std::pair<std::string, std::string>{"line_search", "more-thuente"}));
}

TEST(search_methods, line_search_family_defaults_to_peer_stopping_rules) {
  const minimize_options o = default_options(lbfgs{});
  EXPECT_EQ(o.gtol, 1e-5);
  EXPECT_EQ(o.max_iterations, 1000u);
  EXPECT_EQ(default_options(gd{}).gtol, stopping_defaults{}.gtol);
  EXPECT_EQ(default_options(gd{}).max_iterations, stopping_defaults{}.max_iterations);
}

TEST(search_methods, options_that_leave_the_stopping_rules_unset_get_the_methods_defaults) {
  // Steepest descent crawls along Rosenbrock's valley: it runs out of iterations either way, so
  // the count shows which limit applied.
  const tape_objective f = objective("100*(y - x^2)^2 + (1 - x)^2");
  const Eigen::Vector2d x0{-1.2, 1};
  const result line_search = minimize(f, x0, gd_ls{}, {.ftol = 0});
  EXPECT_EQ(line_search.status, status::max_iterations);
  EXPECT_EQ(line_search.iterations, 1000u);
  EXPECT_EQ(line_search.diagnosis.gtol, 1e-5);
  const result fixed_rate = minimize(f, x0, gd{.rate = 1e-3}, {.ftol = 0});
  EXPECT_EQ(fixed_rate.iterations, 100u);
  EXPECT_EQ(fixed_rate.diagnosis.gtol, 1e-10);
  const result chosen =
      minimize(f, x0, method_options(gd_ls{}), {.max_iterations = 7, .gtol = 1e-3});
  EXPECT_EQ(chosen.iterations, 7u);
  EXPECT_EQ(chosen.diagnosis.gtol, 1e-3);
}

}  // namespace
}  // namespace kobai
