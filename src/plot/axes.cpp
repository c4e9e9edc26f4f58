#include "axes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace kobai::detail {
namespace {

// The layout left of a plot area, from the frame outwards: a tick, a gap, the tick labels, a gap,
// the rotated y axis title, and some room to the image's edge.
double tick_length(double u) {
  return 5 * u;
}
double tick_label_gap(double u) {
  return 3 * u;
}
double title_gap(double font) {
  return 0.5 * font;
}
double title_size(double font) {
  return font * 1.1;
}

struct tick_set {
  std::vector<double> values;
  double step = 1;
};

// The y ticks over a plot area `height` tall: powers of ten (log10 values) when log_y.
tick_set y_ticks(plot_range y, bool log_y, double height, double font) {
  const int target = std::max(2, static_cast<int>(height / (font * 3.5)));
  tick_set t;
  if (log_y) {
    const double step = std::max(1.0, std::ceil((y.hi - y.lo) / target));
    for (double e = std::ceil(y.lo / step) * step; e <= y.hi + 1e-9; e += step) {
      t.values.push_back(e);
    }
  } else {
    t.values = nice_ticks(y.lo, y.hi, target);
    t.step = nice_step(y.lo, y.hi, target);
  }
  return t;
}

std::string y_label_text(double v, bool log_y, double step) {
  return log_y ? power_label(static_cast<int>(std::lround(v))) : tick_label(v, step);
}

}  // namespace

double nice_step(double lo, double hi, int target) {
  const double span = hi - lo;
  if (!(span > 0) || !std::isfinite(span)) return 1;
  const double raw = span / std::max(target, 1);
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  const double m = raw / p;
  const double nice = m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10;
  return nice * p;
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  const double step = nice_step(lo, hi, target);
  std::vector<double> ticks;
  const double first = std::ceil(lo / step - 1e-9);
  for (double k = first;; k += 1) {
    double v = k * step;
    if (v > hi + step * 1e-9 || ticks.size() > 1000) break;
    if (std::abs(v) < step * 1e-9) v = 0;  // no "-0"
    ticks.push_back(v);
  }
  return ticks;
}

std::string tick_label(double v, double step) {
  const double mag = std::max(std::abs(v), step);
  std::string s;
  if (mag >= 1e5 || step < 1e-4) {
    // Enough significant digits to tell neighbouring ticks apart: 1000000.2 and 1000000.4 are
    // both "1e+06" at three.
    const int digits = step > 0 ? std::clamp(static_cast<int>(std::floor(std::log10(mag) + 1e-9) -
                                                              std::floor(std::log10(step) + 1e-9)) +
                                                 1,
                                             3, 17)
                                : 3;
    s = fmt::format("{:.{}g}", v, digits);
  } else {
    const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
    s = fmt::format("{:.{}f}", v, decimals);
  }
  // A typographic minus sign, as wide as a digit.
  if (!s.empty() && s[0] == '-') s = "−" + s.substr(1);
  return s;
}

