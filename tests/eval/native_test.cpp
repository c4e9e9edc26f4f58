#include "kobai/eval/native.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "../support/random_formula.hpp"
#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/expr/print.hpp"

namespace kobai {
namespace {

// One cache for the tests of this file, so that a second run of the suite spawns no compiler.
native_options test_options() {
  native_options o;
  o.cache_directory = ::testing::TempDir() + "kobai-native-test";
  return o;
}

// The same double, or both NaN (a NaN's sign and payload are not part of IEEE 754's contract).
bool same(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b) ||
         (std::isnan(a) && std::isnan(b));
}

// Every value, gradient and batch value of `native` equals the interpreter's at every point.
void expect_same_as_tape(const native_tape& native, expr f,
                         const std::vector<std::vector<double>>& points) {
  const tape t = compile(f, native.variables());
  const std::size_t n = t.dimension();
  std::vector<double> flat;
  for (const std::vector<double>& x : points) {
    flat.insert(flat.end(), x.begin(), x.end());
    std::vector<double> g(n), h(n);
    const double v = t.value_and_gradient(x, g);
    EXPECT_PRED2(same, native.value(x), t.value(x)) << to_string(f);
    EXPECT_PRED2(same, native.value_and_gradient(x, h), v) << to_string(f);
    for (std::size_t i = 0; i < n; ++i)
      EXPECT_PRED2(same, h[i], g[i]) << to_string(f) << " d/d" << native.variables()[i];
  }
  std::vector<double> mine(points.size()), theirs(points.size());
  native.values(flat, mine);
  t.values(flat, theirs);
  for (std::size_t i = 0; i < points.size(); ++i)
    EXPECT_PRED2(same, mine[i], theirs[i]) << to_string(f) << " batch point " << i;
}

// Formulas that reach every path of the generated code: deep products whose running adjoint
// becomes 0, squares inside products, negations in products and sums, a·a as a product, the
// result a variable or a constant, folded constants that are ∞ or NaN, integer powers, and
// adjoints summed from many inexact terms (which catch a reverse sweep in another order).
const char* const shapes[] = {
    "x",
    "x^1",
    "3",
    "x*x",
    "-x",
    "-(x*y)",
    "x*y*x*y*x",
    "x^2*y*x^2*y",
    "x*y*0*x*y + y",
    "2*x*y*(x - y)*x^2 - x*(-y)*3 + -x^2",
    "x - y - x*y - (x + y)",
    "x^-3 + y^7 + x^0 + y^64 + x^65",
    "log(0) + x",
    "0/0 * y + x",
    "sqrt(x*x + y*y) * sin(x)^2 + cos(y)",
    "min(x, y) + max(x, y)*x + abs(x - y) + relu(y)",
    "sigmoid(x*y) + softplus(x - 40) + softplus(40*y) + erf(x)",
    "atan2(y, x) + hypot(x, y) + x^y + exp(x)^y",
    "tan(x) + asin(x/3) + acos(y/3) + atan(x) + sinh(y) + cosh(x) + tanh(x*y)",
    "log(x) + log10(y) + log2(x*y) + cbrt(x) + sqrt(y)",
    "(x + y)^2 * (x - y)^2 * (x + 1)^2",
    // Many inexact contributions to one adjoint, whose sum depends on their order.
    "0.1*x + 0.2*x*y + 0.3*x*x*y - sin(x)*x + x/3 + exp(0.7*x) - 0.11*x^3",
    "y*sin(x) + 0.3*y*cos(x*y) - y/7 + log(2 + y*y)*x + 0.9*y^2*x - tanh(y)",
};

TEST(native_tape, agrees_with_the_tape_bit_for_bit_on_random_formulas_at_random_points) {
  test::formula_generator gen(20261123);
  std::vector<expr> formulas;
  for (const char* s : shapes) formulas.push_back(parse(s).root());
  for (int k = 0; k < 300; ++k) formulas.push_back(gen.make(4));
  // One compiler run for all of them.
  const native_batch b = compile_native_all(formulas, {"x", "y"}, test_options());
  ASSERT_TRUE(b) << b.reason;
  ASSERT_EQ(b.tapes.size(), formulas.size());
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> coordinate(-2.0, 2.0);
  const double inf = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < formulas.size(); ++k) {
    std::vector<std::vector<double>> points{
        {0.0, 0.0}, {-0.0, 1.0}, {1.0, -1.0}, {inf, 2.0}, {1e300, -1e-300}};
    for (int p = 0; p < 6; ++p) points.push_back({coordinate(rng), coordinate(rng)});
    expect_same_as_tape(b.tapes[k], formulas[k], points);
  }
}

TEST(native_tape, domain_errors_give_the_interpreters_nan_and_infinity) {
  const std::vector<expr> formulas{parse("log(x) + y").root(), parse("sqrt(x) * y").root(),
                                   parse("y / x").root(), parse("asin(x) + acos(y)").root(),
                                   parse("x^y").root()};
  const native_batch b = compile_native_all(formulas, {"x", "y"}, test_options());
  ASSERT_TRUE(b) << b.reason;
  const std::vector<double> at{-1.0, 2.0}, zero{0.0, 1.0};
  EXPECT_TRUE(std::isnan(b.tapes[0].value(at)));                                // log(−1)
  EXPECT_EQ(b.tapes[0].value(zero), -std::numeric_limits<double>::infinity());  // log(0)
  EXPECT_TRUE(std::isnan(b.tapes[1].value(at)));                                // √−1
  EXPECT_EQ(b.tapes[2].value(zero), std::numeric_limits<double>::infinity());   // 1/0
  EXPECT_TRUE(std::isnan(b.tapes[3].value(at)));                                // acos(2)
  EXPECT_TRUE(std::isnan(b.tapes[4].value(std::vector<double>{-1.0, 0.5})));    // (−1)^½
  for (std::size_t k = 0; k < formulas.size(); ++k)
    expect_same_as_tape(b.tapes[k], formulas[k], {at, zero, {-1.0, 0.5}, {0.0, 0.0}});
}

