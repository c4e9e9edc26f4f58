#include "plot_options.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <ostream>
#include <string_view>
#include <utility>

#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/optim/minimize.hpp"
#include "kobai/optim/objective.hpp"
#include "lesson.hpp"
#include "messages_plot.hpp"
#include "method_text.hpp"
#include "point.hpp"

namespace kobai::cli {
namespace {

double constant(const std::string& text, const std::string& whole,
                std::string (*message)(std::string_view)) {
  try {
    const formula f = parse(text);
    if (!f.variables().empty()) throw usage_error(message(whole));
    return f.evaluate({});
  } catch (const parse_error&) {
    throw usage_error(message(whole));
  } catch (const numerical_error&) {
    throw usage_error(message(whole));
  }
}

// WIDTHxHEIGHT: 1 to 9 digits each, around x, X or ×, with white space allowed around each part;
// each side capped at 2³⁰ pixels. Read by hand because × is two bytes in UTF-8, which a std::regex
// bracket [xX×] takes as two one-byte alternatives (so 800×600 never matched).
std::optional<std::pair<int, int>> image_size(std::string_view text) {
  const auto skip_spaces = [&] {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
      text.remove_prefix(1);
  };
  const auto digits = [&]() -> std::optional<int> {
    skip_spaces();
    long value = 0;
    std::size_t count = 0;
    while (count < text.size() && text[count] >= '0' && text[count] <= '9' && count < 10)
      value = value * 10 + (text[count++] - '0');
    if (count == 0 || count > 9) return std::nullopt;
    text.remove_prefix(count);
    skip_spaces();
    return static_cast<int>(std::min(value, 1L << 30));
  };
  const std::optional<int> width = digits();
  if (!width) return std::nullopt;
  if (text.starts_with('x') || text.starts_with('X')) {
    text.remove_prefix(1);
  } else if (text.starts_with("×")) {
    text.remove_prefix(std::string_view("×").size());
  } else {
    return std::nullopt;
  }
  const std::optional<int> height = digits();
  if (!height || !text.empty()) return std::nullopt;
  return std::pair{*width, *height};
}

std::vector<double> numbers(const std::string& text, std::string (*message)(std::string_view)) {
  std::vector<double> r;
  if (text.empty()) return r;
  for (const std::string& part : split_top_level(text)) r.push_back(constant(part, text, message));
  return r;
}

// "x=-3:3,y=-2:2" or "-3:3,-2:2": ranges of the plotted variables (first is the horizontal axis).
void read_ranges(const std::string& text, const std::vector<std::string>& plotted,
                 plot_options& o) {
  if (text.empty()) return;
  const std::vector<std::string> parts = split_top_level(text);
  if (parts.size() > 2) throw usage_error(messages::plot_bad_range(text));
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string body = parts[i];
    std::size_t axis = i;
    const auto eq = body.find('=');
    if (eq != std::string::npos) {
      const std::string name = body.substr(0, eq);
      const auto it = std::find(plotted.begin(), plotted.end(), name);
      if (it == plotted.end()) throw usage_error(messages::plot_bad_range(text));
      axis = static_cast<std::size_t>(it - plotted.begin());
      body = body.substr(eq + 1);
    }
    // The separator is the ':' that is not the sign of the upper bound.
    const auto colon = body.find(':', 1);
    if (colon == std::string::npos) throw usage_error(messages::plot_bad_range(text));
    const plot_range r{constant(body.substr(0, colon), text, messages::plot_bad_range),
                       constant(body.substr(colon + 1), text, messages::plot_bad_range)};
    if (!(r.lo < r.hi)) throw usage_error(messages::plot_bad_range(text));
    (axis == 0 ? o.x_range : o.y_range) = r;
  }
}

// --at: positional, a value for every variable in order; by name, the plotted variables may be
// left out (--at z=1 with --slice x,y), since the help promises "values of the variables not
// plotted". A plotted variable left out is NaN, which write_plot takes as "its default" (the
// trace's point, or 0).
std::vector<double> read_at(const std::string& text, const std::vector<std::string>& variables,
                            const std::vector<std::string>& plotted) {
  const std::vector<std::string> parts = split_top_level(text);
  std::vector<std::string> named;
  for (const std::string& p : parts) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || p.find('(') < eq) return parse_point(text, variables);
    std::string name = p.substr(0, eq);
    std::erase_if(name, [](char ch) { return std::isspace(static_cast<unsigned char>(ch)); });
    // An unknown name: parse_point's message lists every variable.
    if (std::find(variables.begin(), variables.end(), name) == variables.end())
      return parse_point(text, variables);
    named.push_back(name);
  }
  std::vector<std::string> asked;
  for (const std::string& v : variables) {
    const bool left_out = std::find(named.begin(), named.end(), v) == named.end();
    if (!left_out || std::find(plotted.begin(), plotted.end(), v) == plotted.end())
      asked.push_back(v);
  }
  if (asked.size() == variables.size()) return parse_point(text, variables);
  const std::vector<double> given = parse_point(text, asked);
  std::vector<double> x(variables.size(), std::nan(""));
  for (std::size_t i = 0, j = 0; i < variables.size(); ++i) {
    if (j < asked.size() && asked[j] == variables[i]) x[i] = given[j++];
  }
  return x;
}

