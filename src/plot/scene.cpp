#include "scene.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"

namespace kobai::detail {
namespace {

std::string join(const std::vector<std::string>& names) {
  std::string r;
  for (const auto& n : names) r += (r.empty() ? "" : ", ") + n;
  return r;
}

bool one_variable_kind(plot_kind k) {
  return k == plot_kind::curve || k == plot_kind::steps;
}
bool two_variable_kind(plot_kind k) {
  return k == plot_kind::contour || k == plot_kind::wireframe || k == plot_kind::surface ||
         k == plot_kind::compare || point_kind(k);
}

// The far box: a path point is drawn while it stays within this many plot widths of the start and
// of the other points of interest; past it the run is called diverging and the rest is left out,
// so a run that reaches 1e300 neither squashes the picture nor overflows the renderer.
constexpr double far_factor = 50;

plot_range range_of(const std::vector<double>& v) {
  plot_range r{INFINITY, -INFINITY};
  for (double x : v) {
    if (!std::isfinite(x)) continue;
    r.lo = std::min(r.lo, x);
    r.hi = std::max(r.hi, x);
  }
  return r;
}

void check_range(const std::optional<plot_range>& r, std::string_view axis) {
  if (r && !(std::isfinite(r->lo) && std::isfinite(r->hi) && r->lo < r->hi)) {
    throw usage_error(messages::plot_bad_range(axis));
  }
  // -1e308..1e308: both ends finite but the width overflows, and every tick lands on one pixel.
  if (r && !std::isfinite(r->hi - r->lo)) throw usage_error(messages::plot_range_too_wide(axis));
}

// A curve whose range comes from its tangent points needs a finite range, and a point where f
// does not overflow: about x = 1e200, x² is infinite everywhere but at 0, and the picture would be
// one sample, no curve and no tangent. Such a point is refused like a range whose width overflows
// (check_range), naming it. A pole (1/x at 0) is infinite at the point only and is drawn.
void check_tangent_points(const scene& s, const plot_options& o) {
  if (o.kind != plot_kind::curve || o.tangent_at.empty() || o.x_range) return;
  const std::string& v = s.variables[0];
  const auto refuse = [&](double at, const std::string& why) {
    throw usage_error(messages::plot_tangent_point_too_far(v, format_number(at), why));
  };
  const plot_range r = s.xr;
  if (!std::isfinite(r.lo) || !std::isfinite(r.hi) || !std::isfinite(r.hi - r.lo) ||
      !(r.lo < r.hi)) {
    double at = o.tangent_at.front();  // the point that stretched the range most
    for (double a : o.tangent_at) {
      if (std::abs(a) > std::abs(at)) at = a;
    }
    refuse(at, messages::plot_tangent_range_overflows(format_number(r.lo), format_number(r.hi)));
  }
  const double d = (r.hi - r.lo) * 0.01;
  for (double a : o.tangent_at) {
    const auto infinite = [&](double x) { return std::isinf(s.f1(x)); };
    if (infinite(a) && infinite(a - d) && infinite(a + d)) {
      refuse(a, messages::plot_tangent_f_overflows(v, fmt::format("{:.4g}", a - d),
                                                   fmt::format("{:.4g}", a + d)));
    }
  }
}

void validate(const plot_options& o) {
  if (o.width < 16 || o.height < 16 || o.width > 8192 || o.height > 8192) {
    throw usage_error(messages::plot_bad_size(o.width, o.height));
  }
  if (!(o.dpi >= 24 && o.dpi <= 1200)) {
    throw usage_error(messages::plot_bad_option("dpi", messages::plot_dpi_range));
  }
  if (static_cast<double>(o.width) * o.dpi / 96 > 16384 ||
      static_cast<double>(o.height) * o.dpi / 96 > 16384) {
    throw usage_error(messages::plot_bad_option("dpi", messages::plot_dpi_too_large));
  }
  if (!(o.fps >= 0.5 && o.fps <= 50)) {
    throw usage_error(messages::plot_bad_option("fps", messages::plot_fps_range));
  }
  if (o.loop < 0 || o.loop > 65536) {
    throw usage_error(messages::plot_bad_option("loop", messages::plot_loop_range));
  }
  if (o.frames < 0 || o.frames > 10000) {
    throw usage_error(messages::plot_bad_option("frames", messages::plot_frames_range));
  }
  if (o.levels < 0 || o.levels > 500) {
    throw usage_error(messages::plot_bad_option("levels", messages::plot_levels_range));
  }
  if (o.grid < 0 || o.grid > 2000) {
    throw usage_error(messages::plot_bad_option("grid", messages::plot_grid_range));
  }
  if (!std::isfinite(o.elevation) || !std::isfinite(o.azimuth) || std::abs(o.elevation) > 90) {
    throw usage_error(messages::plot_bad_option("view", messages::plot_view_range));
  }
  for (double a : o.tangent_at) {
    if (!std::isfinite(a)) {
      throw usage_error(messages::plot_bad_option("tangent_at", messages::plot_tangent_finite));
    }
  }
  check_range(o.x_range, "x");
  check_range(o.y_range, "y");
}

// A point outside the given ranges extends them to hold it (with a margin), and says so.
void include_point(scene& s) {
  const double x = s.base[s.ix], y = s.base[s.iy];
  bool extended = false;
  const auto extend = [&](plot_range& r, double v) {
    if (!std::isfinite(v) || (v >= r.lo && v <= r.hi)) return;
    const double margin = 0.1 * (std::max(r.hi, v) - std::min(r.lo, v));
    r = {std::min(r.lo, v - margin), std::max(r.hi, v + margin)};
    extended = true;
  };
  extend(s.xr, x);
  extend(s.yr, y);
  if (extended) {
    s.notes.push_back(messages::plot_point_outside(
        fmt::format("{}, {}", format_number(x), format_number(y)),
        fmt::format("{} = {:.4g}..{:.4g}, {} = {:.4g}..{:.4g}", s.variables[s.ix], s.xr.lo, s.xr.hi,
                    s.variables[s.iy], s.yr.lo, s.yr.hi)));
  }
}

}  // namespace

bool point_kind(plot_kind k) {
  return k == plot_kind::sections || k == plot_kind::partials || k == plot_kind::tangent_plane;
}

namespace {
// The finite values, sorted, and the q-th quantile of such a list (nearest rank below).
std::vector<double> sorted_finite(std::vector<double> values) {
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  std::sort(values.begin(), values.end());
  return values;
}
double quantile(const std::vector<double>& sorted, double q) {
  return sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
}
}  // namespace

plot_range robust_range(std::vector<double> values, bool& clipped) {
  const std::vector<double> s = sorted_finite(std::move(values));
  clipped = false;
  if (s.empty()) return {0, 1};
  const double lo = s.front(), hi = s.back();
  const double q02 = quantile(s, 0.02), q98 = quantile(s, 0.98);
  const double core = q98 - q02;
  if (core > 0 && (hi - lo) > 25 * core) {
    clipped = true;
    return {std::max(lo, q02 - core * 0.5), std::min(hi, q98 + core * 0.5)};
  }
  return {lo, hi};
}

plot_range quantile_range(std::vector<double> values, double q, double margin, bool& clipped) {
  const std::vector<double> s = sorted_finite(std::move(values));
  clipped = false;
  if (s.empty()) return {0, 1};
  const double lo = s.front(), hi = s.back(), low = quantile(s, q), high = quantile(s, 1 - q);
  const double core = high - low;
  const plot_range r{std::max(lo, low - core * margin), std::min(hi, high + core * margin)};
  clipped = r.lo > lo || r.hi < hi;
  return r;
}

double scene::f2(double x, double y) const {
  std::vector<double> p = base;
  p[ix] = x;
  if (variables.size() > 1) p[iy] = y;
  return t.value(p);
}

double scene::f1(double x) const {
  return f2(x, 0);
}

void scene::grad2(double x, double y, double& gxv, double& gyv) const {
  std::vector<double> p = base, g(base.size());
  p[ix] = x;
  p[iy] = y;
  t.value_and_gradient(p, g);
  gxv = g[ix];
  gyv = g[iy];
}

double scene::slope1(double x) const {
  std::vector<double> p = base, g(base.size());
  p[ix] = x;
  t.value_and_gradient(p, g);
  return g[ix];
}

void scene::sample_grid(int n) {
  contours.reset();
  nx = ny = n;
  gx.resize(n);
  gy.resize(n);
  for (int i = 0; i < n; ++i) {
    gx[i] = xr.lo + (xr.hi - xr.lo) * i / (n - 1);
    gy[i] = yr.lo + (yr.hi - yr.lo) * i / (n - 1);
  }
  values = grid_values(t);
}

void scene::check_values() const {
  std::string ranges =
      fmt::format("{} = {}..{}", variables[ix], format_number(xr.lo), format_number(xr.hi));
  if (nx > 0) {
    ranges +=
        fmt::format(", {} = {}..{}", variables[iy], format_number(yr.lo), format_number(yr.hi));
  }
  std::vector<double> v = values;
  if (nx == 0) {
    // The curve's own samples are as many as the image is wide; this many find the same blank.
    constexpr int n = 401;
    std::vector<double> points(n);
    for (int i = 0; i < n; ++i) points[i] = xr.lo + (xr.hi - xr.lo) * i / (n - 1);
    v.resize(n);
    t.values(points, v);
  }
  // Something to draw: two neighbouring finite samples (a segment of the curve), or a grid cell
  // with four finite corners (a piece of a level line or of the mesh). x² over ±1e300 is finite
  // at x = 0 alone, which draws nothing.
  bool drawable = false;
  const auto finite = [&](std::size_t i) { return std::isfinite(v[i]); };
  if (nx == 0) {
    for (std::size_t i = 1; i < v.size() && !drawable; ++i) drawable = finite(i - 1) && finite(i);
  } else {
    const auto w = static_cast<std::size_t>(nx);
    for (std::size_t j = 1; j < static_cast<std::size_t>(ny) && !drawable; ++j) {
      for (std::size_t i = 1; i < w && !drawable; ++i) {
        drawable = finite(j * w + i) && finite(j * w + i - 1) && finite((j - 1) * w + i) &&
                   finite((j - 1) * w + i - 1);
      }
    }
  }
  if (!drawable) throw usage_error(messages::plot_f_not_finite(ranges));
  const plot_range r = range_of(v);
  if (nx == 0 && !value_range && !std::isfinite(r.hi - r.lo)) {
    throw usage_error(
        messages::plot_f_range_overflows(ranges, format_number(r.lo), format_number(r.hi)));
  }
}

std::vector<double> scene::grid_values(const tape& g) const {
  const std::size_t dim = base.size();
  std::vector<double> points(std::size_t(nx) * ny * dim);
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      double* p = points.data() + (std::size_t(j) * nx + i) * dim;
      std::copy(base.begin(), base.end(), p);
      p[ix] = gx[i];
      p[iy] = gy[j];
    }
  }
  std::vector<double> out(std::size_t(nx) * ny);
  g.values(points, out);
  return out;
}

