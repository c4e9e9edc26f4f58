// The line searches on the six test functions of Moré & Thuente, "Line search algorithms with
// guaranteed sufficient decrease", ACM TOMS 20(3), 1994, §5 (Tables I–VI), from the paper's four
// initial steps, and on the faults a search must survive: NaN trial points, an uphill direction, a
// gradient that disagrees with the function.
#include "kobai/linesearch/line_search.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "kobai/error.hpp"

namespace {

using kobai::phi_value;

// The strong Wolfe conditions written out (N&W eq. 3.7): sufficient decrease
// φ(α) ≤ φ(0) + c1·α·φ'(0) and curvature |φ'(α)| ≤ c2·|φ'(0)|.
bool strong_wolfe(phi_value zero, double alpha, double value, double slope, double c1, double c2) {
  return value <= zero.value + c1 * alpha * zero.slope &&
         std::fabs(slope) <= c2 * std::fabs(zero.slope);
}

struct test_function {
  std::string name;
  kobai::phi_function phi;
  double c1, c2;  // the paper's μ and η for this function
};

// γ(β) = (1 + β²)^½ − β, for functions 4–6.
double gamma_of(double b) {
  return std::sqrt(1 + b * b) - b;
}

kobai::phi_function yanai(double b1, double b2) {
  // φ(α) = γ(β1)[(1 − α)² + β2²]^½ + γ(β2)[α² + β1²]^½
  return [b1, b2](double a) {
    const double u = std::sqrt((1 - a) * (1 - a) + b2 * b2), v = std::sqrt(a * a + b1 * b1);
    return phi_value{gamma_of(b1) * u + gamma_of(b2) * v,
                     gamma_of(b1) * (a - 1) / u + gamma_of(b2) * a / v};
  };
}

std::vector<test_function> more_thuente_functions() {
  std::vector<test_function> f;
  // (5.1) φ(α) = −α/(α² + β), β = 2, μ = 0.001, η = 0.1
  f.push_back({"table I",
               [](double a) {
                 const double b = 2, d = a * a + b;
                 return phi_value{-a / d, (a * a - b) / (d * d)};
               },
               0.001, 0.1});
  // (5.2) φ(α) = (α + β)⁵ − 2(α + β)⁴, β = 0.004, μ = η = 0.1
  f.push_back({"table II",
               [](double a) {
                 const double s = a + 0.004;
                 return phi_value{std::pow(s, 5) - 2 * std::pow(s, 4),
                                  5 * std::pow(s, 4) - 8 * std::pow(s, 3)};
               },
               0.1, 0.1});
  // (5.3) φ(α) = φ0(α) + 2(1 − β)/(lπ)·sin(lπα/2), β = 0.01, l = 39, μ = η = 0.1, with φ0 piecewise
  f.push_back({"table III",
               [](double a) {
                 const double b = 0.01, l = 39, pi = std::numbers::pi;
                 double v, d;
                 if (a <= 1 - b) {
                   v = 1 - a;
                   d = -1;
                 } else if (a >= 1 + b) {
                   v = a - 1;
                   d = 1;
                 } else {
                   v = (a - 1) * (a - 1) / (2 * b) + b / 2;
                   d = (a - 1) / b;
                 }
                 return phi_value{v + 2 * (1 - b) / (l * pi) * std::sin(l * pi * a / 2),
                                  d + (1 - b) * std::cos(l * pi * a / 2)};
               },
               0.1, 0.1});
  f.push_back({"table IV", yanai(0.001, 0.001), 0.001, 0.001});
  f.push_back({"table V", yanai(0.01, 0.001), 0.001, 0.001});
  f.push_back({"table VI", yanai(0.001, 0.01), 0.001, 0.001});
  return f;
}

const std::vector<double> initial_steps = {1e-3, 1e-1, 1e1, 1e3};

TEST(line_search, satisfies_strong_wolfe_rejects_too_little_decrease_and_too_steep_a_slope) {
  // φ(0) = 1, φ'(0) = −1, c1 = 0.1, c2 = 0.5; at α = 1 decrease needs φ ≤ 0.9, |φ'| ≤ 0.5.
  const phi_value zero{1, -1};
  const double c1 = 0.1, c2 = 0.5;
  EXPECT_TRUE(kobai::satisfies_strong_wolfe(zero, {1, 0.9, 0.5}, c1, c2));
  EXPECT_TRUE(kobai::satisfies_strong_wolfe(zero, {1, 0.5, -0.5}, c1, c2));
  EXPECT_FALSE(kobai::satisfies_strong_wolfe(zero, {1, 0.95, 0}, c1, c2));    // too little decrease
  EXPECT_FALSE(kobai::satisfies_strong_wolfe(zero, {1, 0.5, -0.6}, c1, c2));  // still steep
  EXPECT_FALSE(kobai::satisfies_strong_wolfe(zero, {1, 0.5, 0.6}, c1, c2));   // steep uphill
  EXPECT_FALSE(kobai::satisfies_strong_wolfe(zero, {1, std::nan(""), 0}, c1, c2));
}

TEST(more_thuente, reaches_strong_wolfe_points_on_the_six_test_functions_of_the_paper) {
  for (const test_function& f : more_thuente_functions()) {
    const phi_value zero = f.phi(0);
    ASSERT_LT(zero.slope, 0) << f.name;
    for (double a0 : initial_steps) {
      const auto r =
          kobai::line_search(f.phi, zero, a0, kobai::more_thuente{.c1 = f.c1, .c2 = f.c2});
      SCOPED_TRACE(f.name + ", alpha0 = " + std::to_string(a0));
      ASSERT_TRUE(r.ok()) << r.message;
      EXPECT_TRUE(strong_wolfe(zero, r.alpha, r.value, r.slope, f.c1, f.c2));
      EXPECT_EQ(r.trials.size(), r.evaluations);
      EXPECT_EQ(r.trials.back().alpha, r.alpha);
      EXPECT_LE(r.evaluations, 20u);
      RecordProperty(
          f.name + " a0=" + std::to_string(a0),
          std::to_string(r.evaluations) + " evaluations, alpha = " + std::to_string(r.alpha));
    }
  }
}

// The paper's Tables I–VI list, for α0 = 10⁻³, 10⁻¹, 10, 10³, the number of evaluations and the
// final step (two digits). The MINPACK-2 algorithm reproduces them exactly.
TEST(more_thuente, needs_the_evaluations_listed_in_the_papers_tables) {
  const std::vector<std::vector<std::pair<std::size_t, double>>> table = {
      {{6, 1.4}, {3, 1.4}, {1, 10}, {4, 37}},
      {{12, 1.6}, {8, 1.6}, {8, 1.6}, {11, 1.6}},
      {{12, 1.0}, {12, 1.0}, {10, 1.0}, {13, 1.0}},
      {{4, 0.085}, {1, 0.10}, {3, 0.35}, {4, 0.83}},
      {{6, 0.075}, {3, 0.078}, {7, 0.073}, {8, 0.076}},
      {{13, 0.93}, {11, 0.93}, {8, 0.92}, {11, 0.92}},
  };
  const auto functions = more_thuente_functions();
  for (std::size_t k = 0; k < functions.size(); ++k) {
    const test_function& f = functions[k];
    for (std::size_t j = 0; j < initial_steps.size(); ++j) {
      SCOPED_TRACE(f.name + ", alpha0 = " + std::to_string(initial_steps[j]));
      const auto r = kobai::line_search(f.phi, f.phi(0), initial_steps[j],
                                        kobai::more_thuente{.c1 = f.c1, .c2 = f.c2});
      EXPECT_EQ(r.evaluations, table[k][j].first);
      const double printed = table[k][j].second;  // two significant digits
      const double unit = std::pow(10.0, std::floor(std::log10(printed)) - 1);
      EXPECT_LE(std::fabs(r.alpha - printed), 0.5 * unit + 1e-12) << r.alpha;
    }
  }
}

// Near a minimum of a function of size 1e5, φ(α) − φ(0) is below the rounding of f: here every
// trial point reads two units in the last place above φ(0), while the slope still carries the
// shape, φ'(α) = 2e-12·(α − ½). The search must let the slopes choose (the next step lands near
// α = ½) and accept on the approximate Wolfe conditions instead of chasing rounding noise; the
// plain Moré–Thuente rules take the 2-ulp rise for curvature and wander.
TEST(more_thuente, lets_the_slopes_decide_where_values_are_lost_in_rounding) {
  const double f0 = 1e5, ulp = std::nextafter(f0, 2 * f0) - f0;
  const kobai::phi_function phi = [=](double a) {
    return phi_value{a == 0 ? f0 : f0 + 2 * ulp, 2e-12 * (a - 0.5)};
  };
  const phi_value zero = phi(0);
  const auto r = kobai::line_search(phi, zero, 1.0, kobai::more_thuente{});
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_LE(r.evaluations, 3u);
  EXPECT_LE(std::fabs(r.slope), 0.9 * std::fabs(zero.slope));
  EXPECT_NEAR(r.alpha, 0.5, 0.05);
}

TEST(hager_zhang, reaches_wolfe_or_approximate_wolfe_points_on_the_six_test_functions) {
  for (const test_function& f : more_thuente_functions()) {
    const phi_value zero = f.phi(0);
    // HZ needs δ < ½ ≤ … and σ ≥ δ: the paper's constants qualify.
    const kobai::hager_zhang o{.delta = f.c1, .sigma = f.c2};
    for (double a0 : initial_steps) {
      SCOPED_TRACE(f.name + ", alpha0 = " + std::to_string(a0));
      const auto r = kobai::line_search(f.phi, zero, a0, o);
      ASSERT_TRUE(r.ok()) << r.message;
      const bool wolfe =
          r.value - zero.value <= o.delta * r.alpha * zero.slope && r.slope >= o.sigma * zero.slope;
      const bool approximate = r.slope >= o.sigma * zero.slope &&
                               r.slope <= (2 * o.delta - 1) * zero.slope &&
                               r.value <= zero.value + o.epsilon * std::fabs(zero.value);
      EXPECT_TRUE(wolfe || approximate) << r.alpha << " " << r.value << " " << r.slope;
      EXPECT_LE(r.evaluations, 30u);
    }
  }
}

TEST(armijo, reaches_sufficient_decrease_on_the_six_test_functions) {
  for (auto method : {kobai::interpolation::bisection, kobai::interpolation::quadratic,
                      kobai::interpolation::cubic}) {
    for (const test_function& f : more_thuente_functions()) {
      const phi_value zero = f.phi(0);
      for (double a0 : initial_steps) {
        SCOPED_TRACE(f.name + ", alpha0 = " + std::to_string(a0));
        const auto r =
            kobai::line_search(f.phi, zero, a0, kobai::armijo{.c1 = f.c1, .method = method});
        ASSERT_TRUE(r.ok()) << r.message;
        EXPECT_LE(r.value, zero.value + f.c1 * r.alpha * zero.slope);
        if (r.alpha > a0) {
          // Lengthened (tables II and III curve down near 0): only where φ did not curve up at
          // the first step, and to a lower point.
          const phi_value first = f.phi(a0);
          EXPECT_LE(first.value, zero.value + a0 * zero.slope);
          EXPECT_LE(first.slope, zero.slope);
          EXPECT_LT(r.value, first.value);
        }
      }
    }
  }
}

TEST(armijo, accepts_the_first_step_when_it_decreases_enough) {
  const kobai::phi_function q = [](double a) { return phi_value{(a - 1) * (a - 1), 2 * (a - 1)}; };
  const auto r = kobai::line_search(q, q(0), 1.0, kobai::armijo{});
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.evaluations, 1u);
  EXPECT_EQ(r.alpha, 1.0);
}

