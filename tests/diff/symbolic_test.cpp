#include "kobai/diff/symbolic.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "../support/random_formula.hpp"
#include "kobai/diff/simplify.hpp"
#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/evaluate.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/expr/print.hpp"

namespace kobai {
namespace {

std::string d(std::string_view text, std::string_view var) {
  return to_string(derivative(parse(text).root(), var));
}

TEST(derivative, gives_the_seed_results_exactly) {
  EXPECT_EQ(d("x^2", "x"), "2*x");
  EXPECT_EQ(d("4*x^2 + 4*x*y + 2*y^2 + 5", "x"), "8*x + 4*y");
  EXPECT_EQ(d("4*x^2 + 4*x*y + 2*y^2 + 5", "y"), "4*x + 4*y");
  EXPECT_EQ(d("0.01*x^2 + 0.1*x", "x"), "0.02*x + 0.1");
  EXPECT_EQ(d("x^2 + y^2", "x"), "2*x");
  EXPECT_EQ(d("x^2 + y^2", "y"), "2*y");
}

TEST(derivative, of_a_variable_the_formula_lacks_is_zero) {
  EXPECT_EQ(d("x^2 + y^2", "z"), "0");
  EXPECT_EQ(d("5", "x"), "0");
}

TEST(derivative, applies_the_rules_of_every_elementary_function) {
  EXPECT_EQ(d("sin(x)", "x"), "cos(x)");
  EXPECT_EQ(d("cos(x)", "x"), "-sin(x)");
  EXPECT_EQ(d("tan(x)", "x"), "tan(x)^2 + 1");
  EXPECT_EQ(d("exp(2*x)", "x"), "2*exp(2*x)");
  EXPECT_EQ(d("log(x)", "x"), "1/x");
  EXPECT_EQ(d("sqrt(x)", "x"), "0.5/sqrt(x)");
  EXPECT_EQ(d("x*sin(x)", "x"), "x*cos(x) + sin(x)");
  EXPECT_EQ(d("1/x", "x"), "-1/x^2");
  EXPECT_EQ(d("e^x", "x"), "e^x");
  EXPECT_EQ(d("2^x", "x"), "log(2)*2^x");
  EXPECT_EQ(d("x^x", "x"), "x^x*(log(x) + 1)");
  EXPECT_EQ(d("(x + 1)^3", "x"), "3*(x + 1)^2");
  EXPECT_EQ(d("sigmoid(x)", "x"), "sigmoid(x)*(1 - sigmoid(x))");
  EXPECT_EQ(d("softplus(x)", "x"), "sigmoid(x)");
  EXPECT_EQ(d("abs(x)", "x"), "x/abs(x)");
  EXPECT_EQ(d("relu(x)", "x"), "relu(x)/x");
}

// (|x|^p)'' = p(p − 1)|x|^(p − 2) on both sides of 0: the square of the kink rule's x/abs(x)
// simplifies away, so the second derivative is exact at 0 too (+∞ below p = 2, 0 above).
TEST(derivative, second_derivatives_of_powers_of_abs_are_the_closed_forms) {
  EXPECT_EQ(to_string(derivative(parse("abs(x)^1.5").root(), "x", 2)), "0.75/sqrt(abs(x))");
  EXPECT_EQ(to_string(derivative(parse("abs(x)^3").root(), "x", 2)), "6*abs(x)");
  EXPECT_EQ(to_string(derivative(parse("abs(x)^2").root(), "x", 2)), "2");
  for (const double p : {1.5, 2.5, 3.0, 4.0}) {
    const std::string text = "abs(x)^" + std::to_string(p);
    const expr d2 = derivative(parse(text).root(), "x", 2);
    const tape t = compile(parse(text).root());
    for (const double x : {-0.75, 0.0, 0.5}) {
      const double truth = p * (p - 1) * std::pow(std::fabs(x), p - 2);
      EXPECT_DOUBLE_EQ(evaluate(d2, {{"x", x}}), truth) << text << " at " << x;
      EXPECT_DOUBLE_EQ(t.hessian(std::vector{x})[0], truth) << text << " at " << x;
    }
  }
}

// The value of the symbolic derivative of every function of the language against its closed form
// written independently here.
TEST(derivative, matches_closed_forms_of_every_function) {
  struct row {
    const char* f;
    double (*df)(double);
    double at;
  };
  const row rows[] = {
      {"sin(x)", [](double x) { return std::cos(x); }, 0.7},
      {"cos(x)", [](double x) { return -std::sin(x); }, 0.7},
      {"tan(x)", [](double x) { return 1 / (std::cos(x) * std::cos(x)); }, 0.7},
      {"asin(x)", [](double x) { return 1 / std::sqrt(1 - x * x); }, 0.3},
      {"acos(x)", [](double x) { return -1 / std::sqrt(1 - x * x); }, 0.3},
      {"atan(x)", [](double x) { return 1 / (1 + x * x); }, 0.7},
      {"sinh(x)", [](double x) { return std::cosh(x); }, 0.7},
      {"cosh(x)", [](double x) { return std::sinh(x); }, 0.7},
      {"tanh(x)", [](double x) { return 1 / (std::cosh(x) * std::cosh(x)); }, 0.7},
      {"exp(x)", [](double x) { return std::exp(x); }, 0.7},
      {"log(x)", [](double x) { return 1 / x; }, 0.7},
      {"log10(x)", [](double x) { return 1 / (x * std::log(10.0)); }, 0.7},
      {"log2(x)", [](double x) { return 1 / (x * std::log(2.0)); }, 0.7},
      {"sqrt(x)", [](double x) { return 0.5 / std::sqrt(x); }, 0.7},
      {"cbrt(x)", [](double x) { return 1 / (3 * std::cbrt(x * x)); }, -0.7},
      {"abs(x)", [](double x) { return x > 0 ? 1.0 : -1.0; }, -0.7},
      {"sigmoid(x)", [](double x) { return std::exp(-x) / std::pow(1 + std::exp(-x), 2); }, 0.7},
      {"softplus(x)", [](double x) { return 1 / (1 + std::exp(-x)); }, 0.7},
      {"relu(x)", [](double x) { return x > 0 ? 1.0 : 0.0; }, 0.7},
      {"relu(x)", [](double x) { return x > 0 ? 1.0 : 0.0; }, -0.7},
      {"erf(x)", [](double x) { return 2 / std::sqrt(M_PI) * std::exp(-x * x); }, 0.7},
      {"atan2(x, 2)", [](double x) { return 2 / (x * x + 4); }, 0.7},
      {"atan2(2, x)", [](double x) { return -2 / (x * x + 4); }, 0.7},
      {"hypot(x, 2)", [](double x) { return x / std::sqrt(x * x + 4); }, 0.7},
      {"min(x, 2)", [](double) { return 1.0; }, 0.7},
      {"min(2, x)", [](double) { return 0.0; }, 2.7},
      {"max(x, 2)", [](double) { return 0.0; }, 0.7},
      {"max(2, x)", [](double) { return 1.0; }, 2.7},
      {"pow(x, 3)", [](double x) { return 3 * x * x; }, 0.7},
      {"pow(3, x)", [](double x) { return std::pow(3.0, x) * std::log(3.0); }, 0.7},
      {"x^x", [](double x) { return std::pow(x, x) * (std::log(x) + 1); }, 0.7},
      {"1/x", [](double x) { return -1 / (x * x); }, 0.7},
      {"-x", [](double) { return -1.0; }, 0.7},
  };
  for (const row& r : rows) {
    const expr de = derivative(parse(r.f).root(), "x");
    const double got = evaluate(de, {{"x", r.at}});
    EXPECT_NEAR(got, r.df(r.at), 1e-14 * std::max(1.0, std::fabs(got)))
        << r.f << " -> " << to_string(de);
  }
}

// Formulas for which the simplified derivative must not be larger than the plain rule output, with
// the classical test functions (Rosenbrock, Beale, Himmelblau, Booth, Matyas, Rastrigin, Ackley,
// three-hump camel, McCormick) last.
const char* const corpus[] = {
    "x^2",
    "4*x^2 + 4*x*y + 2*y^2 + 5",
    "0.01*x^2 + 0.1*x",
    "x^5 - 3*x^4 + 2*x^3 - x + 7",
    "(x + 1)*(x - 1)*(x + 2)",
    "x^2*y^3*z",
    "(x^2 + 1)/(x - 1)",
    "x/(x^2 + y^2)",
    "(3*x + 2)/(x^2 + 1)^2",
    "sin(x)*cos(x)",
    "exp(sin(x^2))",
    "log(1 + exp(x))",
    "sqrt(x^2 + y^2)",
    "tan(x)/x",
    "atan(y/x)",
    "sin(cos(tan(x)))",
    "exp(-x^2/2)/sqrt(2*pi)",
    "x^x",
    "sigmoid(3*x + 1)",
    "(1 - x)^2 + 100*(y - x^2)^2",
    "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    "(x + 2*y - 7)^2 + (2*x + y - 5)^2",
    "0.26*(x^2 + y^2) - 0.48*x*y",
    "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)",
    "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20",
    "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2",
    "sin(x + y) + (x - y)^2 - 1.5*x + 2.5*y + 1",
    "abs(x) + relu(y) + max(x, y) + min(x^2, y)",
    "hypot(x, y) + atan2(y, x) + erf(x*y) + softplus(x - y) + cbrt(x)",
    "log10(x) + log2(y) + sinh(x)*cosh(y) + tanh(x*y) + asin(x/2) + acos(y/3)",
};

TEST(derivative, simplified_is_never_larger_than_the_plain_rules_on_the_corpus) {
  int canonical = 0, total = 0;
  for (const char* text : corpus) {
    const expr f = parse(text).root();
    for (const std::string& v : variables(f)) {
      const expr raw = derivative_unsimplified(f, v);
      const expr s = derivative(f, v);
      EXPECT_LE(node_count(s), node_count(raw)) << text << " d/d" << v << ": " << to_string(s);
      ++total;
      if (simplify(s) == s) ++canonical;
    }
  }
  // The fallback to the plain rule output (see derivative()) is the exception, not the rule.
  EXPECT_GE(canonical * 10, total * 9) << canonical << " of " << total;
}

// Independent truth: the tape's reverse sweep (src/eval/tape.cpp) is a separate implementation of
// the derivative rules. Wherever both are finite they must agree to a tolerance that allows for
// the different order of floating-point operations: 1e-8 relative to the larger magnitude of the
// values and of the formula's intermediate scale.
TEST(derivative, agrees_with_the_tape_gradient_on_thousands_of_random_formulas) {
  test::formula_generator gen(20261122);
  int compared = 0, formulas = 0;
  for (int n = 0; n < 3000; ++n) {
    const expr f = gen.make(4);
    ++formulas;
    const tape t = compile(f, {"x", "y"});
    const expr dx = derivative(f, "x");
    const expr dy = derivative(f, "y");
    for (int p = 0; p < 3; ++p) {
      const std::vector<double> x{gen.coordinate(), gen.coordinate()};
      std::vector<double> g(2);
      const double v = t.value_and_gradient(x, g);
      const assignment at{{"x", x[0]}, {"y", x[1]}};
      // Only where every intermediate value is finite: fmin(NaN, b) = b would hide a domain error
      // that the simplifier legitimately removes (sqrt(y)*(x - x) is 0).
      if (!std::isfinite(v) || find_nonfinite_origin(f, at)) continue;
      const double sx = evaluate(dx, at), sy = evaluate(dy, at);
      for (auto [s, a] : {std::pair{sx, g[0]}, std::pair{sy, g[1]}}) {
        if (!std::isfinite(s) || !std::isfinite(a)) continue;
        ++compared;
        EXPECT_NEAR(s, a, 1e-8 * std::max({1.0, std::fabs(a), std::fabs(v)}))
            << to_string(f) << " at (" << x[0] << ", " << x[1] << "): d/dx " << to_string(dx)
            << ", d/dy " << to_string(dy);
      }
    }
  }
  EXPECT_GT(compared, 8000);  // most pairs are finite: the check is not vacuous
}

// Polynomials and monomials with negative powers take the term-by-term power rule; the result must
// be the very node the general rules give after simplification.
TEST(derivative, power_rule_on_terms_equals_the_simplified_rules_on_random_polynomials) {
  std::mt19937 rng(20261122);
  std::uniform_int_distribution<int> coef(-9, 9), power(-2, 6), count(1, 8);
  const expr v[3] = {expr::variable("x"), expr::variable("y"), expr::variable("z")};
  for (int trial = 0; trial < 300; ++trial) {
    expr f = expr::constant(coef(rng));
    for (int t = count(rng); t > 0; --t) {
      expr term = expr::constant(coef(rng));
      for (const expr& var : v)
        if (const int p = power(rng); p != 0) term = term * pow(var, expr::constant(p));
      f = f + term;
    }
    for (const char* var : {"x", "y"}) {
      const expr general = simplify(derivative_unsimplified(simplify(f), var));
      EXPECT_EQ(derivative(f, var), general)
          << to_string(f) << " d/d" << var << ": " << to_string(derivative(f, var)) << " vs "
          << to_string(general);
    }
  }
}

TEST(derivative, higher_orders_and_mixed_partials) {
  const expr f = parse("x^3*y^2 + sin(x)").root();
  EXPECT_EQ(to_string(derivative(f, "x", 2)), "6*x*y^2 - sin(x)");
  EXPECT_EQ(to_string(derivative(f, "x", 0)), "x^3*y^2 + sin(x)");
  EXPECT_EQ(to_string(derivative(f, std::vector<std::string>{"x", "y"})), "6*x^2*y");
  EXPECT_EQ(derivative(f, std::vector<std::string>{"x", "y"}),
            derivative(f, std::vector<std::string>{"y", "x"}));
  EXPECT_THROW(derivative(f, "x", -1), usage_error);
}

TEST(derivative, gradient_and_hessian_of_the_seed_quadratic) {
  const expr f = parse("4*x^2 + 4*x*y + 2*y^2 + 5").root();
  const std::vector<expr> g = gradient(f, {"x", "y"});
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(to_string(g[0]), "8*x + 4*y");
  EXPECT_EQ(to_string(g[1]), "4*x + 4*y");
  const std::vector<expr> h = hessian(f, {"x", "y"});
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(to_string(h[0]), "8");
  EXPECT_EQ(to_string(h[1]), "4");
  EXPECT_EQ(to_string(h[2]), "4");
  EXPECT_EQ(to_string(h[3]), "4");
}

TEST(derivative, hessian_of_too_many_variables_is_refused_before_allocating) {
  std::vector<std::string> vars;
  for (int i = 0; i < 10000; ++i) {
    std::string name = "x";
    name += std::to_string(i);
    vars.push_back(name);
  }
  EXPECT_THROW(hessian(parse("x0").root(), vars), usage_error);
}

TEST(derivative, walks_deep_graphs_without_recursion) {
  expr e = expr::variable("x");
  for (int i = 0; i < 100000; ++i) e = e * expr::variable("x") + expr::constant(1);
  EXPECT_NO_THROW(derivative_unsimplified(e, "x"));
}

}  // namespace
}  // namespace kobai
