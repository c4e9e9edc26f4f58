// Automatic differentiation of C++ functions against independent truth: closed-form gradients,
// and the gradient of kobai's compiled tape for the same formula written as kobai text.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "kobai/ad/gradient.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/problems/problems.hpp"

namespace {

using kobai::ad_mode;

// The same formula twice: kobai text over x1..x3 and a generic C++ function object over x[0..2].
// Points are drawn from (0.1, 0.9)³ so that every argument is inside its domain and away from
// kinks.
#define KOBAI_PAIR(type, formula, body)                                                            \
  struct type {                                                                                    \
    static constexpr const char* text = formula;                                                   \
    template <class V>                                                                             \
    auto operator()(const V& x) const {                                                            \
      using namespace kobai;                                                                       \
      using std::atan2, std::hypot, std::pow, std::sin, std::cos, std::tan, std::exp, std::log,    \
          std::sqrt, std::asin, std::acos, std::atan, std::sinh, std::cosh, std::tanh, std::log10, \
          std::log2, std::cbrt, std::abs, std::erf, std::min, std::max;                            \
      return body;                                                                                 \
    }                                                                                              \
  }

// Every function of the language at least once.
KOBAI_PAIR(polynomial, "(1 - x1)^2 + 100*(x2 - x1^2)^2 + x3",
           sq(1 - x[0]) + 100 * sq(x[1] - sq(x[0])) + x[2]);
KOBAI_PAIR(trigonometric, "sin(x1)*cos(x2) + tan(x3)", sin(x[0]) * cos(x[1]) + tan(x[2]));
KOBAI_PAIR(inverse_trigonometric, "asin(x1) + acos(x2)*atan(x3)",
           asin(x[0]) + acos(x[1]) * atan(x[2]));
KOBAI_PAIR(hyperbolic, "sinh(x1)/cosh(x2) - tanh(x1*x3)",
           sinh(x[0]) / cosh(x[1]) - tanh(x[0] * x[2]));
KOBAI_PAIR(logarithms, "exp(x1*x2)*log(x3) + log10(x1) - log2(x2)",
           exp(x[0] * x[1]) * log(x[2]) + log10(x[0]) - log2(x[1]));
KOBAI_PAIR(roots, "sqrt(x1 + x2) * cbrt(x3) + abs(x1 - x2)",
           sqrt(x[0] + x[1]) * cbrt(x[2]) + abs(x[0] - x[1]));
KOBAI_PAIR(powers, "x1^x2 + pow(x3, 3) + 2^x1", pow(x[0], x[1]) + pow(x[2], 3.0) + pow(2.0, x[0]));
KOBAI_PAIR(angles, "atan2(x1, x2) + hypot(x2, x3)", atan2(x[0], x[1]) + hypot(x[1], x[2]));
KOBAI_PAIR(activations, "sigmoid(x1 - x3) + softplus(x2) + relu(x3 - 0.05) + erf(x1*x2)",
           sigmoid(x[0] - x[2]) + softplus(x[1]) + relu(x[2] - 0.05) + erf(x[0] * x[1]));
KOBAI_PAIR(branches, "min(x1, x2)*max(x2, x3) + 1/(x1 + x2*x3) - x3/2",
           (x[0] < x[1] ? x[0] : x[1]) * (x[1] > x[2] ? x[1] : x[2]) + 1 / (x[0] + x[1] * x[2]) -
               x[2] / 2);

KOBAI_PAIR(min_max, "min(x1, x2)*max(x2, x3) + max(x1*x3, x2) - min(x3, x1 + 0.5)",
           min(x[0], x[1]) * max(x[1], x[2]) + max(x[0] * x[2], x[1]) - min(x[2], x[0] + 0.5));

#undef KOBAI_PAIR

void expect_close(const Eigen::VectorXd& a, const std::vector<double>& b, const std::string& what) {
  ASSERT_EQ(static_cast<std::size_t>(a.size()), b.size());
  for (std::size_t i = 0; i < b.size(); ++i)
    EXPECT_NEAR(a[static_cast<Eigen::Index>(i)], b[i], 1e-12 * std::max(1.0, std::fabs(b[i])))
        << what << " component " << i;
}

template <class F>
void check_against_tape() {
  const F f;
  const kobai::tape t = kobai::compile(kobai::parse(F::text).root(), {"x1", "x2", "x3"});
  std::mt19937 rng(20261122);
  std::uniform_real_distribution<double> u(0.1, 0.9);
  for (int k = 0; k < 20; ++k) {
    const Eigen::Vector3d x{u(rng), u(rng), u(rng)};
    std::vector<double> g(3);
    const double value = t.value_and_gradient(std::vector<double>{x[0], x[1], x[2]}, g);
    const double tol = 1e-13 * std::max(1.0, std::fabs(value));
    EXPECT_NEAR(f(x), value, tol) << F::text;
    for (ad_mode m : {ad_mode::forward, ad_mode::reverse}) {
      Eigen::VectorXd fixed(3), dynamic(3);
      EXPECT_NEAR(kobai::value_and_gradient(f, x, fixed, m), value, tol);
      EXPECT_NEAR(kobai::value_and_gradient(f, Eigen::VectorXd(x), dynamic, m), value, tol);
      expect_close(fixed, g,
                   std::string(F::text) + (m == ad_mode::forward ? " forward" : " reverse"));
      expect_close(dynamic, g, std::string(F::text) + " dynamic size");
    }
  }
}

TEST(ad, gradients_equal_the_tape_gradient_of_the_same_formula_at_random_points) {
  check_against_tape<polynomial>();
  check_against_tape<trigonometric>();
  check_against_tape<inverse_trigonometric>();
  check_against_tape<hyperbolic>();
  check_against_tape<logarithms>();
  check_against_tape<roots>();
  check_against_tape<powers>();
  check_against_tape<angles>();
  check_against_tape<activations>();
  check_against_tape<branches>();
  check_against_tape<min_max>();
}

// The generic lambda of the issue, differentiated by every mode, against the closed form
// ∇f = (−2(1 − x) − 400x(y − x²), 200(y − x²)).
TEST(ad, rosenbrock_gradient_matches_its_closed_form_in_every_mode) {
  using kobai::sq;
  const auto f = [](const auto& x) { return sq(1 - x[0]) + 100 * sq(x[1] - sq(x[0])); };
  const Eigen::Vector2d x{-1.2, 1};
  const Eigen::Vector2d expected{-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]),
                                 200 * (x[1] - x[0] * x[0])};
  for (ad_mode m : {ad_mode::automatic, ad_mode::forward, ad_mode::reverse}) {
    EXPECT_TRUE(kobai::gradient(f, x, m).isApprox(expected, 1e-15));
    EXPECT_TRUE(kobai::gradient(f, Eigen::VectorXd(x), m).isApprox(expected, 1e-15));
  }
  EXPECT_DOUBLE_EQ(f(x), 24.2);  // the same lambda on plain doubles
}

