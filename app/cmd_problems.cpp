// kobai problems [NAME] [--n N] [--m M] [--json]
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/expr/print.hpp"
#include "kobai/problems/problems.hpp"
#include "messages_problems.hpp"
#include "problem_options.hpp"

namespace kobai::cli {
namespace {

struct problems_options {
  std::string name;
  problem_size size;
  bool json = false;
};

std::string point_text(const Eigen::VectorXd& x) {
  std::string s = "(";
  for (Eigen::Index i = 0; i < x.size(); ++i) s += (i > 0 ? ", " : "") + format_number(x[i]);
  return s + ")";
}

std::string minimum_text(double f) {
  return std::isnan(f) ? std::string(messages::unknown_minimum) : format_number(f);
}

void list(std::ostream& out) {
  out << messages::problems_header << '\n';
  for (const problems::problem& p : problems::all())
    out << p.name << "  " << (p.mgh > 0 ? std::to_string(p.mgh) : "-") << "  " << p.n << "  "
        << (p.m > 0 ? std::to_string(p.m) : "-") << "  " << minimum_text(p.f_star()) << "  "
        << point_text(p.start) << '\n';
}

void show(const problems::problem& p, std::ostream& out) {
  const tape t = compile(parse(p.formula).root(), p.variables());
  const double f0 =
      t.value(std::span<const double>(p.start.data(), static_cast<std::size_t>(p.start.size())));
  out << messages::problem_title(p.title, p.mgh) << '\n';
  out << messages::problem_dimensions(p.n, p.m) << '\n';
  out << messages::problem_formula(p.formula) << '\n';
  out << messages::problem_start(point_text(p.start), format_number(f0)) << '\n';
  for (const problems::minimum& m : p.minima)
    out << messages::problem_minimum(m.global, format_number(m.f),
                                     m.x.size() > 0 ? point_text(m.x) : std::string(), m.note)
        << '\n';
  if (!p.note.empty()) out << messages::problem_note(p.note) << '\n';
}
// A number, or null where none is known (f* of a size without a published minimum).
nlohmann::ordered_json number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json vector_json(const Eigen::VectorXd& x) {
  if (x.size() == 0) return nullptr;
  return std::vector<double>(x.data(), x.data() + x.size());
}

// Everything a program needs to run the problem itself: the formula over its variables, the
// start, and each known minimum with what may be checked of it.
nlohmann::ordered_json problem_json(const problems::problem& p) {
  nlohmann::ordered_json minima = nlohmann::ordered_json::array();
  for (const problems::minimum& m : p.minima)
    minima.push_back({{"x", vector_json(m.x)},
                      {"f", number(m.f)},
                      {"global", m.global},
                      {"exact", m.exact},
                      {"isolated", m.isolated},
                      {"any_order", m.any_order},
                      {"note", m.note}});
  return {{"name", p.name},
          {"title", p.title},
          {"mgh", p.mgh > 0 ? nlohmann::ordered_json(p.mgh) : nlohmann::ordered_json(nullptr)},
          {"n", p.n},
          {"m", p.m > 0 ? nlohmann::ordered_json(p.m) : nlohmann::ordered_json(nullptr)},
          {"variable_dimension", p.variable_dimension},
          {"variables", p.variables()},
          {"formula", p.formula},
          {"residuals", p.residuals},
          {"start", vector_json(p.start)},
          {"f_star", number(p.f_star())},
          {"minima", minima},
          {"note", p.note}};
}

}  // namespace

void add_problems(CLI::App& app, streams io, std::function<void()>& action) {
  auto opt = std::make_shared<problems_options>();
  CLI::App* cmd = app.add_subcommand("problems", std::string(messages::problems_description));
  cmd->add_option("name", opt->name, std::string(messages::problem_name_help));
  add_dimension_options(*cmd, opt->size);
  cmd->add_flag("--json", opt->json, std::string(messages::problems_json_help));
  cmd->callback([opt, io, &action] {
    action = [opt, io] {
      if (opt->name.empty() && !opt->size.given()) {
        if (!opt->json) return list(io.out);
        nlohmann::ordered_json all = nlohmann::ordered_json::array();
        for (const problems::problem& p : problems::all()) all.push_back(problem_json(p));
        io.out << all.dump(1) << '\n';
        return;
      }
      const problems::problem p = choose_problem(opt->name, opt->size);
      if (opt->json)
        io.out << problem_json(p).dump(1) << '\n';
      else
        show(p, io.out);
    };
  });
}

}  // namespace kobai::cli
