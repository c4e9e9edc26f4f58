// kobai lesson EXPR --from POINT [--rate R] [--iters N] -o DIR [--force] [--format png|svg|pdf]
//   [drawing options]
// The seed page's worked example for any formula of two variables: runs the gradient method and
// writes the numbered figures and index.md with the arithmetic of each step drawn.
#include <ostream>

#include "cli.hpp"
#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/optim/minimize.hpp"
#include "kobai/optim/objective.hpp"
#include "lesson.hpp"
#include "messages.hpp"
#include "messages_plot.hpp"
#include "plot_options.hpp"
#include "point.hpp"

namespace kobai::cli {
namespace {

struct lesson_cli {
  std::string formula, from, output, vars, format = "png";
  double rate = 0.1;  // the seed's
  std::size_t iters = 20;
  int digits = 10;
  plot_arguments drawing;
};

void run_lesson(const lesson_cli& c, streams io) {
  if (c.format != "png" && c.format != "svg" && c.format != "pdf") {
    throw usage_error(messages::lesson_bad_format(c.format));
  }
  if (c.digits < 1 || c.digits > 17) throw usage_error(messages::lesson_bad_digits(c.digits));
  const formula f = parse(c.formula);
  const std::vector<std::string> vars = variable_order(f.variables(), c.vars);
  if (vars.size() < 2) throw usage_error(messages::lesson_needs_two_variables(vars.size()));
  const std::vector<double> start = parse_point(c.from, vars);
  // Drawing options are read before the run, so a bad --size fails at once.
  const plot_options figure = make_plot_options(c.drawing, plot_kind::lesson, vars);
  const gd method{.rate = c.rate};
  validate(method);
  const result r = minimize(
      tape_objective(compile(f.root(), vars)),
      Eigen::Map<const Eigen::VectorXd>(start.data(), static_cast<Eigen::Index>(start.size())),
      method,
      {.max_iterations = c.iters, .record_trace = true, .variables = vars, .formula = c.formula});
  // "4 steps" alone reads like a short lesson; a run that diverged (or failed) says why it ended.
  std::string outcome;
  if (r.status != status::max_iterations && !converged(r.status))
    outcome = messages::lesson_run_stopped(to_string(r.status), r.iterations, c.iters, r.message);
  write_lesson_folder(f.root(), r.trace, method, figure, c.format, c.output, c.drawing.force, vars,
                      c.digits, io, outcome);
}

}  // namespace

void add_lesson(CLI::App& app, streams io, std::function<void()>& action) {
  auto c = std::make_shared<lesson_cli>();
  CLI::App* cmd = app.add_subcommand("lesson", std::string(messages::lesson_description));
  cmd->add_option("expr", c->formula, std::string(messages::expr_help))->required();
  cmd->add_option("--from", c->from, std::string(messages::lesson_from_help))->required();
  cmd->add_option("--rate", c->rate, std::string(messages::lesson_rate_help));
  cmd->add_option("--iters", c->iters, std::string(messages::lesson_iters_help))
      ->check(any_count());
  cmd->add_option("-o,--output", c->output, std::string(messages::lesson_output_help))->required();
  cmd->add_option("--format", c->format, std::string(messages::lesson_format_help));
  cmd->add_option("--digits", c->digits, std::string(messages::lesson_digits_help));
  cmd->add_option("--vars", c->vars, std::string(messages::plot_vars_help));
  add_drawing_options(*cmd, c->drawing);
  cmd->callback([c, io, &action] { action = [c, io] { run_lesson(*c, io); }; });
}

}  // namespace kobai::cli