// A row vector is a point too: its size, fixed or dynamic, is the number of inputs (a fixed
// row vector once gave a dual<1> of one input, and the function read x[1] past its end).
// f = x₀x₁ + sin x₁, ∇f = (x₁, x₀ + cos x₁).
TEST(ad, a_row_vector_point_gives_the_same_gradient_as_a_column_vector) {
  const auto f = [](const auto& x) {
    using std::sin;
    return x[0] * x[1] + sin(x[1]);
  };
  const Eigen::RowVector2d x{0.5, -2};
  const Eigen::Vector2d expected{x[1], x[0] + std::cos(x[1])};
  for (ad_mode m : {ad_mode::automatic, ad_mode::forward, ad_mode::reverse}) {
    Eigen::VectorXd g(2);
    EXPECT_DOUBLE_EQ(kobai::value_and_gradient(f, x, g, m), f(Eigen::Vector2d(x)));
    EXPECT_TRUE(g.isApprox(expected, 1e-15)) << g.transpose();
    EXPECT_TRUE(kobai::gradient(f, Eigen::RowVectorXd(x), m).isApprox(expected, 1e-15));
  }
}

TEST(ad, reverse_mode_matches_the_tape_on_extended_rosenbrock_with_a_thousand_variables) {
  const kobai::problems::problem p = kobai::problems::make_problem("extended_rosenbrock", 1000);
  const kobai::tape t = kobai::compile(kobai::parse(p.formula).root(), p.variables());
  const auto f = [](const auto& x) {
    using kobai::sq;
    using T = std::decay_t<decltype(x[0])>;
    T s = 0;
    for (Eigen::Index i = 0; i + 1 < x.size(); i += 2)
      s += sq(10 * (x[i + 1] - sq(x[i]))) + sq(1 - x[i]);
    return s;
  };
  std::mt19937 rng(7);
  std::normal_distribution<double> normal;
  Eigen::VectorXd x = p.start;
  for (Eigen::Index i = 0; i < x.size(); ++i) x[i] += 0.1 * normal(rng);
  std::vector<double> g(1000);
  const double value = t.value_and_gradient(std::span<const double>(x.data(), 1000), g);
  Eigen::VectorXd gr(1000);
  EXPECT_NEAR(kobai::value_and_gradient(f, x, gr), value, 1e-12 * value);
  expect_close(gr, g, "extended rosenbrock");
}

// In reverse mode x is a read-only Eigen expression of vars: segments, dot products, norms and
// sums work on it as on a vector. f = x₀x₂ + x₁x₃ + x₁² + x₂² + Σx, whose gradient is
// (x₂ + 1, x₃ + 2x₁ + 1, x₀ + 2x₂ + 1, x₁ + 1).
TEST(ad, reverse_mode_inputs_support_eigen_read_only_operations) {
  const auto f = [](const auto& x) {
    using T = std::decay_t<decltype(x[0])>;
    const T a = x.head(2).dot(x.tail(2));
    const T b = x.segment(1, 2).squaredNorm();
    const T c = x.sum();
    return T(a + b + c);
  };
  const Eigen::VectorXd x{{0.5, -1.5, 2.0, 3.0}};
  const Eigen::Vector4d expected{x[2] + 1, x[3] + 2 * x[1] + 1, x[0] + 2 * x[2] + 1, x[1] + 1};
  EXPECT_TRUE(kobai::gradient(f, x, ad_mode::reverse).isApprox(expected, 1e-15));
  EXPECT_TRUE(kobai::gradient(f, Eigen::Vector4d(x), ad_mode::reverse).isApprox(expected, 1e-15));
  EXPECT_TRUE(kobai::gradient(f, x, ad_mode::forward).isApprox(expected, 1e-15));
  // A function taking its argument as `auto&` gets a const one, in either mode.
  const auto by_reference = [](auto& v) { return v[0] * v[3]; };
  for (ad_mode m : {ad_mode::forward, ad_mode::reverse})
    EXPECT_TRUE(kobai::gradient(by_reference, x, m).isApprox(Eigen::Vector4d{x[3], 0, 0, x[0]}));
}