// The kinds that mark a minimizer with '+'.
bool marks_minimum(plot_kind k) {
  return k == plot_kind::curve || k == plot_kind::contour || k == plot_kind::wireframe ||
         k == plot_kind::surface || k == plot_kind::compare;
}

}  // namespace

std::vector<double> nearby_minimum(expr f, std::span<const trace> traces,
                                   const std::vector<std::string>& variables) {
  // The lowest finite iterate of any run: a diverged run's end would be a poor start.
  const Eigen::VectorXd* from = nullptr;
  double lowest = INFINITY;
  for (const trace& t : traces) {
    for (const iteration_record& it : t.iterations) {
      if (std::isfinite(it.f) && it.f < lowest && it.x.allFinite() &&
          static_cast<std::size_t>(it.x.size()) == variables.size()) {
        lowest = it.f;
        from = &it.x;
      }
    }
  }
  if (from == nullptr) return {};
  try {
    const method_options method = lbfgs{};
    minimize_options o = default_options(method);
    o.gtol = 1e-9;
    const result r = minimize(tape_objective(compile(f, variables)), *from, method, o);
    if (!converged(r.status) || !r.x.allFinite() || !(r.f <= lowest)) return {};
    return {r.x.data(), r.x.data() + r.x.size()};
  } catch (const error&) {
    return {};  // f or its gradient undefined where the search went: nothing to mark
  }
}

void add_drawing_options(CLI::App& cmd, plot_arguments& a, bool with_panels) {
  cmd.add_option("--range", a.range, std::string(messages::plot_range_help));
  cmd.add_option("--tangent-at", a.tangent_at, std::string(messages::plot_tangent_help));
  cmd.add_option("--view", a.view, std::string(messages::plot_view_help));
  cmd.add_flag("--field", a.field, std::string(messages::plot_field_help));
  cmd.add_flag("--filled", a.filled, std::string(messages::plot_filled_help));
  cmd.add_option("--slice", a.slice, std::string(messages::plot_slice_help));
  cmd.add_option("--at", a.at, std::string(messages::plot_at_help));
  cmd.add_option("--minimum", a.minimum, std::string(messages::plot_minimum_help));
  cmd.add_option("--levels", a.levels, std::string(messages::plot_levels_help));
  cmd.add_option("--grid", a.grid, std::string(messages::plot_grid_help));
  cmd.add_option("--size", a.size, std::string(messages::plot_size_help));
  cmd.add_option("--dpi", a.dpi, std::string(messages::plot_dpi_help));
  cmd.add_option("--fps", a.fps, std::string(messages::plot_fps_help));
  cmd.add_option("--frames", a.frames, std::string(messages::plot_frames_help));
  CLI::Option* loop = cmd.add_option("--loop", a.loop, std::string(messages::plot_loop_help));
  cmd.add_flag("--no-loop", a.no_loop, std::string(messages::plot_no_loop_help))->excludes(loop);
  cmd.add_option("--title", a.title, std::string(messages::plot_title_help));
  if (with_panels) {
    CLI::Option* overlay =
        cmd.add_flag("--overlay", a.overlay, std::string(messages::plot_overlay_help));
    cmd.add_flag("--panels", a.panels, std::string(messages::plot_panels_help))->excludes(overlay);
  }
  cmd.add_option("--surface", a.surface, std::string(messages::plot_surface_help));
  cmd.add_option("--wrt", a.wrt, std::string(messages::plot_wrt_help));
  cmd.add_flag("--force", a.force, std::string(messages::plot_force_help));
}

plot_kind parse_plot_kind(const std::string& name) {
  const auto k = plot_kind_from_string(name);
  if (!k) throw usage_error(messages::plot_unknown_kind(name, plot_kind_names()));
  return *k;
}

