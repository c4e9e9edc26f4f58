// contour: level lines of f(x, y) by marching squares over a batch-sampled grid, the −∇f field,
// the descent paths; compare: several paths over one contour plot or a grid of panels.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <unordered_map>

#include "messages.hpp"
#include "scene.hpp"

namespace kobai::detail {
namespace {

// Levels spread over the range of f. When a few large values would crowd every linear level into
// the steep walls (Rosenbrock's valley), levels are spaced geometrically above the minimum
// instead, so the floor of the valley gets lines too.
std::vector<double> contour_levels(std::vector<double> v, int count) {
  std::erase_if(v, [](double x) { return !std::isfinite(x); });
  if (v.empty()) return {};
  // Order statistics by selection (linear time) rather than a full sort: the q-th value of the
  // sorted samples, the same element a sort would put there.
  const auto at = [&](double q) {
    const auto k = static_cast<std::ptrdiff_t>(q * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + k, v.end());
    return v[static_cast<std::size_t>(k)];
  };
  const double lo = *std::min_element(v.begin(), v.end());
  const double hi = at(0.995), quartile = at(0.25), low_tail = at(0.005);
  std::vector<double> levels;
  if (!(hi > lo)) return levels;
  // Wide: the lowest quarter of the plot spans under 1/15 of the range (x² + y² on a square: 1/6).
  const bool wide = (hi - lo) > 15 * (quartile - lo);
  for (int i = 0; i < count; ++i) {
    if (wide) {
      const double d0 = std::max(low_tail - lo, (hi - lo) * 1e-6);
      const double d =
          d0 * std::pow((hi - lo) / d0, static_cast<double>(i) / std::max(count - 1, 1));
      levels.push_back(lo + d);
    } else {
      levels.push_back(lo + (hi - lo) * (i + 0.5) / count);
    }
  }
  return levels;
}

// Marching squares (Lorensen & Cline's cube cases in 2-D): each cell whose corners straddle the
// level contributes one segment, or two at a saddle, where the cell's mean decides which corners
// connect. Cells with a NaN corner are skipped, so undefined regions are holes.
//
// The segments are then chained into polylines through the grid edges they share, so the renderer
// strokes a few long lines with joins instead of thousands of two-point pieces with caps.
std::vector<std::vector<double>> contour_lines(const scene& s, double level) {
  struct piece {
    double x0, y0, x1, y1;
    std::size_t e0, e1;  // grid edges of the two ends
  };
  std::vector<piece> pieces;
  const std::vector<double>& pxs = s.gx;
  const std::vector<double>& pys = s.gy;
  const int nx = s.nx;
  for (int j = 0; j + 1 < s.ny; ++j) {
    const double* row0 = s.values.data() + std::size_t(j) * nx;
    const double* row1 = row0 + nx;
    for (int i = 0; i + 1 < nx; ++i) {
      const double v[4] = {row0[i], row0[i + 1], row1[i + 1], row1[i]};
      const int code =
          (v[0] >= level) | (v[1] >= level) << 1 | (v[2] >= level) << 2 | (v[3] >= level) << 3;
      if (code == 0 || code == 15) continue;
      if (!(std::isfinite(v[0]) && std::isfinite(v[1]) && std::isfinite(v[2]) &&
            std::isfinite(v[3]))) {
        continue;
      }
      // Edge e: 0 bottom (v0–v1), 1 right (v1–v2), 2 top (v2–v3), 3 left (v3–v0).
      const auto point = [&](int e, double& x, double& y) {
        const int a = e, b = (e + 1) % 4;
        const double t = (level - v[a]) / (v[b] - v[a]);
        const double cx[4] = {pxs[i], pxs[i + 1], pxs[i + 1], pxs[i]};
        const double cy[4] = {pys[j], pys[j], pys[j + 1], pys[j + 1]};
        x = cx[a] + t * (cx[b] - cx[a]);
        y = cy[a] + t * (cy[b] - cy[a]);
      };
      // A grid edge's key: horizontal edges (row, column) at even numbers, vertical at odd.
      const auto edge_key = [&](int e) -> std::size_t {
        const std::size_t row = std::size_t(j) + (e == 2 ? 1 : 0);
        const std::size_t col = std::size_t(i) + (e == 1 ? 1 : 0);
        return (row * std::size_t(nx) + col) * 2 + (e == 1 || e == 3 ? 1 : 0);
      };
      const auto segment = [&](int e0, int e1) {
        double x0, y0, x1, y1;
        point(e0, x0, y0);
        point(e1, x1, y1);
        pieces.push_back({x0, y0, x1, y1, edge_key(e0), edge_key(e1)});
      };
      static constexpr std::array<std::array<int, 2>, 16> single = {{{-1, -1},
                                                                     {3, 0},
                                                                     {0, 1},
                                                                     {3, 1},
                                                                     {1, 2},
                                                                     {-1, -1},
                                                                     {0, 2},
                                                                     {3, 2},
                                                                     {2, 3},
                                                                     {0, 2},
                                                                     {-1, -1},
                                                                     {1, 2},
                                                                     {1, 3},
                                                                     {0, 1},
                                                                     {3, 0},
                                                                     {-1, -1}}};
      if (code == 5 || code == 10) {
        const bool center_high = (v[0] + v[1] + v[2] + v[3]) / 4 >= level;
        // code 5: corners 0 and 2 high. Cut around whichever pair is isolated.
        if ((code == 5) == center_high) {
          segment(0, 1);
          segment(2, 3);
        } else {
          segment(3, 0);
          segment(1, 2);
        }
      } else {
        segment(single[code][0], single[code][1]);
      }
    }
  }
  // Each grid edge is the end of at most two pieces (the two cells beside it).
  std::unordered_map<std::size_t, std::array<std::size_t, 2>> at_edge;
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  at_edge.reserve(pieces.size() * 2);
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    for (const std::size_t e : {pieces[k].e0, pieces[k].e1}) {
      auto [it, fresh] = at_edge.try_emplace(e, std::array<std::size_t, 2>{none, none});
      it->second[it->second[0] == none ? 0 : 1] = k;
    }
  }
  std::vector<bool> used(pieces.size(), false);
  // The piece other than `k` that ends on edge e, if it is still free.
  const auto next_at = [&](std::size_t e, std::size_t k) {
    const auto& two = at_edge.at(e);
    const std::size_t other = two[0] == k ? two[1] : two[0];
    return other != none && !used[other] ? other : none;
  };
  std::vector<std::vector<double>> lines;
  for (std::size_t start = 0; start < pieces.size(); ++start) {
    if (used[start]) continue;
    used[start] = true;
    // Grow forward from the end e1, then backward from e0, into one deque-like polyline.
    std::vector<double> forward{pieces[start].x0, pieces[start].y0, pieces[start].x1,
                                pieces[start].y1};
    std::vector<double> backward;
    for (int side = 0; side < 2; ++side) {
      std::size_t edge = side == 0 ? pieces[start].e1 : pieces[start].e0;
      std::vector<double>& grow = side == 0 ? forward : backward;
      for (std::size_t k = next_at(edge, start); k != none; k = next_at(edge, k)) {
        used[k] = true;
        const piece& p = pieces[k];
        const bool from0 = p.e0 == edge;
        grow.push_back(from0 ? p.x1 : p.x0);
        grow.push_back(from0 ? p.y1 : p.y0);
        edge = from0 ? p.e1 : p.e0;
      }
    }
    std::vector<double> line;
    line.reserve(backward.size() + forward.size());
    for (std::size_t b = backward.size(); b >= 2; b -= 2) {
      line.push_back(backward[b - 2]);
      line.push_back(backward[b - 1]);
    }
    line.insert(line.end(), forward.begin(), forward.end());
    lines.push_back(std::move(line));
  }
  return lines;
}

const scene::contour_cache& contours_of(const scene& s) {
  if (!s.contours) {
    const int count = s.options->levels > 0 ? s.options->levels : 12;
    scene::contour_cache cache;
    cache.levels = contour_levels(s.values, count);
    for (double level : cache.levels) cache.lines.push_back(contour_lines(s, level));
    s.contours = std::move(cache);
  }
  return *s.contours;
}

// The path's polyline, every segment clipped to a box around the axes so a far point never
// reaches the renderer as a huge coordinate.
void path_line(canvas& c, const axes& a, const path2& p, std::size_t n) {
  const plot_range bx = pad(a.panel().x, 1.0), by = pad(a.panel().y, 1.0);
  bool joined = false;  // the previous segment ended where this one starts
  for (std::size_t k = 1; k < n; ++k) {
    double x0 = p.x[k - 1], y0 = p.y[k - 1], x1 = p.x[k], y1 = p.y[k];
    if (!clip_segment(x0, y0, x1, y1, bx, by)) {
      joined = false;
      continue;
    }
    if (!joined || x0 != p.x[k - 1] || y0 != p.y[k - 1]) cairo_move_to(c.cr(), a.px(x0), a.py(y0));
    cairo_line_to(c.cr(), a.px(x1), a.py(y1));
    joined = x1 == p.x[k] && y1 == p.y[k];
  }
}

// The colour of band b of n + 1 (below the first level, between levels, above the last): the
// colour map's, lightened toward white so the red path and the lines over it stay readable.
rgb band_color(std::size_t b, std::size_t levels) {
  const rgb m = colormap(0.85 * static_cast<double>(b) /
                         static_cast<double>(std::max<std::size_t>(levels, 1)));
  constexpr double keep = 0.62;
  return {1 - keep * (1 - m.r), 1 - keep * (1 - m.g), 1 - keep * (1 - m.b)};
}

// Band b's colour as an opaque ARGB pixel, and back as the rgb that paints exactly that pixel
// (cairo keeps k/255 exact), so the colour bar's boxes match the bands pixel for pixel.
std::uint32_t band_pixel(std::size_t b, std::size_t levels) {
  const rgb col = band_color(b, levels);
  const auto channel = [](double v) {
    return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
  };
  return 0xff000000u | channel(col.r) << 16 | channel(col.g) << 8 | channel(col.b);
}
rgb band_paint(std::size_t b, std::size_t levels) {
  const std::uint32_t p = band_pixel(b, levels);
  const auto channel = [&](int shift) { return static_cast<double>((p >> shift) & 0xffu) / 255; };
  return {channel(16), channel(8), channel(0)};
}

// Filled contour bands: every pixel of the plot area takes the colour of the band holding f there,
// with f interpolated bilinearly between the grid samples — the same interpolation whose edge
// crossings marching squares draws as the lines, so band edges and lines agree. Cells with a
// non-finite corner stay blank, like the lines. Drawn as one image at the device resolution (two
// pixels per unit for SVG and PDF).
void draw_bands(canvas& c, const scene& s, const axes& a) {
  const scene::contour_cache& cache = contours_of(s);
  const std::vector<double>& levels = cache.levels;
  if (levels.empty() || s.nx < 2 || s.ny < 2) return;
  cairo_t* cr = c.cr();
  const plot_panel& p = a.panel();
  double per_unit = 2;
  if (cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE) {
    double dx = 1, dy = 0;
    cairo_user_to_device_distance(cr, &dx, &dy);
    per_unit = std::hypot(dx, dy);
  }
  const int w = std::max(1, static_cast<int>(std::ceil(p.width * per_unit)));
  const int h = std::max(1, static_cast<int>(std::ceil(p.height * per_unit)));
  const image_surface img(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
  cairo_surface_flush(img.get());
  unsigned char* data = cairo_image_surface_get_data(img.get());
  const int stride = cairo_image_surface_get_stride(img.get());
  std::vector<std::uint32_t> palette(levels.size() + 1);
  for (std::size_t b = 0; b < palette.size(); ++b) palette[b] = band_pixel(b, levels.size());
  const double x0 = s.gx.front(), y0 = s.gy.front();
  const double hx = (s.gx.back() - x0) / (s.nx - 1), hy = (s.gy.back() - y0) / (s.ny - 1);
  for (int r = 0; r < h; ++r) {
    auto* row = reinterpret_cast<std::uint32_t*>(data + std::ptrdiff_t(r) * stride);
    // Pixel centres in data coordinates (image y grows downward).
    const double y = p.y.hi - (r + 0.5) / h * (p.y.hi - p.y.lo);
    const double fy = std::clamp((y - y0) / hy, 0.0, s.ny - 1.0);
    const int j = std::min(static_cast<int>(fy), s.ny - 2);
    const double ty = fy - j;
    const double* v0 = s.values.data() + std::size_t(j) * s.nx;
    const double* v1 = v0 + s.nx;
    for (int q = 0; q < w; ++q) {
      const double x = p.x.lo + (q + 0.5) / w * (p.x.hi - p.x.lo);
      const double fx = std::clamp((x - x0) / hx, 0.0, s.nx - 1.0);
      const int i = std::min(static_cast<int>(fx), s.nx - 2);
      const double tx = fx - i;
      const double f =
          (1 - ty) * ((1 - tx) * v0[i] + tx * v0[i + 1]) + ty * ((1 - tx) * v1[i] + tx * v1[i + 1]);
      if (!std::isfinite(f)) {
        row[q] = 0;  // transparent: a hole
        continue;
      }
      // Marching squares puts a corner with f ≥ level on the high side; the same here.
      const auto band = static_cast<std::size_t>(std::upper_bound(levels.begin(), levels.end(), f) -
                                                 levels.begin());
      row[q] = palette[band];
    }
  }
  cairo_surface_mark_dirty(img.get());
  cairo_save(cr);
  cairo_translate(cr, p.left, p.top);
  cairo_scale(cr, p.width / w, p.height / h);
  cairo_set_source_surface(cr, img.get(), 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
  cairo_paint(cr);
  cairo_restore(cr);
}

// Room kept right of a single plot for the key to its filled bands.
double colour_bar_room(const scene& s, double font) {
  return s.options->filled ? font * 5.5 : 0;
}

// The key to the filled bands, right of the plot: one box per band from the lowest (bottom) to the
// highest, all of one height whatever the spacing of the levels (a value scale would squash the
// geometric levels of a steep valley into one end), each boundary labelled with its level where
// the labels do not overlap.
void draw_colour_bar(canvas& c, const scene& s, const axes& a, double font) {
  const std::vector<double>& levels = contours_of(s).levels;
  if (levels.empty()) return;
  const plot_panel& p = a.panel();
  const double x = p.left + p.width + font * 0.8, w = font * 1.0, size = font * 0.8;
  const std::size_t bands = levels.size() + 1;
  const double h = p.height / static_cast<double>(bands);
  const double bottom = p.top + p.height;
  cairo_t* cr = c.cr();
  for (std::size_t b = 0; b < bands; ++b) {
    cairo_rectangle(cr, x, bottom - static_cast<double>(b + 1) * h, w, h);
    c.set_color(band_paint(b, levels.size()));
    cairo_fill(cr);
  }
  cairo_rectangle(cr, x, p.top, w, p.height);
  c.set_color(colors::axis);
  cairo_set_line_width(cr, std::max(0.5, 0.8 * c.unit()));
  cairo_stroke(cr);
  const auto every = static_cast<std::size_t>(std::max(1.0, std::ceil(size * 1.3 / h)));
  for (std::size_t k = 0; k < levels.size(); k += every) {
    const double y = bottom - static_cast<double>(k + 1) * h;
    c.line(x + w, y, x + w + font * 0.25, y);
    cairo_stroke(cr);
    // Three significant digits: the levels are not on a tick grid.
    c.text(x + w + font * 0.4, y, tick_label(levels[k], 0), size, colors::text, h_align::left,
           v_align::middle);
  }
}

// The level lines: in the colour map's colours over a blank plot, dark and thin over bands.
void draw_levels(canvas& c, const scene& s, const axes& a, bool over_bands) {
  const scene::contour_cache& cache = contours_of(s);
  const std::vector<double>& levels = cache.levels;
  cairo_t* cr = c.cr();
  cairo_set_line_width(cr,
                       over_bands ? std::max(0.5, 0.8 * c.unit()) : std::max(0.6, 1.3 * c.unit()));
  for (std::size_t l = 0; l < levels.size(); ++l) {
    for (const std::vector<double>& line : cache.lines[l]) {
      cairo_move_to(cr, a.px(line[0]), a.py(line[1]));
      for (std::size_t k = 2; k + 1 < line.size(); k += 2)
        cairo_line_to(cr, a.px(line[k]), a.py(line[k + 1]));
    }
    const double t = levels.size() > 1 ? static_cast<double>(l) / (levels.size() - 1) : 0.5;
    if (over_bands) {
      c.set_color(colors::black, 0.45);
    } else {
      c.set_color(colormap(0.85 * t));
    }
    cairo_stroke(c.cr());
  }
}

// Arrows of −∇f on a coarse grid, length proportional to ‖∇f‖ in plot units, the longest as long
// as a grid cell (the book's gradient figure).
void draw_field(canvas& c, const scene& s, const axes& a) {
  const plot_panel& p = a.panel();
  const int n = 17;
  const double cell = std::min(p.width, p.height) / n;
  struct arrow {
    double x, y, dx, dy;
  };
  std::vector<arrow> arrows;
  double longest = 0;
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      const double x = p.x.lo + (p.x.hi - p.x.lo) * (i + 0.5) / n;
      const double y = p.y.lo + (p.y.hi - p.y.lo) * (j + 0.5) / n;
      double gxv, gyv;
      s.grad2(x, y, gxv, gyv);
      // −∇f in image units: data-to-image scale per axis, y flipped.
      const double dx = -gxv * p.width / (p.x.hi - p.x.lo);
      const double dy = gyv * p.height / (p.y.hi - p.y.lo);
      if (!std::isfinite(dx) || !std::isfinite(dy)) continue;
      arrows.push_back({a.px(x), a.py(y), dx, dy});
      longest = std::max(longest, std::hypot(dx, dy));
    }
  }
  if (!(longest > 0)) return;
  const double scale = cell * 0.9 / longest, u = c.unit();
  c.set_color(colors::field, 0.8);
  cairo_set_line_width(c.cr(), 1.2 * u);
  for (const arrow& ar : arrows) {
    const double dx = ar.dx * scale, dy = ar.dy * scale, len = std::hypot(dx, dy);
    if (len < 1.5 * u) continue;
    const double x0 = ar.x - dx / 2, y0 = ar.y - dy / 2, x1 = ar.x + dx / 2, y1 = ar.y + dy / 2;
    c.line(x0, y0, x1, y1);
    const double head = std::min(5 * u, len * 0.4), ux = dx / len, uy = dy / len;
    cairo_move_to(c.cr(), x1 - head * (ux - uy * 0.5), y1 - head * (uy + ux * 0.5));
    cairo_line_to(c.cr(), x1, y1);
    cairo_line_to(c.cr(), x1 - head * (ux + uy * 0.5), y1 - head * (uy - ux * 0.5));
  }
  cairo_stroke(c.cr());
}

void draw_path(canvas& c, const axes& a, const path2& p, std::size_t upto, rgb color,
               bool current) {
  const std::size_t n = std::min(p.shown, upto + 1);
  if (n == 0) return;
  const double u = c.unit();
  path_line(c, a, p, n);
  c.set_color(color);
  cairo_set_line_width(c.cr(), 1.8 * u);
  cairo_stroke(c.cr());
  for (std::size_t k = 0; k < n; ++k) {
    if (a.inside(p.x[k], p.y[k])) dot(c, a.px(p.x[k]), a.py(p.y[k]), 3.6 * u, color);
  }
  if (a.inside(p.x[0], p.y[0])) ring(c, a.px(p.x[0]), a.py(p.y[0]), 6.5 * u, color, 2.2 * u);
  if (current && a.inside(p.x[n - 1], p.y[n - 1])) {
    ring(c, a.px(p.x[n - 1]), a.py(p.y[n - 1]), 8 * u, color, 2.6 * u);
    dot(c, a.px(p.x[n - 1]), a.py(p.y[n - 1]), 4.5 * u, color);
  }
}

// What a legend over the plot should leave uncovered: every path as far as it is drawn (all of it,
// so the legend stays put from frame to frame) and the minimum's '+'.
image_lines drawn_data(const scene& s, const axes& a, std::span<const path2> paths) {
  image_lines drawn;
  for (const path2& p : paths) {
    const auto n = static_cast<std::ptrdiff_t>(p.shown);
    a.add_image_line(drawn, {p.x.begin(), p.x.begin() + n}, {p.y.begin(), p.y.begin() + n});
  }
  const auto& m = s.options->minimum;
  if (!m.empty()) a.add_image_line(drawn, {m[s.ix]}, {m[s.iy]});
  return drawn;
}

void draw_minimum(canvas& c, const scene& s, const axes& a) {
  const auto& m = s.options->minimum;
  if (m.empty() || !a.inside(m[s.ix], m[s.iy])) return;
  plus_mark(c, a.px(m[s.ix]), a.py(m[s.iy]), 8 * c.unit(), colors::black, 2.2 * c.unit());
}

// The axes with the frame, labels, title, levels and field drawn unless `still` is false.
axes contour_axes(canvas& c, const scene& s, double left, double top, double width, double height,
                  double font, const std::string& title, bool labels, bool still) {
  const axes a(left, top, width, height, s.xr, s.yr);
  if (!still) return a;
  a.draw_frame(c, font);
  if (labels) a.draw_labels(c, s.variables[s.ix], s.variables[s.iy], font);
  a.draw_title(c, title, font * 1.15);
  cairo_save(c.cr());
  a.clip(c);
  if (s.options->filled) draw_bands(c, s, a);
  draw_levels(c, s, a, s.options->filled);
  if (s.options->field) draw_field(c, s, a);
  cairo_restore(c.cr());
  return a;
}

// The standard margins, the left one wide enough for the y tick labels.
margins plot_margins(canvas& c, const scene& s, double font) {
  const margins m = standard_margins(c, true, font);
  return fit_y_labels(m, c, s.yr, false, c.height() - m.top - m.bottom, font);
}

std::string caption_for(const scene& s, std::size_t upto, bool animated) {
  std::string caption = s.caption();
  if (animated) caption = frame_caption(s, upto) + (caption.empty() ? "" : "    " + caption);
  return caption;
}

}  // namespace