// Eigen's operations that mix the AD scalar with doubles (x.dot(c), c.dot(x), A·x, x − c, the
// coefficient-wise product) give f = 3cᵀx + ‖x − c‖² + 1ᵀAx, whose gradient is 3c + 2(x − c) +
// Aᵀ1, in every mode.
TEST(ad, eigen_operations_mixing_the_inputs_with_vectors_of_doubles_are_differentiated) {
  const Eigen::Vector3d c{1, 2, 3};
  Eigen::Matrix<double, 2, 3> a;
  a << 1, 2, 3, 4, 5, 6;
  const auto f = [&](const auto& x) {
    using T = std::decay_t<decltype(x[0])>;
    const T dots = x.dot(c) + c.dot(x) + x.cwiseProduct(c).sum();
    const T rest = (x - c).squaredNorm() + (a * x).sum();
    return T(dots + rest);
  };
  const Eigen::Vector3d x{0.5, -1.5, 2.0};
  const Eigen::Vector3d expected = 3 * c + 2 * (x - c) + a.transpose() * Eigen::Vector2d::Ones();
  for (ad_mode m : {ad_mode::forward, ad_mode::reverse}) {
    EXPECT_TRUE(kobai::gradient(f, x, m).isApprox(expected, 1e-15)) << static_cast<int>(m);
    EXPECT_TRUE(kobai::gradient(f, Eigen::VectorXd(x), m).isApprox(expected, 1e-15))
        << static_cast<int>(m);
  }
}

// ---- running sums added straight into the adjoints (ad_tape::begin_sum) ----------------------

// f(x) = Σ_i sin(x_i x_{i+1}) − x_i² + 0.5, summed with += and −= on one accumulator, with an
// intermediate var between statements: ∂f/∂x_k = x_{k+1} cos(x_k x_{k+1}) + x_{k−1} cos(x_{k−1}
// x_k) − 2x_k (terms that exist).
Eigen::VectorXd sum_gradient(const Eigen::VectorXd& x) {
  Eigen::VectorXd g = -2 * x;
  for (Eigen::Index i = 0; i + 1 < x.size(); ++i) {
    const double c = std::cos(x[i] * x[i + 1]);
    g[i] += x[i + 1] * c;
    g[i + 1] += x[i] * c;
  }
  g[x.size() - 1] += 2 * x[x.size() - 1];  // the last x_i² is not subtracted
  return g;
}
const auto summed = [](const auto& x) {
  using T = std::decay_t<decltype(x[0])>;
  T s = 0;
  const auto n = static_cast<Eigen::Index>(x.size());  // x: an Eigen vector or std::vector<var>
  for (Eigen::Index i = 0; i + 1 < n; ++i) {
    const auto at = [&](Eigen::Index k) { return x[static_cast<std::size_t>(k)]; };
    const T product = at(i) * at(i + 1);  // an ordinary statement, read by the sum's term
    s += sin(product);
    s -= at(i) * at(i);
    s += 0.5;
  }
  return s;
};

Eigen::VectorXd sum_point() {
  return Eigen::VectorXd{{0.3, -0.7, 1.1, 0.4, -1.3}};
}

TEST(ad, a_running_sum_is_added_into_the_adjoints_without_nodes) {
  using kobai::var;
  kobai::ad_tape t;
  kobai::ad_tape::scope active(t);
  const Eigen::VectorXd x = sum_point();
  std::vector<var> v(5);
  t.variables(x, v);
  t.begin_sum();
  const var y = summed(v);
  EXPECT_EQ(t.size(), 5u + 4u);  // the variables and the four products; the sum adds no node
  std::vector<double> g(5);
  ASSERT_TRUE(t.finish_sum(y, g));
  const Eigen::VectorXd expected = sum_gradient(x);
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(g[i], expected[i], 1e-15) << i;
  EXPECT_DOUBLE_EQ(y.value(), summed(x));
}

TEST(ad, a_running_sum_gives_the_closed_form_gradient_through_kobai_gradient) {
  const Eigen::VectorXd x = sum_point();
  Eigen::VectorXd g(5);
  EXPECT_DOUBLE_EQ(kobai::value_and_gradient(summed, x, g, ad_mode::reverse), summed(x));
  EXPECT_TRUE(g.isApprox(sum_gradient(x), 1e-15)) << g.transpose();
}

// ---- the running-sum pass on sum_vars (kobai::detail::sum_pass_gradient) ----------------------

// The pass alone on f at x: the value, or nothing when the pass refuses f.
template <class F>
std::optional<double> sum_pass(F f, const Eigen::VectorXd& x, Eigen::VectorXd& g) {
  g.resize(x.size());
  return kobai::detail::sum_pass_gradient<F, Eigen::Dynamic>(
      f, std::span<const double>(x.data(), static_cast<std::size_t>(x.size())),
      std::span<double>(g.data(), static_cast<std::size_t>(g.size())));
}

// `summed` without its intermediate statement: every term made of the inputs alone.
const auto summed_terms = [](const auto& x) {
  using T = std::decay_t<decltype(x[0])>;
  T s = 0;
  for (Eigen::Index i = 0; i + 1 < x.size(); ++i) {
    s += sin(x[i] * x[i + 1]);
    s -= x[i] * x[i];
    s += 0.5;
  }
  return s;
};

