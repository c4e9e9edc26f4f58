// L-BFGS-B (lbfgs with bounds) against independent truth: the compact matrix against the BFGS
// recursion, the generalized Cauchy point against a direct walk along the projected path (and a
// hand computation), bounded problems whose KKT point is known in closed form, and SciPy's
// L-BFGS-B on MGH problems in boxes (bench/scipy_bounds.py made the reference values).
#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

#include "kobai/expr/parse.hpp"
#include "kobai/optim/detail/lbfgsb.hpp"
#include "kobai/optim/minimize.hpp"
#include "kobai/problems/problems.hpp"
#include "kobai/trace.hpp"

namespace kobai {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

bounds box(std::vector<double> lower, std::vector<double> upper) {
  return {Eigen::Map<Eigen::VectorXd>(lower.data(), static_cast<Eigen::Index>(lower.size())),
          Eigen::Map<Eigen::VectorXd>(upper.data(), static_cast<Eigen::Index>(upper.size()))};
}

// Pairs (s, y = A s) of a fixed symmetric positive definite A, with s spread by sines so that
// they are linearly independent.
struct pairs {
  std::vector<Eigen::VectorXd> s, y;
};
pairs make_pairs(Eigen::Index n, int count) {
  Eigen::MatrixXd A(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      A(i, j) = 1.0 / static_cast<double>(1 + i + j) + (i == j ? 1.0 + static_cast<double>(i) : 0);
  pairs p;
  for (int c = 0; c < count; ++c) {
    Eigen::VectorXd s(n);
    for (Eigen::Index i = 0; i < n; ++i)
      s[i] = std::sin(1.3 * c + 0.7 * static_cast<double>(i) + 0.2);
    p.s.push_back(s);
    p.y.push_back(A * s);
  }
  return p;
}

// B by the BFGS recursion (N&W eq. 6.19) over the last `memory` pairs, from B₀ = θI with θ =
// yᵀy/sᵀy of the newest pair.
Eigen::MatrixXd bfgs_matrix(const pairs& p, std::size_t memory) {
  const Eigen::Index n = p.s.front().size();
  const std::size_t first = p.s.size() > memory ? p.s.size() - memory : 0;
  const Eigen::VectorXd &s_new = p.s.back(), &y_new = p.y.back();
  Eigen::MatrixXd B = Eigen::MatrixXd::Identity(n, n) * (y_new.squaredNorm() / s_new.dot(y_new));
  for (std::size_t i = first; i < p.s.size(); ++i) {
    const Eigen::VectorXd Bs = B * p.s[i];
    B += -Bs * Bs.transpose() / p.s[i].dot(Bs) + p.y[i] * p.y[i].transpose() / p.y[i].dot(p.s[i]);
  }
  return B;
}

detail::lbfgsb_model model_of(const pairs& p, Eigen::Index memory) {
  const Eigen::Index n = p.s.front().size();
  detail::lbfgsb_model model(n, memory);
  const Eigen::VectorXd zero = Eigen::VectorXd::Zero(n);
  for (std::size_t i = 0; i < p.s.size(); ++i)
    EXPECT_TRUE(model.remember(p.s[i], zero, p.y[i], zero));
  return model;
}

TEST(lbfgsb_model, the_compact_matrix_equals_the_bfgs_recursion_over_the_last_m_pairs) {
  // Six pairs through a memory of four: the ring buffer has wrapped.
  const pairs p = make_pairs(6, 6);
  detail::lbfgsb_model model = model_of(p, 4);
  EXPECT_EQ(model.pairs(), 4);
  const Eigen::MatrixXd B = bfgs_matrix(p, 4);
  Eigen::VectorXd Bv(6);
  for (int c = 0; c < 6; ++c) {
    const Eigen::VectorXd v = Eigen::VectorXd::Unit(6, c) + 0.3 * Eigen::VectorXd::Ones(6);
    ASSERT_TRUE(model.multiply(v, Bv));
    EXPECT_LE((Bv - B * v).norm(), 1e-12 * (B * v).norm()) << c;
  }
}

// The first local minimizer of m(z) = gᵀ(z − x) + ½(z − x)ᵀB(z − x) along z(t) = P(x − t g),
// found by walking the path with the dense B: on each piece z is linear in t, so m is a
// quadratic whose slope and curvature come straight from B.
Eigen::VectorXd cauchy_by_walking(const Eigen::MatrixXd& B, const bounds& b,
                                  const Eigen::VectorXd& x, const Eigen::VectorXd& g) {
  const Eigen::Index n = x.size();
  std::vector<double> breaks{0};
  for (Eigen::Index i = 0; i < n; ++i) {
    if (g[i] < 0 && b.upper[i] < inf) breaks.push_back((x[i] - b.upper[i]) / g[i]);
    if (g[i] > 0 && b.lower[i] > -inf) breaks.push_back((x[i] - b.lower[i]) / g[i]);
  }
  std::sort(breaks.begin(), breaks.end());
  breaks.push_back(inf);
  const auto point = [&](double t) {
    Eigen::VectorXd z = x - t * g;
    detail::project(b, z);
    return z;
  };
  for (std::size_t j = 0; j + 1 < breaks.size(); ++j) {
    const double ta = breaks[j], tb = breaks[j + 1];
    if (!(tb > ta)) continue;
    const Eigen::VectorXd za = point(ta);
    Eigen::VectorXd d = -g;  // the coordinates still moving on (ta, tb)
    for (Eigen::Index i = 0; i < n; ++i)
      if ((g[i] < 0 && za[i] >= b.upper[i]) || (g[i] > 0 && za[i] <= b.lower[i])) d[i] = 0;
    if (d.isZero()) return za;
    const double slope = (g + B * (za - x)).dot(d), curvature = d.dot(B * d);
    if (slope >= 0) return za;
    const double t = ta - slope / curvature;
    if (t < tb) return point(t);
  }
  return point(breaks[breaks.size() - 2]);
}

TEST(lbfgsb_model, the_cauchy_point_is_the_first_minimizer_along_the_projected_path) {
  const pairs p = make_pairs(5, 3);
  detail::lbfgsb_model model = model_of(p, 3);
  const Eigen::MatrixXd B = bfgs_matrix(p, 3);
  const bounds b = box({-1, -0.5, -inf, 0, -2}, {0.3, 0.2, 0.4, 1, inf});
  Eigen::VectorXd x(5);
  x << 0, 0, 0, 0.5, 0;
  // Several gradients: breakpoints before, at and after the minimizer, and a start on a bound.
  for (const Eigen::VectorXd& g :
       {Eigen::VectorXd{{-3.0, 2.0, -1.0, 0.5, 4.0}}, Eigen::VectorXd{{-0.3, 0.1, -0.2, 0.1, 0.2}},
        Eigen::VectorXd{{-30.0, 20.0, 1.0, -5.0, 0.0}},
        Eigen::VectorXd{{1.0, 1.0, 1.0, 1.0, 1.0}}}) {
    ASSERT_TRUE(model.cauchy(b, x, g));
    const Eigen::VectorXd expected = cauchy_by_walking(B, b, x, g);
    EXPECT_LE((model.cauchy_point() - expected).lpNorm<Eigen::Infinity>(), 1e-12)
        << "g = " << g.transpose() << "\nkobai " << model.cauchy_point().transpose() << "\nwalk  "
        << expected.transpose();
  }
}

TEST(lbfgsb_model, the_cauchy_point_of_a_hand_computed_path) {
  // One pair s = (1, 0), y = (2, 0): θ = 2 and B = 2I. From x = 0 with g = (−1, 1) in
  // [−1, 1] × [−0.25, 1] the path is z(t) = (t, −t) up to t = 0.25, where y stops at −0.25;
  // then m = −t − 0.25 + t² + 1/16 has its minimum at t = 0.5, before x's breakpoint t = 1:
  // x^c = (0.5, −0.25). Without pairs (B = I) the minimum lies beyond: x^c = P(x − g) = (1, −0.25).
  const bounds b = box({-1, -0.25}, {1, 1});
  const Eigen::VectorXd x = Eigen::VectorXd::Zero(2);
  const Eigen::Vector2d g{-1, 1};
  detail::lbfgsb_model model(2, 5);
  ASSERT_TRUE(model.cauchy(b, x, g));
  EXPECT_EQ(model.cauchy_point(), Eigen::Vector2d(1, -0.25));
  ASSERT_TRUE(model.remember(Eigen::Vector2d{1, 0}, x, Eigen::Vector2d{2, 0}, x));
  EXPECT_EQ(model.theta(), 2);
  ASSERT_TRUE(model.cauchy(b, x, g));
  EXPECT_NEAR(model.cauchy_point()[0], 0.5, 1e-15);
  EXPECT_EQ(model.cauchy_point()[1], -0.25);
}

TEST(lbfgsb_model, with_every_variable_free_the_direction_is_the_quasi_newton_step) {
  // No bound binds: x̄ − x = −B⁻¹g, the L-BFGS direction.
  const pairs p = make_pairs(4, 3);
  detail::lbfgsb_model model = model_of(p, 5);
  const Eigen::MatrixXd B = bfgs_matrix(p, 5);
  const bounds b = box({-inf, -inf, -inf, -inf}, {inf, inf, inf, inf});
  const Eigen::Vector4d x{0.1, 0.2, 0.3, 0.4}, g{1, -2, 0.5, 0.25};
  Eigen::VectorXd d(4);
  ASSERT_TRUE(model.direction(b, x, g, d));
  const Eigen::VectorXd expected = -B.ldlt().solve(g);
  EXPECT_LE((d - expected).norm(), 1e-12 * expected.norm()) << d.transpose();
}

TEST(lbfgsb_model, the_subspace_step_minimizes_the_model_over_the_free_variables) {
  // x^c fixes the variables that reached a bound; over the others x̄ minimizes the model, so the
  // model's gradient g + B(x̄ − x) (dense B) vanishes on the variables inside their bounds at x̄.
  // The data keep x^c + d^u inside the box: no projection changes x̄.
  const pairs p = make_pairs(5, 4);
  detail::lbfgsb_model model = model_of(p, 4);
  const Eigen::MatrixXd B = bfgs_matrix(p, 4);
  const bounds b = box({-0.1, -inf, -inf, -inf, -inf}, {inf, inf, 0.05, inf, inf});
  const Eigen::VectorXd x = Eigen::VectorXd::Zero(5);
  const Eigen::VectorXd g{{2.0, -1.0, -3.0, 0.5, 0.2}};
  Eigen::VectorXd d(5);
  ASSERT_TRUE(model.direction(b, x, g, d));
  const Eigen::VectorXd xbar = x + d;
  const Eigen::VectorXd model_gradient = g + B * d;
  for (Eigen::Index i = 0; i < 5; ++i) {
    EXPECT_GE(xbar[i], b.lower[i]);
    EXPECT_LE(xbar[i], b.upper[i]);
    if (b.lower[i] < xbar[i] && xbar[i] < b.upper[i]) {
      EXPECT_NEAR(model_gradient[i], 0, 1e-12) << i;
    }
  }
  EXPECT_LT(g.dot(d), 0);
}

// --- Bounded problems with known solutions --------------------------------------------------

tape_objective objective(std::string_view text) {
  return tape_objective(compile(parse(text).root()));
}

result run(std::string_view formula, const Eigen::VectorXd& x0, const bounds& b,
           const lbfgs& method = {}) {
  minimize_options o = default_options(method);
  o.bounds = b;
  return minimize(objective(formula), x0, method, o);
}

TEST(lbfgsb, a_quadratic_ends_on_its_kkt_point_with_one_or_two_active_bounds) {
  // f = x² + xy + y² − 6x, unconstrained minimum (4, −2). With x ≤ 3 only: x = 3 and
  // ∂f/∂y = x + 2y = 0 gives y = −1.5, f = −11.25, ∂f/∂x = −1.5 ≤ 0 (the bound holds x back).
  // With y ≥ −1 too: (3, −1), f = −11, ∇f = (−1, 1) pointing out of the box at both bounds.
  const char* f = "x^2 + x*y + y^2 - 6*x";
  const result one = run(f, Eigen::Vector2d{0, 0}, box({-inf, -inf}, {3, inf}));
  EXPECT_EQ(one.status, status::converged_gradient) << one.summary();
  EXPECT_EQ(one.x[0], 3);
  EXPECT_NEAR(one.x[1], -1.5, 1e-6);
  EXPECT_NEAR(one.f, -11.25, 1e-10);
  const result two = run(f, Eigen::Vector2d{0, 0}, box({-inf, -1}, {3, inf}));
  EXPECT_EQ(two.status, status::converged_gradient) << two.summary();
  EXPECT_EQ(two.x, Eigen::Vector2d(3, -1));
  EXPECT_EQ(two.f, -11);
}

TEST(lbfgsb, rosenbrock_above_y_1_5_ends_where_the_cubic_of_its_kkt_conditions_vanishes) {
  // Hock & Schittkowski problem 2: f = 100(y − x²)² + (1 − x)² with y ≥ 1.5. The bound holds y
  // at 1.5 (∂f/∂y = 200(1.5 − x²) > 0 there), and ∂f/∂x = 0 is 400x³ − 598x − 2 = 0, whose
  // roots near ±1.22 (Newton's method below) are the two local minimizers: f = 0.0504 at the
  // positive one (HS's solution), 4.94 at the negative one, where SciPy's L-BFGS-B ends from
  // HS's start (−2, 1) too (bench/scipy_bounds.py).
  const auto root = [](double x) {
    for (int i = 0; i < 50; ++i) x -= (400 * x * x * x - 598 * x - 2) / (1200 * x * x - 598);
    return x;
  };
  const auto f = [](double x) { return 100 * std::pow(1.5 - x * x, 2) + std::pow(1 - x, 2); };
  for (const double x0 : {-2.0, 2.0}) {
    const result r =
        run("100*(y - x^2)^2 + (1 - x)^2", Eigen::Vector2d{x0, 1}, box({-inf, 1.5}, {inf, inf}));
    SCOPED_TRACE(r.summary());
    EXPECT_EQ(r.status, status::converged_gradient);
    EXPECT_EQ(r.x[1], 1.5);
    const double expected = root(x0 < 0 ? -1.2 : 1.2);
    EXPECT_NEAR(r.x[0], expected, 1e-7);
    EXPECT_NEAR(r.f, f(expected), 1e-12 * std::max(1.0, f(expected)));
  }
}

TEST(lbfgsb, problems_whose_solution_sits_in_a_corner_end_exactly_there) {
  // Hock & Schittkowski 4: (x + 1)³/3 + y on x ≥ 1, y ≥ 0: ∇f = ((x + 1)², 1) > 0 everywhere,
  // so the minimum is the corner (1, 0), f = 8/3.
  const result hs4 = run("(x + 1)^3/3 + y", Eigen::Vector2d{1.125, 0.125}, box({1, 0}, {inf, inf}));
  EXPECT_EQ(hs4.status, status::converged_gradient) << hs4.summary();
  EXPECT_EQ(hs4.x, Eigen::Vector2d(1, 0));
  EXPECT_NEAR(hs4.f, 8.0 / 3, 1e-15);
  // Hock & Schittkowski 45: 2 − vwxyz/120 on 0 ≤ x_i ≤ i: the product is largest at the upper
  // corner (1, 2, 3, 4, 5), f = 1.
  minimize_options o = default_options(lbfgs{});
  o.bounds = box({0, 0, 0, 0, 0}, {1, 2, 3, 4, 5});
  const result hs45 = minimize(
      tape_objective(compile(parse("2 - v*w*x*y*z/120").root(), {"v", "w", "x", "y", "z"})),
      Eigen::VectorXd::Constant(5, 2), lbfgs{}, o);
  EXPECT_EQ(hs45.status, status::converged_gradient) << hs45.summary();
  EXPECT_EQ(hs45.x, o.bounds.upper);
  EXPECT_EQ(hs45.f, 1);
}

TEST(lbfgsb, an_interior_minimum_is_the_unconstrained_one) {
  // Hock & Schittkowski 5: sin(x + y) + (x − y)² − 1.5x + 2.5y + 1 on [−1.5, 4] × [−3, 3] has its
  // minimum inside, at x = 1/2 − π/3, y = −1/2 − π/3, f = −√3/2 − π/3.
  const double pi = std::numbers::pi;
  const result r = run("sin(x + y) + (x - y)^2 - 1.5*x + 2.5*y + 1", Eigen::Vector2d{0, 0},
                       box({-1.5, -3}, {4, 3}));
  EXPECT_EQ(r.status, status::converged_gradient) << r.summary();
  EXPECT_NEAR(r.x[0], 0.5 - pi / 3, 1e-5);
  EXPECT_NEAR(r.x[1], -0.5 - pi / 3, 1e-5);
  EXPECT_NEAR(r.f, -std::sqrt(3.0) / 2 - pi / 3, 1e-10);
}

// The trials of the run's first line search (k = 1), from a traced run.
std::vector<trial_point> first_search(std::string_view formula, const Eigen::VectorXd& x0,
                                      const bounds& b) {
  minimize_options o = default_options(lbfgs{});
  o.bounds = b;
  o.record_trace = true;
  const result r = minimize(objective(formula), x0, lbfgs{}, o);
  std::vector<trial_point> trials;
  for (const trial_point& t : r.trace.trials)
    if (t.k == 1) trials.push_back(t);
  return trials;
}

TEST(lbfgsb, the_first_trial_in_a_full_box_is_the_whole_step_to_the_projected_gradient_point) {
  // The Fortran L-BFGS-B 3.0 (lnsrlb) starts its first search at α = 1 along d = P(x − ∇f) − x
  // when every variable has both bounds. f = x² + 10y² from (1, 1) in [−5, 5]²: ∇f = (2, 20),
  // P(x − ∇f) = (−1, −5), where f = 1 + 250 = 251 (then the search backtracks).
  const std::vector<trial_point> trials =
      first_search("x^2 + 10*y^2", Eigen::Vector2d{1, 1}, box({-5, -5}, {5, 5}));
  ASSERT_FALSE(trials.empty());
  EXPECT_EQ(trials.front().alpha, 1);
  EXPECT_DOUBLE_EQ(trials.front().f, 251);
}

TEST(lbfgsb, the_first_trial_under_some_open_bounds_is_one_over_the_length_of_the_step) {
  // lnsrlb when some bound is finite but not every variable has both: α = min(1/‖d‖₂, 1). Only
  // x ≥ −5: d = P(x − ∇f) − x = (−1, −19) − (1, 1) = (−2, −20), ‖d‖₂ = √404.
  const std::vector<trial_point> trials =
      first_search("x^2 + 10*y^2", Eigen::Vector2d{1, 1}, box({-5, -inf}, {inf, inf}));
  ASSERT_FALSE(trials.empty());
  EXPECT_DOUBLE_EQ(trials.front().alpha, 1 / std::sqrt(404.0));
}

TEST(lbfgsb, an_infinite_box_runs_like_plain_lbfgs) {
  // The same iterates up to rounding: x^c = x − t*g and the subspace step is −B⁻¹g on every
  // variable, so the run takes as many iterations and evaluations as the unbounded one with the
  // standard scaling θ = yᵀy/sᵀy = 1/γ (the box keeps it).
  const char* f = "100*(y - x^2)^2 + (1 - x)^2";
  minimize_options o = default_options(lbfgs{});
  o.record_trace = true;
  const result plain = minimize(objective(f), Eigen::Vector2d{-1.2, 1},
                                lbfgs{.scaling = lbfgs_scaling::standard}, o);
  o.bounds = box({-inf, -inf}, {inf, inf});
  const result bounded = minimize(objective(f), Eigen::Vector2d{-1.2, 1}, lbfgs{}, o);
  EXPECT_EQ(bounded.status, status::converged_gradient) << bounded.summary();
  EXPECT_EQ(bounded.iterations, plain.iterations) << bounded.summary() << "\n" << plain.summary();
  EXPECT_EQ(bounded.evaluations.gradient, plain.evaluations.gradient);
  ASSERT_EQ(bounded.trace.iterations.size(), plain.trace.iterations.size());
  for (std::size_t k = 0; k < plain.trace.iterations.size(); ++k) {
    SCOPED_TRACE(k);
    EXPECT_LE(
        (bounded.trace.iterations[k].x - plain.trace.iterations[k].x).lpNorm<Eigen::Infinity>(),
        1e-7);
  }
}

// "x1=-2:0.5,x2=-1:2" over the problem's variables (unnamed ones free).
bounds parse_box(const problems::problem& p, std::string_view text) {
  const std::vector<std::string> names = p.variables();
  bounds b{Eigen::VectorXd::Constant(static_cast<Eigen::Index>(p.n), -inf),
           Eigen::VectorXd::Constant(static_cast<Eigen::Index>(p.n), inf)};
  while (!text.empty()) {
    const std::size_t comma = std::min(text.find(','), text.size());
    const std::string_view entry = text.substr(0, comma);
    const std::size_t eq = entry.find('='), colon = entry.find(':');
    const auto i = std::find(names.begin(), names.end(), entry.substr(0, eq)) - names.begin();
    b.lower[i] = std::stod(std::string(entry.substr(eq + 1, colon - eq - 1)));
    b.upper[i] = std::stod(std::string(entry.substr(colon + 1)));
    text.remove_prefix(std::min(comma + 1, text.size()));
  }
  return b;
}

struct scipy_reference {
  const char* problem;
  const char* box;
  double f;  // SciPy 1.10.1 L-BFGS-B, pgtol 1e-5, maxcor 10, from the standard start
};

// bench/scipy_bounds.py's output (bench/README.md, "L-BFGS-B").
constexpr scipy_reference scipy_references[] = {
    {"rosenbrock", "x1=-2:0.5,x2=-1:2", 0.25},
    {"rosenbrock", "x2=1.5:inf", 4.9412293179891869},
    {"freudenstein_roth", "x1=0:20,x2=-30:-0.9", 48.985201999999994},
    {"powell_badly_scaled", "x1=0:1,x2=1:9", 1.8136542106375056e-07},
    {"brown_badly_scaled", "x1=0:1000000.0,x2=3e-05:100", 783.99999929518401},
    {"beale", "x1=0.6:2.5,x2=0.5:100", 0.39453125000000128},
    {"jennrich_sampson", "x1=0.26:10,x2=0.26:20", 125.01716255074108},
    {"helical_valley", "x1=-100:0.8,x2=-1:1,x3=-1:1", 0.99042212096140159},
    {"bard", "x1=0.1:50,x2=0:100,x3=0:50", 1.5145430905089547},
    {"gaussian", "x1=0.398:4.2,x2=1:2,x3=-0.5:0.1", 1.1279329761323725e-08},
    {"box_3d", "x1=0:2,x2=5:9.5,x3=0:20", 0.00011434820901911076},
    {"powell_singular", "x1=0.1:100,x2=-20:20,x3=-1:1,x4=-1:50", 0.00018781963008397109},
    {"wood", "x1=-100:0,x2=-100:10,x3=-100:100,x4=-100:10", 1.5567008004385652},
};

TEST(lbfgsb, reaches_scipys_values_on_mgh_problems_in_boxes) {
  for (const scipy_reference& ref : scipy_references) {
    const problems::problem& p = *problems::find_problem(ref.problem);
    minimize_options o = default_options(lbfgs{});
    o.bounds = parse_box(p, ref.box);
    const result r = minimize(tape_objective(compile(parse(p.formula).root(), p.variables())),
                              p.start, lbfgs{}, o);
    SCOPED_TRACE(std::string(ref.problem) + " in " + ref.box + ": " + r.summary());
    EXPECT_EQ(r.status, status::converged_gradient);
    // As low as SciPy's value, to 1e-6 (relative above 1): a lower local minimum counts too.
    EXPECT_LE(r.f, ref.f + 1e-6 * std::max(1.0, std::abs(ref.f)));
  }
}

}  // namespace
}  // namespace kobai
