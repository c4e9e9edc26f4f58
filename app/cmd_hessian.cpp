// kobai hessian EXPR --at POINT [--vars y,x] [--json]
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>
#include <span>

#include "cli.hpp"
#include "kobai/diff/symbolic.hpp"
#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"
#include "messages_grad.hpp"
#include "point.hpp"

namespace kobai::cli {
namespace {
struct hessian_options {
  std::string formula;
  std::string at;
  std::string vars;
  bool json = false;
};

// The matrix with the variable names as row and column headings, columns right-aligned:
//      x  y
//   x  8  4
//   y  4  4
void print_matrix(std::ostream& out, const std::vector<std::string>& vars,
                  const std::vector<double>& H) {
  const std::size_t n = vars.size();
  std::vector<std::string> cells(H.size());
  std::vector<std::size_t> width(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) width[0] = std::max(width[0], vars[i].size());
  for (std::size_t j = 0; j < n; ++j) {
    width[j + 1] = vars[j].size();
    for (std::size_t i = 0; i < n; ++i) {
      cells[i * n + j] = format_number(H[i * n + j]);
      width[j + 1] = std::max(width[j + 1], cells[i * n + j].size());
    }
  }
  const auto pad = [&out](const std::string& s, std::size_t w) {
    out << std::string(w - s.size(), ' ') << s;
  };
  pad("", width[0]);
  for (std::size_t j = 0; j < n; ++j) {
    out << "  ";
    pad(vars[j], width[j + 1]);
  }
  out << '\n';
  for (std::size_t i = 0; i < n; ++i) {
    out << vars[i] << std::string(width[0] - vars[i].size(), ' ');
    for (std::size_t j = 0; j < n; ++j) {
      out << "  ";
      pad(cells[i * n + j], width[j + 1]);
    }
    out << '\n';
  }
}
// The tape's product rule meets 0·∞ where a factor's derivative is infinite and the other factor
// is 0: x·√x at 0 gives u″v + 2u′v′ + uv″ = 0 + ∞ − 0·∞ = NaN, though the second derivative
// 0.75/√x tends to +∞. The simplified symbolic partial (1.5·√x differentiated: 0.75/√x) often
// has no such product, so where the tape says NaN its value names the infinity; NaN stays where
// it is NaN too.
double limit_of_nan(const formula& f, const std::vector<std::string>& vars, std::size_t a,
                    std::size_t b, std::span<const double> x) {
  return compile(derivative(f.root(), std::vector<std::string>{vars[a], vars[b]}), vars).value(x);
}
}  // namespace

void add_hessian(CLI::App& app, streams io, std::function<void()>& action) {
  auto opt = std::make_shared<hessian_options>();
  CLI::App* cmd = app.add_subcommand("hessian", std::string(messages::hessian_description));
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
      const std::vector<double> H = t.hessian(x);  // refuses too many variables up front
      const std::size_t n = vars.size();
      for (std::size_t k = 0; k < H.size(); ++k)
        if (!std::isfinite(H[k]))
          throw numerical_error(messages::derivative_not_finite(
              messages::second_partial_name(vars[k / n], vars[k % n]),
              format_number(std::isnan(H[k]) ? limit_of_nan(f, vars, k / n, k % n, x) : H[k])));
      if (opt->json) {
        nlohmann::ordered_json rows = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < n; ++i)
          rows.push_back(std::vector<double>(H.begin() + static_cast<std::ptrdiff_t>(i * n),
                                             H.begin() + static_cast<std::ptrdiff_t>(i * n + n)));
        const nlohmann::ordered_json j = {{"formula", opt->formula},
                                          {"variables", vars},
                                          {"at", x},
                                          {"value", value},
                                          {"hessian", rows}};
        io.out << j.dump(2) << '\n';
        return;
      }
      if (vars.empty()) {
        io.out << messages::no_variables_hessian << '\n';
        return;
      }
      print_matrix(io.out, vars, H);
    };
  });
}

}  // namespace kobai::cli