TEST(ad, the_sum_pass_accumulates_a_running_sum_into_the_callers_gradient) {
  const Eigen::VectorXd x = sum_point();
  Eigen::VectorXd g = Eigen::VectorXd::Constant(5, 7.0);  // overwritten, not added to
  const std::optional<double> value = sum_pass(summed_terms, x, g);
  ASSERT_TRUE(value.has_value());
  EXPECT_DOUBLE_EQ(*value, summed(x));
  EXPECT_TRUE(g.isApprox(sum_gradient(x), 1e-15)) << g.transpose();
}

// Constants of the scalar type inside the terms (and a copy of an input) add nothing of their own:
// f = Σ c·x_i² + x₀ with c = 3, ∂f/∂x_i = 6x_i + [i = 0].
TEST(ad, the_sum_pass_takes_constants_of_the_scalar_type_in_its_terms) {
  const auto f = [](const auto& x) {
    using T = std::decay_t<decltype(x[0])>;
    const T c = 3;
    const T first = x[0];
    T s = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i) s += c * kobai::sq(x[i]);
    s += first;
    return s;
  };
  const Eigen::VectorXd x = sum_point();
  Eigen::VectorXd g;
  ASSERT_TRUE(sum_pass(f, x, g).has_value());
  Eigen::VectorXd expected = 6 * x;
  expected[0] += 1;
  EXPECT_TRUE(g.isApprox(expected, 1e-15)) << g.transpose();
}

// With no accumulator, a returned expression of the inputs (or an input itself) gets its partials
// added once: the closed forms of Rosenbrock's gradient and of ∂x₂/∂x = e₂.
TEST(ad, the_sum_pass_differentiates_a_returned_expression_or_input) {
  using kobai::sq;
  const Eigen::VectorXd x{{-1.2, 1.0, 0.5}};
  Eigen::VectorXd g;
  const auto rosenbrock = [](const auto& v) { return sq(1 - v[0]) + 100 * sq(v[1] - sq(v[0])); };
  ASSERT_TRUE(sum_pass(rosenbrock, x, g).has_value());
  EXPECT_TRUE(g.isApprox(Eigen::Vector3d{-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]),
                                         200 * (x[1] - x[0] * x[0]), 0},
                         1e-15))
      << g.transpose();
  ASSERT_TRUE(sum_pass([](const auto& v) { return v[2]; }, x, g).has_value());
  EXPECT_EQ(g, Eigen::Vector3d(0, 0, 1));
}

// A function taking another gradient inside its own pass: the inner pass leaves the outer's state
// as it was. f = x₀x₁ + c·x₂ with c = d(v²)/dv at 2 = 4.
TEST(ad, a_gradient_taken_inside_the_sum_pass_leaves_the_outer_pass_intact) {
  const auto f = [](const auto& x) {
    using T = std::decay_t<decltype(x[0])>;
    T s = 0;
    s += x[0] * x[1];
    const auto inner = [](const auto& v) { return kobai::sq(v[0]); };
    const double c = kobai::gradient(inner, Eigen::VectorXd{{2.0}}, ad_mode::reverse)[0];
    s += c * x[2];
    return s;
  };
  const Eigen::VectorXd x{{0.5, -1.5, 2.0}};
  Eigen::VectorXd g;
  ASSERT_TRUE(sum_pass(f, x, g).has_value());
  EXPECT_TRUE(g.isApprox(Eigen::Vector3d{x[1], x[0], 4}, 1e-15)) << g.transpose();
}

// The gradient written over the point itself: the pass reads a copy of x.
TEST(ad, a_gradient_written_over_its_own_point_is_right) {
  const auto f = [](const auto& x) {
    using T = std::decay_t<decltype(x[0])>;
    T s = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i) s += x[i] * x[i] * x[i];
    return s;
  };
  Eigen::VectorXd x{{0.5, -1.5, 2.0}};
  const Eigen::VectorXd expected = 3 * x.cwiseProduct(x);
  kobai::value_and_gradient(f, x, x, ad_mode::reverse);
  EXPECT_TRUE(x.isApprox(expected, 1e-15)) << x.transpose();
}

// The same for a function that needs the tape, from its first call (the running-sum pass gives up
// after writing partial sums, and the tape must not read them as the point), and for forward mode
// on a dynamic size (n passes, each reading the point). f = t² + x₀ with t = x₀x₁:
// ∇f = (2t·x₁ + 1, 2t·x₀) = (37, 24) and f = 38 at (2, 3).
TEST(ad, a_gradient_written_over_its_own_point_is_right_when_taped_or_in_forward_passes) {
  const auto f = [](const auto& x) {
    using T = std::decay_t<decltype(x[0])>;
    const T t = x[0] * x[1];
    return T(t * t + x[0]);
  };
  for (ad_mode m : {ad_mode::reverse, ad_mode::reverse, ad_mode::forward}) {
    Eigen::VectorXd x{{2.0, 3.0}};
    EXPECT_EQ(kobai::value_and_gradient(f, x, x, m), 38);
    EXPECT_EQ(x, Eigen::Vector2d(37, 24)) << (m == ad_mode::forward ? "forward" : "reverse");
  }
}

