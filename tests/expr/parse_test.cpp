#include "kobai/expr/parse.hpp"

#include <gtest/gtest.h>

#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"

namespace kobai {
namespace {

std::string round(std::string_view text) {
  return to_string(parse(text).root());
}

std::string error_of(std::string_view text) {
  try {
    parse(text);
  } catch (const parse_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(parse, reads_the_seed_formula_with_implicit_products) {
  EXPECT_EQ(round("4x^2 + 4x*y + 2y^2 + 5"), "4*x^2 + 4*x*y + 2*y^2 + 5");
}

TEST(parse, reads_every_number_form) {
  EXPECT_EQ(parse("3").root(), expr::constant(3));
  EXPECT_EQ(parse("0.5").root(), expr::constant(0.5));
  EXPECT_EQ(parse(".5").root(), expr::constant(0.5));
  EXPECT_EQ(parse("1e-4").root(), expr::constant(1e-4));
  EXPECT_EQ(parse("2.5E+3").root(), expr::constant(2500));
}

TEST(parse, power_is_right_associative_and_binds_tighter_than_minus) {
  const expr x = expr::variable("x");
  const expr two = expr::constant(2), three = expr::constant(3);
  EXPECT_EQ(parse("-x^2").root(), -pow(x, two));
  EXPECT_EQ(parse("2^3^2").root(), pow(two, pow(three, two)));
  EXPECT_EQ(parse("x**2").root(), pow(x, two));
  EXPECT_EQ(parse("2^-1").root(), pow(two, -expr::constant(1)));
}

TEST(parse, indexed_names_are_variables) {
  EXPECT_EQ(round("x[0]**2 + x[1]**2"), "x[0]^2 + x[1]^2");
}

TEST(parse, two_letters_are_one_name) {
  EXPECT_EQ(parse("xy").root(), expr::variable("xy"));
}

TEST(parse, implicit_products_after_numbers_and_between_parentheses) {
  EXPECT_EQ(round("2(x+1)"), "2*(x + 1)");
  EXPECT_EQ(round("3sin(x)"), "3*sin(x)");
  EXPECT_EQ(round("(x+1)(x-1)"), "(x + 1)*(x - 1)");
}

TEST(parse, a_formula_may_span_lines) {
  EXPECT_EQ(round("x +\n  y"), "x + y");
}

TEST(parse, syntax_error_names_the_column_and_what_was_expected) {
  EXPECT_EQ(error_of("4*x^^2"),
            "unexpected '^' at column 5; expected a number, variable, function or '('");
}

TEST(parse, unknown_function_suggests_the_nearest) {
  EXPECT_EQ(error_of("sqr(x)"), "unknown function 'sqr' at column 1; did you mean 'sqrt'?");
}

TEST(parse, wrong_argument_count_is_reported) {
  EXPECT_EQ(error_of("atan2(x)"), "function 'atan2' at column 1 takes 2 arguments, got 1");
  EXPECT_EQ(error_of("sin(x, y)"), "function 'sin' at column 1 takes 1 argument, got 2");
}

TEST(parse, empty_and_unbalanced_input_is_refused) {
  EXPECT_EQ(error_of(""), "empty formula; expected a number, variable or function");
  EXPECT_EQ(error_of("(x + 1"), "unbalanced parentheses: '(' at column 1 is never closed");
  EXPECT_EQ(error_of("x + 1)"), "unbalanced parentheses: ')' at column 6 has no matching '('");
}

TEST(parse, an_unclosed_call_points_at_its_parenthesis_not_at_the_name) {
  EXPECT_EQ(error_of("cos(x"), "unbalanced parentheses: '(' at column 4 is never closed");
  EXPECT_EQ(error_of("x + sin(cos(x)"), "unbalanced parentheses: '(' at column 8 is never closed");
}

TEST(parse, an_empty_call_puts_the_caret_where_the_message_says) {
  try {
    parse("sin()");
    FAIL() << "no error";
  } catch (const parse_error& e) {
    EXPECT_STREQ(e.what(), "function 'sin' at column 1 takes 1 argument, got 0");
    EXPECT_EQ(e.column(), 1u);
  }
}

TEST(parse, overflowing_numbers_are_refused) {
  EXPECT_EQ(error_of("1e999"),
            "number 1e999 at column 1 is too large for a double (largest is about 1.8e308)");
}

TEST(parse, non_ascii_characters_are_refused_with_a_hint) {
  EXPECT_EQ(error_of("x² + 1"),
            "unexpected character '²' (U+00B2) at column 2; use '^2' for a square");
  EXPECT_EQ(error_of("x＋1"),
            "unexpected character '＋' (U+FF0B) at column 2; use the ASCII character '+'");
}

TEST(parse, stray_characters_are_refused) {
  EXPECT_EQ(error_of("x $ y"),
            "unexpected '$' at column 3; expected an operator, ')' or the end of the formula");
  EXPECT_EQ(error_of("x + @"),
            "unexpected '@' at column 5; expected a number, variable, function or '('");
  EXPECT_EQ(error_of("x, y"),
            "unexpected ',' at column 2; a comma only separates the arguments of a function");
}

TEST(parse, non_ascii_letters_inside_names_are_refused) {
  EXPECT_EQ(
      error_of("xé + 1"),
      "unexpected character 'é' (U+00E9) at column 2; names use ASCII letters, digits and '_'");
}

TEST(parse, columns_count_characters_and_lines) {
  try {
    parse("x +\n  y ^^ 2");
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.column(), 6u);
    EXPECT_EQ(std::string(e.what()),
              "unexpected '^' at line 2, column 6; expected a number, variable, function or '('");
  }
}

TEST(parse, names_need_an_explicit_product) {
  EXPECT_EQ(error_of("x y"), "unexpected 'y' at column 3; write '*' to multiply");
  EXPECT_EQ(error_of("(x+1)y"), "unexpected 'y' at column 6; write '*' to multiply");
}

TEST(parse, functions_need_parentheses_and_constants_are_not_functions) {
  EXPECT_EQ(error_of("sin x"),
            "function 'sin' at column 1 needs its argument in parentheses, as in sin(x)");
  EXPECT_EQ(error_of("pi(2)"), "'pi' at column 1 is not a function; write 'pi*(' to multiply");
  EXPECT_EQ(error_of("sin()"), "function 'sin' at column 1 takes 1 argument, got 0");
}

TEST(parse, ln_suggests_log) {
  EXPECT_EQ(error_of("ln(x)"), "unknown function 'ln' at column 1; did you mean 'log'?");
}

TEST(parse, unary_minus_follows_python_precedence) {
  const expr x = expr::variable("x"), y = expr::variable("y");
  EXPECT_EQ(parse("-x*y").root(), (-x) * y);
  EXPECT_EQ(parse("x*-y").root(), x * (-y));
  EXPECT_EQ(parse("2^-x^2").root(), pow(expr::constant(2), -pow(x, expr::constant(2))));
}

TEST(parse, deep_nesting_is_an_error_not_a_crash) {
  const std::string deep = std::string(100'000, '(') + "x" + std::string(100'000, ')');
  EXPECT_EQ(error_of(deep), "parentheses nested deeper than 1000 levels at column 1001");
}

TEST(parse, a_one_megabyte_formula_parses) {
  std::string big = "x";
  while (big.size() < (1u << 20)) big += "+x*1.5";
  EXPECT_NO_THROW(parse(big));
}

}  // namespace
}  // namespace kobai
