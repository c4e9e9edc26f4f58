#pragma once
// A test problem chosen on the command line: its name and, for problems whose dimensions can be
// chosen, --n and --m. `kobai problems` and `kobai minimize --problem` read them the same way.
#include <cstddef>
#include <string>

#include <CLI/CLI.hpp>

#include "kobai/problems/problems.hpp"

namespace kobai::cli {

/// --n and --m as given; 0 when not given.
struct problem_size {
  std::size_t n = 0;
  std::size_t m = 0;
  bool given() const { return n != 0 || m != 0; }
};

/// Adds --n and --m to `cmd`, each a count from 1 to the largest problem kobai builds.
void add_dimension_options(CLI::App& cmd, problem_size& d);

/// The problem called `name` with the dimensions given, or with its defaults when none were.
/// Throws usage_error for an unknown name, dimensions without a name, or dimensions the problem
/// does not take (naming its rule, e.g. an even n).
problems::problem choose_problem(const std::string& name, const problem_size& d);

}  // namespace kobai::cli