panels draw_contour(canvas& c, const scene& s, std::size_t upto, bool animated, layer part) {
  const double font = base_font(c);
  const margins m = plot_margins(c, s, font);
  const double right = m.right + colour_bar_room(s, font);
  const axes a =
      contour_axes(c, s, m.left, m.top, c.width() - m.left - right, c.height() - m.top - m.bottom,
                   font, s.title, true, part != layer::moving);
  if (part != layer::moving && s.options->filled) draw_colour_bar(c, s, a, font);
  if (part == layer::still) return {a.panel()};
  cairo_save(c.cr());
  a.clip(c);
  for (const path2& p : s.paths) draw_path(c, a, p, upto, colors::path, animated);
  draw_minimum(c, s, a);
  cairo_restore(c.cr());
  std::vector<legend_entry> legend;
  if (!s.paths.empty()) {
    legend.push_back(
        {std::string(messages::plot_path), colors::path, legend_entry::style::line_and_marker});
  }
  if (!s.options->minimum.empty()) {
    legend.push_back(
        {std::string(messages::plot_minimum), colors::black, legend_entry::style::plus});
  }
  a.draw_legend(c, legend, font, drawn_data(s, a, s.paths));
  draw_caption(c, caption_for(s, upto, animated), font);
  return {a.panel()};
}

