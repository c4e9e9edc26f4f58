#include "kobai/expr/evaluate.hpp"

#include <gtest/gtest.h>

#include "kobai/error.hpp"

namespace kobai {
namespace {

TEST(evaluate, seed_formula_at_one_two) {
  EXPECT_EQ(parse("4x^2 + 4x*y + 2y^2 + 5").evaluate({{"x", 1.0}, {"y", 2.0}}), 25.0);
}

TEST(evaluate, constants_and_right_associative_power) {
  EXPECT_EQ(parse("2^3^2").evaluate({}), 512.0);
  EXPECT_DOUBLE_EQ(parse("cos(pi)").evaluate({}), -1.0);
}

TEST(evaluate, a_domain_error_names_the_operation_and_column) {
  try {
    parse("log(-1)").evaluate({});
    FAIL() << "expected numerical_error";
  } catch (const numerical_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "log(-1) is nan (at column 1): log is defined for positive arguments only");
  }
}

TEST(evaluate, a_missing_variable_is_a_usage_error) {
  EXPECT_THROW(parse("x + y").evaluate({{"x", 1.0}}), usage_error);
}

}  // namespace
}  // namespace kobai
