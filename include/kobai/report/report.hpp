#pragma once
// A minimization written for people and programs: a table (rounded), CSV and JSON (every double
// in the shortest text that reads back to the same bits), the trace as JSON Lines, and the
// worked arithmetic of the first steps in the style of a learner's notes.
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kobai/optim/methods.hpp"
#include "kobai/optim/minimize.hpp"
#include "kobai/trace.hpp"

namespace kobai {

struct table_options {
  int digits = 10;  ///< significant digits of every number, 1..17
};

/// One row per iterate: k, each variable, f, ‖g‖∞ (under bounds "projected ‖g‖∞",
/// ‖P(x − ∇f) − x‖∞); then the result's summary line.
///    k      x      y     f  ‖g‖∞
///    0     -2      2     8     4
///    1   -1.6    1.6  5.12   3.2
std::string format_table(const result& r, const table_options& o = {});

/// k, each variable, f, each gradient component (g_x), gradient_norm, step_length, rate; one
/// line per iterate, numbers in shortest round-trip form.
std::string format_csv(const result& r);

/// A test problem the run was made on (kobai minimize --problem) and which of its listed minima
/// the run reached.
struct json_problem {
  std::string name;
  double f_star = std::numeric_limits<double>::quiet_NaN();  ///< the global minimum's value
  /// Under bounds, every listed minimizer of f_star lies outside them.
  bool minimizers_outside_bounds = false;
  /// "global", "local", or empty: the run ended at none of the listed minima.
  std::string reached = {};
  double reached_f = std::numeric_limits<double>::quiet_NaN();  ///< the reached minimum's f
  Eigen::VectorXd reached_x = {};  ///< its minimizer; empty when only its value is listed
};

/// What the JSON result holds besides the result itself.
struct json_context {
  std::string formula = {};
  std::string trace_file = {};               ///< written with --trace; empty for none
  std::optional<json_problem> problem = {};  ///< written as "problem"
};

/// The JSON result (schema in the README, section "kobai minimize"): formula, method, options
/// (every effective option), variables, x and gradient by name, f, gradient_norm (under bounds
/// the projected gradient's, what the run stops on), iterations, evaluations {value, gradient},
/// status, message, notes, problem {name, f_star, reached, minimum} for a test problem, and trace
/// when a file was written.
std::string format_json(const result& r, const json_context& c = {});

/// The JSON written instead of a result when the run cannot start (f or ∇f is not finite at the
/// start): {"formula", "method", "variables", "x" (the start by name), "error" (the message)}, so
/// that a program reading --format json finds an object on stdout whatever the outcome.
std::string format_json_error(const json_context& c, std::string_view method,
                              const std::vector<std::string>& variables, const Eigen::VectorXd& x,
                              std::string_view error);

/// The trace as JSON Lines: a header record {"type":"header", kobai version, formula,
/// variables, method, options}, one {"type":"iteration"} record per iterate (k, x, f, g,
/// gradient_norm, step_length, rate, state), {"type":"trial"} records of line searches, and a
/// closing {"type":"result"} record. No times: the same input gives the same bytes.
std::string format_trace_jsonl(const result& r);

/// What explain() shows.
struct explain_options {
  std::size_t steps = 3;  ///< steps worked in full; the rest are summarised
  /// ∂f/∂x_i as text (from kobai::derivative), in variable order; empty for none known.
  std::vector<std::string> partials = {};
  int digits = 10;  ///< significant digits of the numbers in the arithmetic
};

/// The worked arithmetic of the first steps, e.g. for the seed's gd:
///   ∂f/∂x = 2*x
///   step 1 from (x, y) = (−2, 2)
///     ∂f/∂x = −4
///     x_new = x − α × ∂f/∂x = −2 − 0.1 × (−4) = −1.6
///   ...
/// For momentum, AdaGrad, RMSprop and Adam each state update is shown in order. Needs the
/// result's trace (minimize_options::record_trace).
std::string explain(const result& r, const method_options& m, const explain_options& o = {});

/// The text explain() prints for step k alone (1 ≤ k < the trace's iterate count; the heading
/// "step k from (x, y) = (...)" through "new point ..."), for step k whatever o.steps says.
/// Throws usage_error for a k outside the trace.
std::string explain_step(const result& r, const method_options& m, std::size_t k,
                         const explain_options& o = {});

}  // namespace kobai
