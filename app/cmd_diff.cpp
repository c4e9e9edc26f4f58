// kobai diff EXPR [--wrt x,y] [--order N] [--at POINT] [--vars y,x] [--method M] [--h H]
//                 [--steps | --definition | --compare] [--latex | --json]
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "cli.hpp"
#include "kobai/diff/definition.hpp"
#include "kobai/diff/numeric.hpp"
#include "kobai/diff/steps.hpp"
#include "kobai/diff/symbolic.hpp"
#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/evaluate.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"
#include "messages_diff.hpp"
#include "point.hpp"

namespace kobai::cli {
namespace {

namespace md = messages::diff;
using json = nlohmann::ordered_json;

struct diff_options {
  std::string formula;
  std::string wrt;
  int order = 1;
  std::string at;
  std::string vars;
  std::string method = "symbolic";
  double h = 0;
  bool has_h = false;
  bool steps = false;
  bool definition = false;
  bool compare = false;
  bool latex = false;
  bool json = false;
};

// The most partial derivatives one command prints (order 2 over 44 variables is 990).
constexpr std::size_t max_partials = 1000;

json number(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

const char* superscript(int n) {
  static const char* const digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  return digits[n];
}

std::string power_text(int n) {
  if (n == 1) return {};
  if (n < 10) return superscript(n);
  return fmt::format("^{}", n);
}

// The multiset of variables of a partial derivative as runs: x,x,y → {(x,2),(y,1)}.
std::vector<std::pair<std::string, int>> runs(const std::vector<std::string>& seq) {
  std::vector<std::pair<std::string, int>> r;
  for (const std::string& v : seq) {
    if (!r.empty() && r.back().first == v)
      ++r.back().second;
    else
      r.emplace_back(v, 1);
  }
  return r;
}

// ∂f/∂x, ∂²f/∂x², ∂²f/∂x∂y
std::string label(const std::vector<std::string>& seq) {
  if (seq.empty()) return "f";
  std::string den;
  for (const auto& [v, k] : runs(seq)) den += fmt::format("∂{}{}", v, power_text(k));
  return fmt::format("∂{}f/{}", power_text(static_cast<int>(seq.size())), den);
}

std::string latex_label(const std::vector<std::string>& seq) {
  if (seq.empty()) return "f";
  std::string den;
  for (const auto& [v, k] : runs(seq)) {
    if (!den.empty()) den += " ";
    den += k == 1 ? fmt::format("\\partial {}", v) : fmt::format("\\partial {}^{{{}}}", v, k);
  }
  const std::size_t n = seq.size();
  return n == 1 ? fmt::format("\\frac{{\\partial f}}{{{}}}", den)
                : fmt::format("\\frac{{\\partial^{{{}}} f}}{{{}}}", n, den);
}

// Every non-decreasing sequence of `order` indices into vars: the distinct partials of that order.
std::vector<std::vector<std::string>> partials(const std::vector<std::string>& vars, int order) {
  std::vector<std::vector<std::string>> out;
  if (order == 0) return {{}};
  std::vector<std::size_t> idx(static_cast<std::size_t>(order), 0);
  while (true) {
    std::vector<std::string> seq;
    for (std::size_t i : idx) seq.push_back(vars[i]);
    out.push_back(std::move(seq));
    if (out.size() > max_partials)
      throw usage_error(md::too_many_partials(out.size(), max_partials));
    int k = order - 1;
    while (k >= 0 && idx[static_cast<std::size_t>(k)] == vars.size() - 1) --k;
    if (k < 0) break;
    const std::size_t next = idx[static_cast<std::size_t>(k)] + 1;
    for (auto j = static_cast<std::size_t>(k); j < idx.size(); ++j) idx[j] = next;
  }
  return out;
}

bool is_name(std::string_view s) {
  if (s.empty()) return false;
  try {
    return parse(s).root().is_variable();
  } catch (const parse_error&) {
    return false;
  }
}

// "x = 1, y = 2"
std::string point_text(const std::vector<std::string>& vars, const std::vector<double>& x) {
  std::string s;
  for (std::size_t i = 0; i < vars.size(); ++i)
    s += fmt::format("{}{} = {}", i ? ", " : "", vars[i], format_number(x[i]));
  return s;
}

double value_at(expr d, const assignment& at) {
  const double v = evaluate(d, at);
  if (!std::isfinite(v)) {
    if (auto origin = find_nonfinite_origin(d, at)) throw numerical_error(describe(*origin));
  }
  return v;
}

struct context {
  const diff_options& opt;
  formula f;
  std::vector<std::string> vars;  // formula variables in point order
  std::vector<std::string> wrt;   // differentiate by these
  std::optional<std::vector<double>> x;
  assignment at;
  bool single;  // print the bare derivative (one variable, no labels)
  std::ostream& out;
};

// ∂f/∂v at the point by the tape, when finite: the symbolic kink rules are 0/0 at a kink of abs,
// relu, min or max (symbolic.hpp), where the tape gives its one-sided value.
std::optional<double> kink_value(const context& c, const std::string& v) {
  const auto it = std::find(c.vars.begin(), c.vars.end(), v);
  if (it == c.vars.end()) return std::nullopt;
  std::vector<double> g(c.vars.size());
  compile(c.f.root(), c.vars).value_and_gradient(*c.x, g);
  const double gi = g[static_cast<std::size_t>(it - c.vars.begin())];
  return std::isfinite(gi) ? std::optional(gi) : std::nullopt;
}

void validate(const diff_options& o, std::optional<fd_scheme>& scheme) {
  if (o.order < 0) throw usage_error(md::order_negative(o.order));
  if (o.latex && o.json) throw usage_error(md::exclusive("--latex", "--json"));
  if (o.steps && o.definition) throw usage_error(md::exclusive("--steps", "--definition"));
  if (o.steps && o.compare) throw usage_error(md::exclusive("--steps", "--compare"));
  if (o.definition && o.compare) throw usage_error(md::exclusive("--definition", "--compare"));
  const bool symbolic = o.method == "symbolic";
  if (!symbolic && o.method != "ad") {
    scheme = fd_scheme_from_string(o.method);
    if (!scheme) throw usage_error(md::unknown_method(o.method));
  }
  if (o.compare && !symbolic) throw usage_error(md::exclusive("--compare", "--method"));
  if (o.steps && !symbolic) throw usage_error(md::mode_symbolic_only("--steps"));
  if (o.definition && !symbolic) throw usage_error(md::mode_symbolic_only("--definition"));
  if ((o.steps || o.definition || o.compare) && o.order != 1)
    throw usage_error(md::mode_first_order_only(o.steps        ? "--steps"
                                                : o.definition ? "--definition"
                                                               : "--compare"));
  if (!symbolic && o.at.empty()) throw usage_error(md::method_needs_point(o.method));
  if (!symbolic && o.order != 1) throw usage_error(md::method_first_order_only(o.method));
  if (o.compare && o.at.empty()) throw usage_error(md::compare_needs_point());
  if (o.has_h && !scheme && !o.compare) throw usage_error(md::h_needs_difference());
  if (o.has_h && !(o.h > 0 && std::isfinite(o.h))) throw usage_error(md::h_not_positive());
}

void print_symbolic(context& c, json& j) {
  const auto seqs = c.opt.order == 1 && c.wrt.size() == 1
                        ? std::vector<std::vector<std::string>>{c.wrt}
                        : partials(c.wrt, c.opt.order);
  json list = json::array();
  std::vector<std::pair<std::string, double>> values;
  bool kink = false;
  for (const auto& seq : seqs) {
    const expr d = derivative(c.f.root(), seq);
    json item = {{"wrt", seq},
                 {"label", label(seq)},
                 {"infix", to_string(d)},
                 {"latex", to_latex(d)},
                 {"nodes", node_count(d)}};
    if (c.x) {
      double v = evaluate(d, c.at);
      if (!std::isfinite(v) && seq.size() == 1 && has_kink(c.f.root())) {
        if (const std::optional<double> k = kink_value(c, seq.front())) {
          v = *k;
          kink = true;
          item["note"] = md::kink_convention();
        }
      }
      if (!std::isfinite(v)) value_at(d, c.at);  // numerical_error naming the operation
      item["value"] = number(v);
      values.emplace_back(label(seq), v);
    }
    list.push_back(std::move(item));
    if (c.opt.json) continue;
    const std::string body = c.opt.latex ? to_latex(d) : to_string(d);
    if (c.single)
      c.out << body << '\n';
    else if (c.opt.latex)
      c.out << latex_label(seq) << " = " << body << '\n';
    else
      c.out << label(seq) << " = " << body << '\n';
  }
  j["derivatives"] = std::move(list);
  if (c.opt.json || !c.x) return;
  std::string line = md::at_point(point_text(c.vars, *c.x));
  for (std::size_t i = 0; i < values.size(); ++i) {
    line += i ? ", " : " ";
    line += c.single ? format_number(values[i].second)
                     : fmt::format("{} = {}", values[i].first, format_number(values[i].second));
  }
  c.out << line << '\n';
  if (kink) c.out << md::kink_convention() << '\n';
}

std::string text(const context& c, expr e) {
  return c.opt.latex ? to_latex(e) : to_string(e);
}

void print_steps(context& c, json& j) {
  json all = json::array();
  const bool partial = c.vars.size() > 1 || c.wrt.size() > 1;
  for (const std::string& v : c.wrt) {
    const derivation d = derive_with_steps(c.f.root(), v);
    json steps = json::array();
    for (const derivation_step& s : d.steps) {
      json item = {{"rule", s.rule},
                   {"of", to_string(s.of)},
                   {"applied", to_string(s.applied)},
                   {"result", to_string(s.result)}};
      if (!s.note.empty()) item["note"] = s.note;
      steps.push_back(std::move(item));
    }
    all.push_back({{"wrt", v}, {"steps", std::move(steps)}, {"result", to_string(d.result)}});
    if (c.opt.json) continue;
    c.out << md::steps_header(partial, v, text(c, c.f.root())) << '\n';
    if (partial) {
      std::vector<std::string> others;
      for (const std::string& o : c.vars)
        if (o != v) others.push_back(o);
      if (!others.empty()) c.out << md::held_constant(join(others)) << '\n';
    }
    for (const derivation_step& s : d.steps) {
      std::string rest = text(c, s.applied);
      if (s.result != s.applied) rest += " = " + text(c, s.result);
      c.out << md::steps_line(s.rule, partial, v, text(c, s.of), rest) << '\n';
      if (!s.note.empty()) c.out << md::steps_note(s.note) << '\n';
    }
    c.out << md::steps_result(partial, v, text(c, d.result)) << '\n';
  }
  j["steps"] = std::move(all);
}

void print_definition(context& c, json& j) {
  json all = json::array();
  const bool partial = c.vars.size() > 1 || c.wrt.size() > 1;
  for (const std::string& v : c.wrt) {
    const limit_derivation d = derive_by_definition(c.f.root(), v);
    all.push_back({{"wrt", v},
                   {"h", d.step},
                   {"difference_quotient", to_string(d.difference_quotient)},
                   {"expanded", to_string(d.expanded)},
                   {"cancelled", to_string(d.cancelled)},
                   {"divided", to_string(d.divided)},
                   {"result", to_string(d.result)}});
    if (c.opt.json) continue;
    // f(x + h, y) and f(x, y): the other variables held fixed.
    std::string shifted, plain;
    std::vector<std::string> args = c.vars.empty() ? std::vector<std::string>{v} : c.vars;
    if (std::find(args.begin(), args.end(), v) == args.end()) args.push_back(v);
    for (std::size_t i = 0; i < args.size(); ++i) {
      shifted += (i ? ", " : "") + (args[i] == v ? fmt::format("{} + {}", v, d.step) : args[i]);
      plain += (i ? ", " : "") + args[i];
    }
    const auto stage_line = [&](const std::string& stage) {
      return c.opt.latex ? md::limit_stage_latex(d.step, stage) : md::limit_stage(d.step, stage);
    };
    const std::string shifted_f = fmt::format("f({})", shifted),
                      plain_f = fmt::format("f({})", plain);
    c.out << (c.opt.latex ? md::limit_line_latex(partial, v, d.step, shifted_f, plain_f)
                          : md::limit_line(partial, v, d.step, shifted_f, plain_f))
          << '\n';
    for (expr stage : {d.difference_quotient, d.expanded, d.cancelled})
      c.out << stage_line(text(c, stage)) << '\n';
    const std::string last = text(c, d.divided);
    const bool bracket = d.divided.kind() == op::add || d.divided.kind() == op::sub;
    c.out << stage_line(bracket ? (c.opt.latex ? "\\left(" + last + "\\right)" : "(" + last + ")")
                                : last)
          << '\n';
    c.out << md::limit_result(text(c, d.result)) << '\n';
  }
  j["definition"] = std::move(all);
}

// Values by reverse mode or a finite-difference scheme at the point.
void print_numeric(context& c, std::optional<fd_scheme> scheme, json& j) {
  const tape t = compile(c.f.root(), c.vars);
  std::vector<double> g(c.vars.size());
  if (!scheme) t.value_and_gradient(*c.x, g);
  json list = json::array();
  for (const std::string& v : c.wrt) {
    const auto it = std::find(c.vars.begin(), c.vars.end(), v);
    double value = 0, h = std::nan("");
    if (it != c.vars.end()) {
      const auto i = static_cast<std::size_t>(it - c.vars.begin());
      if (scheme) {
        const fd_result r =
            fd_derivative(t, *c.x, i, *scheme, c.opt.has_h ? std::optional(c.opt.h) : std::nullopt);
        value = r.value;
        h = r.h;
        require_finite_difference(r, *scheme);
      } else {
        value = g[i];
      }
    }
    json item = {{"wrt", {v}}, {"label", label({v})}, {"value", number(value)}};
    if (scheme) item["h"] = number(h);
    list.push_back(std::move(item));
    if (c.opt.json) continue;
    if (c.single)
      c.out << format_number(value) << '\n';
    else
      c.out << label({v}) << " = " << format_number(value) << '\n';
  }
  j["derivatives"] = std::move(list);
}

void print_compare(context& c, json& j) {
  if (c.wrt.size() != 1) throw usage_error(md::compare_one_variable(c.wrt.size()));
  const std::string& v = c.wrt.front();
  std::vector<std::string> vars = c.vars;
  std::vector<double> x = *c.x;
  auto it = std::find(vars.begin(), vars.end(), v);
  if (it == vars.end()) {  // a variable the formula lacks: compare anyway, the derivative is 0
    vars.push_back(v);
    x.push_back(0.0);
    it = vars.end() - 1;
  }
  const tape t = compile(c.f.root(), vars);
  const fd_comparison cmp = fd_compare(t, x, static_cast<std::size_t>(it - vars.begin()),
                                       c.opt.has_h ? std::optional(c.opt.h) : std::nullopt);
  json rows = json::array();
  std::vector<std::array<std::string, 5>> table;
  table.push_back({std::string(md::exact_row), std::string(md::not_available),
                   format_number(cmp.exact), "0", std::string(md::not_available)});
  for (const fd_comparison_row& r : cmp.rows) {
    rows.push_back({{"method", r.method},
                    {"h", number(r.h)},
                    {"value", number(r.value)},
                    {"error", number(r.error)},
                    {"error_estimate", number(r.error_estimate)}});
    table.push_back({r.method, format_number(r.h), format_number(r.value), format_number(r.error),
                     std::isnan(r.error_estimate) ? std::string(md::not_available)
                                                  : format_number(r.error_estimate)});
  }
  j["compare"] = {{"wrt", v}, {"exact", number(cmp.exact)}, {"rows", std::move(rows)}};
  if (c.opt.json) return;
  std::array<std::size_t, 5> width{};
  for (std::size_t k = 0; k < 5; ++k) width[k] = md::compare_headers[k].size();
  for (const auto& row : table)
    for (std::size_t k = 0; k < 5; ++k) width[k] = std::max(width[k], row[k].size());
  const auto line = [&](const auto& cells) {
    std::string s;
    for (std::size_t k = 0; k < 5; ++k)
      s += k + 1 < 5 ? fmt::format("{:<{}}  ", cells[k], width[k]) : std::string(cells[k]);
    c.out << s << '\n';
  };
  line(md::compare_headers);
  for (const auto& row : table) line(row);
}

void run_diff(const diff_options& o, std::ostream& out) {
  std::optional<fd_scheme> scheme;
  validate(o, scheme);
  context c{o, parse(o.formula), {}, {}, std::nullopt, {}, false, out};
  c.vars = variable_order(c.f.variables(), o.vars);
  if (o.wrt.empty()) {
    c.wrt = c.vars;
  } else {
    c.wrt = split_top_level(o.wrt);
    for (const std::string& v : c.wrt)
      if (!is_name(v)) throw usage_error(md::bad_variable_name(v));
  }
  if (!o.at.empty()) {
    c.x = parse_point(o.at, c.vars);
    for (std::size_t i = 0; i < c.vars.size(); ++i) c.at[c.vars[i]] = (*c.x)[i];
    // No derivative exists where f is undefined, though a simplified derivative may still have
    // a value there (sqrt(x)^2 → 1 at x = −1.5): numerical_error naming the operation.
    c.f.evaluate(c.at);
  }
  c.single = c.wrt.size() == 1;
  json j = {
      {"formula", o.formula}, {"variables", c.vars}, {"method", o.method}, {"order", o.order}};
  if (c.x) {
    json p = json::object();
    for (std::size_t i = 0; i < c.vars.size(); ++i) p[c.vars[i]] = (*c.x)[i];
    j["at"] = std::move(p);
  }
  if (c.wrt.empty()) {  // a constant formula with no variables: its derivative is 0 everywhere
    if (!o.json) out << "0\n";
    j["derivatives"] = json::array();
  } else if (o.steps) {
    print_steps(c, j);
  } else if (o.definition) {
    print_definition(c, j);
  } else if (o.compare) {
    print_compare(c, j);
  } else if (o.method == "symbolic") {
    print_symbolic(c, j);
  } else {
    print_numeric(c, scheme, j);
  }
  if (o.json) out << j.dump(2) << '\n';
}

}  // namespace

void add_diff(CLI::App& app, streams io, std::function<void()>& action) {
  auto opt = std::make_shared<diff_options>();
  CLI::App* cmd = app.add_subcommand("diff", std::string(md::diff_description));
  cmd->add_option("expr", opt->formula, std::string(messages::expr_help))->required();
  cmd->add_option("--wrt", opt->wrt, std::string(md::wrt_help));
  cmd->add_option("--order", opt->order, std::string(md::order_help));
  cmd->add_option("--at", opt->at, std::string(md::diff_at_help));
  cmd->add_option("--vars", opt->vars, std::string(messages::vars_help));
  cmd->add_option("--method", opt->method, std::string(md::method_help));
  cmd->add_option("--h", opt->h, std::string(md::h_help));
  cmd->add_flag("--steps", opt->steps, std::string(md::steps_help));
  cmd->add_flag("--definition", opt->definition, std::string(md::definition_help));
  cmd->add_flag("--compare", opt->compare, std::string(md::compare_help));
  cmd->add_flag("--latex", opt->latex, std::string(messages::latex_help));
  cmd->add_flag("--json", opt->json, std::string(messages::json_help));
  cmd->callback([opt, io, cmd, &action] {
    opt->has_h = cmd->count("--h") > 0;
    action = [opt, io] { run_diff(*opt, io.out); };
  });
}

}  // namespace kobai::cli
