#include "view3d.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "axes.hpp"

namespace kobai::detail {

projection::projection(plot_range xr, plot_range yr, plot_range zr, double elev_deg,
                       double azim_deg)
    : xr_(xr), yr_(yr), zr_(zr) {
  const double e = elev_deg * M_PI / 180, a = azim_deg * M_PI / 180;
  v_ = {std::cos(e) * std::cos(a), std::cos(e) * std::sin(a), std::sin(e)};
  r_ = {-std::sin(a), std::cos(a), 0};
  u_ = {-std::sin(e) * std::cos(a), -std::sin(e) * std::sin(a), std::cos(e)};
}

vec3 projection::normalized(double x, double y, double z) const {
  return {(x - xr_.lo) / (xr_.hi - xr_.lo) - 0.5, (y - yr_.lo) / (yr_.hi - yr_.lo) - 0.5,
          ((z - zr_.lo) / (zr_.hi - zr_.lo) - 0.5) * 0.75};
}

void projection::view(double x, double y, double z, double& sx, double& sy, double& depth) const {
  const vec3 p = normalized(x, y, z);
  sx = p.x * r_.x + p.y * r_.y;
  sy = p.x * u_.x + p.y * u_.y + p.z * u_.z;
  depth = p.x * v_.x + p.y * v_.y + p.z * v_.z;
}

void projection::fit(double left, double top, double width, double height) {
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

void projection::image(double x, double y, double z, double& ix, double& iy) const {
  double sx, sy, d;
  view(x, y, z, sx, sy, d);
  ix = cx_ + scale_ * sx;
  iy = cy_ - scale_ * sy;
}

double projection::depth(double x, double y, double z) const {
  double sx, sy, d;
  view(x, y, z, sx, sy, d);
  return d;
}

std::array<double, 8> projection::affine() const {
  // image is affine in (x, y, z): read the constant term at the origin and each column as the
  // difference along one unit step.
  double x0, y0, x1, y1;
  std::array<double, 8> m{};
  image(0, 0, 0, x0, y0);
  m[3] = x0;
  m[7] = y0;
  for (int k = 0; k < 3; ++k) {
    image(k == 0, k == 1, k == 2, x1, y1);
    m[k] = x1 - x0;
    m[4 + k] = y1 - y0;
  }
  return m;
}

namespace {

// The z ticks draw_box writes, right-aligned z_label_gap units left of the box's leftmost
// vertical edge, at tick_size times the font (the size of every tick label of the box).
constexpr double z_label_gap = 6, tick_size = 0.9;
std::vector<std::pair<double, std::string>> z_tick_labels(plot_range zr) {
  const double step = nice_step(zr.lo, zr.hi, 5);
  std::vector<std::pair<double, std::string>> out;
  for (double v : nice_ticks(zr.lo, zr.hi, 5)) out.emplace_back(v, tick_label(v, step));
  return out;
}

// The image x of the leftmost corner of the box's floor, where draw_box puts the z axis.
double leftmost_floor_x(const projection& pr) {
  const plot_range xr = pr.x_range(), yr = pr.y_range();
  double best = INFINITY;
  for (double x : {xr.lo, xr.hi}) {
    for (double y : {yr.lo, yr.hi}) {
      double ix, iy;
      pr.image(x, y, pr.z_range().lo, ix, iy);
      best = std::min(best, ix);
    }
  }
  return best;
}

}  // namespace

void fit_box(canvas& c, projection& pr, double left, double top, double width, double height,
             double font) {
  const double u = c.unit();
  double widest = 0;
  for (const auto& [v, text] : z_tick_labels(pr.z_range()))
    widest = std::max(widest, c.text_width(text, font * tick_size));
  const double needed = widest + (z_label_gap + 2) * u;  // and 2 units clear of the image's edge
  pr.fit(left, top, width, height);
  // A box fitted by its height sits in the middle of the rectangle, so narrowing moves it by
  // half the narrowing: a few rounds settle it.
  for (int round = 0; round < 4; ++round) {
    const double lack = needed - leftmost_floor_x(pr);
    if (!(lack > 0.5 * u) || lack >= width) break;
    left += lack;
    width -= lack;
    pr.fit(left, top, width, height);
  }
}

bool inside(const projection& pr, double x, double y, double z) {
  const plot_range xr = pr.x_range(), yr = pr.y_range(), zr = pr.z_range();
  return std::isfinite(z) && x >= xr.lo && x <= xr.hi && y >= yr.lo && y <= yr.hi && z >= zr.lo &&
         z <= zr.hi;
}

void draw_box(canvas& c, const projection& pr, const std::string& x_label,
              const std::string& y_label, const std::string& z_label, double font) {
  cairo_t* cr = c.cr();
  const double u = c.unit();
  const plot_range xr = pr.x_range(), yr = pr.y_range(), zr = pr.z_range();
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
  const double tfont = font * tick_size;
  double dx, dy;
  outward(xmid, ymid, xmid, yfront, dx, dy);
  const double xstep = nice_step(xr.lo, xr.hi, 5), ystep = nice_step(yr.lo, yr.hi, 5);
  for (double v : nice_ticks(xr.lo, xr.hi, 5)) {
    label_at(v, yfront, dx, dy, tick_label(v, xstep), tfont * 1.5, tfont);
  }
  label_at(xmid, yfront, dx, dy, x_label, font * 3.4, font * 1.1);
  outward(xmid, ymid, xfront, ymid, dx, dy);
  for (double v : nice_ticks(yr.lo, yr.hi, 5)) {
    label_at(xfront, v, dx, dy, tick_label(v, ystep), tfont * 1.5, tfont);
  }
  label_at(xfront, ymid, dx, dy, y_label, font * 3.4, font * 1.1);

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
  for (const auto& [v, text] : z_tick_labels(zr)) {
    double ix, iy;
    pr.image(zx, zy, v, ix, iy);
    c.line(ix - 4 * u, iy, ix, iy);
    c.text(ix - z_label_gap * u, iy, text, font * tick_size, colors::text, h_align::right,
           v_align::middle);
  }
  c.set_color(colors::axis);
  cairo_stroke(cr);
  pr.image(zx, zy, zr.hi, ax, ay);
  c.text(ax, ay - font * 1.2, z_label, font * 1.1, colors::text, h_align::center, v_align::bottom);
}

void draw_meshes(canvas& c, const projection& pr, std::span<const mesh> meshes) {
  cairo_t* cr = c.cr();
  const double u = c.unit();
  const plot_range zr = pr.z_range();
  const auto clamp_z = [&](double z) { return std::clamp(z, zr.lo, zr.hi); };
  struct face {
    double depth;
    std::size_t m;
    int i, j;
  };
  std::vector<face> faces;
  std::vector<std::vector<double>> ixs(meshes.size()), iys(meshes.size());
  for (std::size_t m = 0; m < meshes.size(); ++m) {
    const mesh& g = meshes[m];
    const int nx = static_cast<int>(g.gx->size()), ny = static_cast<int>(g.gy->size());
    const auto z_at = [&](int i, int j) {
      const double z = (*g.z)[std::size_t(j) * nx + i];
      return g.clamp || (z >= zr.lo && z <= zr.hi) ? z : NAN;
    };
    ixs[m].assign(std::size_t(nx) * ny, 0);
    iys[m].assign(std::size_t(nx) * ny, 0);
    for (int j = 0; j < ny; ++j) {
      for (int i = 0; i < nx; ++i) {
        const double z = z_at(i, j);
        const std::size_t k = std::size_t(j) * nx + i;
        if (std::isfinite(z)) pr.image((*g.gx)[i], (*g.gy)[j], clamp_z(z), ixs[m][k], iys[m][k]);
      }
    }
    for (int j = 0; j + 1 < ny; ++j) {
      for (int i = 0; i + 1 < nx; ++i) {
        const double z[4] = {z_at(i, j), z_at(i + 1, j), z_at(i + 1, j + 1), z_at(i, j + 1)};
        if (!std::all_of(z, z + 4, [](double v) { return std::isfinite(v); })) continue;
        const double zm = clamp_z((z[0] + z[1] + z[2] + z[3]) / 4);
        faces.push_back(
            {pr.depth(0.5 * ((*g.gx)[i] + (*g.gx)[i + 1]), 0.5 * ((*g.gy)[j] + (*g.gy)[j + 1]), zm),
             m, i, j});
      }
    }
  }
  std::stable_sort(faces.begin(), faces.end(),
                   [](const face& a, const face& b) { return a.depth < b.depth; });
  const vec3 view = pr.toward_viewer();
  for (const face& f : faces) {
    const mesh& g = meshes[f.m];
    const int n = static_cast<int>(g.gx->size()), ny = static_cast<int>(g.gy->size());
    const std::size_t k0 = std::size_t(f.j) * n + f.i, k1 = k0 + 1, k2 = k0 + n + 1, k3 = k0 + n;
    const std::vector<double>&ix = ixs[f.m], &iy = iys[f.m];
    cairo_move_to(cr, ix[k0], iy[k0]);
    cairo_line_to(cr, ix[k1], iy[k1]);
    cairo_line_to(cr, ix[k2], iy[k2]);
    cairo_line_to(cr, ix[k3], iy[k3]);
    cairo_close_path(cr);
    switch (g.kind) {
      case mesh::style::shaded: {
        // Lambert shading from a light over the viewer's shoulder; colour by height.
        const auto zq = [&](std::size_t k) { return clamp_z((*g.z)[k]); };
        const double zm = (zq(k0) + zq(k1) + zq(k2) + zq(k3)) / 4;
        const double dzx =
            (zq(k1) + zq(k2) - zq(k0) - zq(k3)) / 2 / (zr.hi - zr.lo) * 0.75 * (n - 1);
        const double dzy =
            (zq(k2) + zq(k3) - zq(k0) - zq(k1)) / 2 / (zr.hi - zr.lo) * 0.75 * (ny - 1);
        const double len = std::sqrt(dzx * dzx + dzy * dzy + 1);
        const double light = std::abs((-dzx * view.x - dzy * view.y + view.z) / len);
        const rgb base = colormap((zm - zr.lo) / (zr.hi - zr.lo));
        const double k = 0.55 + 0.45 * light;
        c.set_color({base.r * k, base.g * k, base.b * k}, g.alpha);
        cairo_fill_preserve(cr);
        c.set_color(colors::black, 0.25 * g.alpha);
        cairo_set_line_width(cr, 0.5 * u);
        break;
      }
      case mesh::style::wire:
        c.set_color(colors::white, g.alpha);
        cairo_fill_preserve(cr);
        c.set_color(g.color, g.alpha);
        cairo_set_line_width(cr, 0.9 * u);
        break;
      case mesh::style::plane:
        c.set_color(g.color, 0.45 * g.alpha);
        cairo_fill_preserve(cr);
        c.set_color(g.color, 0.8 * g.alpha);
        cairo_set_line_width(cr, 0.6 * u);
        break;
    }
    cairo_stroke(cr);
  }
}

depth_buffer::depth_buffer(const projection& pr, const mesh& m, double width, double height)
    : pr_(pr), scale_(std::min(1.0, 1024 / std::max({width, height, 1.0}))) {
  w_ = std::max(1, static_cast<int>(std::ceil(width * scale_)));
  h_ = std::max(1, static_cast<int>(std::ceil(height * scale_)));
  depth_.assign(std::size_t(w_) * h_, -INFINITY);
  const plot_range zr = pr.z_range();
  const int nx = static_cast<int>(m.gx->size()), ny = static_cast<int>(m.gy->size());
  // Every grid point on the picture (in buffer cells) with its depth, as draw_meshes places it.
  struct vertex {
    double x, y, d;
    bool ok;
  };
  std::vector<vertex> v(std::size_t(nx) * ny);
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      const double z = (*m.z)[std::size_t(j) * nx + i];
      vertex& p = v[std::size_t(j) * nx + i];
      p.ok = std::isfinite(z);
      if (!p.ok) continue;
      const double zc = std::clamp(z, zr.lo, zr.hi);
      pr.image((*m.gx)[i], (*m.gy)[j], zc, p.x, p.y);
      p.x *= scale_;
      p.y *= scale_;
      p.d = pr.depth((*m.gx)[i], (*m.gy)[j], zc);
    }
  }
  // Each face as two triangles, depth interpolated linearly (barycentric) over each.
  const auto triangle = [&](const vertex& a, const vertex& b, const vertex& c) {
    const double area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    if (std::abs(area) < 1e-12) return;
    const int x0 = std::max(0, static_cast<int>(std::floor(std::min({a.x, b.x, c.x}))));
    const int x1 = std::min(w_ - 1, static_cast<int>(std::ceil(std::max({a.x, b.x, c.x}))));
    const int y0 = std::max(0, static_cast<int>(std::floor(std::min({a.y, b.y, c.y}))));
    const int y1 = std::min(h_ - 1, static_cast<int>(std::ceil(std::max({a.y, b.y, c.y}))));
    for (int y = y0; y <= y1; ++y) {
      for (int x = x0; x <= x1; ++x) {
        const double px = x + 0.5, py = y + 0.5;
        const double wa = ((b.x - px) * (c.y - py) - (b.y - py) * (c.x - px)) / area;
        const double wb = ((c.x - px) * (a.y - py) - (c.y - py) * (a.x - px)) / area;
        const double wc = 1 - wa - wb;
        if (wa < 0 || wb < 0 || wc < 0) continue;
        float& cell = depth_[std::size_t(y) * w_ + x];
        cell = std::max(cell, static_cast<float>(wa * a.d + wb * b.d + wc * c.d));
      }
    }
  };
  for (int j = 0; j + 1 < ny; ++j) {
    for (int i = 0; i + 1 < nx; ++i) {
      const std::size_t k0 = std::size_t(j) * nx + i, k1 = k0 + 1, k2 = k0 + nx + 1, k3 = k0 + nx;
      if (!(v[k0].ok && v[k1].ok && v[k2].ok && v[k3].ok)) continue;
      triangle(v[k0], v[k1], v[k2]);
      triangle(v[k0], v[k2], v[k3]);
    }
  }
}

bool depth_buffer::visible(double x, double y, double z) const {
  double ix, iy;
  pr_.image(x, y, z, ix, iy);
  const int cx = static_cast<int>(std::floor(ix * scale_)),
            cy = static_cast<int>(std::floor(iy * scale_));
  if (cx < 0 || cy < 0 || cx >= w_ || cy >= h_) return true;
  // A point on the surface has the surface's own depth there, up to the difference between the
  // two triangles and the bilinear patch: a tolerance of 2% of the box's size.
  return pr_.depth(x, y, z) >= depth_[std::size_t(cy) * w_ + cx] - 0.02;
}

void polyline3(canvas& c, const projection& pr, const std::vector<double>& xs,
               const std::vector<double>& ys, const std::vector<double>& zs) {
  bool open = false;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (!inside(pr, xs[i], ys[i], zs[i])) {
      open = false;
      continue;
    }
    double x, y;
    pr.image(xs[i], ys[i], zs[i], x, y);
    if (open) {
      cairo_line_to(c.cr(), x, y);
    } else {
      cairo_move_to(c.cr(), x, y);
      open = true;
    }
  }
}

}  // namespace kobai::detail