TEST(armijo, quadratic_interpolation_finds_the_minimizer_of_a_parabola_in_one_step) {
  // φ(α) = (α − 1)²: from α = 10 the interpolating quadratic is φ itself, minimum at 1, which
  // is below the safeguard 0.1·10 = 1 only by rounding.
  const kobai::phi_function q = [](double a) { return phi_value{(a - 1) * (a - 1), 2 * (a - 1)}; };
  const auto r =
      kobai::line_search(q, q(0), 10.0, kobai::armijo{.method = kobai::interpolation::quadratic});
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.evaluations, 2u);
  EXPECT_NEAR(r.alpha, 1.0, 1e-12);
}

// φ(α) = −α − α² + α³/30 curves down from 0 and has its minimizer at α = 10 + √110 ≈ 20.49: the
// first step 1 is lengthened to 4 and 16 while φ falls at least as fast as its tangent at 0, and
// 64, where φ rises again, ends the expansion at 16. Without expansion the first step is kept.
TEST(armijo, lengthens_a_first_step_along_which_phi_curves_down_and_keeps_the_lowest_point) {
  const kobai::phi_function phi = [](double a) {
    return phi_value{-a - a * a + a * a * a / 30, -1 - 2 * a + a * a / 10};
  };
  const auto r = kobai::line_search(phi, phi(0), 1.0, kobai::armijo{});
  EXPECT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.alpha, 16.0);
  EXPECT_EQ(r.evaluations, 4u);
  const auto kept = kobai::line_search(phi, phi(0), 1.0, kobai::armijo{.expand = false});
  EXPECT_TRUE(kept.ok()) << kept.message;
  EXPECT_EQ(kept.alpha, 1.0);
  EXPECT_EQ(kept.evaluations, 1u);
}

