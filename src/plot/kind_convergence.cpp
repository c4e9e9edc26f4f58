// convergence: f − f_best and ‖∇f‖ against iteration on log scales, one line per trace.
#include <algorithm>
#include <cmath>

#include "messages.hpp"
#include "scene.hpp"

namespace kobai::detail {
namespace {

// [floor, ceil] of log10 over the positive finite values.
plot_range log_range(const std::vector<std::vector<double>>& series) {
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& v : series) {
    for (double y : v) {
      if (!(y > 0) || !std::isfinite(y)) continue;
      lo = std::min(lo, std::log10(y));
      hi = std::max(hi, std::log10(y));
    }
  }
  if (!std::isfinite(lo)) return {-1, 1};
  lo = std::floor(lo);
  hi = std::ceil(hi);
  if (hi <= lo) hi = lo + 1;
  return {lo, hi};
}

void draw_series(canvas& c, const axes& a, const std::vector<std::vector<double>>& series,
                 const std::vector<std::string>& labels, const std::string& title, double font) {
  a.draw_frame(c, font);
  a.draw_labels(c, std::string(messages::plot_iteration), title, font);
  a.draw_title(c, title, font * 1.1);
  std::vector<legend_entry> legend;
  image_lines drawn;
  cairo_save(c.cr());
  a.clip(c);
  for (std::size_t i = 0; i < series.size(); ++i) {
    std::vector<double> xs(series[i].size());
    for (std::size_t k = 0; k < xs.size(); ++k) xs[k] = static_cast<double>(k);
    polyline(c, a, xs, series[i]);
    a.add_image_line(drawn, xs, series[i]);
    c.set_color(series_color(i));
    cairo_set_line_width(c.cr(), 2 * c.unit());
    cairo_stroke(c.cr());
    if (series.size() > 1 || !labels[i].empty()) {
      legend.push_back({labels[i], series_color(i), legend_entry::style::line});
    }
  }
  cairo_restore(c.cr());
  a.draw_legend(c, legend, font, drawn);
}

}  // namespace

panels draw_convergence(canvas& c, const scene& s) {
  const double font = base_font(c) * 0.9;
  double f_best = INFINITY;
  for (const trace& t : s.traces) {
    for (const auto& it : t.iterations) {
      if (std::isfinite(it.f)) f_best = std::min(f_best, it.f);
    }
  }
  std::vector<std::vector<double>> gaps, norms;
  std::vector<std::string> labels;
  double last = 1;
  for (const trace& t : s.traces) {
    std::vector<double> g, n;
    for (const auto& it : t.iterations) {
      g.push_back(it.f - f_best);  // the best point itself is 0 and leaves a gap on a log axis
      n.push_back(it.gradient.size() > 0 || it.gradient_norm > 0 ? it.gradient_norm : NAN);
    }
    last = std::max(last, static_cast<double>(t.iterations.size()) - 1);
    gaps.push_back(std::move(g));
    norms.push_back(std::move(n));
    labels.push_back(t.method);
  }
  const double top = base_font(c) * 3.2;
  c.text(c.width() / 2, top * 0.45, s.title, base_font(c) * 1.15, colors::black, h_align::center,
         v_align::middle, 0, true);
  const double half = c.width() / 2;
  const margins m = standard_margins(c, true, font);
  const plot_range xr{0, last}, gap_range = log_range(gaps), norm_range = log_range(norms);
  const double height = c.height() - top - m.bottom - m.top * 0.5;
  const margins ml = fit_y_labels(m, c, gap_range, true, height, font);
  const margins mr = fit_y_labels(m, c, norm_range, true, height, font);
  const axes left(ml.left, top + m.top * 0.5, half - ml.left - m.right, height, xr, gap_range,
                  true);
  const axes right(half + mr.left, top + m.top * 0.5, half - mr.left - m.right, height, xr,
                   norm_range, true);
  draw_series(c, left, gaps, labels, std::string(messages::plot_gap), font);
  draw_series(c, right, norms, labels, std::string(messages::plot_gradient_norm), font);
  draw_caption(c, s.caption(), font);
  return {left.panel(), right.panel()};
}

}  // namespace kobai::detail
