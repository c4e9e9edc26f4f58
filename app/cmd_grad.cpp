// kobai grad EXPR --at POINT [--vars y,x] [--json]
#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli.hpp"
#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"
#include "messages_grad.hpp"
#include "point.hpp"

namespace kobai::cli {
namespace {
struct grad_options {
  std::string formula;
  std::string at;
  std::string vars;
  bool json = false;
};
}  // namespace

void add_grad(CLI::App& app, streams io, std::function<void()>& action) {
  auto opt = std::make_shared<grad_options>();
  CLI::App* cmd = app.add_subcommand("grad", std::string(messages::grad_description));
  cmd->add_option("expr", opt->formula, std::string(messages::expr_help))->required();
  cmd->add_option("--at", opt->at, std::string(messages::at_help));
  cmd->add_option("--vars", opt->vars, std::string(messages::vars_help));
  cmd->add_flag("--json", opt->json, std::string(messages::json_help));
  cmd->callback([opt, io, &action] {
    action = [opt, io] {
      const formula f = parse(opt->formula);
      const std::vector<std::string> vars = variable_order(f.variables(), opt->vars);
      const std::vector<double> x = parse_point(opt->at, vars);
      assignment at;
      for (std::size_t i = 0; i < vars.size(); ++i) at[vars[i]] = x[i];
      // The reference walk names the operation of a domain error (exit 3), as `kobai eval` does.
      const double value = f.evaluate(at);
      const tape t = compile(f.root(), vars);
      std::vector<double> g(vars.size());
      t.value_and_gradient(x, g);
      for (std::size_t i = 0; i < g.size(); ++i)
        if (!std::isfinite(g[i]))
          throw numerical_error(messages::derivative_not_finite(messages::partial_name(vars[i]),
                                                                format_number(g[i])));
      if (opt->json) {
        const nlohmann::ordered_json j = {{"formula", opt->formula},
                                          {"variables", vars},
                                          {"at", x},
                                          {"value", value},
                                          {"gradient", g}};
        io.out << j.dump(2) << '\n';
        return;
      }
      if (g.empty()) io.out << messages::no_variables_gradient << '\n';
      for (std::size_t i = 0; i < g.size(); ++i)
        io.out << messages::grad_line(vars[i], format_number(g[i])) << '\n';
    };
  });
}

}  // namespace kobai::cli
