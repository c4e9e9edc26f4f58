#include "kobai/plot/lesson.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <span>
#include <system_error>

#include "axes.hpp"
#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"
#include "scene.hpp"

namespace kobai {
namespace {

namespace fs = std::filesystem;

struct figure {
  std::string name;     // file name without the extension
  std::string heading;  // index.md section heading
  plot_options options;
  std::vector<trace> runs;
  std::size_t step = 0;  // the step whose arithmetic follows, 0 for none
};

std::string number(double v) {
  return fmt::format("{:.6g}", v);
}

// The folder must be new, empty, or given with force; it is created here.
void prepare_folder(const fs::path& dir, bool force) {
  std::error_code ec;
  const fs::file_status st = fs::status(dir, ec);
  if (fs::exists(st)) {
    if (!fs::is_directory(st)) throw usage_error(messages::lesson_not_a_folder(dir.string()));
    if (!force && !fs::is_empty(dir, ec)) {
      throw usage_error(messages::lesson_folder_not_empty(dir.string()));
    }
    return;
  }
  fs::create_directories(dir, ec);
  if (ec) throw usage_error(messages::plot_cannot_write(dir.string()));
}

// Indices of the two plotted variables (by --slice, or the first two).
std::pair<std::size_t, std::size_t> plotted(const std::vector<std::string>& variables,
                                            const std::vector<std::string>& slice) {
  if (slice.size() != 2) return {0, 1};
  const auto index = [&](const std::string& v) {
    const auto it = std::find(variables.begin(), variables.end(), v);
    return it == variables.end() ? std::size_t{0} : std::size_t(it - variables.begin());
  };
  return {index(slice[0]), index(slice[1])};
}

// The iterates the step figures draw: the figures cut a diverging path where it leaves the far
// box about the start and the minimum (detail::drawn_iterates), and the frame must hold what is
// drawn, not the part left out (or a short path sits in a vast empty frame).
std::size_t drawn_part(const trace& run, std::size_t ix, std::size_t iy, const plot_options& o) {
  std::vector<double> xs, ys;
  for (const auto& it : run.iterations) {
    xs.push_back(it.x[static_cast<Eigen::Index>(ix)]);
    ys.push_back(it.x[static_cast<Eigen::Index>(iy)]);
  }
  std::vector<double> px{xs.front()}, py{ys.front()};
  if (o.minimum.size() > std::max(ix, iy)) {
    px.push_back(o.minimum[ix]);
    py.push_back(o.minimum[iy]);
  }
  return detail::drawn_iterates(xs, ys, detail::far_limit(px, py));
}

// One frame for every figure: a box about the end of the drawn path (rounded to a round number,
// so the seed's run from (−2, 2) towards the origin is framed as −2.5..2.5) that holds the drawn
// path with a quarter to spare.
void choose_frame(const trace& run, std::size_t ix, std::size_t iy, plot_options& o) {
  const std::size_t n = std::max<std::size_t>(drawn_part(run, ix, iy, o), 1);
  const std::span<const iteration_record> its(run.iterations.data(), n);
  const Eigen::VectorXd& last = its.back().x;
  const auto ii = static_cast<Eigen::Index>(ix), jj = static_cast<Eigen::Index>(iy);
  double rx = 0, ry = 0;
  for (const auto& it : its) {
    if (std::isfinite(it.x[ii])) rx = std::max(rx, std::abs(it.x[ii] - last[ii]));
    if (std::isfinite(it.x[jj])) ry = std::max(ry, std::abs(it.x[jj] - last[jj]));
  }
  const double r = std::max({rx, ry, 1e-3});
  const double q = detail::nice_step(0, r, 4);
  const double cx = std::round(last[ii] / q) * q, cy = std::round(last[jj] / q) * q;
  double hx = 0, hy = 0;
  for (const auto& it : its) {
    if (std::isfinite(it.x[ii])) hx = std::max(hx, std::abs(it.x[ii] - cx));
    if (std::isfinite(it.x[jj])) hy = std::max(hy, std::abs(it.x[jj] - cy));
  }
  // Neither axis thinner than a quarter of the other (a path along one axis still has a surface).
  hx = std::max({hx, 0.25 * hy, 1e-3}) * 1.25;
  hy = std::max({hy, 0.25 * hx / 1.25, 1e-3}) * 1.25;
  if (!o.x_range) o.x_range = plot_range{cx - hx, cx + hx};
  if (!o.y_range) o.y_range = plot_range{cy - hy, cy + hy};
}

std::string pair_text(double x, double y) {
  return number(x) + ", " + number(y);
}

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) throw usage_error(messages::plot_cannot_write(file.string()));
}

}  // namespace

