// kobai compare EXPR --from POINT --methods gd:rate=0.95,momentum:rate=0.1,... [--iters 30]
//   [--panels | --overlay] [--kind compare|convergence] [drawing options] -o FILE
// Runs every method from the same start and draws the race: by default one panel per method
// (the layout of the book's Figure 6-8: path in red with markers, '+' at the minimum).
#include <fmt/format.h>

#include <cmath>
#include <ostream>

#include "cli.hpp"
#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/expr/print.hpp"
#include "kobai/optim/minimize.hpp"
#include "kobai/optim/objective.hpp"
#include "messages.hpp"
#include "messages_plot.hpp"
#include "method_text.hpp"
#include "plot_options.hpp"
#include "point.hpp"

namespace kobai::cli {
namespace {

struct compare_options {
  std::string formula, from, methods, output, vars;
  std::string kind = "compare";
  std::size_t iters = 30;
  bool overlay = false;
  plot_arguments drawing;
};

// One method of the --methods list: "adam:rate=0.3" or "momentum:rate=0.1,mu=0.9" (options after
// a comma belong to the method before them until the next "name:").
struct method_spec {
  std::string text;  // as written, for the legend
  method_options method;
};

std::vector<method_spec> parse_methods(const std::string& text) {
  std::vector<method_spec> specs;
  std::string name;  // of the method the options apply to, as written
  for (const std::string& part : split_top_level(text)) {
    const auto colon = part.find(':');
    const auto eq = part.find('=');
    std::string options = part;
    if (eq == std::string::npos || (colon != std::string::npos && colon < eq)) {
      name = part.substr(0, colon);
      specs.push_back({part, method_from_name(name)});
      options = colon == std::string::npos ? "" : part.substr(colon + 1);
    } else if (specs.empty()) {
      throw usage_error(messages::compare_bad_methods(text));
    } else {
      specs.back().text += "," + part;
    }
    if (options.empty()) continue;
    const auto e = options.find('=');
    if (e == std::string::npos) throw usage_error(messages::compare_bad_methods(text));
    const std::string key = options.substr(0, e), value = options.substr(e + 1);
    set_method_option(specs.back().method, key, value, specs.back().text);
    // As --globalization with `kobai minimize --method newton-ls`: the name chose it already.
    if (key == "globalization" && name != "newton") {
      const method_options named = method_from_name(name);
      const auto* chosen = std::get_if<newton>(&specs.back().method);
      if (chosen && chosen->globalization != std::get<newton>(named).globalization)
        throw usage_error(messages::compare_globalization_contradicts(value, name));
    }
  }
  if (specs.empty()) throw usage_error(messages::compare_bad_methods(text));
  for (const auto& s : specs) validate(s.method);
  return specs;
}

}  // namespace

void add_compare(CLI::App& app, streams io, std::function<void()>& action) {
  auto opt = std::make_shared<compare_options>();
  CLI::App* cmd = app.add_subcommand("compare", std::string(messages::compare_description));
  cmd->add_option("expr", opt->formula, std::string(messages::expr_help))->required();
  cmd->add_option("--from", opt->from, std::string(messages::compare_from_help))->required();
  cmd->add_option("--methods", opt->methods, std::string(messages::compare_methods_help))
      ->required();
  cmd->add_option("--iters", opt->iters, std::string(messages::compare_iters_help))
      ->check(any_count());
  // A pair of flags, one the default, that exclude each other: the layout reads the same way
  // whether or not the default is spelled out.
  CLI::Option* overlay =
      cmd->add_flag("--overlay", opt->overlay, std::string(messages::compare_overlay_help));
  cmd->add_flag("--panels", opt->drawing.panels, std::string(messages::compare_panels_help))
      ->excludes(overlay);
  cmd->add_option("--kind", opt->kind, std::string(messages::compare_kind_help));
  cmd->add_option("-o,--output", opt->output, std::string(messages::plot_output_help))->required();
  cmd->add_option("--vars", opt->vars, std::string(messages::plot_vars_help));
  add_drawing_options(*cmd, opt->drawing, false);
  cmd->callback([opt, io, &action] {
    action = [opt, io] {
      const plot_kind kind = parse_plot_kind(opt->kind);
      if (kind != plot_kind::compare && kind != plot_kind::convergence) {
        throw usage_error(messages::compare_bad_kind(opt->kind));
      }
      const formula f = parse(opt->formula);
      const std::vector<std::string> vars = variable_order(f.variables(), opt->vars);
      const std::vector<double> start = parse_point(opt->from, vars);
      const std::vector<method_spec> specs = parse_methods(opt->methods);
      // Drawing options, the file and the kind's variables are checked before the runs, so a bad
      // --size or a formula of one variable for --kind compare fails at once.
      plot_arguments drawing = opt->drawing;
      drawing.panels = !opt->overlay;
      const plot_options po = make_plot_options(drawing, kind, vars);
      check_plot_file(opt->output, kind);
      if (kind == plot_kind::compare && vars.size() < 2) {
        std::string names;
        for (const std::string& v : vars) names += (names.empty() ? "" : ", ") + v;
        throw usage_error(messages::compare_needs_two_variables(vars.size(), names));
      }
      // As minimize does: evaluating by the formula names the operation and column of a domain
      // error at the start (exit 3), where the runs could only say f is not finite.
      assignment at;
      for (std::size_t i = 0; i < vars.size(); ++i) at[vars[i]] = start[i];
      f.evaluate(at);

      const tape t = compile(f.root(), vars);
      const Eigen::VectorXd x0 =
          Eigen::Map<const Eigen::VectorXd>(start.data(), static_cast<Eigen::Index>(start.size()));
      std::vector<trace> runs;
      for (const method_spec& s : specs) {
        result r = minimize(tape_objective(t), x0, s.method,
                            {.max_iterations = opt->iters,
                             .record_trace = true,
                             .variables = vars,
                             .formula = opt->formula});
        r.trace.method = s.text;
        io.out << messages::compare_line(s.text, r.iterations, fmt::format("{:.6g}", r.f),
                                         std::string(to_string(r.status)));
        runs.push_back(std::move(r.trace));
      }
      // '+' marks the minimum near the lowest point any method reached (nearby_minimum) unless
      // a minimum was given.
      draw_and_report(f.root(), runs, po, opt->output, vars, io);
    };
  });
}

}  // namespace kobai::cli
