// curve: f(x) with tangents and the descent points; steps: one panel per iteration.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "messages.hpp"
#include "scene.hpp"

namespace kobai::detail {
namespace {

struct curve_samples {
  std::vector<double> x, y;
};

curve_samples sample_curve(const scene& s, plot_range xr, int n) {
  curve_samples c;
  c.x.resize(n);
  c.y.resize(n);
  std::vector<double> points(n);
  for (int i = 0; i < n; ++i) points[i] = c.x[i] = xr.lo + (xr.hi - xr.lo) * i / (n - 1);
  s.t.values(points, c.y);
  return c;
}

// The curve cut into the pieces drawn as lines: runs of finite samples, cut again where f jumps
// across a discontinuity between two samples (1/x at 0, tan at ±π/2, floor at an integer), so no
// line joins −∞ to +∞. Each piece runs up to the discontinuity (the last point before it), so the
// branches of a pole leave the plot instead of stopping one sample short of it.
struct curve_pieces {
  std::vector<std::vector<std::pair<double, double>>> pieces;
  std::size_t jumps = 0;  ///< discontinuities found between finite samples
};

// Whether f has a jump in [a, b] (ya = f(a), yb = f(b), both finite), and if so the narrow
// interval about it. A continuous f, however steep, changes less and less over halves of the
// interval; at a pole or a step the change between the ends of the half that holds it never drops
// below `small`. This is the bisection test of adaptive plotters (Mathematica's Exclusions, the
// jump detection of Maple's discont=true).
bool find_jump(const scene& s, double& a, double& ya, double& b, double& yb, double small) {
  const auto change = [](double u, double v) {
    return std::isfinite(u) && std::isfinite(v) ? std::abs(v - u) : INFINITY;
  };
  for (int halving = 0; halving < 80; ++halving) {
    if (change(ya, yb) < small) return false;
    const double m = a + (b - a) / 2;
    if (!(m > a && m < b)) break;  // a and b are neighbouring doubles
    const double ym = s.f1(m);
    if (change(ya, ym) >= change(ym, yb)) {
      b = m;
      yb = ym;
    } else {
      a = m;
      ya = ym;
    }
  }
  return true;
}

curve_pieces cut_curve(const scene& s, const curve_samples& c) {
  std::vector<double> finite;
  for (double y : c.y) {
    if (std::isfinite(y)) finite.push_back(y);
  }
  // The scale a jump is measured against: the spread of the middle 90% of the values, which a
  // pole's spike does not move.
  double scale = 0;
  if (!finite.empty()) {
    std::sort(finite.begin(), finite.end());
    const auto at = [&](double q) {
      return finite[static_cast<std::size_t>(q * static_cast<double>(finite.size() - 1))];
    };
    scale = at(0.95) - at(0.05);
    if (!(scale > 0 && std::isfinite(scale))) scale = finite.back() - finite.front();
  }
  curve_pieces out;
  std::vector<std::pair<double, double>> piece;
  const auto close = [&] {
    if (!piece.empty()) out.pieces.push_back(std::move(piece));
    piece.clear();
  };
  const bool look = scale > 0 && std::isfinite(scale);
  for (std::size_t i = 0; i < c.x.size(); ++i) {
    if (!std::isfinite(c.y[i])) {
      close();
      continue;
    }
    if (look && !piece.empty() && i > 0 && std::isfinite(c.y[i - 1]) &&
        std::abs(c.y[i] - c.y[i - 1]) > 0.05 * scale) {
      double a = c.x[i - 1], ya = c.y[i - 1], b = c.x[i], yb = c.y[i];
      if (find_jump(s, a, ya, b, yb, 0.01 * scale)) {
        ++out.jumps;
        if (std::isfinite(ya)) piece.emplace_back(a, ya);
        close();
        if (std::isfinite(yb)) piece.emplace_back(b, yb);
      }
    }
    piece.emplace_back(c.x[i], c.y[i]);
  }
  close();
  return out;
}

// The y range of the curve over the plot, with the points of the path; the range the user gave
// when there is one. A few huge values are clipped so they do not flatten everything else: those of
// a pole (a jump was found) by the 5th–95th percentiles, as a plotter's automatic range does, other
// spikes by robust_range's rule.
plot_range curve_y_range(const scene& s, const curve_samples& c, const curve_pieces& cut,
                         std::vector<std::string>& notes) {
  if (s.value_range) return *s.value_range;
  std::vector<double> ys = c.y;
  for (const auto& p : s.paths) {
    for (std::size_t k = 0; k < p.shown; ++k) ys.push_back(s.f1(p.x[k]));
  }
  bool clipped = false;
  plot_range r = cut.jumps > 0 ? quantile_range(ys, 0.05, 0.5, clipped) : robust_range(ys, clipped);
  if (clipped) notes.push_back(messages::plot_clipped_values(r.lo, r.hi));
  return pad(widen(r), 0.06);
}

// Strokes the pieces, every segment clipped to a box about the axes so a point beside a pole
// (f = 1e16) never reaches the renderer as a huge coordinate.
void stroke_pieces(canvas& c, const axes& a, const curve_pieces& cut) {
  const plot_range bx = pad(a.panel().x, 1.0), by = pad(a.panel().y, 1.0);
  for (const auto& piece : cut.pieces) {
    bool joined = false;  // the previous segment ended where this one starts
    if (piece.size() == 1 && a.inside(piece[0].first, piece[0].second)) {
      cairo_move_to(c.cr(), a.px(piece[0].first), a.py(piece[0].second));
      cairo_close_path(c.cr());  // one lone sample: a dot under a round cap
      continue;
    }
    for (std::size_t k = 1; k < piece.size(); ++k) {
      double x0 = piece[k - 1].first, y0 = piece[k - 1].second;
      double x1 = piece[k].first, y1 = piece[k].second;
      if (!clip_segment(x0, y0, x1, y1, bx, by)) {
        joined = false;
        continue;
      }
      if (!joined || y0 != piece[k - 1].second || x0 != piece[k - 1].first)
        cairo_move_to(c.cr(), a.px(x0), a.py(y0));
      cairo_line_to(c.cr(), a.px(x1), a.py(y1));
      joined = x1 == piece[k].first && y1 == piece[k].second;
    }
  }
}

// The colour of the i-th tangent: the first in the tangent orange, the next ones from the series
// palette without the curve's blue, the path's red and the orange near the first tangent's, and
// past those hues spread by the golden angle, so no two tangents share a colour.
rgb tangent_color(std::size_t i) {
  static constexpr std::array<std::size_t, 5> others = {2, 4, 5, 6, 7};
  if (i == 0) return colors::tangent;
  if (i <= others.size()) return series_color(others[i - 1]);
  const double h = std::fmod(0.15 + 0.618033988749895 * static_cast<double>(i), 1.0) * 6;
  const double f = h - std::floor(h), v = 0.75, lo = v * 0.3;
  const double up = lo + (v - lo) * f, down = v - (v - lo) * f;
  switch (static_cast<int>(h)) {
    case 0:
      return {v, up, lo};
    case 1:
      return {down, v, lo};
    case 2:
      return {lo, v, up};
    case 3:
      return {lo, down, v};
    case 4:
      return {up, lo, v};
    default:
      return {v, lo, down};
  }
}

std::string short_number(double v) {
  return fmt::format("{:.4g}", v);
}

// "y = 6x − 9", in the plotted variable
std::string tangent_equation(const std::string& variable, double slope, double intercept) {
  std::string r = "y = ";
  if (slope != 0) r += short_number(slope) + variable;
  if (intercept != 0 || slope == 0) {
    if (slope != 0) {
      r += intercept < 0 ? " − " : " + ";
      r += short_number(std::abs(intercept));
    } else {
      r += short_number(intercept);
    }
  }
  return r;
}

// "y = f(a) + f'(a)(x − a)": the point-slope form, for a point so far out that the intercept
// f(a) − f'(a)·a overflows while f(a) and f'(a) are finite (x² at 1e154).
std::string tangent_equation_at(const std::string& variable, double slope, double at, double fa) {
  std::string r = "y = " + short_number(fa);
  if (slope != 0) {
    r += slope < 0 ? " − " : " + ";
    r += short_number(std::abs(slope)) + "(" + variable + (at < 0 ? " + " : " − ") +
         short_number(std::abs(at)) + ")";
  }
  return r;
}

// The tangent y = f'(a)(x − a) + f(a), drawn across the plot (clipped to a box a little larger
// than the axes so cairo never sees huge coordinates).
void draw_tangent(canvas& c, const axes& a, const scene& s, double at, rgb color, double width) {
  const double fa = s.f1(at), m = s.slope1(at);
  if (!std::isfinite(fa) || !std::isfinite(m)) return;
  const plot_panel& p = a.panel();
  double x0 = p.x.lo, x1 = p.x.hi;
  double y0 = m * (x0 - at) + fa, y1 = m * (x1 - at) + fa;
  const plot_range by = pad(p.y, 0.5);
  if (!clip_segment(x0, y0, x1, y1, p.x, by)) return;
  c.line(a.px(x0), a.py(y0), a.px(x1), a.py(y1));
  c.set_color(color);
  cairo_set_line_width(c.cr(), width);
  const double dash[] = {7 * c.unit(), 4 * c.unit()};
  cairo_set_dash(c.cr(), dash, 2, 0);
  cairo_stroke(c.cr());
  cairo_set_dash(c.cr(), nullptr, 0, 0);
}

}  // namespace

panels draw_curve(canvas& c, const scene& s, std::size_t upto, bool animated,
                  plot_summary& summary) {
  const double font = base_font(c), u = c.unit();
  std::vector<std::string> notes = s.notes;
  const curve_samples cs =
      sample_curve(s, s.xr, std::clamp(static_cast<int>(c.width()), 200, 2000));
  const curve_pieces cut = cut_curve(s, cs);
  const plot_range yr = curve_y_range(s, cs, cut, notes);
  margins m = standard_margins(c, true, font);
  const double height = c.height() - m.top - m.bottom;
  m = fit_y_labels(m, c, yr, false, height, font);
  const axes a(m.left, m.top, c.width() - m.left - m.right, height, s.xr, yr);
  a.draw_frame(c, font);
  a.draw_labels(c, s.variables[0], "f(" + s.variables[0] + ")", font);
  a.draw_title(c, s.title, font * 1.15);

  std::vector<legend_entry> legend{{"f(" + s.variables[0] + ")", colors::curve}};
  cairo_save(c.cr());
  a.clip(c);
  stroke_pieces(c, a, cut);
  c.set_color(colors::curve);
  cairo_set_line_width(c.cr(), 2.4 * u);
  cairo_set_line_cap(c.cr(), CAIRO_LINE_CAP_ROUND);
  cairo_stroke(c.cr());
  cairo_set_line_cap(c.cr(), CAIRO_LINE_CAP_BUTT);

  for (std::size_t i = 0; i < s.options->tangent_at.size(); ++i) {
    const double at = s.options->tangent_at[i];
    const rgb color = tangent_color(i);
    draw_tangent(c, a, s, at, color, 2 * u);
    const double fa = s.f1(at);
    if (std::isfinite(fa)) dot(c, a.px(at), a.py(fa), 5.5 * u, color);
    const double m_at = s.slope1(at), intercept = fa - m_at * at;
    const std::string& v = s.variables[0];
    std::string label;
    if (!std::isfinite(fa) || !std::isfinite(m_at))
      label = messages::plot_no_tangent(v, short_number(at));
    else
      label = messages::plot_tangent_label(v, short_number(at),
                                           std::isfinite(intercept)
                                               ? tangent_equation(v, m_at, intercept)
                                               : tangent_equation_at(v, m_at, at, fa));
    legend.push_back({label, color, legend_entry::style::dashed});
  }

  // The descent: points joined in order, the current one with its tangent.
  for (std::size_t pi = 0; pi < s.paths.size(); ++pi) {
    const path2& p = s.paths[pi];
    const std::size_t n = std::min(p.shown, upto + 1);
    if (n == 0) continue;
    std::vector<double> xs(p.x.begin(), p.x.begin() + static_cast<std::ptrdiff_t>(n)), ys(n);
    for (std::size_t k = 0; k < n; ++k) ys[k] = s.f1(xs[k]);
    polyline(c, a, xs, ys);
    c.set_color(colors::path, 0.6);
    cairo_set_line_width(c.cr(), 1.4 * u);
    cairo_stroke(c.cr());
    // The marks of contour's paths: a dot per iterate, an open ring about the start, and in an
    // animation a larger ring about the current point.
    for (std::size_t k = 0; k < n; ++k) {
      if (std::isfinite(ys[k])) dot(c, a.px(xs[k]), a.py(ys[k]), 3.6 * u, colors::path);
    }
    if (std::isfinite(ys[0])) ring(c, a.px(xs[0]), a.py(ys[0]), 6.5 * u, colors::path, 2.2 * u);
    if (animated) {
      draw_tangent(c, a, s, xs[n - 1], colors::tangent, 2 * u);
      if (std::isfinite(ys[n - 1])) {
        ring(c, a.px(xs[n - 1]), a.py(ys[n - 1]), 8 * u, colors::path, 2.6 * u);
        dot(c, a.px(xs[n - 1]), a.py(ys[n - 1]), 4.5 * u, colors::path);
      }
    }
  }
  const std::vector<double>& minimum = s.options->minimum;
  const double f_min = minimum.empty() ? NAN : s.f1(minimum[0]);
  const bool marks_minimum = std::isfinite(f_min) && a.inside(minimum[0], f_min);
  if (marks_minimum) plus_mark(c, a.px(minimum[0]), a.py(f_min), 8 * u, colors::black, 2.2 * u);
  cairo_restore(c.cr());
  if (!s.paths.empty()) {
    legend.push_back(
        {std::string(messages::plot_path), colors::path, legend_entry::style::line_and_marker});
  }
  if (marks_minimum) {
    legend.push_back(
        {std::string(messages::plot_minimum), colors::black, legend_entry::style::plus});
  }
  // What the legend should leave uncovered: the curve, the tangents, the path, the minimum. The
  // whole path, not the part drawn so far, so the legend stays put from frame to frame.
  image_lines drawn;
  for (const auto& piece : cut.pieces) {
    std::vector<double> xs, ys;
    for (const auto& [x, y] : piece) {
      xs.push_back(x);
      ys.push_back(y);
    }
    a.add_image_line(drawn, xs, ys);
  }
  for (double at : s.options->tangent_at) {
    const double fa = s.f1(at), m_at = s.slope1(at), lo = s.xr.lo, hi = s.xr.hi;
    a.add_image_line(drawn, {lo, at, hi}, {fa + m_at * (lo - at), fa, fa + m_at * (hi - at)});
  }
  for (const path2& p : s.paths) {
    std::vector<double> xs(p.x.begin(), p.x.begin() + static_cast<std::ptrdiff_t>(p.shown));
    std::vector<double> ys(xs.size());
    for (std::size_t k = 0; k < xs.size(); ++k) ys[k] = s.f1(xs[k]);
    a.add_image_line(drawn, xs, ys);
  }
  if (marks_minimum) a.add_image_line(drawn, {minimum[0]}, {f_min});
  a.draw_legend(c, legend, font, drawn);
  summary.legend.clear();  // every frame of an animation draws the same legend
  for (const legend_entry& e : legend) summary.legend.push_back(e.label);

  std::string caption;
  for (const auto& n : notes) caption += (caption.empty() ? "" : "; ") + n;
  if (animated) caption = frame_caption(s, upto) + (caption.empty() ? "" : "    " + caption);
  draw_caption(c, caption, font);
  return {a.panel()};
}

panels draw_steps(canvas& c, const scene& s) {
  const path2& p = s.paths.front();
  const std::size_t count = std::min<std::size_t>(p.shown, 16);
  const int cols =
      static_cast<int>(std::ceil(std::sqrt(static_cast<double>(std::max<std::size_t>(count, 1)))));
  const int rows = static_cast<int>((count + cols - 1) / std::max(cols, 1));
  const double u = c.unit();
  const double font = std::clamp(base_font(c) * 0.75, 6.0, 20.0);
  const double top = base_font(c) * 3;
  const double cell_w = c.width() / cols,
               cell_h = (c.height() - top - font * 1.5) / std::max(rows, 1);

  // Every panel shares the x range and the y range so the point visibly walks down one curve.
  std::vector<std::string> notes;
  const curve_samples cs = sample_curve(s, s.xr, 400);
  const curve_pieces cut = cut_curve(s, cs);
  const plot_range yr = curve_y_range(s, cs, cut, notes);
  c.text(c.width() / 2, top * 0.55, s.title, base_font(c) * 1.15, colors::black, h_align::center,
         v_align::middle, 0, true);

  // The panels have no y title; their tick labels must stay inside their own cell.
  const double height = cell_h - font * 4.0;
  const double inset =
      std::max(font * 3.6, y_tick_label_width(c, yr, false, height, font) + font * 0.4 + 8 * u);
  panels out;
  for (std::size_t k = 0; k < count; ++k) {
    const int col = static_cast<int>(k) % cols, row = static_cast<int>(k) / cols;
    const double left = col * cell_w + inset, ptop = top + row * cell_h + font * 1.6;
    const axes a(left, ptop, cell_w - inset - font, height, s.xr, yr);
    a.draw_frame(c, font);
    const double xk = p.x[k], fk = s.f1(xk);
    a.draw_title(c, messages::plot_step_title(k, short_number(xk)), font);
    cairo_save(c.cr());
    a.clip(c);
    stroke_pieces(c, a, cut);
    c.set_color(colors::curve);
    cairo_set_line_width(c.cr(), 1.6 * u);
    cairo_stroke(c.cr());
    draw_tangent(c, a, s, xk, colors::tangent, 1.5 * u);
    if (std::isfinite(fk)) dot(c, a.px(xk), a.py(fk), 3.5 * u, colors::path);
    cairo_restore(c.cr());
    out.push_back(a.panel());
  }
  std::string caption;
  for (const auto& n : notes) caption += (caption.empty() ? "" : "; ") + n;
  for (const auto& n : s.notes) caption += (caption.empty() ? "" : "; ") + n;
  draw_caption(c, caption, font);
  return out;
}

}  // namespace kobai::detail