std::string power_label(int exponent) {
  static constexpr const char* superscripts[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string s = "10";
  if (exponent < 0) s += "⁻";
  const std::string digits = std::to_string(std::abs(exponent));
  for (char d : digits) s += superscripts[d - '0'];
  return s;
}

plot_range widen(plot_range r) {
  if (!std::isfinite(r.lo) || !std::isfinite(r.hi)) return {-1, 1};
  if (r.lo > r.hi) std::swap(r.lo, r.hi);
  // Degenerate only relative to the values' own magnitude: a range of width 1e-14 is a point at
  // 5 but the whole picture of 1e-15 x² (a floor of 1 would flatten every small function).
  if (r.hi - r.lo <= std::max(1e-12 * std::max(std::abs(r.lo), std::abs(r.hi)), 1e-300)) {
    const double d = std::max(1.0, std::abs(r.lo) * 0.1);
    return {r.lo - d, r.hi + d};
  }
  return r;
}

plot_range pad(plot_range r, double fraction) {
  const double d = (r.hi - r.lo) * fraction;
  const plot_range p{r.lo - d, r.hi + d};
  // Near the largest double (x² up to 1.33e154 reaches 1.77e308) the padded range overflows, and
  // axes would replace it by -1..1 with the curve off the plot: the range itself is better.
  if (std::isfinite(r.hi - r.lo) && !std::isfinite(p.hi - p.lo)) return r;
  return p;
}

axes::axes(double left, double top, double width, double height, plot_range x, plot_range y,
           bool log_y) {
  panel_ = {left, top, width, height, widen(x), log_y ? y : widen(y), log_y};
}

double axes::px(double x) const noexcept {
  return panel_.left + (x - panel_.x.lo) / (panel_.x.hi - panel_.x.lo) * panel_.width;
}

double axes::py(double y) const noexcept {
  const double v = panel_.log_y ? std::log10(y) : y;
  return panel_.top + panel_.height -
         (v - panel_.y.lo) / (panel_.y.hi - panel_.y.lo) * panel_.height;
}

bool axes::inside(double x, double y) const noexcept {
  const double v = panel_.log_y ? std::log10(y) : y;
  return x >= panel_.x.lo && x <= panel_.x.hi && v >= panel_.y.lo && v <= panel_.y.hi;
}

void axes::clip(canvas& c) const {
  cairo_rectangle(c.cr(), panel_.left, panel_.top, panel_.width, panel_.height);
  cairo_clip(c.cr());
}

void axes::draw_frame(canvas& c, double font) const {
  cairo_t* cr = c.cr();
  const plot_panel& p = panel_;
  const double u = c.unit();
  const int xtarget = std::max(2, static_cast<int>(p.width / (font * 6)));
  const std::vector<double> xt = nice_ticks(p.x.lo, p.x.hi, xtarget);
  const double xstep = nice_step(p.x.lo, p.x.hi, xtarget);
  const tick_set yt = y_ticks(p.y, p.log_y, p.height, font);
  auto ypix = [&](double v) {
    return p.top + p.height - (v - p.y.lo) / (p.y.hi - p.y.lo) * p.height;
  };

  c.set_color(colors::grid);
  cairo_set_line_width(cr, std::max(0.5, 1.0 * u));
  for (double v : xt) c.line(px(v), p.top, px(v), p.top + p.height);
  for (double v : yt.values) c.line(p.left, ypix(v), p.left + p.width, ypix(v));
  cairo_stroke(cr);

  c.set_color(colors::axis);
  cairo_set_line_width(cr, std::max(0.6, 1.2 * u));
  cairo_rectangle(cr, p.left, p.top, p.width, p.height);
  const double tick = tick_length(u);
  for (double v : xt) c.line(px(v), p.top + p.height, px(v), p.top + p.height + tick);
  for (double v : yt.values) c.line(p.left - tick, ypix(v), p.left, ypix(v));
  cairo_stroke(cr);

  for (double v : xt) {
    // Centred under its tick, but kept inside the image: the margins are sized for short labels,
    // and a long one at the frame's end ("2e+154") would run past the edge.
    const std::string label = tick_label(v, xstep);
    const double half = c.text_width(label, font) / 2, edge = 2 * u;
    const bool fits = 2 * half <= c.width() - 2 * edge;  // else centred as before
    const double x = fits ? std::clamp(px(v), edge + half, c.width() - edge - half) : px(v);
    c.text(x, p.top + p.height + tick + 2 * u, label, font, colors::text, h_align::center,
           v_align::top);
  }
  for (double v : yt.values) {
    c.text(p.left - tick - tick_label_gap(u), ypix(v), y_label_text(v, p.log_y, yt.step), font,
           colors::text, h_align::right, v_align::middle);
  }
}

void axes::draw_labels(canvas& c, const std::string& x_label, const std::string& y_label,
                       double font) const {
  const plot_panel& p = panel_;
  const double u = c.unit();
  c.text(p.left + p.width / 2, p.top + p.height + font * 1.5 + 10 * u, x_label, font * 1.1,
         colors::text, h_align::center, v_align::top);
  // The title's usual place, or further left when the widest tick label reaches past it.
  const double clear = tick_length(u) + tick_label_gap(u) +
                       y_tick_label_width(c, p.y, p.log_y, p.height, font) + title_gap(font) +
                       c.line_height(title_size(font)) / 2;
  const double x = p.left - std::max(font * 4.2 + 6 * u, clear);
  c.text(x, p.top + p.height / 2, y_label, title_size(font), colors::text, h_align::center,
         v_align::middle, -M_PI / 2);
}

void axes::draw_title(canvas& c, const std::string& title, double font) const {
  c.text(panel_.left + panel_.width / 2, panel_.top - font * 0.7, title, font, colors::black,
         h_align::center, v_align::bottom, 0, true);
}

bool clip_segment(double& x0, double& y0, double& x1, double& y1, plot_range bx, plot_range by) {
  double t0 = 0, t1 = 1;
  const double dx = x1 - x0, dy = y1 - y0;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {x0 - bx.lo, bx.hi - x0, y0 - by.lo, by.hi - y0};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;
      continue;
    }
    const double r = q[i] / p[i];
    if (p[i] < 0) {
      t0 = std::max(t0, r);
    } else {
      t1 = std::min(t1, r);
    }
    if (t0 > t1) return false;
  }
  const double ax = x0, ay = y0;
  x0 = ax + t0 * dx;
  y0 = ay + t0 * dy;
  x1 = ax + t1 * dx;
  y1 = ay + t1 * dy;
  return true;
}