panels draw_compare(canvas& c, const scene& s, std::size_t upto, bool animated, layer part) {
  const double font = base_font(c);
  const bool still = part != layer::moving, moving = part != layer::still;
  if (!s.options->panels) {
    const margins m = plot_margins(c, s, font);
    const double right = m.right + colour_bar_room(s, font);
    const axes a = contour_axes(c, s, m.left, m.top, c.width() - m.left - right,
                                c.height() - m.top - m.bottom, font, s.title, true, still);
    if (still && s.options->filled) draw_colour_bar(c, s, a, font);
    if (!moving) return {a.panel()};
    std::vector<legend_entry> legend;
    cairo_save(c.cr());
    a.clip(c);
    for (std::size_t i = 0; i < s.paths.size(); ++i) {
      draw_path(c, a, s.paths[i], upto, series_color(i), animated);
      legend.push_back({s.paths[i].label, series_color(i), legend_entry::style::line_and_marker});
    }
    draw_minimum(c, s, a);
    cairo_restore(c.cr());
    a.draw_legend(c, legend, font, drawn_data(s, a, s.paths));
    draw_caption(c, caption_for(s, upto, animated), font);
    return {a.panel()};
  }
  // The book's Figure 6-8 layout: one panel per method, path in red with markers, '+' at the
  // minimum.
  const std::size_t n = s.paths.size();
  const int cols = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n))));
  const int rows = static_cast<int>((n + cols - 1) / cols);
  const double pf = std::clamp(font * 0.85, 6.0, 22.0);
  const double cell_w = c.width() / cols, cell_h = (c.height() - pf * 2) / rows;
  const double height = cell_h - pf * 5.6;
  const double inset =
      std::max(pf * 5.2, left_margin(c, y_tick_label_width(c, s.yr, false, height, pf), pf));
  panels out;
  for (std::size_t i = 0; i < n; ++i) {
    const int col = static_cast<int>(i) % cols, row = static_cast<int>(i) / cols;
    const double left = col * cell_w + inset, top = row * cell_h + pf * 2.6;
    const axes a = contour_axes(c, s, left, top, cell_w - inset - pf, height, pf, s.paths[i].label,
                                true, still);
    out.push_back(a.panel());
    if (!moving) continue;
    cairo_save(c.cr());
    a.clip(c);
    draw_path(c, a, s.paths[i], upto, colors::path, animated);
    draw_minimum(c, s, a);
    cairo_restore(c.cr());
  }
  if (moving) draw_caption(c, caption_for(s, upto, animated), pf);
  return out;
}

}  // namespace kobai::detail
