#pragma once
// The lesson folder from the command line: `kobai lesson`, and the kind `lesson` of `kobai plot
// --trace` and `kobai minimize --plot DIR --plot-kind lesson`. Adds to kobai::write_lesson the
// worked arithmetic of each step (kobai::explain_step, the text of `kobai minimize --explain`).
#include <string>
#include <vector>

#include "cli.hpp"
#include "kobai/expr/expr.hpp"
#include "kobai/optim/methods.hpp"
#include "kobai/plot/plot.hpp"
#include "kobai/trace.hpp"

namespace kobai::cli {

/// Writes the lesson of `run` (made by `method`) into `dir`, figures of type `extension` (png,
/// svg, pdf), and reports each file on io.out. `digits`: significant digits of the arithmetic.
/// `outcome` (when not empty: how the run ended early) heads index.md and is printed as a note.
void write_lesson_folder(expr f, const trace& run, const method_options& method,
                         const plot_options& figure, const std::string& extension,
                         const std::string& dir, bool force,
                         const std::vector<std::string>& variables, int digits, streams io,
                         const std::string& outcome = {});

}  // namespace kobai::cli
