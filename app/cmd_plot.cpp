// kobai plot EXPR --kind K [drawing options] -o FILE
#include <ostream>

#include "cli.hpp"
#include "kobai/expr/parse.hpp"
#include "messages.hpp"
#include "messages_plot.hpp"
#include "plot_options.hpp"
#include "point.hpp"
#include "trace_jsonl.hpp"

namespace kobai::cli {
namespace {
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
      for (const std::string& file : opt->traces) runs.push_back(read_trace_jsonl(file));
      draw_and_report(f.root(), runs, o, opt->output, vars, io, opt->drawing.force);
    };
  });
}

}  // namespace kobai::cli