TEST(native_tape, computes_the_seed_quadratic_and_its_gradient) {
  const native_compilation c =
      compile_native(parse("4x^2 + 4x*y + 2y^2 + 5").root(), test_options());
  ASSERT_TRUE(c) << c.reason;
  const std::vector<double> x{1.0, 2.0};
  std::vector<double> g(2);
  EXPECT_EQ(c.tape->value(x), 25.0);
  EXPECT_EQ(c.tape->value_and_gradient(x, g), 25.0);
  EXPECT_EQ(g[0], 16.0);  // 8x + 4y
  EXPECT_EQ(g[1], 12.0);  // 4x + 4y
  EXPECT_EQ(c.tape->variables(), (std::vector<std::string>{"x", "y"}));
}

TEST(native_tape, the_second_compile_of_a_formula_is_only_a_load_from_the_cache) {
  native_options o;
  o.cache_directory = ::testing::TempDir() + "kobai-native-cache-" + std::to_string(::getpid());
  std::filesystem::remove_all(o.cache_directory);
  const expr f = parse("x^3 - 2*x*y").root();
  std::optional<native_tape> copy;
  {
    const native_compilation first = compile_native(f, o);
    ASSERT_TRUE(first) << first.reason;
    EXPECT_FALSE(first.tape->from_cache());
    copy = *first.tape;  // outlives the original: the library is shared
  }
  const native_compilation second = compile_native(f, o);
  ASSERT_TRUE(second) << second.reason;
  EXPECT_TRUE(second.tape->from_cache());
  EXPECT_EQ(second.tape->library_path(), copy->library_path());
  EXPECT_EQ(copy->value({{2.0, 1.0}}), 4.0);
  EXPECT_EQ(second.tape->value({{2.0, 1.0}}), 4.0);
  // Only the object is left behind: the source, the log and the temporary object are removed.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(o.cache_directory)) {
    EXPECT_EQ(entry.path().extension(), ".so");
    ++files;
  }
  EXPECT_EQ(files, 1);
  std::filesystem::remove_all(o.cache_directory);
}

TEST(native_tape, a_missing_compiler_is_a_result_with_a_reason_not_an_exception) {
  native_options o = test_options();
  o.compiler = "/nonexistent/c++";
  const native_compilation c = compile_native(parse("x + 1").root(), o);
  EXPECT_FALSE(c);
  EXPECT_EQ(c.failure, native_failure::no_compiler);
  EXPECT_NE(c.reason.find("/nonexistent/c++"), std::string::npos) << c.reason;
  EXPECT_NE(c.reason.find("KOBAI_CXX"), std::string::npos) << c.reason;

  // The environment variable, when the options name no compiler.
  ::setenv("KOBAI_CXX", "/nonexistent", 1);
  const native_compilation e = compile_native(parse("x + 1").root(), test_options());
  ::unsetenv("KOBAI_CXX");
  EXPECT_EQ(e.failure, native_failure::no_compiler);
  EXPECT_NE(e.reason.find("'/nonexistent'"), std::string::npos) << e.reason;
}

// Objects in the cache are loaded and run: a directory that others may write to is refused.
TEST(native_tape, a_cache_directory_that_others_can_write_to_is_refused) {
  native_options o;
  o.cache_directory = ::testing::TempDir() + "kobai-native-shared-" + std::to_string(::getpid());
  std::filesystem::create_directories(o.cache_directory);
  std::filesystem::permissions(o.cache_directory, std::filesystem::perms::all);
  const native_compilation c = compile_native(parse("x + 1").root(), o);
  EXPECT_EQ(c.failure, native_failure::compile_failed);
  EXPECT_NE(c.reason.find("only you"), std::string::npos) << c.reason;
  std::filesystem::remove_all(o.cache_directory);
}

TEST(native_tape, a_failing_compiler_is_reported_with_its_exit_code) {
  native_options o = test_options();
  o.compiler = "/bin/false";
  const native_compilation c = compile_native(parse("x + 1").root(), o);
  EXPECT_EQ(c.failure, native_failure::compile_failed);
  EXPECT_NE(c.reason.find("exit code 1"), std::string::npos) << c.reason;
}

TEST(native_tape, misuse_is_a_usage_error_as_for_the_tape) {
  EXPECT_THROW(compile_native(parse("x + y").root(), {"x"}, test_options()), usage_error);
  EXPECT_THROW(compile_native(parse("x").root(), {"x", "x"}, test_options()), usage_error);
  const native_compilation c = compile_native(parse("x*y").root(), test_options());
  ASSERT_TRUE(c) << c.reason;
  std::vector<double> g(1);
  EXPECT_THROW(c.tape->value({{1.0}}), usage_error);
  EXPECT_THROW(c.tape->value_and_gradient({{1.0, 2.0}}, g), usage_error);
  std::vector<double> out(2);
  EXPECT_THROW(c.tape->values({{1.0, 2.0, 3.0}}, out), usage_error);
}

}  // namespace
}  // namespace kobai