lesson_summary write_lesson(expr f, const trace& run, const lesson_options& options,
                            const fs::path& dir, std::vector<std::string> variables) {
  if (variables.empty()) variables = run.variables;
  if (variables.empty()) variables = kobai::variables(f);
  if (variables.size() < 2) {
    throw usage_error(messages::plot_needs_two_variables("lesson", variables.size(),
                                                         variables.empty() ? "" : variables[0]));
  }
  if (run.iterations.size() < 2) throw usage_error(messages::lesson_no_steps());
  if (options.extension != "png" && options.extension != "svg" && options.extension != "pdf") {
    throw usage_error(messages::plot_unknown_extension("." + options.extension));
  }
  const std::size_t last = run.iterations.size() - 1;
  std::vector<std::size_t> steps = options.steps;
  if (steps.empty()) steps = {1, 2, 3, last};
  std::erase_if(steps, [&](std::size_t k) { return k < 1 || k > last; });
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());

  plot_options base = options.figure;
  const auto [ix, iy] = plotted(variables, base.slice);
  const Eigen::VectorXd& start = run.iterations.front().x;
  for (const auto& it : run.iterations) {
    if (static_cast<std::size_t>(it.x.size()) != variables.size()) {
      throw usage_error(messages::plot_trace_mismatch(0, messages::lesson_trace_points));
    }
  }
  choose_frame(run, ix, iy, base);
  // The variables not plotted stay at the start's values in every figure.
  if (base.fixed.empty()) base.fixed.assign(start.data(), start.data() + start.size());
  const std::string formula_text = to_string(f);

  std::vector<figure> figures;
  const auto add = [&](std::string name, std::string heading, plot_kind kind, const auto& adjust) {
    figure fig{std::move(name), std::move(heading), base, {}, 0};
    fig.options.kind = kind;
    adjust(fig);
    figures.push_back(std::move(fig));
  };
  std::vector<double> centre = base.fixed, at_start = base.fixed;
  centre[ix] = 0.5 * (base.x_range->lo + base.x_range->hi);
  centre[iy] = 0.5 * (base.y_range->lo + base.y_range->hi);
  at_start[ix] = start[static_cast<Eigen::Index>(ix)];
  at_start[iy] = start[static_cast<Eigen::Index>(iy)];
  const std::string start_text = pair_text(at_start[ix], at_start[iy]);
  const std::string names = variables[ix] + ", " + variables[iy];

  add("surface", messages::lesson_surface(formula_text), plot_kind::surface,
      [&](figure& g) { g.options.title = g.heading; });
  add("sections", messages::lesson_sections(names, pair_text(centre[ix], centre[iy])),
      plot_kind::sections, [&](figure& g) {
        g.options.fixed = centre;
        g.options.surface = surface_style::none;
        g.options.title = g.heading;
      });
  trace start_only = run;
  start_only.iterations.resize(1);
  add("start", messages::lesson_start(names, start_text), plot_kind::surface, [&](figure& g) {
    g.runs = {start_only};
    g.options.title = g.heading;
  });
  add("start-sections", messages::lesson_start_sections(names, start_text), plot_kind::sections,
      [&](figure& g) {
        g.options.fixed = at_start;
        g.options.surface = surface_style::none;
        g.options.title = g.heading;
      });
  for (const std::size_t v : {ix, iy}) {
    add("partial-" + variables[v], messages::lesson_partial(variables[v]), plot_kind::partials,
        [&](figure& g) {
          g.options.fixed = at_start;
          g.options.wrt = {variables[v]};
          g.options.surface = surface_style::wire;
          g.options.title = g.heading;
        });
  }
  for (const std::size_t k : steps) {
    trace upto = run;
    upto.iterations.resize(k + 1);
    const double xk = run.iterations[k].x[static_cast<Eigen::Index>(ix)];
    const double yk = run.iterations[k].x[static_cast<Eigen::Index>(iy)];
    // A diverging run is framed about the part of its path the figures draw, so a later
    // iterate's title must not read as a point of the picture.
    const bool inside = xk >= base.x_range->lo && xk <= base.x_range->hi &&
                        yk >= base.y_range->lo && yk <= base.y_range->hi;
    add(fmt::format("step-{}", k),
        inside ? messages::lesson_step(k, names, pair_text(xk, yk))
               : messages::lesson_step_outside(k, names, pair_text(xk, yk)),
        plot_kind::wireframe, [&](figure& g) {
          g.runs = {std::move(upto)};
          g.step = k;
          g.options.title = g.heading;
        });
  }

  prepare_folder(dir, options.force);
  lesson_summary summary;
  summary.x_range = *base.x_range;
  summary.y_range = *base.y_range;
  std::string index = messages::lesson_index_title(formula_text);
  index += messages::lesson_index_run(names, start_text, run.method, last);
  if (!options.preamble.empty()) index += messages::lesson_index_preamble(options.preamble);
  const int digits = figures.size() >= 100 ? 3 : 2;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    const figure& g = figures[i];
    const std::string file = fmt::format("{:0{}}-{}.{}", i + 1, digits, g.name, options.extension);
    const plot_summary s = write_plot(f, g.runs, g.options, dir / file, variables);
    summary.files.push_back(dir / file);
    if (!s.caption.empty() &&
        std::find(summary.notes.begin(), summary.notes.end(), s.caption) == summary.notes.end()) {
      summary.notes.push_back(s.caption);
    }
    index += messages::lesson_index_figure(i + 1, g.heading, file);
    if (g.step > 0 && options.arithmetic) {
      index += messages::lesson_index_arithmetic(options.arithmetic(g.step));
    }
  }
  write_text(dir / "index.md", index);
  summary.files.push_back(dir / "index.md");
  return summary;
}

}  // namespace kobai
