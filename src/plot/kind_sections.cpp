// The kinds of the two-variable lesson, each drawn about one point (x₀, y₀) in the 3-D box:
// sections (the curves z = f(x, y₀) and z = f(x₀, y), crossing at the point: "a function of two
// variables is two functions of one variable crossed at right angles"), partials (the surface
// z = ∂f/∂x over the same domain, the seed's green plane 2x) and tangent-plane (z = f(a) +
// Σ ∂f/∂xᵢ(a)(xᵢ − aᵢ) near the point, its equation as `kobai tangent` prints it).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "kobai/diff/symbolic.hpp"
#include "kobai/diff/tangent.hpp"
#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"
#include "scene.hpp"
#include "view3d.hpp"

namespace kobai::detail {
namespace {

namespace palette {
inline constexpr rgb faint_wire{0.70, 0.76, 0.86};
inline constexpr rgb section_x{0.12, 0.40, 0.70};
inline constexpr rgb section_y{0.90, 0.45, 0.05};
inline constexpr rgb partial{0.18, 0.62, 0.25};  // the seed's green plane
inline constexpr rgb plane{0.95, 0.55, 0.10};
}  // namespace palette

constexpr int section_samples = 241;

std::string number(double v) {
  return fmt::format("{:.6g}", v);
}

std::string point_text(const scene& s) {
  return fmt::format("{}, {}", number(s.base[s.ix]), number(s.base[s.iy]));
}

// z range of the values (clipped when a pole would flatten the rest) and a note when clipped.
plot_range z_range_of(std::vector<double> zs, std::vector<std::string>& notes) {
  bool clipped = false;
  const plot_range zr = widen(robust_range(std::move(zs), clipped));
  if (clipped) notes.push_back(messages::plot_clipped_values(zr.lo, zr.hi));
  return zr;
}

// The title over the figure and a projection fitted into the area under it (left..left+width).
projection open_view(canvas& c, const scene& s, plot_range zr, double left, double width,
                     double top) {
  const double font = base_font(c);
  projection pr(s.xr, s.yr, zr, s.options->elevation, s.options->azimuth);
  const double margin = font * 4;
  fit_box(c, pr, left + margin, top + font, width - 2 * margin,
          c.height() - top - font * 3.5 - margin * 0.5, font);
  draw_box(c, pr, s.variables[s.ix], s.variables[s.iy], "z", font);
  return pr;
}

double draw_title(canvas& c, const scene& s) {
  const double font = base_font(c), top = font * 3.2;
  c.text(c.width() / 2, top * 0.55, s.title, font * 1.15, colors::black, h_align::center,
         v_align::middle, 0, true);
  return top;
}

std::vector<mesh> surface_mesh(const scene& s) {
  switch (s.options->surface) {
    case surface_style::none:
      return {};
    case surface_style::wire:
      return {{.gx = &s.gx, .gy = &s.gy, .z = &s.values, .color = palette::faint_wire}};
    case surface_style::shaded:
      return {{.gx = &s.gx, .gy = &s.gy, .z = &s.values, .kind = mesh::style::shaded}};
  }
  return {};
}

// The point on a surface: a dashed drop line to the floor, then a dot.
void mark_point(canvas& c, const projection& pr, double x, double y, double z, rgb color) {
  if (!inside(pr, x, y, z)) return;
  const double u = c.unit();
  double ax, ay, bx, by;
  pr.image(x, y, pr.z_range().lo, ax, ay);
  pr.image(x, y, z, bx, by);
  const double dash[] = {4 * u, 3 * u};
  cairo_set_dash(c.cr(), dash, 2, 0);
  c.line(ax, ay, bx, by);
  c.set_color(colors::axis);
  cairo_set_line_width(c.cr(), 1 * u);
  cairo_stroke(c.cr());
  cairo_set_dash(c.cr(), nullptr, 0, 0);
  dot(c, bx, by, 5 * u, color);
}

// The legend in the top-right corner of the area left..left+width under the title.
void legend_box(canvas& c, double left, double width, double top,
                const std::vector<legend_entry>& entries, std::vector<std::string>& texts) {
  const double font = base_font(c);
  const axes area(left, top, width, c.height() - top, {0, 1}, {0, 1});
  area.draw_legend(c, entries, font * 0.95);
  for (const auto& e : entries) texts.push_back(e.label);
}

std::string join_notes(const std::vector<std::string>& notes) {
  std::string r;
  for (const auto& n : notes) r += (r.empty() ? "" : "; ") + n;
  return r;
}

plot_panel panel_of(const canvas& c, const scene& s, const projection& pr, double left,
                    double width, double top) {
  plot_panel p{left, top, width, c.height() - top, s.xr, s.yr, false};
  p.projection = pr.affine();
  return p;
}

}  // namespace

panels draw_sections(canvas& c, const scene& s, plot_summary& summary) {
  std::vector<std::string>& legend = summary.legend;
  const double font = base_font(c), u = c.unit();
  const double x0 = s.base[s.ix], y0 = s.base[s.iy], f0 = s.f2(x0, y0);
  // The two curves, sampled finely enough to read as smooth at any size.
  std::vector<double> ax(section_samples), ay(section_samples, y0), az(section_samples);
  std::vector<double> bx(section_samples, x0), by(section_samples), bz(section_samples);
  for (int k = 0; k < section_samples; ++k) {
    const double t = static_cast<double>(k) / (section_samples - 1);
    ax[k] = s.xr.lo + (s.xr.hi - s.xr.lo) * t;
    by[k] = s.yr.lo + (s.yr.hi - s.yr.lo) * t;
    az[k] = s.f2(ax[k], y0);
    bz[k] = s.f2(x0, by[k]);
  }
  std::vector<double> zs =
      s.options->surface == surface_style::none ? std::vector<double>{} : s.values;
  zs.insert(zs.end(), az.begin(), az.end());
  zs.insert(zs.end(), bz.begin(), bz.end());
  std::vector<std::string> notes = s.notes;
  const plot_range zr = z_range_of(std::move(zs), notes);
  if (!std::isfinite(f0)) notes.push_back(messages::plot_undefined_at_point(point_text(s)));

  const double top = draw_title(c, s);
  const projection pr = open_view(c, s, zr, 0, c.width(), top);
  const std::vector<mesh> surface = surface_mesh(s);
  draw_meshes(c, pr, surface);
  cairo_set_line_width(c.cr(), 2.6 * u);
  polyline3(c, pr, ax, ay, az);
  c.set_color(palette::section_x);
  cairo_stroke(c.cr());
  cairo_set_line_width(c.cr(), 2.6 * u);
  polyline3(c, pr, bx, by, bz);
  c.set_color(palette::section_y);
  cairo_stroke(c.cr());
  mark_point(c, pr, x0, y0, f0, colors::path);

  const std::string& vx = s.variables[s.ix];
  const std::string& vy = s.variables[s.iy];
  legend_box(c, 0, c.width(), top,
             {{messages::plot_section_label(vy, number(y0)), palette::section_x},
              {messages::plot_section_label(vx, number(x0)), palette::section_y},
              {messages::plot_point_label(point_text(s), number(f0)), colors::path,
               legend_entry::style::marker}},
             legend);
  summary.caption = join_notes(notes);
  draw_caption(c, summary.caption, font);
  return {panel_of(c, s, pr, 0, c.width(), top)};
}

panels draw_partials(canvas& c, const scene& s, plot_summary& summary) {
  std::vector<std::string>& legend = summary.legend;
  const double font = base_font(c);
  const std::string& vx = s.variables[s.ix];
  const std::string& vy = s.variables[s.iy];
  std::vector<std::string> wrt = s.options->wrt;
  if (wrt.empty()) wrt = {vx};
  if (wrt.size() > 2) throw usage_error(messages::plot_wrt_unknown(wrt[2], vx + ", " + vy));
  for (const auto& w : wrt) {
    if (w != vx && w != vy) throw usage_error(messages::plot_wrt_unknown(w, vx + ", " + vy));
  }
  const double x0 = s.base[s.ix], y0 = s.base[s.iy], f0 = s.f2(x0, y0);
  struct partial {
    std::string var, text;
    std::vector<double> values;
    double at = NAN;
  };
  std::vector<partial> parts;
  std::vector<std::string> notes = s.notes;
  std::vector<double> zs =
      s.options->surface == surface_style::none ? std::vector<double>{} : s.values;
  if (std::isfinite(f0)) zs.push_back(f0);
  for (const auto& w : wrt) {
    const expr d = derivative(s.formula, w);
    const tape dt = compile(d, s.variables);
    partial p{w, to_string(d), s.grid_values(dt)};
    p.at = dt.value(s.base);
    // A constant partial is a flat plane; robust_range widens its one value into a real axis.
    if (variables(d).empty()) notes.push_back(messages::plot_constant_partial(w, number(p.at)));
    zs.insert(zs.end(), p.values.begin(), p.values.end());
    parts.push_back(std::move(p));
  }
  const plot_range zr = z_range_of(std::move(zs), notes);
  if (!std::isfinite(f0)) notes.push_back(messages::plot_undefined_at_point(point_text(s)));

  const double top = draw_title(c, s);
  const double width = c.width() / static_cast<double>(parts.size());
  panels out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const partial& p = parts[i];
    const double left = width * static_cast<double>(i);
    c.text(left + width / 2, top + font * 0.2, messages::plot_partial_title(p.var, p.text), font,
           palette::partial, h_align::center, v_align::top, 0, true);
    const projection pr = open_view(c, s, zr, left, width, top + font * 1.2);
    std::vector<mesh> meshes = surface_mesh(s);
    meshes.push_back({.gx = &s.gx,
                      .gy = &s.gy,
                      .z = &p.values,
                      .kind = mesh::style::plane,
                      .color = palette::partial,
                      .clamp = false});
    draw_meshes(c, pr, meshes);
    mark_point(c, pr, x0, y0, f0, colors::path);
    mark_point(c, pr, x0, y0, p.at, palette::partial);
    std::vector<legend_entry> entries;
    if (s.options->surface != surface_style::none) {
      entries.push_back(
          {"f", s.options->surface == surface_style::wire ? palette::faint_wire : colormap(0.6)});
    }
    entries.push_back({messages::plot_partial_title(p.var, p.text), palette::partial});
    entries.push_back({messages::plot_partial_label(p.var, point_text(s), number(p.at)),
                       palette::partial, legend_entry::style::marker});
    legend_box(c, left, width, top + font * 1.2, entries, legend);
    out.push_back(panel_of(c, s, pr, left, width, top));
  }
  summary.caption = join_notes(notes);
  draw_caption(c, summary.caption, font);
  return out;
}

