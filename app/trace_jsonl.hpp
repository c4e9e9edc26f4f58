#pragma once
// Reading back the JSON Lines trace that `kobai minimize --trace FILE` writes (report/): a header
// line (formula, variables, method, options), one line per iteration (k, x, f, g, gradient_norm,
// step_length, rate, state), line-search trial points, and a result line. Non-finite numbers are
// written as null and read back as NaN.
#include <string>

#include "kobai/trace.hpp"

namespace kobai::cli {

/// The trace in `path`. Throws usage_error naming the file (and line) when it cannot be read or
/// is not a kobai trace.
trace read_trace_jsonl(const std::string& path);

}  // namespace kobai::cli
