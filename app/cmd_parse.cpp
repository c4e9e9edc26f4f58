// kobai parse EXPR [--latex] [--json]
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"
#include "point.hpp"

namespace kobai::cli {
namespace {
struct parse_options {
  std::string formula;
  bool latex = false;
  bool json = false;
};
}  // namespace

void add_parse(CLI::App& app, streams io, std::function<void()>& action) {
  auto opt = std::make_shared<parse_options>();
  CLI::App* cmd = app.add_subcommand("parse", std::string(messages::parse_description));
  cmd->add_option("expr", opt->formula, std::string(messages::expr_help))->required();
  cmd->add_flag("--latex", opt->latex, std::string(messages::latex_help));
  cmd->add_flag("--json", opt->json, std::string(messages::json_help));
  cmd->callback([opt, io, &action] {
    action = [opt, io] {
      const formula f = parse(opt->formula);
      const std::vector<std::string> vars = f.variables();
      if (opt->json) {
        const nlohmann::ordered_json j = {{"formula", opt->formula},
                                          {"infix", to_string(f.root())},
                                          {"latex", to_latex(f.root())},
                                          {"variables", vars},
                                          {"nodes", node_count(f.root())}};
        io.out << j.dump(2) << '\n';
        return;
      }
      io.out << (opt->latex ? to_latex(f.root()) : to_string(f.root())) << '\n';
      io.out << messages::parse_variables(join(vars)) << '\n';
      io.out << messages::parse_nodes(node_count(f.root())) << '\n';
    };
  });
}

}  // namespace kobai::cli
