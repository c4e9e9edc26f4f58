// kobai problems [NAME] [--n N] [--m M]
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
}  // namespace

void add_problems(CLI::App& app, streams io, std::function<void()>& action) {
  auto opt = std::make_shared<problems_options>();
  CLI::App* cmd = app.add_subcommand("problems", std::string(messages::problems_description));
  cmd->add_option("name", opt->name, std::string(messages::problem_name_help));
  add_dimension_options(*cmd, opt->size);
  cmd->callback([opt, io, &action] {
    action = [opt, io] {
      if (opt->name.empty() && !opt->size.given()) {
        list(io.out);
        return;
      }
      show(choose_problem(opt->name, opt->size), io.out);
    };
  });
}

}  // namespace kobai::cli