panels draw_tangent_plane(canvas& c, const scene& s, plot_summary& summary) {
  std::vector<std::string>& legend = summary.legend;
  const double font = base_font(c);
  const double x0 = s.base[s.ix], y0 = s.base[s.iy];
  // The tangent of f exactly as `kobai tangent` computes and prints it (its point in the
  // formula's natural variable order).
  const formula f(s.formula, s.formula_text, {});
  const std::vector<std::string> natural = f.variables();
  std::vector<double> at(natural.size());
  for (std::size_t i = 0; i < natural.size(); ++i) {
    const auto it = std::find(s.variables.begin(), s.variables.end(), natural[i]);
    at[i] = s.base[static_cast<std::size_t>(it - s.variables.begin())];
  }
  tangent_result tr;
  try {
    tr = tangent(f, at);
  } catch (const numerical_error& e) {
    // f itself may be defined there while a partial derivative is not (√x at x = 0).
    if (std::isfinite(s.f2(x0, y0)))
      throw usage_error(messages::plot_no_tangent_plane(point_text(s), e.what()));
    throw usage_error(messages::plot_undefined_at_point(point_text(s)));
  }
  const auto slope_of = [&](const std::string& v) {
    const auto it = std::find(tr.variables.begin(), tr.variables.end(), v);
    return it == tr.variables.end() ? 0.0 : tr.slopes[std::size_t(it - tr.variables.begin())];
  };
  const double sx = slope_of(s.variables[s.ix]), sy = slope_of(s.variables[s.iy]);

  // The plane over a neighbourhood of the point (a quarter of the domain on each side), on a grid
  // centred on the point so that the point is one of its vertices; outside the domain: holes.
  constexpr int half = 5;
  std::vector<double> px(2 * half + 1), py(2 * half + 1), pz;
  const double hx = 0.25 * (s.xr.hi - s.xr.lo) / half, hy = 0.25 * (s.yr.hi - s.yr.lo) / half;
  for (int k = -half; k <= half; ++k) {
    px[k + half] = x0 + k * hx;
    py[k + half] = y0 + k * hy;
  }
  for (double y : py) {
    for (double x : px) {
      const bool in = x >= s.xr.lo && x <= s.xr.hi && y >= s.yr.lo && y <= s.yr.hi;
      pz.push_back(in ? tr.value + sx * (x - x0) + sy * (y - y0) : NAN);
    }
  }
  std::vector<std::string> notes = s.notes;
  std::vector<double> zs =
      s.options->surface == surface_style::none ? std::vector<double>{} : s.values;
  zs.insert(zs.end(), pz.begin(), pz.end());
  const plot_range zr = z_range_of(std::move(zs), notes);

  const double top = draw_title(c, s);
  const projection pr = open_view(c, s, zr, 0, c.width(), top);
  // The plane goes over the surface: where they touch, ordering faces by depth would interleave
  // them at random; translucent, the surface still shows through.
  draw_meshes(c, pr, surface_mesh(s));
  const mesh plane{.gx = &px,
                   .gy = &py,
                   .z = &pz,
                   .kind = mesh::style::plane,
                   .color = palette::plane,
                   .clamp = false};
  draw_meshes(c, pr, std::span(&plane, 1));
  mark_point(c, pr, x0, y0, tr.value, colors::path);
  legend_box(c, 0, c.width(), top,
             {{fmt::format("{} = {}", tr.label, to_string(tr.equation)), palette::plane},
              {messages::plot_point_label(point_text(s), number(tr.value)), colors::path,
               legend_entry::style::marker}},
             legend);
  summary.caption = join_notes(notes);
  draw_caption(c, summary.caption, font);
  return {panel_of(c, s, pr, 0, c.width(), top)};
}

}  // namespace kobai::detail
