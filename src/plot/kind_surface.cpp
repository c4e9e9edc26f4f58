// wireframe and surface: f(x, y) seen from (elevation, azimuth) under an orthographic projection,
// faces drawn far to near (the painter's algorithm), so nearer wires hide farther ones; the path
// is drawn last, as red points joined by a line, so it always reads.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "messages.hpp"
#include "scene.hpp"
#include "view3d.hpp"

namespace kobai::detail {

panels draw_surface(canvas& c, const scene& s, std::size_t upto, bool animated) {
  const double font = base_font(c), u = c.unit();
  const bool shaded = s.options->kind == plot_kind::surface;
  cairo_t* cr = c.cr();

  // z range: the sampled values (clipped when a pole would flatten the rest) and the path.
  bool clipped = false;
  std::vector<double> zs = s.values;
  std::vector<std::vector<double>> path_z(s.paths.size());
  for (std::size_t i = 0; i < s.paths.size(); ++i) {
    const path2& p = s.paths[i];
    for (std::size_t k = 0; k < p.shown; ++k) path_z[i].push_back(s.f2(p.x[k], p.y[k]));
  }
  const plot_range zr = widen(robust_range(zs, clipped));
  std::vector<std::string> notes = s.notes;
  if (clipped) notes.push_back(messages::plot_clipped_values(zr.lo, zr.hi));

  const double top = font * 3.2;
  c.text(c.width() / 2, top * 0.55, s.title, font * 1.15, colors::black, h_align::center,
         v_align::middle, 0, true);
  projection pr(s.xr, s.yr, zr, s.options->elevation, s.options->azimuth);
  const double margin = font * 4;
  pr.fit(margin, top + font, c.width() - 2 * margin, c.height() - top - font * 3.5 - margin * 0.5);
  draw_box(c, pr, s.variables[s.ix], s.variables[s.iy], "f", font);

  // Faces of the grid, far to near. z is clamped into the box; faces with a NaN corner are holes.
  const mesh surface{.gx = &s.gx,
                     .gy = &s.gy,
                     .z = &s.values,
                     .kind = shaded ? mesh::style::shaded : mesh::style::wire};
  draw_meshes(c, pr, std::span(&surface, 1));
  const auto clamp_z = [&](double z) { return std::clamp(z, zr.lo, zr.hi); };

  // The path: red points joined by a line, the start ringed, the current or last point larger.
  for (std::size_t pi = 0; pi < s.paths.size(); ++pi) {
    const path2& p = s.paths[pi];
    const rgb color = s.paths.size() > 1 ? series_color(pi) : colors::path;
    const std::size_t shown = std::min(p.shown, upto + 1);
    std::vector<double> ix(shown), iy(shown);
    std::vector<bool> ok(shown);
    for (std::size_t k = 0; k < shown; ++k) {
      const double z = path_z[pi][k];
      ok[k] = std::isfinite(z) && p.x[k] >= s.xr.lo && p.x[k] <= s.xr.hi && p.y[k] >= s.yr.lo &&
              p.y[k] <= s.yr.hi;
      if (ok[k]) pr.image(p.x[k], p.y[k], clamp_z(z), ix[k], iy[k]);
    }
    for (std::size_t k = 1; k < shown; ++k) {
      if (ok[k - 1] && ok[k]) c.line(ix[k - 1], iy[k - 1], ix[k], iy[k]);
    }
    c.set_color(color);
    cairo_set_line_width(cr, 2 * u);
    cairo_stroke(cr);
    for (std::size_t k = 0; k < shown; ++k) {
      if (ok[k]) dot(c, ix[k], iy[k], 4 * u, color);
    }
    if (shown > 0 && ok[0]) ring(c, ix[0], iy[0], 7 * u, color, 2.4 * u);
    if (shown > 0 && ok[shown - 1]) {
      if (animated) ring(c, ix[shown - 1], iy[shown - 1], 8.5 * u, color, 2.6 * u);
      dot(c, ix[shown - 1], iy[shown - 1], 5 * u, color);
    }
  }
  const auto& m = s.options->minimum;
  if (!m.empty()) {
    const double zmin = s.f2(m[s.ix], m[s.iy]);
    if (std::isfinite(zmin)) {
      double mx, my;
      pr.image(m[s.ix], m[s.iy], clamp_z(zmin), mx, my);
      plus_mark(c, mx, my, 8 * u, colors::black, 2.2 * u);
    }
  }

  std::string caption;
  for (const auto& note : notes) caption += (caption.empty() ? "" : "; ") + note;
  if (animated) caption = frame_caption(s, upto) + (caption.empty() ? "" : "    " + caption);
  draw_caption(c, caption, font);
  plot_panel panel{0, top, c.width(), c.height() - top, s.xr, s.yr, false};
  panel.projection = pr.affine();
  return {panel};
}

}  // namespace kobai::detail