// A statement of its own inside the sum needs the tape: the pass refuses, and kobai::gradient
// takes the tape's running sum instead (the test above through kobai::gradient).
TEST(ad, a_statement_inside_the_sum_is_refused_by_the_sum_pass) {
  Eigen::VectorXd g;
  EXPECT_FALSE(sum_pass(summed, sum_point(), g).has_value());
}

// Uses of the accumulator the sum cannot follow: finish_sum() and the sum pass say so, and
// kobai::gradient() tapes the function again and still gets the gradient of forward mode.
template <class F>
void expect_sum_refused_and_gradient_right(F f, const char* what) {
  using kobai::var;
  const Eigen::VectorXd x = sum_point();
  Eigen::VectorXd pass_gradient;
  EXPECT_FALSE(sum_pass(f, x, pass_gradient).has_value()) << what;
  {
    kobai::ad_tape t;
    kobai::ad_tape::scope active(t);
    std::vector<var> v(5);
    t.variables(x, v);
    t.begin_sum();
    const var y = f(v);
    std::vector<double> g(5);
    EXPECT_FALSE(t.finish_sum(y, g)) << what;
  }
  const Eigen::VectorXd forward = kobai::gradient(f, x, ad_mode::forward);
  EXPECT_TRUE(kobai::gradient(f, x, ad_mode::reverse).isApprox(forward, 1e-14)) << what;
  EXPECT_TRUE(kobai::gradient(f, x, ad_mode::reverse).isApprox(forward, 1e-14)) << what;
}

TEST(ad, a_sum_used_inside_its_own_term_is_taped_again) {
  expect_sum_refused_and_gradient_right(
      [](const auto& x) {
        using T = std::decay_t<decltype(x[0])>;
        T s = 0;
        for (int i = 0; i < 5; ++i) s += s * x[i] + x[i];
        return s;
      },
      "s += s * x");
}

TEST(ad, a_copy_of_a_sum_read_later_is_taped_again) {
  expect_sum_refused_and_gradient_right(
      [](const auto& x) {
        using T = std::decay_t<decltype(x[0])>;
        T s = 0;
        s += x[0] * x[1];
        const T half = s;
        s += x[2];
        return T(s * half);
      },
      "s * copy");
}

TEST(ad, an_earlier_value_of_a_sum_returned_is_taped_again) {
  expect_sum_refused_and_gradient_right(
      [](const auto& x) {
        using T = std::decay_t<decltype(x[0])>;
        T s = 0;
        s += x[0] * x[1];
        const T first = s;
        s += x[2] * x[3];
        return first;
      },
      "earlier value");
}

TEST(ad, a_sum_scaled_after_it_is_built_is_taped_again) {
  expect_sum_refused_and_gradient_right(
      [](const auto& x) {
        using T = std::decay_t<decltype(x[0])>;
        T s = 0;
        for (int i = 0; i < 5; ++i) s += sq(x[i]);
        s *= 3;
        return s;
      },
      "s *= 3");
}

// The sum pass would lose ∂s₀/∂x₀ of an accumulator that starts as an input; the tape keeps it.
TEST(ad, a_sum_started_from_an_input_is_taped) {
  const auto f = [](const auto& x) {
    using T = std::decay_t<decltype(x[0])>;
    T s = x[0];
    for (int i = 1; i < 5; ++i) s += sq(x[i]);
    return s;
  };
  const Eigen::VectorXd x = sum_point();
  Eigen::VectorXd g;
  EXPECT_FALSE(sum_pass(f, x, g).has_value());
  Eigen::VectorXd expected = 2 * x;
  expected[0] = 1;
  EXPECT_TRUE(kobai::gradient(f, x, ad_mode::reverse).isApprox(expected, 1e-15));
}

TEST(ad, a_second_accumulator_is_taped_again) {
  const auto f = [](const auto& x) {
    using T = std::decay_t<decltype(x[0])>;
    T a = 0, b = 0;
    a += x[0] * x[1];
    b += x[2];
    a += x[3];
    return a;
  };
  Eigen::VectorXd g;
  EXPECT_FALSE(sum_pass(f, sum_point(), g).has_value());
  const Eigen::VectorXd x = sum_point();
  EXPECT_TRUE(kobai::gradient(f, x, ad_mode::reverse)
                  .isApprox(Eigen::VectorXd{{x[1], x[0], 0, 1, 0}}, 1e-15));
}

// A sum that the result does not use leaves the result's gradient alone.
TEST(ad, a_result_that_ignores_the_running_sum_gets_its_own_gradient) {
  const auto f = [](const auto& x) {
    using T = std::decay_t<decltype(x[0])>;
    T s = 0;
    for (int i = 0; i < 5; ++i) s += sq(x[i]);
    return T(x[0] * x[4] + s.value());
  };
  const Eigen::VectorXd x = sum_point();
  const Eigen::VectorXd g = kobai::gradient(f, x, ad_mode::reverse);
  EXPECT_TRUE(g.isApprox(Eigen::VectorXd{{x[4], 0, 0, 0, x[0]}}, 1e-15)) << g.transpose();
}

