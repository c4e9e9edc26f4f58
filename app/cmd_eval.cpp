// kobai eval EXPR [--at POINT] [--vars y,x]
#include <ostream>

#include "cli.hpp"
#include "kobai/expr/evaluate.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"
#include "point.hpp"

namespace kobai::cli {
namespace {
struct eval_options {
  std::string formula;
  std::string at;
  std::string vars;
};
}  // namespace

void add_eval(CLI::App& app, streams io, std::function<void()>& action) {
  auto opt = std::make_shared<eval_options>();
  CLI::App* cmd = app.add_subcommand("eval", std::string(messages::eval_description));
  cmd->add_option("expr", opt->formula, std::string(messages::expr_help))->required();
  cmd->add_option("--at", opt->at, std::string(messages::at_help));
  cmd->add_option("--vars", opt->vars, std::string(messages::vars_help));
  cmd->callback([opt, io, &action] {
    action = [opt, io] {
      const formula f = parse(opt->formula);
      const std::vector<std::string> vars = variable_order(f.variables(), opt->vars);
      const std::vector<double> x = parse_point(opt->at, vars);
      assignment at;
      for (std::size_t i = 0; i < vars.size(); ++i) at[vars[i]] = x[i];
      io.out << format_number(f.evaluate(at)) << '\n';
    };
  });
}

}  // namespace kobai::cli
