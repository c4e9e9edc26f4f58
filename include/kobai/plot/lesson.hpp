#pragma once
// The worked example of the gradient method on a function of two variables as a numbered set of
// figures, one per idea, and an index.md that shows them in order (the seed page's figures):
//   01-surface     the surface f(x, y)
//   02-sections    the two sections through the centre of the frame ("two parabolas crossed")
//   03-start       the surface with the start point
//   04-start-sections  the sections through the start point
//   05-partial-x, 06-partial-y  the surface with each partial-derivative surface (green)
//   07-step-1 ...  the path so far after steps 1, 2, 3 and the last, in one shared frame
// Under each step figure index.md quotes the worked arithmetic of that step (the caller supplies
// it: kobai::explain_step, the same text as `kobai minimize --explain`).
//
//   kobai::lesson_options o;
//   o.arithmetic = [&](std::size_t k) { return kobai::explain_step(result, method, k); };
//   kobai::write_lesson(f, result.trace, o, "lesson/");
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "kobai/plot/plot.hpp"

namespace kobai {

struct lesson_options {
  /// Size, dpi, view, slice, point values and ranges of every figure (its kind is ignored). The
  /// ranges, when absent, are chosen once from the run and shared by every figure.
  plot_options figure{};
  /// Image type of the figures: "png", "svg" or "pdf".
  std::string extension = "png";
  /// Write into a folder that already holds files (files of the same names are replaced).
  bool force = false;
  /// The steps drawn (each in 1..iterations − 1, increasing). Empty: 1, 2, 3 and the last.
  std::vector<std::size_t> steps{};
  /// index.md: text shown before the figures (the partial derivatives), verbatim; may be empty.
  std::string preamble{};
  /// index.md: the worked arithmetic of step k, shown under its figure; unset for none.
  std::function<std::string(std::size_t)> arithmetic{};
};

struct lesson_summary {
  std::vector<std::filesystem::path> files;  ///< the figures then index.md, in order
  std::vector<std::string> notes;            ///< caption notes of the figures (domain extended...)
  /// The frame every figure shares: it holds the drawn path (up to where a diverging one is cut).
  plot_range x_range, y_range;
};

/// Writes the lesson for `f` (over `variables`, empty: the run's variables) and its descent
/// `run` into `dir`, creating it. Throws usage_error for a formula of one variable, a run with no
/// steps, a folder that exists and is not empty (unless force), or one that cannot be written.
lesson_summary write_lesson(expr f, const trace& run, const lesson_options& options,
                            const std::filesystem::path& dir,
                            std::vector<std::string> variables = {});

}  // namespace kobai