TEST(ad, the_tape_records_one_node_per_statement_and_none_for_constants) {
  kobai::ad_tape t;
  kobai::ad_tape::scope active(t);
  const kobai::var x = t.variable(3), y = t.variable(4);
  const kobai::var c = kobai::var(2) * kobai::var(5);  // constants: nothing recorded
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(c.index(), 0u);
  const kobai::var f = x * y + sin(x) * c;  // *, sin, *, + in one node with leaves x, y, x, c
  EXPECT_EQ(t.size(), 3u);
  const auto kept = f * f;  // an expression kept in a variable is recorded where it is used
  const kobai::var h = kept + kept - x;
  EXPECT_EQ(t.size(), 4u);
  std::vector<double> g(2);
  t.gradient(f, g);
  EXPECT_DOUBLE_EQ(g[0], 4 + 10 * std::cos(3.0));
  EXPECT_DOUBLE_EQ(g[1], 3);
  t.gradient(h, g);  // ∂(2f² − x) = 4f·∂f − e_x
  EXPECT_DOUBLE_EQ(g[0], 4 * f.value() * (4 + 10 * std::cos(3.0)) - 1);
  EXPECT_DOUBLE_EQ(g[1], 4 * f.value() * 3);
  t.clear();
  EXPECT_EQ(t.size(), 0u);
}

// min and max with a constant on either side (the hinge max(x, 0.0), a clamp min(1.0, x)) in both
// modes and on plain doubles: the constant's side has derivative 0, the number's side 1.
TEST(ad, min_and_max_take_a_constant_on_either_side) {
  const auto f = [](const auto& x) {
    using kobai::min, kobai::max;
    return max(x[0], 0.0) * 3 + min(1.0, x[1]) * 5 + max(2, x[0] * x[1]) + min(x[1], -1.0);
  };
  // At (0.5, 3): max picks x₀ (0.5 > 0), min picks 1, max picks x₀x₁ = 1.5 < 2 → 2, min picks −1.
  // At (−0.5, 0.25): 0, x₁, 2 (x₀x₁ < 2), −1. At (4, 0.75): x₀, x₁, x₀x₁ = 3, −1.
  struct expected {
    Eigen::Vector2d x;
    double value, g0, g1;
  };
  for (const expected& e :
       {expected{{0.5, 3}, 1.5 + 5 + 2 - 1, 3, 0}, expected{{-0.5, 0.25}, 0 + 1.25 + 2 - 1, 0, 5},
        expected{{4, 0.75}, 12 + 3.75 + 3 - 1, 3 + 0.75, 5 + 4}}) {
    EXPECT_DOUBLE_EQ(f(Eigen::VectorXd(e.x)), e.value);
    for (ad_mode m : {ad_mode::forward, ad_mode::reverse}) {
      Eigen::VectorXd g(2);
      EXPECT_DOUBLE_EQ(kobai::value_and_gradient(f, e.x, g, m), e.value);
      EXPECT_DOUBLE_EQ(g[0], e.g0);
      EXPECT_DOUBLE_EQ(g[1], e.g1);
    }
  }
}

// Operands of different expression types in the binary functions, min and max, and compound
// assignment with constants, against closed forms.
TEST(ad, mixed_expressions_in_binary_functions_and_compound_assignment) {
  const auto f = [](const auto& x) {
    using kobai::pow, kobai::atan2, kobai::hypot, kobai::sq, kobai::min, kobai::max;
    using T = std::decay_t<decltype(x[0])>;
    T s = pow(x[0], x[1] - 1) + atan2(2 * x[0], x[1]) + hypot(x[0] + 1, x[1]);
    s *= 3;
    s -= 1;
    s += min(x[0] * 2, x[1] + 0.0) + max(sq(x[1]), x[0] / 2);
    return s;
  };
  const double a = 0.7, b = 1.9;
  const double expected_a = 3 * ((b - 1) * std::pow(a, b - 2) + 2 * b / (4 * a * a + b * b) +
                                 (a + 1) / std::hypot(a + 1, b)) +
                            2;  // min picks 2a, max picks b²
  const double expected_b = 3 * (std::pow(a, b - 1) * std::log(a) - 2 * a / (4 * a * a + b * b) +
                                 b / std::hypot(a + 1, b)) +
                            2 * b;
  const Eigen::Vector2d x{a, b};
  for (ad_mode m : {ad_mode::forward, ad_mode::reverse}) {
    const Eigen::VectorXd g = kobai::gradient(f, x, m);
    EXPECT_NEAR(g[0], expected_a, 1e-12);
    EXPECT_NEAR(g[1], expected_b, 1e-12);
  }
}

// atan2 and hypot with a constant on either side, as the expression language writes them.
TEST(ad, atan2_and_hypot_take_a_constant_on_either_side) {
  const auto f = [](const auto& x) {
    using std::atan2, std::hypot, kobai::atan2, kobai::hypot;  // doubles, and dual or var
    return atan2(x[1], 1.0) + atan2(2.0, x[0]) + hypot(x[0], 1.0) + hypot(3.0, x[1]);
  };
  const double a = 0.7, b = -1.9;
  // d/dy atan2(y, 1) = 1/(1 + y²); d/dx atan2(2, x) = −2/(x² + 4); d/da hypot(a, c) = a/hypot.
  const double expected_a = -2 / (a * a + 4) + a / std::hypot(a, 1.0);
  const double expected_b = 1 / (1 + b * b) + b / std::hypot(3.0, b);
  const Eigen::Vector2d x{a, b};
  EXPECT_DOUBLE_EQ(f(Eigen::VectorXd(x)), std::atan2(b, 1.0) + std::atan2(2.0, a) +
                                              std::hypot(a, 1.0) + std::hypot(3.0, b));
  for (ad_mode m : {ad_mode::forward, ad_mode::reverse}) {
    const Eigen::VectorXd g = kobai::gradient(f, x, m);
    EXPECT_NEAR(g[0], expected_a, 1e-14);
    EXPECT_NEAR(g[1], expected_b, 1e-14);
  }
}

