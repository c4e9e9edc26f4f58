// kobai problems [NAME] [--n N] [--m M]
#include <ostream>

#include "cli.hpp"
#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/expr/print.hpp"
#include "kobai/problems/problems.hpp"
#include "messages_problems.hpp"

namespace kobai::cli {
namespace {
// Showing a problem writes its formula, about 30 characters per variable: 10⁶ variables take 18 s
// and 1 GB, so a larger n is refused rather than left to run out of memory.
constexpr std::size_t max_problem_size = 1'000'000;

struct problems_options {
  std::string name;
  std::size_t n = 0;
  std::size_t m = 0;
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
  cmd->add_option("--n", opt->n, std::string(messages::problem_n_help))
      ->check(count_in(1, max_problem_size));
  cmd->add_option("--m", opt->m, std::string(messages::problem_m_help))
      ->check(count_in(1, max_problem_size));
  cmd->callback([opt, io, &action] {
    action = [opt, io] {
      if (opt->name.empty()) {
        if (opt->n != 0 || opt->m != 0) throw usage_error(messages::problem_dimension_needs_name());
        list(io.out);
        return;
      }
      const problems::problem* p = problems::find_problem(opt->name);
      if (p == nullptr) throw usage_error(messages::problem_unknown(opt->name));
      if (opt->n == 0 && opt->m == 0) {
        show(*p, io.out);
        return;
      }
      show(problems::make_problem(opt->name, opt->n == 0 ? p->n : opt->n, opt->m), io.out);
    };
  });
}

}  // namespace kobai::cli
