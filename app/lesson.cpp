#include "lesson.hpp"

#include <filesystem>
#include <ostream>

#include "kobai/diff/symbolic.hpp"
#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"
#include "kobai/plot/lesson.hpp"
#include "kobai/report/report.hpp"
#include "messages_plot.hpp"

namespace kobai::cli {

void write_lesson_folder(expr f, const trace& run, const method_options& method,
                         const plot_options& figure, const std::string& extension,
                         const std::string& dir, bool force,
                         const std::vector<std::string>& variables, int digits, streams io,
                         const std::string& outcome) {
  lesson_options o{.figure = figure, .extension = extension, .force = force};
  if (!outcome.empty()) o.preamble = outcome + "\n\n";
  explain_options eo{.digits = digits};
  try {
    for (const std::string& v : variables) eo.partials.push_back(to_string(derivative(f, v)));
  } catch (const error&) {
    eo.partials.clear();  // a derivative too large to print: the arithmetic still shows
  }
  for (std::size_t i = 0; i < eo.partials.size(); ++i)
    o.preamble += messages::lesson_partial_line(variables[i], eo.partials[i]);
  // explain_step reads the gradient at each iterate; a trace without it gets no arithmetic.
  bool has_gradients = true;
  for (const auto& it : run.iterations) has_gradients &= it.gradient.size() == it.x.size();
  result r;
  r.trace = run;
  if (!run.iterations.empty()) r.x = run.iterations.back().x;
  if (has_gradients) o.arithmetic = [&](std::size_t k) { return explain_step(r, method, k, eo); };
  const lesson_summary s = write_lesson(f, run, o, std::filesystem::path(dir), variables);
  for (const auto& file : s.files) io.out << messages::plot_wrote(file.string(), 1);
  for (const auto& note : s.notes) io.out << messages::plot_note(note);
  if (!outcome.empty()) io.out << messages::plot_note(outcome);
}

}  // namespace kobai::cli
