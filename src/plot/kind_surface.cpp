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

panels draw_surface(canvas& c, const scene& s, std::size_t upto, bool animated, layer part) {
  const bool still = part != layer::moving, moving = part != layer::still;
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
  projection pr(s.xr, s.yr, zr, s.options->elevation, s.options->azimuth);
  const double margin = font * 4;
  fit_box(c, pr, margin, top + font, c.width() - 2 * margin,
          c.height() - top - font * 3.5 - margin * 0.5, font);
  plot_panel panel{0, top, c.width(), c.height() - top, s.xr, s.yr, false};
  panel.projection = pr.affine();
  if (still) {
    c.text(c.width() / 2, top * 0.55, s.title, font * 1.15, colors::black, h_align::center,
           v_align::middle, 0, true);
    draw_box(c, pr, s.variables[s.ix], s.variables[s.iy], "f", font);
    // Faces of the grid, far to near. z is clamped into the box; faces with a NaN corner are
    // holes.
    const mesh surface{.gx = &s.gx,
                       .gy = &s.gy,
                       .z = &s.values,
                       .kind = shaded ? mesh::style::shaded : mesh::style::wire};
    draw_meshes(c, pr, std::span(&surface, 1));
  }
  if (!moving) return {panel};
  const auto clamp_z = [&](double z) { return std::clamp(z, zr.lo, zr.hi); };

  // The path: red points joined by a line, the start ringed, the current or last point larger.
  // Where the surface hides it (a bowl's near rim hides its floor at low elevations) the path is
  // drawn faint and dashed, so it reads as lying on the surface rather than floating before it.
  const mesh surface{.gx = &s.gx, .gy = &s.gy, .z = &s.values};
  if (!s.depth) s.depth = std::make_shared<const depth_buffer>(pr, surface, c.width(), c.height());
  const depth_buffer& depth = *s.depth;
  const auto hidden = [&](double x, double y, double z) {
    return !depth.visible(x, y, clamp_z(z));
  };
  // Draws with `draw` (marks within `reach` of (x, y)) at full strength, or faint when hidden. The
  // clip keeps cairo's intermediate group as small as the mark. Only on raster targets: cairo
  // 1.16 leaks the group's snapshot when a group is popped on an SVG or PDF surface (seen by
  // LeakSanitizer), so vector output draws the hidden marks at full strength.
  const bool raster_target =
      cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
  const auto faded = [&](bool faint, double x, double y, double reach, const auto& draw) {
    if (!faint || !raster_target) {
      draw();
      return;
    }
    cairo_save(cr);
    cairo_rectangle(cr, std::floor(x - reach), std::floor(y - reach), std::ceil(2 * reach) + 1,
                    std::ceil(2 * reach) + 1);
    cairo_clip(cr);
    cairo_push_group(cr);
    draw();
    cairo_pop_group_to_source(cr);
    cairo_paint_with_alpha(cr, 0.3);
    cairo_restore(cr);
  };
  for (std::size_t pi = 0; pi < s.paths.size(); ++pi) {
    const path2& p = s.paths[pi];
    const rgb color = s.paths.size() > 1 ? series_color(pi) : colors::path;
    const std::size_t shown = std::min(p.shown, upto + 1);
    std::vector<double> ix(shown), iy(shown), z(shown);
    std::vector<bool> ok(shown), behind(shown);
    for (std::size_t k = 0; k < shown; ++k) {
      z[k] = path_z[pi][k];
      ok[k] = std::isfinite(z[k]) && p.x[k] >= s.xr.lo && p.x[k] <= s.xr.hi && p.y[k] >= s.yr.lo &&
              p.y[k] <= s.yr.hi;
      if (!ok[k]) continue;
      pr.image(p.x[k], p.y[k], clamp_z(z[k]), ix[k], iy[k]);
      behind[k] = hidden(p.x[k], p.y[k], z[k]);
    }
    // Each segment in pieces of about 3 units, each piece in front or behind by its middle.
    for (const bool back : {true, false}) {
      bool open = false;
      for (std::size_t k = 1; k < shown; ++k) {
        if (!(ok[k - 1] && ok[k])) {
          open = false;
          continue;
        }
        const int n = std::max(1, static_cast<int>(std::ceil(
                                      std::hypot(ix[k] - ix[k - 1], iy[k] - iy[k - 1]) / (3 * u))));
        for (int q = 0; q < n; ++q) {
          const double tm = (q + 0.5) / n;
          const auto lerp = [&](const std::vector<double>& v, double t) {
            return v[k - 1] + t * (v[k] - v[k - 1]);
          };
          const double zk0 = clamp_z(z[k - 1]), zk1 = clamp_z(z[k]);
          if (hidden(p.x[k - 1] + tm * (p.x[k] - p.x[k - 1]),
                     p.y[k - 1] + tm * (p.y[k] - p.y[k - 1]), zk0 + tm * (zk1 - zk0)) != back) {
            open = false;
            continue;
          }
          const double t0 = static_cast<double>(q) / n, t1 = static_cast<double>(q + 1) / n;
          if (!open) cairo_move_to(cr, lerp(ix, t0), lerp(iy, t0));
          cairo_line_to(cr, lerp(ix, t1), lerp(iy, t1));
          open = true;
        }
      }
      if (back) {
        const double dash[] = {4 * u, 3 * u};
        cairo_set_dash(cr, dash, 2, 0);
        c.set_color(color, 0.45);
        cairo_set_line_width(cr, 1.6 * u);
      } else {
        c.set_color(color);
        cairo_set_line_width(cr, 2 * u);
      }
      cairo_stroke(cr);
      cairo_set_dash(cr, nullptr, 0, 0);
    }
    // The marks behind the surface in one faint group (overlapping faint dots would add up to a
    // solid one), then those in front.
    const auto marks = [&](bool back) {
      for (std::size_t k = 0; k < shown; ++k) {
        if (ok[k] && behind[k] == back) dot(c, ix[k], iy[k], 4 * u, color);
      }
      if (shown > 0 && ok[0] && behind[0] == back) ring(c, ix[0], iy[0], 7 * u, color, 2.4 * u);
      const std::size_t l = shown - 1;
      if (shown > 0 && ok[l] && behind[l] == back) {
        if (animated) ring(c, ix[l], iy[l], 8.5 * u, color, 2.6 * u);
        dot(c, ix[l], iy[l], 5 * u, color);
      }
    };
    double lo_x = INFINITY, lo_y = INFINITY, hi_x = -INFINITY, hi_y = -INFINITY;
    for (std::size_t k = 0; k < shown; ++k) {
      if (!(ok[k] && behind[k])) continue;
      lo_x = std::min(lo_x, ix[k]);
      hi_x = std::max(hi_x, ix[k]);
      lo_y = std::min(lo_y, iy[k]);
      hi_y = std::max(hi_y, iy[k]);
    }
    if (lo_x <= hi_x) {
      const double reach = 11 * u;
      faded(true, (lo_x + hi_x) / 2, (lo_y + hi_y) / 2,
            std::max(hi_x - lo_x, hi_y - lo_y) / 2 + reach, [&] { marks(true); });
    }
    marks(false);
  }
  const auto& m = s.options->minimum;
  if (!m.empty()) {
    const double zmin = s.f2(m[s.ix], m[s.iy]);
    if (std::isfinite(zmin)) {
      double mx, my;
      pr.image(m[s.ix], m[s.iy], clamp_z(zmin), mx, my);
      faded(hidden(m[s.ix], m[s.iy], zmin), mx, my, 10 * u,
            [&] { plus_mark(c, mx, my, 8 * u, colors::black, 2.2 * u); });
    }
  }

  std::string caption;
  for (const auto& note : notes) caption += (caption.empty() ? "" : "; ") + note;
  if (animated) caption = frame_caption(s, upto) + (caption.empty() ? "" : "    " + caption);
  draw_caption(c, caption, font);
  return {panel};
}

}  // namespace kobai::detail
