// kobai plot EXPR --kind K [drawing options] -o FILE
#include <ostream>

#include "cli.hpp"
#include "kobai/error.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"
#include "messages_plot.hpp"
#include "plot_options.hpp"
#include "point.hpp"
#include "trace_jsonl.hpp"

namespace kobai::cli {
namespace {

// The formula as the printer writes it, so "x^2+y^2" and "x^2 + y^2" read the same; the text
// itself when it does not parse.
std::string canonical(const std::string& text) {
  try {
    return to_string(parse(text).root());
  } catch (const error&) {
    return text;
  }
}

// A trace drawn over another formula would be a path that does not descend what is drawn: refused
// when its variables differ (its coordinates would be read as other variables), noted when only the
// formula differs (a run over a changed formula is a legitimate comparison).
void check_trace_fits(const trace& t, const std::string& file, const formula& f,
                      const std::string& text, const std::vector<std::string>& vars, streams io) {
  if (!t.variables.empty() && t.variables != vars)
    throw usage_error(messages::plot_trace_other_variables(file, join(t.variables), join(vars)));
  if (!t.formula.empty() && canonical(t.formula) != to_string(f.root()))
    io.err << messages::plot_trace_other_formula(file, t.formula, text);
}
struct plot_command_options {
  std::string formula;
  std::string kind = "curve";
  std::string output;
  std::string vars;
  std::vector<std::string> traces;
  plot_arguments drawing;
};
}  // namespace

void add_plot(CLI::App& app, streams io, std::function<void()>& action) {
  auto opt = std::make_shared<plot_command_options>();
  CLI::App* cmd = app.add_subcommand("plot", std::string(messages::plot_description));
  cmd->add_option("expr", opt->formula, std::string(messages::expr_help))->required();
  cmd->add_option("--kind", opt->kind, std::string(messages::plot_kind_help));
  cmd->add_option("-o,--output", opt->output, std::string(messages::plot_output_help))->required();
  cmd->add_option("--vars", opt->vars, std::string(messages::plot_vars_help));
  cmd->add_option("--trace", opt->traces, std::string(messages::plot_trace_help));
  add_drawing_options(*cmd, opt->drawing);
  cmd->callback([opt, io, &action] {
    action = [opt, io] {
      const plot_kind kind = parse_plot_kind(opt->kind);
      const formula f = parse(opt->formula);
      const std::vector<std::string> vars = variable_order(f.variables(), opt->vars);
      const plot_options o = make_plot_options(opt->drawing, kind, vars);
      std::vector<trace> runs;
      for (const std::string& file : opt->traces) {
        runs.push_back(read_trace_jsonl(file));
        check_trace_fits(runs.back(), file, f, opt->formula, vars, io);
      }
      draw_and_report(f.root(), runs, o, opt->output, vars, io, opt->drawing.force);
    };
  });
}

}  // namespace kobai::cli