// φ = (α − 1)² below α = 2 and NaN beyond: a step into the undefined region must shrink.
kobai::phi_value nan_beyond_two(double a) {
  if (a >= 2) return {std::nan(""), std::nan("")};
  return {(a - 1) * (a - 1), 2 * (a - 1)};
}

TEST(line_search, nan_trial_points_shrink_the_step_instead_of_failing) {
  const kobai::phi_function phi = nan_beyond_two;
  const phi_value zero = phi(0);
  const std::vector<kobai::line_search_options> all = {kobai::armijo{}, kobai::more_thuente{},
                                                       kobai::hager_zhang{}};
  for (const auto& o : all) {
    SCOPED_TRACE(o.index());
    const auto r = kobai::line_search(phi, zero, 1000.0, o);
    ASSERT_TRUE(r.ok()) << r.message;
    EXPECT_LT(r.alpha, 2.0);
    EXPECT_TRUE(std::isfinite(r.value));
    EXPECT_TRUE(std::isnan(r.trials.front().value));  // the first trial was kept in the record
  }
  // Strong Wolfe still holds for Moré–Thuente.
  const auto r = kobai::line_search(phi, zero, 1000.0, kobai::more_thuente{});
  EXPECT_TRUE(strong_wolfe(zero, r.alpha, r.value, r.slope, 1e-4, 0.9));
}