namespace {

// Whether the segment a–b meets the box [x0, x1] × [y0, y1] (Liang–Barsky: some t in [0, 1] has
// the point inside on both axes).
bool segment_meets_box(std::pair<double, double> a, std::pair<double, double> b, double x0,
                       double y0, double x1, double y1) {
  return clip_segment(a.first, a.second, b.first, b.second, {x0, x1}, {y0, y1});
}

}  // namespace

std::pair<double, double> best_legend_place(const plot_panel& p, double w, double h, double inset,
                                            const image_lines& avoid) {
  const double left = p.left + inset, right = p.left + p.width - w - inset;
  const double top = p.top + inset, bottom = p.top + p.height - h - inset;
  const double mid_x = p.left + (p.width - w) / 2, mid_y = p.top + (p.height - h) / 2;
  // matplotlib's order: upper right, upper left, lower left, lower right, right (its "center
  // right" is the same place), center left, lower center, upper center, center.
  const std::array<std::pair<double, double>, 9> places = {{{right, top},
                                                            {left, top},
                                                            {left, bottom},
                                                            {right, bottom},
                                                            {right, mid_y},
                                                            {left, mid_y},
                                                            {mid_x, bottom},
                                                            {mid_x, top},
                                                            {mid_x, mid_y}}};
  std::pair<double, double> best = places[0];
  std::size_t least = static_cast<std::size_t>(-1);
  for (const auto& [x0, y0] : places) {
    const double x1 = x0 + w, y1 = y0 + h;
    std::size_t badness = 0;
    for (const auto& line : avoid) {
      for (std::size_t k = 0; k < line.size(); ++k) {
        const auto& [x, y] = line[k];
        if (x >= x0 && x <= x1 && y >= y0 && y <= y1) ++badness;
        if (k > 0 && segment_meets_box(line[k - 1], line[k], x0, y0, x1, y1)) ++badness;
      }
    }
    if (badness < least) {
      least = badness;
      best = {x0, y0};
    }
    if (least == 0) break;
  }
  return best;
}

void axes::add_image_line(image_lines& out, const std::vector<double>& xs,
                          const std::vector<double>& ys) const {
  std::vector<std::pair<double, double>> line;
  for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i) {
    const bool ok = std::isfinite(xs[i]) && std::isfinite(ys[i]) && (!panel_.log_y || ys[i] > 0);
    if (ok) {
      line.emplace_back(px(xs[i]), py(ys[i]));
    } else if (!line.empty()) {
      out.push_back(std::move(line));
      line.clear();
    }
  }
  if (!line.empty()) out.push_back(std::move(line));
}

