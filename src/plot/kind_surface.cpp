// wireframe and surface: f(x, y) seen from (elevation, azimuth) under an orthographic projection,
// faces drawn far to near (the painter's algorithm), so nearer wires hide farther ones; the path
// is drawn last, as red points joined by a line, so it always reads.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "messages.hpp"
#include "scene.hpp"

namespace kobai::detail {
namespace {

struct vec3 {
  double x, y, z;
};

// The box x × y × z is normalized to [-½, ½]² × [-⅜, ⅜] (matplotlib's 4:4:3 box) and seen from
// the direction v = (cos e cos a, cos e sin a, sin e); screen right r = (−sin a, cos a, 0), screen
// up u = v × r.
class projection {
 public:
  projection(const scene& s, plot_range zr, double elev_deg, double azim_deg)
      : xr_(s.xr), yr_(s.yr), zr_(zr) {
    const double e = elev_deg * M_PI / 180, a = azim_deg * M_PI / 180;
    v_ = {std::cos(e) * std::cos(a), std::cos(e) * std::sin(a), std::sin(e)};
    r_ = {-std::sin(a), std::cos(a), 0};
    u_ = {-std::sin(e) * std::cos(a), -std::sin(e) * std::sin(a), std::cos(e)};
  }
  vec3 normalized(double x, double y, double z) const {
    return {(x - xr_.lo) / (xr_.hi - xr_.lo) - 0.5, (y - yr_.lo) / (yr_.hi - yr_.lo) - 0.5,
            ((z - zr_.lo) / (zr_.hi - zr_.lo) - 0.5) * 0.75};
  }
  // Screen coordinates before fitting (x right, y up) and depth (larger is nearer).
  void view(double x, double y, double z, double& sx, double& sy, double& depth) const {
    const vec3 p = normalized(x, y, z);
    sx = p.x * r_.x + p.y * r_.y;
    sy = p.x * u_.x + p.y * u_.y + p.z * u_.z;
    depth = p.x * v_.x + p.y * v_.y + p.z * v_.z;
  }
  void fit(double left, double top, double width, double height) {
    double lo_x = INFINITY, hi_x = -INFINITY, lo_y = INFINITY, hi_y = -INFINITY;
    for (int k = 0; k < 8; ++k) {
      double sx, sy, d;
      view(k & 1 ? xr_.hi : xr_.lo, k & 2 ? yr_.hi : yr_.lo, k & 4 ? zr_.hi : zr_.lo, sx, sy, d);
      lo_x = std::min(lo_x, sx);
      hi_x = std::max(hi_x, sx);
      lo_y = std::min(lo_y, sy);
      hi_y = std::max(hi_y, sy);
    }
    scale_ = std::min(width / (hi_x - lo_x), height / (hi_y - lo_y));
    cx_ = left + width / 2 - scale_ * (lo_x + hi_x) / 2;
    cy_ = top + height / 2 + scale_ * (lo_y + hi_y) / 2;
  }
  void image(double x, double y, double z, double& ix, double& iy) const {
    double sx, sy, d;
    view(x, y, z, sx, sy, d);
    ix = cx_ + scale_ * sx;
    iy = cy_ - scale_ * sy;
  }
  double depth(double x, double y, double z) const {
    double sx, sy, d;
    view(x, y, z, sx, sy, d);
    return d;
  }
  const vec3& toward_viewer() const { return v_; }