TEST(line_search, infinite_values_and_non_finite_slopes_shrink_the_step_too) {
  // φ = (α − 1)² below α = 2; beyond it each of these instead. −∞ would pass any decrease test.
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<phi_value> beyond = {{inf, inf}, {-inf, 0}, {0.5, std::nan("")}, {0.5, -inf}};
  const std::vector<kobai::line_search_options> all = {kobai::armijo{}, kobai::more_thuente{},
                                                       kobai::hager_zhang{}};
  for (const phi_value& b : beyond) {
    const kobai::phi_function phi = [b](double a) {
      return a >= 2 ? b : phi_value{(a - 1) * (a - 1), 2 * (a - 1)};
    };
    const phi_value zero = phi(0);
    for (const auto& o : all) {
      SCOPED_TRACE(std::to_string(b.value) + ", " + std::to_string(b.slope) + "; search " +
                   std::to_string(o.index()));
      const auto r = kobai::line_search(phi, zero, 1000.0, o);
      ASSERT_TRUE(r.ok()) << r.message;
      EXPECT_LT(r.alpha, 2.0);
      EXPECT_TRUE(std::isfinite(r.value));
      EXPECT_TRUE(std::isfinite(r.slope));
      EXPECT_LT(r.value, zero.value);
      EXPECT_EQ(r.trials.front().alpha, 1000.0);  // the first trial was kept in the record
    }
  }
}

TEST(line_search, an_uphill_direction_is_reported_with_the_gradient_as_likely_cause) {
  const kobai::phi_function phi = [](double a) { return phi_value{a * a + a, 2 * a + 1}; };
  const std::vector<kobai::line_search_options> all = {kobai::armijo{}, kobai::more_thuente{},
                                                       kobai::hager_zhang{}};
  for (const auto& o : all) {
    const auto r = kobai::line_search(phi, phi(0), 1.0, o);
    EXPECT_EQ(r.status, kobai::line_search_status::not_descent);
    EXPECT_EQ(r.evaluations, 0u);
    EXPECT_EQ(r.alpha, 0.0);
    EXPECT_NE(r.message.find("gradient is the likely cause"), std::string::npos) << r.message;
  }
}

TEST(line_search, a_nonfinite_start_is_reported) {
  const kobai::phi_function phi = nan_beyond_two;
  const auto r = kobai::line_search(phi, {std::nan(""), -1}, 1.0, kobai::more_thuente{});
  EXPECT_EQ(r.status, kobai::line_search_status::nonfinite_start);
  EXPECT_EQ(r.evaluations, 0u);
}