std::string scene::caption() const {
  std::string r;
  for (const auto& n : notes) r += (r.empty() ? "" : "; ") + n;
  return r;
}

scene make_scene(expr f, std::span<const trace> traces, const plot_options& o,
                 std::vector<std::string> variables) {
  validate(o);
  scene s;
  s.options = &o;
  s.traces = traces;
  if (variables.empty() && !traces.empty() && !traces.front().variables.empty()) {
    variables = traces.front().variables;
  }
  if (variables.empty()) variables = kobai::variables(f);
  if (variables.empty() && one_variable_kind(o.kind)) variables = {"x"};
  s.variables = variables;
  s.formula_text = to_string(f);
  s.t = compile(f, variables);
  s.formula = f;
  const std::size_t dim = variables.size();
  const std::string kind(to_string(o.kind));

  check_plot_dimension(o.kind, variables);
  const bool two_d = two_variable_kind(o.kind);
  if ((o.kind == plot_kind::steps || o.kind == plot_kind::convergence ||
       o.kind == plot_kind::compare) &&
      traces.empty()) {
    throw usage_error(messages::plot_needs_trace(kind));
  }
  for (std::size_t i = 0; i < traces.size(); ++i) {
    const trace& tr = traces[i];
    if (!tr.variables.empty() && tr.variables != variables) {
      throw usage_error(messages::plot_trace_mismatch(
          i, messages::plot_trace_variables(join(tr.variables), join(variables))));
    }
    for (const auto& it : tr.iterations) {
      if (static_cast<std::size_t>(it.x.size()) != dim) {
        throw usage_error(messages::plot_trace_mismatch(
            i, messages::plot_trace_coordinates(it.k, static_cast<std::size_t>(it.x.size()), dim)));
      }
    }
  }

  // The plotted variables.
  s.ix = 0;
  s.iy = dim > 1 ? 1 : 0;
  if (dim == 1) s.value_range = o.y_range;
  if (!o.slice.empty()) {
    if (o.slice.size() != 2 || o.slice[0] == o.slice[1]) {
      throw usage_error(messages::plot_bad_option("slice", messages::plot_slice_two));
    }
    for (std::size_t k = 0; k < 2; ++k) {
      const auto it = std::find(variables.begin(), variables.end(), o.slice[k]);
      if (it == variables.end()) {
        throw usage_error(messages::plot_slice_unknown(o.slice[k], join(variables)));
      }
      (k == 0 ? s.ix : s.iy) = static_cast<std::size_t>(it - variables.begin());
    }
  }
  // Values of the variables not plotted.
  s.base.assign(dim, 0.0);
  if (!o.fixed.empty() && o.fixed.size() != dim) {
    throw usage_error(
        messages::plot_bad_option("fixed", messages::plot_one_value_per_variable(dim)));
  }
  if (!traces.empty() && !traces.front().iterations.empty()) {
    // The point kinds are about the start; the others fix the unplotted variables at the end.
    const auto& last = point_kind(o.kind) ? traces.front().iterations.front().x
                                          : traces.front().iterations.back().x;
    for (std::size_t i = 0; i < dim; ++i) s.base[i] = std::isfinite(last[i]) ? last[i] : 0.0;
  }
  // A NaN in `fixed` is a value left out (a plotted variable --at did not name): it keeps the
  // default above.
  for (std::size_t i = 0; i < o.fixed.size(); ++i) {
    if (!std::isnan(o.fixed[i])) s.base[i] = o.fixed[i];
  }
  if (!o.minimum.empty() && o.minimum.size() != dim) {
    throw usage_error(
        messages::plot_bad_option("minimum", messages::plot_one_value_per_variable(dim)));
  }
  if (dim > 2 && two_d) {
    std::string fixed;
    for (std::size_t i = 0; i < dim; ++i) {
      if (i == s.ix || i == s.iy) continue;
      fixed += (fixed.empty() ? "" : ", ") + variables[i] + " = " + format_number(s.base[i]);
    }
    s.notes.push_back(messages::plot_slice_note(fixed));
  }

  s.title = o.title.empty() ? "f = " + s.formula_text : o.title;
  if (s.title.size() > 90) s.title = s.title.substr(0, 87) + "...";

  // Paths on the plotted variables.
  for (const trace& tr : traces) {
    path2 p;
    p.label = tr.method;
    for (const auto& it : tr.iterations) {
      p.x.push_back(it.x[static_cast<Eigen::Index>(s.ix)]);
      p.y.push_back(dim > 1 ? it.x[static_cast<Eigen::Index>(s.iy)] : 0.0);
      p.f.push_back(it.f);
    }
    s.paths.push_back(std::move(p));
    s.iterations = std::max(s.iterations, tr.iterations.size());
  }

  // Points of interest: the starts, the tangent points, the minimum; they size the far box.
  std::vector<double> px, py;
  for (const auto& p : s.paths) {
    if (!p.x.empty()) {
      px.push_back(p.x.front());
      py.push_back(p.y.front());
    }
  }
  for (double a : o.tangent_at) px.push_back(a);
  s.has_point = point_kind(o.kind);
  if (s.has_point) {
    px.push_back(s.base[s.ix]);
    py.push_back(s.base[s.iy]);
  }
  if (!o.minimum.empty()) {
    px.push_back(o.minimum[s.ix]);
    py.push_back(o.minimum[s.iy]);
  }
  const double far = far_limit(px, py);
  for (auto& p : s.paths) {
    p.shown = drawn_iterates(p.x, p.y, far);
    if (p.shown < p.x.size()) {
      const std::string label = s.paths.size() > 1 ? p.label : "";
      // The far box holds the start, so only a start that is not a number fails at k = 0.
      s.notes.push_back(p.shown == 0 ? messages::plot_path_start_not_finite(label)
                                     : messages::plot_path_leaves(label, p.shown - 1));
    }
    px.insert(px.end(), p.x.begin(), p.x.begin() + static_cast<std::ptrdiff_t>(p.shown));
    py.insert(py.end(), p.y.begin(), p.y.begin() + static_cast<std::ptrdiff_t>(p.shown));
  }

  // x (and y) ranges from the points of interest unless given.
  if (s.has_point && traces.empty()) {
    // One point: a square about the origin that holds it (the seed's figures of x² + y² at
    // (−2, 2) span −2.5..2.5), at least −2..2.
    const double h = std::max({2.0, 1.25 * std::abs(s.base[s.ix]), 1.25 * std::abs(s.base[s.iy])});
    s.xr = o.x_range ? *o.x_range : plot_range{-h, h};
    s.yr = o.y_range ? *o.y_range : plot_range{-h, h};
    include_point(s);
    return s;
  }
  // A start that is not finite is among the points but has no place: no finite point at all is
  // the same as none.
  const plot_range fx = range_of(px), fy = range_of(py);
  if (o.x_range) {
    s.xr = *o.x_range;
  } else if (!(fx.lo <= fx.hi)) {
    s.xr = {-5, 5};
  } else {
    const plot_range r = fx;
    if (one_variable_kind(o.kind)) {
      // Room on both sides, and enough to show the shape around a single point (x² at 3: 0..6).
      const double w = std::max({r.hi - r.lo, std::abs(r.lo), std::abs(r.hi), 1.0});
      s.xr = {r.lo - w * (r.hi > r.lo ? 0.25 : 1.0), r.hi + w * (r.hi > r.lo ? 0.25 : 1.0)};
    } else {
      s.xr = pad(widen(r), 0.15);
    }
  }
  if (dim > 1) {
    if (o.y_range) {
      s.yr = *o.y_range;
    } else if (!(fy.lo <= fy.hi)) {
      s.yr = {-5, 5};
    } else {
      s.yr = pad(widen(fy), 0.15);
    }
  }
  // A surface reads as a bowl (or a saddle) only when the run's end sits inside it: the 3-D kinds
  // centre a square domain on the last iterate, wide enough for every point of interest (the
  // seed's figure of x² + y² from (−2, 2) spans −2.2..2.2 on both axes).
  const bool surface_kind =
      o.kind == plot_kind::wireframe || o.kind == plot_kind::surface || point_kind(o.kind);
  if (surface_kind && dim > 1 && !o.x_range && !o.y_range && !s.paths.empty() &&
      s.paths.front().shown > 1) {
    const path2& p = s.paths.front();
    const double cx = p.x[p.shown - 1], cy = p.y[p.shown - 1];
    double r = 0;
    for (std::size_t k = 0; k < px.size(); ++k) r = std::max(r, std::abs(px[k] - cx));
    for (std::size_t k = 0; k < py.size(); ++k) r = std::max(r, std::abs(py[k] - cy));
    r = std::max(r * 1.1, 1e-6 * std::max({1.0, std::abs(cx), std::abs(cy)}));
    s.xr = {cx - r, cx + r};
    s.yr = {cy - r, cy + r};
  }
  check_tangent_points(s, o);
  if (s.has_point) include_point(s);
  return s;
}