 private:
  plot_range xr_, yr_, zr_;
  vec3 v_{}, r_{}, u_{};
  double scale_ = 1, cx_ = 0, cy_ = 0;
};

// Box edges, ticks and labels. The floor edges nearest the viewer carry the x and y ticks; the
// z ticks go on the vertical edge at the left of the picture.
void draw_box(canvas& c, const projection& pr, const scene& s, plot_range zr, double font) {
  cairo_t* cr = c.cr();
  const double u = c.unit();
  const plot_range xr = s.xr, yr = s.yr;
  // Which floor edges face the viewer.
  const double yfront =
      pr.depth(0.5 * (xr.lo + xr.hi), yr.lo, zr.lo) > pr.depth(0.5 * (xr.lo + xr.hi), yr.hi, zr.lo)
          ? yr.lo
          : yr.hi;
  const double xfront =
      pr.depth(xr.lo, 0.5 * (yr.lo + yr.hi), zr.lo) > pr.depth(xr.hi, 0.5 * (yr.lo + yr.hi), zr.lo)
          ? xr.lo
          : xr.hi;
  const double yback = yfront == yr.lo ? yr.hi : yr.lo, xback = xfront == xr.lo ? xr.hi : xr.lo;
  double ax, ay, bx, by;
  // Back panes' edges, light.
  c.set_color(colors::grid);
  cairo_set_line_width(cr, 1.0 * u);
  const double corners[4][2] = {{xr.lo, yr.lo}, {xr.hi, yr.lo}, {xr.hi, yr.hi}, {xr.lo, yr.hi}};
  for (int k = 0; k < 4; ++k) {
    pr.image(corners[k][0], corners[k][1], zr.lo, ax, ay);
    pr.image(corners[(k + 1) % 4][0], corners[(k + 1) % 4][1], zr.lo, bx, by);
    c.line(ax, ay, bx, by);
  }
  pr.image(xback, yback, zr.lo, ax, ay);
  pr.image(xback, yback, zr.hi, bx, by);
  c.line(ax, ay, bx, by);
  pr.image(xback, yr.lo, zr.hi, ax, ay);
  pr.image(xback, yr.hi, zr.hi, bx, by);
  c.line(ax, ay, bx, by);
  pr.image(xr.lo, yback, zr.hi, ax, ay);
  pr.image(xr.hi, yback, zr.hi, bx, by);
  c.line(ax, ay, bx, by);
  pr.image(xback, yr.lo, zr.lo, ax, ay);
  pr.image(xback, yr.lo, zr.hi, bx, by);
  c.line(ax, ay, bx, by);
  pr.image(xr.lo, yback, zr.lo, ax, ay);
  pr.image(xr.lo, yback, zr.hi, bx, by);
  c.line(ax, ay, bx, by);
  cairo_stroke(cr);

  // Tick labels sit outside the floor, pushed perpendicular to their edge (the direction from the
  // middle of the floor toward that edge, as seen on screen).
  const double xmid = 0.5 * (xr.lo + xr.hi), ymid = 0.5 * (yr.lo + yr.hi);
  const auto outward = [&](double x0, double y0, double x1, double y1, double& dx, double& dy) {
    double ax0, ay0, ax1, ay1;
    pr.image(x0, y0, zr.lo, ax0, ay0);
    pr.image(x1, y1, zr.lo, ax1, ay1);
    dx = ax1 - ax0;
    dy = ay1 - ay0;
    const double len = std::hypot(dx, dy);
    if (len > 0) {
      dx /= len;
      dy /= len;
    }
  };
  const auto label_at = [&](double x, double y, double dx, double dy, const std::string& text,
                            double away, double size) {
    double lx, ly;
    pr.image(x, y, zr.lo, lx, ly);
    c.text(lx + dx * away, ly + dy * away, text, size, colors::text, h_align::center,
           v_align::middle);
  };
  const double tfont = font * 0.9;
  double dx, dy;
  outward(xmid, ymid, xmid, yfront, dx, dy);
  const double xstep = nice_step(xr.lo, xr.hi, 5), ystep = nice_step(yr.lo, yr.hi, 5);
  for (double v : nice_ticks(xr.lo, xr.hi, 5)) {
    label_at(v, yfront, dx, dy, tick_label(v, xstep), tfont * 1.5, tfont);
  }
  label_at(xmid, yfront, dx, dy, s.variables[s.ix], font * 3.4, font * 1.1);
  outward(xmid, ymid, xfront, ymid, dx, dy);
  for (double v : nice_ticks(yr.lo, yr.hi, 5)) {
    label_at(xfront, v, dx, dy, tick_label(v, ystep), tfont * 1.5, tfont);
  }
  label_at(xfront, ymid, dx, dy, s.variables[s.iy], font * 3.4, font * 1.1);

  // z: on the vertical edge leftmost in the picture.
  double best = INFINITY, zx = xr.lo, zy = yr.lo;
  for (const auto& k : corners) {
    double ix, iy;
    pr.image(k[0], k[1], zr.lo, ix, iy);
    if (ix < best) {
      best = ix;
      zx = k[0];
      zy = k[1];
    }
  }
  c.set_color(colors::axis);
  pr.image(zx, zy, zr.lo, ax, ay);
  pr.image(zx, zy, zr.hi, bx, by);
  c.line(ax, ay, bx, by);
  cairo_stroke(cr);
  const double zstep = nice_step(zr.lo, zr.hi, 5);
  for (double v : nice_ticks(zr.lo, zr.hi, 5)) {
    double ix, iy;
    pr.image(zx, zy, v, ix, iy);
    c.line(ix - 4 * u, iy, ix, iy);
    c.text(ix - 6 * u, iy, tick_label(v, zstep), tfont, colors::text, h_align::right,
           v_align::middle);
  }
  c.set_color(colors::axis);
  cairo_stroke(cr);
  pr.image(zx, zy, zr.hi, ax, ay);
  c.text(ax, ay - font * 1.2, "f", font * 1.1, colors::text, h_align::center, v_align::bottom);
}

}  // namespace

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
  projection pr(s, zr, s.options->elevation, s.options->azimuth);
  const double margin = font * 4;
  pr.fit(margin, top + font, c.width() - 2 * margin, c.height() - top - font * 3.5 - margin * 0.5);
  draw_box(c, pr, s, zr, font);