plot_options make_plot_options(const plot_arguments& a, plot_kind kind,
                               const std::vector<std::string>& variables) {
  plot_options o{.kind = kind,
                 .dpi = a.dpi,
                 .field = a.field,
                 .filled = a.filled,
                 .levels = a.levels,
                 .grid = a.grid,
                 .panels = a.panels,
                 .title = a.title,
                 .fps = a.fps,
                 .frames = a.frames,
                 .loop = a.no_loop ? 1 : a.loop};
  const std::optional<std::pair<int, int>> size = image_size(a.size);
  if (!size) throw usage_error(messages::plot_bad_size(a.size));
  o.width = size->first;
  o.height = size->second;
  o.tangent_at = numbers(a.tangent_at, messages::plot_bad_tangent);
  if (!a.view.empty()) {
    const std::vector<double> v = numbers(a.view, messages::plot_bad_view);
    if (v.size() != 2) throw usage_error(messages::plot_bad_view(a.view));
    o.elevation = v[0];
    o.azimuth = v[1];
  }
  if (!a.slice.empty()) o.slice = split_top_level(a.slice);
  if (!a.wrt.empty()) o.wrt = split_top_level(a.wrt);
  if (a.surface == "none") {
    o.surface = surface_style::none;
  } else if (a.surface == "shaded") {
    o.surface = surface_style::shaded;
  } else if (!a.surface.empty() && a.surface != "wire") {
    throw usage_error(messages::plot_bad_surface(a.surface));
  }
  std::vector<std::string> plotted = o.slice;
  if (plotted.empty()) {
    plotted.assign(variables.begin(),
                   variables.begin() + std::min<std::ptrdiff_t>(2, variables.size()));
  }
  if (!a.at.empty()) o.fixed = read_at(a.at, variables, plotted);
  if (!a.minimum.empty()) o.minimum = parse_point(a.minimum, variables);
  read_ranges(a.range, plotted, o);
  return o;
}

void draw_and_report(expr f, std::span<const trace> traces, const plot_options& options,
                     const std::string& file, const std::vector<std::string>& variables, streams io,
                     bool force) {
  if (options.kind == plot_kind::lesson) {
    if (traces.empty()) throw usage_error(messages::lesson_needs_trace());
    write_lesson_folder(f, traces.front(), method_of_trace(traces.front()), options, "png", file,
                        force, variables, 10, io);
    return;
  }
  plot_options o = options;
  if (o.minimum.empty() && marks_minimum(o.kind)) o.minimum = nearby_minimum(f, traces, variables);
  const plot_summary s = write_plot(f, traces, o, file, variables);
  io.out << messages::plot_wrote(file, s.frames);
  if (!s.caption.empty()) io.out << messages::plot_note(s.caption);
}

plot_hook add_plot_options(CLI::App& cmd, streams io) {
  struct state {
    std::string file, kind;
    plot_arguments args;
  };
  auto st = std::make_shared<state>();
  cmd.add_option("--plot", st->file, std::string(messages::plot_file_help));
  const std::size_t before = cmd.get_options().size();
  cmd.add_option("--plot-kind", st->kind, std::string(messages::plot_file_kind_help));
  add_drawing_options(cmd, st->args);
  // The options that only shape the picture: given without --plot they would do nothing.
  std::vector<CLI::Option*> drawing = cmd.get_options();
  drawing.erase(drawing.begin(), drawing.begin() + static_cast<std::ptrdiff_t>(before));
  const auto kind_for = [st](const std::vector<std::string>& vars) {
    return st->kind.empty() ? (vars.size() == 1 ? plot_kind::curve : plot_kind::contour)
                            : parse_plot_kind(st->kind);
  };
  plot_hook hook;
  hook.check = [st, kind_for, drawing](const std::vector<std::string>& vars) {
    if (st->file.empty()) {
      for (const CLI::Option* o : drawing)
        if (o->count() > 0) throw usage_error(messages::plot_option_without_plot(o->get_name()));
      return;
    }
    const plot_kind kind = kind_for(vars);
    make_plot_options(st->args, kind, vars);
    if (kind != plot_kind::lesson) {
      check_plot_file(st->file, kind);
      check_plot_dimension(kind, vars);
    }
  };
  hook.draw = [st, io, kind_for](expr f, const trace& t, std::span<const double> known_minimum) {
    if (st->file.empty()) return;
    std::vector<std::string> vars = t.variables.empty() ? variables(f) : t.variables;
    plot_options o = make_plot_options(st->args, kind_for(vars), vars);
    if (o.minimum.empty()) o.minimum.assign(known_minimum.begin(), known_minimum.end());
    draw_and_report(f, std::span<const trace>(&t, 1), o, st->file, vars, io, st->args.force);
  };
  return hook;
}

}  // namespace kobai::cli