double far_limit(const std::vector<double>& px, const std::vector<double>& py) {
  const plot_range sx = range_of(px), sy = range_of(py);
  // With no finite point of interest the ranges stay reversed (inf, -inf) and add nothing.
  double scale = 1;
  for (double v : {std::abs(sx.lo), std::abs(sx.hi), std::abs(sy.lo), std::abs(sy.hi),
                   sx.hi - sx.lo, sy.hi - sy.lo}) {
    if (std::isfinite(v)) scale = std::max(scale, v);
  }
  return far_factor * scale;
}

std::size_t drawn_iterates(const std::vector<double>& x, const std::vector<double>& y, double far) {
  for (std::size_t k = 0; k < x.size(); ++k) {
    const bool ok = std::isfinite(x[k]) && std::isfinite(y[k]) && std::abs(x[k]) <= far &&
                    std::abs(y[k]) <= far;
    if (!ok) return k;
  }
  return x.size();
}

double base_font(const canvas& c) {
  return std::clamp(13.0 * c.unit(), 7.0, 26.0);
}

std::string frame_caption(const scene& s, std::size_t upto) {
  double f = NAN;
  for (const auto& p : s.paths) {
    if (upto < p.f.size()) {
      f = p.f[upto];
      break;
    }
  }
  return messages::plot_frame_caption(upto, s.iterations - 1, fmt::format("{:.6g}", f));
}

}  // namespace kobai::detail

namespace kobai {

void check_plot_dimension(plot_kind kind, const std::vector<std::string>& variables) {
  const std::size_t dim = variables.size();
  const std::string name(to_string(kind));
  if (detail::one_variable_kind(kind) && dim != 1)
    throw usage_error(messages::plot_needs_one_variable(name, dim, detail::join(variables)));
  if (detail::two_variable_kind(kind) && dim < 2)
    throw usage_error(messages::plot_needs_two_variables(name, dim, detail::join(variables)));
}

}  // namespace kobai
