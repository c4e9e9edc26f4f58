// kobai tangent EXPR --at POINT [--vars y,x] [--method M] [--h H] [--latex | --json]
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli.hpp"
#include "kobai/diff/tangent.hpp"
#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"
#include "messages_diff.hpp"
#include "point.hpp"

namespace kobai::cli {
namespace {

namespace md = messages::diff;

struct tangent_cli_options {
  std::string formula;
  std::string at;
  std::string vars;
  std::string method = "symbolic";
  double h = 0;
  bool has_h = false;
  bool latex = false;
  bool json = false;
};

void run_tangent(const tangent_cli_options& o, std::ostream& out) {
  if (o.latex && o.json) throw usage_error(md::exclusive("--latex", "--json"));
  tangent_options options;
  if (o.method == "ad") {
    options.reverse_mode = true;
  } else if (o.method != "symbolic") {
    options.scheme = fd_scheme_from_string(o.method);
    if (!options.scheme) throw usage_error(md::unknown_method(o.method));
  }
  if (o.has_h) {
    if (!options.scheme) throw usage_error(md::h_needs_difference());
    if (!(o.h > 0 && std::isfinite(o.h))) throw usage_error(md::h_not_positive());
    options.h = o.h;
  }
  const formula f = parse(o.formula);
  const std::vector<std::string> order = variable_order(f.variables(), o.vars);
  const std::vector<double> given = parse_point(o.at, order);
  // tangent() takes the point in natural variable order.
  const std::vector<std::string> natural = f.variables();
  std::vector<double> x(natural.size());
  for (std::size_t i = 0; i < natural.size(); ++i)
    x[i] = given[static_cast<std::size_t>(std::find(order.begin(), order.end(), natural[i]) -
                                          order.begin())];
  const tangent_result t = tangent(f, x, options);
  if (o.json) {
    nlohmann::ordered_json j = {
        {"formula", o.formula}, {"variables", t.variables}, {"method", o.method}};
    nlohmann::ordered_json point = nlohmann::ordered_json::object(),
                           slopes = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < t.variables.size(); ++i) {
      point[t.variables[i]] = t.point[i];
      slopes[t.variables[i]] = t.slopes[i];
    }
    j["at"] = std::move(point);
    j["value"] = t.value;
    if (t.slopes.size() == 1) j["slope"] = t.slopes.front();
    j["slopes"] = std::move(slopes);
    j["intercept"] = t.intercept;
    j["label"] = t.label;
    j["equation"] = fmt::format("{} = {}", t.label, to_string(t.equation));
    j["latex"] = fmt::format("{} = {}", t.label, to_latex(t.equation));
    if (t.kink_convention) j["note"] = md::kink_convention();
    out << j.dump(2) << '\n';
    return;
  }
  out << t.label << " = " << (o.latex ? to_latex(t.equation) : to_string(t.equation)) << '\n';
  if (t.kink_convention) out << md::kink_convention() << '\n';
}

}  // namespace

void add_tangent(CLI::App& app, streams io, std::function<void()>& action) {
  auto opt = std::make_shared<tangent_cli_options>();
  CLI::App* cmd = app.add_subcommand("tangent", std::string(md::tangent_description));
  cmd->add_option("expr", opt->formula, std::string(messages::expr_help))->required();
  cmd->add_option("--at", opt->at, std::string(md::tangent_at_help))->required();
  cmd->add_option("--vars", opt->vars, std::string(messages::vars_help));
  cmd->add_option("--method", opt->method, std::string(md::tangent_method_help));
  cmd->add_option("--h", opt->h, std::string(md::h_help));
  cmd->add_flag("--latex", opt->latex, std::string(messages::latex_help));
  cmd->add_flag("--json", opt->json, std::string(messages::json_help));
  cmd->callback([opt, io, cmd, &action] {
    opt->has_h = cmd->count("--h") > 0;
    action = [opt, io] { run_tangent(*opt, io.out); };
  });
}

}  // namespace kobai::cli