TEST(line_search, a_gradient_that_disagrees_with_the_function_fails_saying_what_happened) {
  // φ(α) = (α − 1)², but the "gradient" claims the slope is −1 everywhere: no point satisfies the
  // curvature condition, and every search must stop within its budget and say what happened.
  // Whether the gradient is to blame the optimizers decide by a finite-difference check, which
  // the search cannot make (search_methods_test).
  const kobai::phi_function phi = [](double a) { return phi_value{(a - 1) * (a - 1), -1.0}; };
  const std::vector<kobai::line_search_options> all = {kobai::more_thuente{.max_evaluations = 30},
                                                       kobai::hager_zhang{.max_evaluations = 30}};
  for (const auto& o : all) {
    const auto r = kobai::line_search(phi, phi(0), 1.0, o);
    EXPECT_FALSE(r.ok());
    EXPECT_LE(r.evaluations, 30u);
    EXPECT_FALSE(r.message.empty());
    EXPECT_EQ(r.message.find("gradient"), std::string::npos) << r.message;
    // The best point seen is returned: it never has a higher value than the start.
    EXPECT_LE(r.value, 1.0);
  }
}

TEST(line_search, an_unbounded_function_stops_at_the_step_bound) {
  const kobai::phi_function phi = [](double a) { return phi_value{-a, -1.0}; };
  const auto mt = kobai::line_search(phi, phi(0), 1.0, kobai::more_thuente{.max_step = 1e6});
  EXPECT_EQ(mt.status, kobai::line_search_status::step_too_large);
  EXPECT_EQ(mt.alpha, 1e6);
  const auto hz = kobai::line_search(phi, phi(0), 1.0, kobai::hager_zhang{.max_step = 1e6});
  EXPECT_EQ(hz.status, kobai::line_search_status::step_too_large);
  // Armijo multiplies 1 by 4 ten times (4¹⁰ > 10⁶) and ends on the bound.
  const auto ar = kobai::line_search(phi, phi(0), 1.0, kobai::armijo{.max_step = 1e6});
  EXPECT_EQ(ar.status, kobai::line_search_status::step_too_large);
  EXPECT_EQ(ar.alpha, 1e6);
  EXPECT_EQ(ar.evaluations, 11u);
}

TEST(line_search, the_evaluation_budget_is_respected) {
  const test_function f = more_thuente_functions()[2];  // table III: many oscillations
  const auto r = kobai::line_search(
      f.phi, f.phi(0), 1e-3, kobai::more_thuente{.c1 = 0.1, .c2 = 0.1, .max_evaluations = 3});
  EXPECT_EQ(r.status, kobai::line_search_status::max_evaluations);
  EXPECT_EQ(r.evaluations, 3u);
  EXPECT_NE(r.message.find("3 evaluations"), std::string::npos) << r.message;
}

TEST(line_search, invalid_options_are_refused_naming_the_field) {
  const kobai::phi_function phi = nan_beyond_two;
  auto message = [&](const kobai::line_search_options& o) {
    try {
      kobai::line_search(phi, phi(0), 1.0, o);
    } catch (const kobai::usage_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(kobai::more_thuente{.c2 = 1.5}),
            "more_thuente.c2 (--set ls.c2) = 1.5: must be in [c1, 1)");
  EXPECT_EQ(message(kobai::more_thuente{.c1 = 0.5, .c2 = 0.4}),
            "more_thuente.c2 (--set ls.c2) = 0.4: must be in [c1, 1)");
  EXPECT_EQ(message(kobai::armijo{.c1 = 0}), "armijo.c1 (--set ls.c1) = 0: must be in (0, 1)");
  EXPECT_EQ(message(kobai::armijo{.shrink_max = 1}),
            "armijo.shrink_max (--set ls.shrink_max) = 1: must be below 1");
  EXPECT_EQ(message(kobai::armijo{.max_step = 1e-20}),
            "armijo.max_step (--set ls.max_step) = 1e-20: must exceed min_step");
  EXPECT_EQ(message(kobai::hager_zhang{.delta = 0.6}),
            "hager_zhang.delta (--set ls.delta) = 0.6: must be in (0, 0.5)");
  EXPECT_EQ(message(kobai::hager_zhang{.max_evaluations = 0}),
            "hager_zhang.max_evaluations (--set ls.max_evaluations) = 0: must be at least 1");
  EXPECT_THROW(kobai::line_search(phi, phi(0), -1.0, kobai::armijo{}), kobai::usage_error);
}

TEST(line_search, status_names_are_the_enum_names) {
  EXPECT_EQ(kobai::to_string(kobai::line_search_status::ok), "ok");
  EXPECT_EQ(kobai::to_string(kobai::line_search_status::not_descent), "not_descent");
  EXPECT_EQ(kobai::to_string(kobai::line_search_status::interval_too_small), "interval_too_small");
}

}  // namespace