void axes::draw_legend(canvas& c, const std::vector<legend_entry>& entries, double font,
                       const image_lines& avoid) const {
  if (entries.empty()) return;
  cairo_t* cr = c.cr();
  const double u = c.unit();
  double w = 0;
  for (const auto& e : entries) w = std::max(w, c.text_width(e.label, font));
  const double sample = 26 * u, row = font * 1.5, padding = 8 * u;
  const double box_w = padding * 3 + sample + w;
  const double box_h = padding * 2 + row * static_cast<double>(entries.size());
  const auto [x0, y0] = best_legend_place(panel_, box_w, box_h, 8 * u, avoid);
  c.set_color(colors::white, 0.88);
  cairo_rectangle(cr, x0, y0, box_w, box_h);
  cairo_fill_preserve(cr);
  c.set_color(colors::grid);
  cairo_set_line_width(cr, 1 * u);
  cairo_stroke(cr);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    const double cy = y0 + padding + row * (static_cast<double>(i) + 0.5);
    const double sx = x0 + padding;
    c.set_color(e.color);
    cairo_set_line_width(cr, 2.2 * u);
    using s = legend_entry::style;
    if (e.kind == s::line || e.kind == s::line_and_marker || e.kind == s::dashed) {
      if (e.kind == s::dashed) {
        const double dash[] = {6 * u, 4 * u};
        cairo_set_dash(cr, dash, 2, 0);
      }
      c.line(sx, cy, sx + sample, cy);
      cairo_stroke(cr);
      cairo_set_dash(cr, nullptr, 0, 0);
    }
    if (e.kind == s::marker || e.kind == s::line_and_marker)
      dot(c, sx + sample / 2, cy, 4 * u, e.color);
    if (e.kind == s::plus) plus_mark(c, sx + sample / 2, cy, 6 * u, e.color, 2 * u);
    c.text(sx + sample + padding, cy, e.label, font, colors::text, h_align::left, v_align::middle);
  }
}

margins standard_margins(const canvas& c, bool title, double font) {
  const double u = c.unit();
  return {font * 5.5 + 14 * u, title ? font * 3.2 : font * 1.2, font * 1.6, font * 4.2 + 12 * u};
}

std::vector<std::string> y_tick_labels(plot_range y, bool log_y, double height, double font) {
  if (!log_y) y = widen(y);
  const tick_set t = y_ticks(y, log_y, height, font);
  std::vector<std::string> labels;
  for (double v : t.values) labels.push_back(y_label_text(v, log_y, t.step));
  return labels;
}

double y_tick_label_width(canvas& c, plot_range y, bool log_y, double height, double font) {
  double w = 0;
  for (const std::string& l : y_tick_labels(y, log_y, height, font)) {
    w = std::max(w, c.text_width(l, font));
  }
  return w;
}

double left_margin(canvas& c, double label_width, double font) {
  const double u = c.unit();
  return tick_length(u) + tick_label_gap(u) + label_width + title_gap(font) +
         c.line_height(title_size(font)) + font * 0.6 + 8 * u;
}

margins fit_y_labels(margins m, canvas& c, plot_range y, bool log_y, double height, double font) {
  m.left = std::max(m.left, left_margin(c, y_tick_label_width(c, y, log_y, height, font), font));
  return m;
}

void polyline(canvas& c, const axes& a, const std::vector<double>& xs,
              const std::vector<double>& ys) {
  bool open = false;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const bool ok = std::isfinite(xs[i]) && std::isfinite(ys[i]) && (!a.panel().log_y || ys[i] > 0);
    if (!ok) {
      open = false;
      continue;
    }
    const double x = a.px(xs[i]), y = a.py(ys[i]);
    if (open) {
      cairo_line_to(c.cr(), x, y);
    } else {
      cairo_move_to(c.cr(), x, y);
      open = true;
    }
  }
}

void dot(canvas& c, double x, double y, double radius, rgb fill) {
  c.circle(x, y, radius);
  c.set_color(fill);
  cairo_fill_preserve(c.cr());
  c.set_color(colors::white);
  cairo_set_line_width(c.cr(), radius * 0.35);
  cairo_stroke(c.cr());
}

void ring(canvas& c, double x, double y, double radius, rgb stroke, double width) {
  c.circle(x, y, radius);
  c.set_color(colors::white);
  cairo_fill_preserve(c.cr());
  c.set_color(stroke);
  cairo_set_line_width(c.cr(), width);
  cairo_stroke(c.cr());
}

void plus_mark(canvas& c, double x, double y, double size, rgb stroke, double width) {
  c.line(x - size, y, x + size, y);
  c.line(x, y - size, x, y + size);
  c.set_color(stroke);
  cairo_set_line_width(c.cr(), width);
  cairo_stroke(c.cr());
}

void draw_caption(canvas& c, const std::string& caption, double font) {
  if (caption.empty()) return;
  c.text(c.width() / 2, c.height() - font * 0.5, caption, font, colors::axis, h_align::center,
         v_align::bottom);
}

}  // namespace kobai::detail
