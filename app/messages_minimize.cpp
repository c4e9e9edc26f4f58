#include "messages_minimize.hpp"

#include <fmt/format.h>

#include "kobai/expr/print.hpp"

namespace kobai::cli::minimize_messages {

std::string formula_and_problem() {
  return "give a formula or --problem, not both";
}
std::string need_formula() {
  return "give the formula to minimize, e.g. \"x^2 + y^2\", or --problem NAME";
}
std::string bad_bounds_part(std::string_view part) {
  return fmt::format("cannot read the bounds '{}'; write NAME=LOWER:UPPER, e.g. x=0:inf,y=-1:1",
                     part);
}
std::string problem_minimum(std::string_view title, int mgh, std::string_view f_star,
                            std::string_view gap) {
  return fmt::format("known minimum of {}{}: f* = {} (this run: f − f* = {})\n", title,
                     mgh > 0 ? fmt::format(" (MGH {})", mgh) : std::string(), f_star, gap);
}
std::string problem_minimum_outside_bounds(std::string_view title, int mgh, std::string_view f_star,
                                           std::string_view gap) {
  return fmt::format(
      "known minimum of {}{} without bounds: f* = {}, at minimizers outside --bounds, which this "
      "run could not reach (this run: f − f* = {})\n",
      title, mgh > 0 ? fmt::format(" (MGH {})", mgh) : std::string(), f_star, gap);
}
std::string problem_minimum_unknown(std::string_view title, int mgh, std::size_t n, std::size_t m) {
  return fmt::format("no minimum of {}{} is known for n = {}{}\n", title,
                     mgh > 0 ? fmt::format(" (MGH {})", mgh) : std::string(), n,
                     m > 0 ? fmt::format(", m = {}", m) : std::string());
}
std::string problem_local_minimum(std::string_view title, int mgh, std::string_view f_star,
                                  std::string_view f_local, std::string_view point,
                                  std::string_view gap) {
  return fmt::format(
      "known minimum of {}{}: f* = {}; this run ended at a local minimum the problem lists, f = "
      "{}{} (this run: f − {} = {})\n",
      title, mgh > 0 ? fmt::format(" (MGH {})", mgh) : std::string(), f_star, f_local,
      point.empty() ? std::string() : fmt::format(" at ({})", point), f_local, gap);
}
std::string option_not_for_method(std::string_view option, std::string_view method) {
  return fmt::format("{} does not apply to method {}", option, method);
}
std::string globalization_contradicts_method(std::string_view globalization,
                                             std::string_view method) {
  return fmt::format(
      "--globalization {} contradicts --method {}, which chooses its own; give --method newton "
      "with --globalization, or the method alone",
      globalization, method);
}
std::string bad_setting(std::string_view part) {
  return fmt::format("--set '{}' is not key=value (e.g. --set ls.c2=0.1,ls.max_evaluations=20)",
                     part);
}
std::string setting_not_for_globalization(std::string_view key, std::string_view method) {
  return key.starts_with("ls.")
             ? fmt::format(
                   "--set {}: {} is a trust region, which takes no line search (use "
                   "--method newton-ls)",
                   key, method)
             : fmt::format("--set {}: {} takes a line search, not a trust region", key, method);
}
std::string line_search_not_with_trust_region(std::string_view globalization) {
  return fmt::format(
      "--line-search does not apply to --globalization {}: a trust region takes no line search",
      globalization);
}
std::string eps_fixed_by_book() {
  return "--eps cannot be combined with --variant book: the book fixes ε = 1e-7";
}
std::string unknown_variant(std::string_view v) {
  return fmt::format("unknown variant '{}'; known variants: standard, book", v);
}
std::string unknown_schedule(std::string_view kind) {
  return fmt::format(
      "unknown schedule '{}'; known schedules: constant, step, exponential, inverse-time, cosine",
      kind);
}
std::string bad_schedule_part(std::string_view part, std::string_view kind) {
  return fmt::format(
      "cannot read '{}' in --schedule {}: parameters are name=value; step takes gamma and "
      "step_size, exponential gamma, inverse-time decay, cosine period and rate_min",
      part, kind);
}
std::string unknown_format(std::string_view v) {
  return fmt::format("unknown format '{}'; known formats: table, csv, json", v);
}
std::string bad_gradient(std::string_view v) {
  return fmt::format("--gradient '{}' is not 'exact', 'central' or 'central:h=STEP' with STEP > 0",
                     v);
}
std::string bad_explain(std::string_view v) {
  return fmt::format("--explain takes a number of steps ≥ 1, got '{}'", v);
}
std::string explain_not_with_format(std::string_view format) {
  return fmt::format(
      "--explain prints the worked arithmetic as prose and does not combine with --format {}, "
      "whose output is for programs; drop one of them (--trace FILE writes every iteration as "
      "JSON Lines beside the explanation)",
      format);
}
std::string need_from() {
  return "give the start point with --from (or use --starts N --box ...)";
}
std::string need_box() {
  return "--starts needs --box, e.g. --box x=-5:5,y=-5:5";
}
std::string box_without_starts() {
  return "--box is the box the random starts of --starts are drawn from, and --starts was not "
         "given; to keep the variables inside a box, use --bounds";
}
std::string bad_box_part(std::string_view part) {
  return fmt::format("'{}' is not NAME=LOW:HIGH in --box", part);
}
std::string box_missing(std::string_view name) {
  return fmt::format("--box gives no range for variable '{}'", name);
}
std::string from_outside_box(std::string_view name, std::string_view value, std::string_view lower,
                             std::string_view upper) {
  return fmt::format("the start point lies outside --box: {} = {} is not in [{}, {}]", name, value,
                     lower, upper);
}
std::string starts_zero() {
  return "--starts needs at least 1 start";
}
std::string bound_excludes_every_number(std::string_view name, std::string_view side) {
  return fmt::format(
      "the {} bound of {} leaves no number for it; write an open side as empty or "
      "with the other sign (x=-inf:1, x=0:inf)",
      side, name);
}
std::string not_with_starts(std::string_view option) {
  return fmt::format(
      "{} shows a single run and does not combine with --starts, which prints the minima of "
      "many runs (as a table, or with --format json); drop one of them",
      option);
}
std::string rate_min_above_rate(double rate_min, double rate) {
  return fmt::format(
      "cosine's rate_min ({}) is above the rate ({}) it anneals from; give rate_min ≤ --rate",
      format_number(rate_min), format_number(rate));
}
std::string native_needs_exact_gradient() {
  return "--native evaluates the exact gradient; it does not combine with --gradient central";
}
std::string native_unavailable(std::string_view reason) {
  return fmt::format("note: --native is unavailable, so the interpreted tape runs instead: {}\n",
                     reason);
}
std::string many_iterations(std::size_t n) {
  return fmt::format(
      "warning: --iters {} without --time-limit may run for a long time; add --time-limit "
      "SECONDS\n",
      n);
}
std::string cannot_write(std::string_view file) {
  return fmt::format("cannot write the trace to '{}'", file);
}
std::string digits_range(int d) {
  return fmt::format("--digits must be 1 to 17, got {}", d);
}
std::string minimum_row_header() {
  return "starts";
}
std::string multistart_summary(std::size_t minima, std::size_t starts) {
  return fmt::format("{} distinct minim{} from {} start{}\n", minima, minima == 1 ? "um" : "a",
                     starts, starts == 1 ? "" : "s");
}
std::string not_converged_line(std::size_t count, std::size_t starts,
                               const std::vector<std::pair<std::string, std::size_t>>& by_status) {
  std::string parts;
  for (const auto& [name, n] : by_status)
    parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", n, name);
  return fmt::format(
      "{} of {} starts did not converge ({}); their end points are not counted as minima (more "
      "--iters or another --rate may help)\n",
      count, starts, parts);
}
std::string undefined_starts_line(std::size_t count, std::size_t starts) {
  return fmt::format(
      "{} of the {} starts lay where f or its gradient is not finite (outside the formula's "
      "domain); a smaller --box avoids them\n",
      count, starts);
}
std::string all_starts_failed(std::size_t starts) {
  return fmt::format(
      "all {} starts ended where f, x or the gradient is not finite; no minimum was found", starts);
}
std::string best_line(std::string_view point, std::string_view f) {
  return fmt::format("best: ({}), f = {}\n", point, f);
}

std::string named_value(std::string_view name, std::string_view value) {
  return fmt::format("{} = {}", name, value);
}
std::string partial_not_finite_at_start(std::string_view variable, std::string_view value) {
  return fmt::format(
      "∂f/∂{} is {}: the gradient method needs a finite gradient to take its first step; start "
      "where f is differentiable (--from)",
      variable, value);
}
std::string left_domain(std::string_view point, std::string_view what) {
  return fmt::format(
      ". The last step reached ({}), where {}: the run left the formula's domain (a line-search "
      "method such as --method lbfgs shortens a step that does)",
      point, what);
}
std::string undefined_at_start(std::string_view point, std::string_view what) {
  return fmt::format("at the start point ({}), {}", point, what);
}
std::string undefined_at_projected_start(std::string_view point, std::string_view given,
                                         std::string_view what) {
  return fmt::format(
      "at the start point ({}; the start {} was outside the bounds and was projected onto them), "
      "{}",
      point, given, what);
}

}  // namespace kobai::cli::minimize_messages