  // Faces of the grid, far to near. z is clamped into the box; faces with a NaN corner are holes.
  struct face {
    double depth;
    int i, j;
  };
  std::vector<face> faces;
  const int n = s.nx;
  const auto z_at = [&](int i, int j) { return s.values[std::size_t(j) * n + i]; };
  const auto clamp_z = [&](double z) { return std::clamp(z, zr.lo, zr.hi); };
  std::vector<double> ixs(std::size_t(n) * n), iys(std::size_t(n) * n);
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      const double z = z_at(i, j);
      if (std::isfinite(z)) {
        pr.image(s.gx[i], s.gy[j], clamp_z(z), ixs[std::size_t(j) * n + i],
                 iys[std::size_t(j) * n + i]);
      }
    }
  }
  for (int j = 0; j + 1 < n; ++j) {
    for (int i = 0; i + 1 < n; ++i) {
      const double z[4] = {z_at(i, j), z_at(i + 1, j), z_at(i + 1, j + 1), z_at(i, j + 1)};
      if (!std::all_of(z, z + 4, [](double v) { return std::isfinite(v); })) continue;
      const double zm = clamp_z((z[0] + z[1] + z[2] + z[3]) / 4);
      faces.push_back(
          {pr.depth(0.5 * (s.gx[i] + s.gx[i + 1]), 0.5 * (s.gy[j] + s.gy[j + 1]), zm), i, j});
    }
  }
  std::stable_sort(faces.begin(), faces.end(),
                   [](const face& a, const face& b) { return a.depth < b.depth; });
  const vec3 view = pr.toward_viewer();
  cairo_set_line_width(cr, (shaded ? 0.5 : 0.9) * u);
  for (const face& f : faces) {
    const std::size_t k0 = std::size_t(f.j) * n + f.i, k1 = k0 + 1, k2 = k0 + n + 1, k3 = k0 + n;
    cairo_move_to(cr, ixs[k0], iys[k0]);
    cairo_line_to(cr, ixs[k1], iys[k1]);
    cairo_line_to(cr, ixs[k2], iys[k2]);
    cairo_line_to(cr, ixs[k3], iys[k3]);
    cairo_close_path(cr);
    if (shaded) {
      // Lambert shading from a light over the viewer's shoulder; colour by height.
      const double zq[4] = {z_at(f.i, f.j), z_at(f.i + 1, f.j), z_at(f.i + 1, f.j + 1),
                            z_at(f.i, f.j + 1)};
      const double zm = (clamp_z(zq[0]) + clamp_z(zq[1]) + clamp_z(zq[2]) + clamp_z(zq[3])) / 4;
      const double dzx = (clamp_z(zq[1]) + clamp_z(zq[2]) - clamp_z(zq[0]) - clamp_z(zq[3])) / 2 /
                         (zr.hi - zr.lo) * 0.75 * (n - 1);
      const double dzy = (clamp_z(zq[2]) + clamp_z(zq[3]) - clamp_z(zq[0]) - clamp_z(zq[1])) / 2 /
                         (zr.hi - zr.lo) * 0.75 * (n - 1);
      const double len = std::sqrt(dzx * dzx + dzy * dzy + 1);
      const double light = std::abs((-dzx * view.x - dzy * view.y + view.z) / len);
      const rgb base = colormap((zm - zr.lo) / (zr.hi - zr.lo));
      const double k = 0.55 + 0.45 * light;
      c.set_color({base.r * k, base.g * k, base.b * k});
      cairo_fill_preserve(cr);
      c.set_color(colors::black, 0.25);
    } else {
      c.set_color(colors::white);
      cairo_fill_preserve(cr);
      c.set_color(colors::wire);
    }
    cairo_stroke(cr);
  }

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
  return {panel};
}

}  // namespace kobai::detail
