#pragma once
// Runs the command line in-process, as the CLI tests do: the exit code and both streams.
#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"

namespace kobai::cli::test {

struct result {
  int code;
  std::string out, err;
};

inline result run_cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = run(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace kobai::cli::test