TEST(ad, a_million_nested_operations_need_no_recursion) {
  // x ↦ x·(1 − 1e-7) applied 10⁶ times: derivative (1 − 1e-7)^(10⁶).
  const auto f = [](const auto& x) {
    auto y = x[0];
    for (int i = 0; i < 1'000'000; ++i) y = y * (1 - 1e-7);
    return y;
  };
  const Eigen::VectorXd x = Eigen::VectorXd::Constant(1, 2.0);
  const double expected = std::pow(1 - 1e-7, 1e6);
  EXPECT_NEAR(kobai::gradient(f, x, ad_mode::reverse)[0], expected, 1e-9);
  EXPECT_NEAR(kobai::gradient(f, x, ad_mode::forward)[0], expected, 1e-9);
}

// Forward (fixed and dynamic size) and reverse mode give the expected gradient exactly (inf
// included) at x.
template <class F>
void expect_every_mode_gives(const F& f, const Eigen::Vector2d& x, const Eigen::Vector2d& expected,
                             const std::string& what) {
  for (ad_mode m : {ad_mode::forward, ad_mode::reverse}) {
    const std::string mode = m == ad_mode::forward ? " forward" : " reverse";
    EXPECT_EQ(kobai::gradient(f, x, m), expected) << what << mode;
    EXPECT_EQ(kobai::gradient(f, Eigen::VectorXd(x), m), expected) << what << mode << " dynamic";
  }
}

// An infinite local derivative (√ and ∛ at 0) multiplies only the inputs it depends on: the
// other partials stay what they are, in forward mode as in reverse (forward once made them
// ∞·0 = NaN).
TEST(ad, an_infinite_partial_leaves_the_other_partials_finite_in_every_mode) {
  const double inf = std::numeric_limits<double>::infinity();
  expect_every_mode_gives(
      [](const auto& x) {
        using kobai::sq, std::sqrt;
        return sqrt(x[0]) + sq(x[1] - 1);
      },
      {0, 2}, {inf, 2}, "sqrt(x0) + (x1 - 1)^2");
  expect_every_mode_gives(
      [](const auto& x) {
        using std::cbrt;
        return cbrt(x[0]) * x[1] + x[1];
      },
      {0, 2}, {inf, 1}, "cbrt(x0)*x1 + x1");
}

// An infinite local derivative over a zero one (√ of x² + y² at 0: ∞·2x with x = 0) gives 0 in
// both modes, as |a| does at its kink; reverse mode once gave ∞·0 = NaN where forward gave 0. The
// rule applies inside one statement, across statements (the reverse sweep), and in a running sum.
TEST(ad, an_infinite_partial_over_a_zero_partial_gives_zero_in_every_mode) {
  const double inf = std::numeric_limits<double>::infinity();
  expect_every_mode_gives(
      [](const auto& x) {
        using std::sqrt;
        return sqrt(x[0] * x[0] + x[1] * x[1]);
      },
      {0, 0}, {0, 0}, "sqrt(x0^2 + x1^2), one statement");
  expect_every_mode_gives(
      [](const auto& x) {
        using T = std::decay_t<decltype(x[0])>;
        using std::sqrt;
        const T r2 = x[0] * x[0] + x[1] * x[1];
        const T r = sqrt(r2);
        return r * 3.0;
      },
      {0, 0}, {0, 0}, "r2 = x0^2 + x1^2; 3 sqrt(r2), three statements");
  expect_every_mode_gives(
      [](const auto& x) {
        using T = std::decay_t<decltype(x[0])>;
        using kobai::sq, std::sqrt;
        T s = 0;
        s += sqrt(sq(x[0]) + sq(x[1]));
        s += x[1];
        return s;
      },
      {0, 0}, {0, 1}, "a running sum of sqrt(x0^2 + x1^2) and x1");
  expect_every_mode_gives(
      [](const auto& x) {
        using std::sqrt;
        return sqrt(x[0] * x[1]);
      },
      {1, 0}, {0, inf}, "sqrt(x0*x1) at (1, 0)");
  expect_every_mode_gives(
      [](const auto& x) {
        using kobai::sq, std::pow;
        return pow(sq(x[0]) + sq(x[1]), 0.5) + pow(sq(x[0] - 1) + sq(x[1] - 1) - 2, 1.5);
      },
      {0, 0}, {0, 0}, "(x0^2 + x1^2)^0.5 + ((x0-1)^2 + (x1-1)^2 - 2)^1.5");
  expect_every_mode_gives(
      [](const auto& x) {
        using std::hypot, kobai::hypot;
        return hypot(x[0], x[1]) + hypot(x[0], 0.0);
      },
      {0, 0}, {0, 0}, "hypot(x0, x1) + hypot(x0, 0)");
}

