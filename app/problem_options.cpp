#include "problem_options.hpp"

#include "cli.hpp"
#include "kobai/error.hpp"
#include "messages_problems.hpp"

namespace kobai::cli {
namespace {
// Showing a problem writes its formula, about 30 characters per variable: 10⁶ variables take 18 s
// and 1 GB, so a larger n is refused rather than left to run out of memory.
constexpr std::size_t max_problem_size = 1'000'000;
}  // namespace

void add_dimension_options(CLI::App& cmd, problem_size& d) {
  cmd.add_option("--n", d.n, std::string(messages::problem_n_help))
      ->check(count_in(1, max_problem_size));
  cmd.add_option("--m", d.m, std::string(messages::problem_m_help))
      ->check(count_in(1, max_problem_size));
}

problems::problem choose_problem(const std::string& name, const problem_size& d) {
  if (name.empty()) throw usage_error(messages::problem_dimension_needs_name());
  const problems::problem* p = problems::find_problem(name);
  if (p == nullptr) throw usage_error(messages::problem_unknown(name));
  if (!d.given()) return *p;
  return problems::make_problem(name, d.n == 0 ? p->n : d.n, d.m);
}

}  // namespace kobai::cli
