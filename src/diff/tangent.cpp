#include "kobai/diff/tangent.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kobai/diff/symbolic.hpp"
#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/evaluate.hpp"
#include "kobai/expr/print.hpp"
#include "symbolic_messages.hpp"

namespace kobai {
namespace {

std::string choose_label(const std::vector<std::string>& vars) {
  const std::vector<std::string> candidates =
      vars.size() == 1   ? std::vector<std::string>{"y", "z", "f", "g"}
      : vars.size() == 2 ? std::vector<std::string>{"z", "f", "g", "w"}
                         : std::vector<std::string>{"f", "g", "w", "F"};
  for (const std::string& c : candidates)
    if (std::find(vars.begin(), vars.end(), c) == vars.end()) return c;
  return fmt::format("f({})", vars.front());
}

// Σ slopeᵢ·xᵢ + c with signs written as subtraction: -4*x + 4*y - 8.
expr plane(const std::vector<std::string>& vars, const std::vector<double>& slopes, double c) {
  expr acc;
  bool first = true;
  const auto append = [&](double coef, std::optional<expr> var) {
    if (coef == 0 && var) return;
    const double mag = first ? coef : std::fabs(coef);
    expr t;
    if (!var)
      t = expr::constant(mag);
    else if (mag == 1)
      t = *var;
    else if (mag == -1)
      t = -*var;
    else
      t = expr::constant(mag) * *var;
    acc = first ? t : (coef < 0 ? acc - t : acc + t);
    first = false;
  };
  for (std::size_t i = 0; i < vars.size(); ++i) append(slopes[i], expr::variable(vars[i]));
  if (c != 0 || first) append(c, std::nullopt);
  return acc;
}

void require_finite(double v, expr e, const assignment& at, const formula& f, bool in_source) {
  if (std::isfinite(v)) return;
  if (auto origin = find_nonfinite_origin(e, at))
    throw numerical_error(describe(*origin, in_source ? &f : nullptr));
  throw numerical_error(messages::symbolic::slope_not_finite(format_number(v)));
}

}  // namespace

tangent_result tangent(const formula& f, std::span<const double> point,
                       const tangent_options& options) {
  tangent_result r;
  r.variables = f.variables();
  if (r.variables.empty()) throw usage_error(messages::symbolic::tangent_needs_variables());
  const tape t = compile(f.root(), r.variables);
  if (point.size() != r.variables.size())
    throw usage_error(messages::symbolic::tangent_point_size(point.size(), r.variables.size()));
  r.point.assign(point.begin(), point.end());
  assignment at;
  for (std::size_t i = 0; i < point.size(); ++i) at[r.variables[i]] = point[i];
  r.value = f.evaluate(at);  // numerical_error with the column of a domain error
  r.slopes.resize(point.size());
  if (options.h && !options.scheme) throw usage_error(messages::symbolic::h_needs_scheme());
  if (!options.scheme && options.reverse_mode) {
    t.value_and_gradient(point, r.slopes);
    for (double s : r.slopes) require_finite(s, f.root(), at, f, true);
  }
  for (std::size_t i = 0; i < point.size() && !(options.reverse_mode && !options.scheme); ++i) {
    if (options.scheme) {
      const fd_result d = fd_derivative(t, point, i, *options.scheme, options.h);
      require_finite_difference(d, *options.scheme);  // f(x) is finite: the step left its domain
      r.slopes[i] = d.value;
    } else {
      const expr d = derivative(f.root(), r.variables[i]);
      r.slopes[i] = evaluate(d, at);
      if (!std::isfinite(r.slopes[i]) && has_kink(f.root())) {
        // The kink rules are 0/0 at the kink itself (symbolic.hpp); the tape's one-sided value,
        // when finite, is the slope there.
        std::vector<double> g(point.size());
        t.value_and_gradient(point, g);
        if (std::isfinite(g[i])) {
          r.slopes[i] = g[i];
          r.kink_convention = true;
        }
      }
      require_finite(r.slopes[i], d, at, f, false);
    }
  }
  r.intercept = r.value;
  for (std::size_t i = 0; i < point.size(); ++i) r.intercept -= r.slopes[i] * point[i];
  r.label = choose_label(r.variables);
  r.equation = plane(r.variables, r.slopes, r.intercept);
  return r;
}

}  // namespace kobai