// At the edge points of kobai's conventions (functions.hpp): |a|' = 0 and relu' = 0 at 0,
// ∂a^b/∂a = b·a^(b−1) and ∂a^b/∂b = 0 at a = 0, ∂hypot(a, b)/∂a = a/hypot(a, b).
TEST(ad, edge_points_follow_the_documented_conventions_in_every_mode) {
  expect_every_mode_gives(
      [](const auto& x) {
        using std::abs;
        return abs(x[0]) + x[1];
      },
      {0, 1}, {0, 1}, "abs(x0) + x1");
  expect_every_mode_gives(
      [](const auto& x) {
        using kobai::relu;
        return relu(x[0]) * x[1];
      },
      {0, 1}, {0, 0}, "relu(x0)*x1");
  expect_every_mode_gives(
      [](const auto& x) {
        using std::pow;
        return pow(x[0], x[1]) + pow(x[0], 3.0);
      },
      {0, 2}, {0, 0}, "x0^x1 + x0^3");
  expect_every_mode_gives(
      [](const auto& x) {
        using std::hypot;
        return hypot(x[0], x[1]);
      },
      {0, -2}, {0, -1}, "hypot(x0, x1)");
}

// Every comparison of a dual with a double, in both orders, compares values (as on vars), so a
// function with a branch on `x <= 0.0` runs in forward mode. f = |x₀|·x₁ written with a branch:
// ∇f = (−x₁, −x₀) for x₀ ≤ 0.
TEST(ad, duals_compare_with_doubles_in_both_orders) {
  const kobai::dual<2> a{2.0, 0};
  EXPECT_TRUE(a <= 2.0 && 2.0 <= a && a >= 2.0 && 2.0 >= a && a == 2.0 && 2.0 == a);
  EXPECT_TRUE(a != 3.0 && 3.0 != a && a < 3.0 && 3.0 > a && a <= 3.0 && 3.0 >= a);
  EXPECT_FALSE(a >= 3.0 || 3.0 <= a || a == 3.0 || 3.0 == a || a != 2.0 || 2.0 != a);
  const auto f = [](const auto& x) { return (x[0] <= 0.0 ? -x[0] : x[0]) * x[1]; };
  expect_every_mode_gives(f, {-2, 3}, {-3, 2}, "branch on x0 <= 0");
  expect_every_mode_gives(f, {0, 3}, {-3, 0}, "branch on x0 <= 0 at 0");
}

TEST(ad, dual_numbers_carry_all_partial_derivatives) {
  const kobai::dual<2> x{3.0, 0}, y{4.0, 1};
  const kobai::dual<2> f = x * y + sin(x) / y;
  EXPECT_DOUBLE_EQ(f.value(), 12 + std::sin(3.0) / 4);
  EXPECT_DOUBLE_EQ(f.derivative(0), 4 + std::cos(3.0) / 4);
  EXPECT_DOUBLE_EQ(f.derivative(1), 3 - std::sin(3.0) / 16);
  const kobai::dual<kobai::dynamic> z{2.0, 1, 3};
  const auto h = exp(z) * 2.0;
  EXPECT_EQ(h.derivatives().size(), 3);
  EXPECT_DOUBLE_EQ(h.derivative(1), 2 * std::exp(2.0));
  EXPECT_DOUBLE_EQ(h.derivative(0), 0);
}

TEST(ad, nested_tapes_restore_the_previous_active_tape) {
  kobai::ad_tape outer, inner;
  kobai::ad_tape::scope a(outer);
  const kobai::var x = outer.variable(2);
  {
    kobai::ad_tape::scope b(inner);
    const kobai::var y = inner.variable(5);
    const kobai::var yy = y * y;
    EXPECT_EQ(yy.value(), 25);
    EXPECT_EQ(inner.size(), 2u);
  }
  const kobai::var z = x * x;
  EXPECT_EQ(outer.size(), 2u);
  std::vector<double> g(1);
  outer.gradient(z, g);
  EXPECT_EQ(g[0], 4);
}

// The gradient of a variable that is not the last one: its own unit vector, the sweep having
// nothing to do (it once added its carry past the end of the adjoints).
TEST(ad, the_tape_gradient_of_a_variable_before_the_last_is_its_unit_vector) {
  kobai::ad_tape t;
  kobai::ad_tape::scope active(t);
  const kobai::var x = t.variable(3), y = t.variable(4), z = t.variable(5);
  for (const kobai::var& v : {x, y, z}) {
    std::vector<double> g(3, -1.0);
    t.gradient(v, g);
    std::vector<double> unit(3, 0.0);
    unit[v.index() - 1] = 1;
    EXPECT_EQ(g, unit) << "variable " << v.index() - 1;
  }
}

// Entry i of the output is variable i: a third entry for two variables would be the adjoint of
// the statement x·y (it was once handed back as ∂f/∂f = 1).
TEST(ad, the_tape_refuses_more_outputs_than_variables) {
  kobai::ad_tape t;
  kobai::ad_tape::scope active(t);
  const kobai::var x = t.variable(3), y = t.variable(4);
  const kobai::var f = x * y;
  std::vector<double> g3(3), g2(2);
  EXPECT_THROW(t.gradient(f, g3), kobai::usage_error);
  t.gradient(f, g2);
  EXPECT_EQ(g2, (std::vector<double>{4, 3}));
  EXPECT_EQ(t.variable_count(), 2u);
}

TEST(ad, a_gradient_buffer_of_the_wrong_size_is_refused) {
  Eigen::VectorXd g(3);
  EXPECT_THROW(kobai::value_and_gradient([](const auto& x) { return x[0] * x[1]; },
                                         Eigen::Vector2d{1, 2}, g),
               kobai::usage_error);
}

}  // namespace
