// The result's words: message and notes from the diagnosis, one-line summary, full report.
#include <unistd.h>

#include <cmath>
#include <limits>

#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"
#include "kobai/optim/minimize.hpp"
#include "messages.hpp"

namespace kobai {
namespace {

namespace msg = optim_messages;
using msg::requirement;

void require(bool ok, std::string_view field, msg::requirement r, double got) {
  if (!ok) throw usage_error(msg::out_of_range(field, r, got));
}

std::string name_of(const minimize_options& o, std::size_t i) {
  return i < o.variables.size() ? o.variables[i]
                                : detail::default_name(static_cast<Eigen::Index>(i));
}

// Divergence of fixed-rate gradient descent has a known cause: a rate beyond 2/λmax.
// "; the learning rate … is above the stability limit …" when plain gd's rate is past 2/λmax at
// x₀, or nothing.
std::string stability_hint(const diagnosis& d) {
  if (d.method != "gd" || !d.start_curvature || !(d.start_curvature->lambda_max > 0)) return {};
  const double limit = stability_limit(*d.start_curvature);
  if (d.base_rate < limit) return {};
  return "; " + msg::stability(d.base_rate, limit, d.start_curvature->lambda_max,
                               1 / d.start_curvature->lambda_max);
}

std::string divergence_message(const result& r) {
  const diagnosis& d = r.diagnosis;
  std::string m = d.non_finite ? msg::diverged_non_finite(d.diverged_at)
                               : msg::diverged_growth(d.diverged_at, d.start_f, d.diverged_f);
  m += stability_hint(d);
  if (!d.non_finite && r.iterations > d.diverged_at)
    m += " (" + msg::kept_going(r.iterations) + ")";
  return m;
}

// Whether a search or trust region that failed may have failed because the point is a minimum
// as far as double precision can show: near a minimizer f − f* ≈ ½gᵀ(∇²f)⁻¹g grows as ‖g‖², so a
// gradient down to √ε of the start's has brought f − f* down to about ε of the start's, below
// the rounding of f. A larger gtol is then the remedy; a gradient still large (1e6 after a fall
// from 1e9) is a failure to suggest it for.
bool near_minimum(const result& r) {
  const double g0 = r.diagnosis.start_gradient_norm;
  return std::isfinite(g0) &&
         r.gradient_norm <= std::sqrt(std::numeric_limits<double>::epsilon()) * g0;
}

}  // namespace

void validate(const minimize_options& o) {
  if (o.gtol) require(*o.gtol >= 0, "gtol (--gtol)", requirement::not_negative, *o.gtol);
  require(o.gtol_relative >= 0, "gtol_relative", requirement::not_negative, o.gtol_relative);
  require(o.ftol >= 0, "ftol (--ftol)", requirement::not_negative, o.ftol);
  require(o.xtol >= 0, "xtol (--xtol)", requirement::not_negative, o.xtol);
  require(o.time_limit > 0, "time_limit (--time-limit)", requirement::positive_seconds,
          o.time_limit);
  require(o.divergence_growth > 0, "divergence_growth", requirement::positive, o.divergence_growth);
  require(o.unbounded_fall > 0, "unbounded_fall", requirement::positive, o.unbounded_fall);
  require(o.stall_rate >= 0, "stall_rate", requirement::not_negative, o.stall_rate);
}

stopping_defaults stopping_defaults_for(const method_options& m) {
  if (uses_line_search(m)) return {.max_iterations = 1000, .gtol = 1e-5};
  return {};
}

minimize_options default_options(const method_options& m) {
  const stopping_defaults d = stopping_defaults_for(m);
  return {.max_iterations = d.max_iterations, .gtol = d.gtol};
}

std::vector<std::pair<std::string, std::string>> describe(const minimize_options& o,
                                                          const stopping_defaults& d) {
  std::vector<std::pair<std::string, std::string>> out = {
      {"max_iterations", std::to_string(o.max_iterations.value_or(d.max_iterations))},
      {"gtol", format_number(o.gtol.value_or(d.gtol))},
      {"gtol_relative", format_number(o.gtol_relative)},
      {"ftol", format_number(o.ftol)},
      {"xtol", format_number(o.xtol)},
      {"time_limit", format_number(o.time_limit)},
      {"divergence_growth", format_number(o.divergence_growth)},
      {"unbounded_fall", format_number(o.unbounded_fall)},
      {"stall_window", std::to_string(o.stall_window)},
      {"stall_rate", format_number(o.stall_rate)},
      {"keep_going", o.keep_going ? "true" : "false"}};
  // Bounds as kobai minimize --bounds reads them: x=0:inf,y=-1:1.
  if (!o.bounds.empty()) {
    std::string text;
    for (Eigen::Index i = 0; i < o.bounds.lower.size(); ++i) {
      const auto u = static_cast<std::size_t>(i);
      if (i) text += ",";
      text += msg::bounds_entry(u < o.variables.size() ? o.variables[u] : detail::default_name(i),
                                format_number(o.bounds.lower[i]), format_number(o.bounds.upper[i]));
    }
    out.emplace_back("bounds", std::move(text));
  }
  return out;
}

namespace detail {

std::string default_name(Eigen::Index i) {
  return msg::coordinate_name(static_cast<std::size_t>(i));
}

std::string dimension_mismatch_message(std::size_t names, std::size_t dimension) {
  return msg::dimension_mismatch(names, dimension);
}

std::string bad_start_message(double f, const Eigen::VectorXd& x, const Eigen::VectorXd& g,
                              const std::vector<std::string>& names) {
  const auto name = [&](Eigen::Index i) {
    const auto u = static_cast<std::size_t>(i);
    return u < names.size() ? names[u] : default_name(i);
  };
  std::string point;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (i) point += ", ";
    point += name(i) + " = " + format_number(x[i]);
  }
  // f is defined there: the message names the partial that is not (√(x² + y²) at 0 in reverse
  // mode), rather than telling the user to start where f is defined.
  if (std::isfinite(f))
    for (Eigen::Index i = 0; i < g.size(); ++i)
      if (!std::isfinite(g[i])) return msg::gradient_not_finite_at_start(point, f, name(i), g[i]);
  return msg::bad_start(f, point);
}

void check_bounds(const bounds& b, Eigen::Index n, const std::vector<std::string>& names) {
  if (b.lower.size() != n || b.upper.size() != n)
    throw usage_error(msg::bounds_size(static_cast<std::size_t>(b.lower.size()),
                                       static_cast<std::size_t>(b.upper.size()),
                                       static_cast<std::size_t>(n)));
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto u = static_cast<std::size_t>(i);
    const auto name = [&] { return u < names.size() ? names[u] : default_name(i); };
    if (!(b.lower[i] <= b.upper[i]))
      throw usage_error(msg::bad_bounds(name(), b.lower[i], b.upper[i]));
    // lower = upper = +∞ passes the test above, and would project x to ∞.
    if (b.lower[i] == std::numeric_limits<double>::infinity())
      throw usage_error(msg::infinite_bound(name(), "lower", b.lower[i]));
    if (b.upper[i] == -std::numeric_limits<double>::infinity())
      throw usage_error(msg::infinite_bound(name(), "upper", b.upper[i]));
  }
}

std::string empty_start_message() {
  return msg::empty_start();
}

std::string bounds_not_supported_message(std::string_view method) {
  return msg::bounds_not_supported(method);
}

// The limit is the physical memory: past it the matrices would swap (or the allocation fail)
// long before the run could finish; below it the method runs as asked. Where the system does not
// say (sysconf without _SC_PHYS_PAGES), nothing is refused.
void check_dense_size(std::string_view method, Eigen::Index n, int matrices) {
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return;
  const double memory = static_cast<double>(pages) * static_cast<double>(page);
  const double dn = static_cast<double>(n);
  const double one = dn * dn * static_cast<double>(sizeof(double));
  if (matrices * one <= memory) return;
  // L-BFGS keeps 2m vectors of n doubles, m = lbfgs{}.memory.
  const double lbfgs_bytes = 2.0 * static_cast<double>(lbfgs{}.memory) * dn * sizeof(double);
  throw usage_error(msg::dense_too_large(method, static_cast<std::size_t>(n), matrices, one, memory,
                                         lbfgs{}.memory, lbfgs_bytes));
#else
  (void)method, (void)n, (void)matrices;
#endif
}

std::string line_search_failed_message(std::size_t k, const line_search_result& r,
                                       double gradient_norm, bool projected, bool retried,
                                       const slope_check& check) {
  std::string verdict;
  switch (check.outcome) {
    case slope_check::verdict::agrees:
      verdict = msg::gradient_agrees(check.slope, check.difference);
      break;
    case slope_check::verdict::disagrees:
      verdict = msg::gradient_disagrees(check.slope, check.difference);
      break;
    case slope_check::verdict::inconclusive:
      verdict = msg::gradient_inconclusive(check.slope, check.difference, check.error);
      break;
    case slope_check::verdict::unchecked:
      verdict = msg::gradient_unchecked();
      break;
  }
  // A trial where f was finite and φ'(α) = ∇fᵀd was not puts the blame on the gradient, whatever
  // the differences at the start of the search said about it.
  for (const line_search_trial& t : r.trials) {
    if (std::isfinite(t.value) && !std::isfinite(t.slope)) {
      verdict = msg::gradient_not_finite(t.alpha, t.value, t.slope);
      break;
    }
  }
  return msg::line_search_failed(k, to_string(r.status), r.message, verdict,
                                 msg::gradient_norm_label(projected), gradient_norm, retried);
}

std::string trust_region_failed_message(std::size_t k, double step, double gradient_norm) {
  return msg::trust_region_failed(k, step, gradient_norm);
}

std::string unbounded_along_message(std::size_t k, double step, double f) {
  return msg::unbounded_along(k, step, f);
}

void record(kobai::trace& t, const iteration_view& view) {
  iteration_record rec;
  rec.k = view.k;
  rec.x = view.x;
  rec.f = view.f;
  rec.gradient = view.gradient;
  rec.gradient_norm = view.gradient_norm;
  rec.step_length = view.step_length;
  rec.learning_rate = view.rate;
  for (const state_ref& s : view.state) rec.state.push_back({std::string(s.name), *s.value});
  t.iterations.push_back(std::move(rec));
}

void finish(result& r, const minimize_options& o) {
  const diagnosis& d = r.diagnosis;
  // The tolerance the messages quote is the one the run applied (gtol_relative may raise it).
  const double gtol = d.gtol;
  const bool fixed_rate = !std::isnan(d.base_rate);  // gd, momentum, …, adamw: a rate to change
  const std::string_view norm = msg::gradient_norm_label(d.projected_gradient);
  switch (r.status) {
    case status::converged_gradient:
      r.message = msg::converged_gradient(norm, r.gradient_norm, gtol);
      break;
    case status::converged_value:
      r.message = msg::converged_value(d.last_f_change, o.ftol);
      break;
    case status::converged_step:
      r.message = msg::converged_step(d.last_step, o.xtol);
      break;
    case status::max_iterations:
      r.message = msg::max_iterations(r.iterations, norm, r.gradient_norm, gtol);
      if (d.progress_rate < 0)
        r.message +=
            "; " + msg::f_rose(d.progress_window, d.progress_from, r.f) + stability_hint(d);
      break;
    case status::diverged:
      r.message = divergence_message(r);
      break;
    case status::stalled:
      if (d.stalled_at != 0)
        r.message =
            msg::stalled_no_progress(d.stalled_at, o.stall_window, norm, r.gradient_norm, gtol);
      else if (fixed_rate)
        r.message =
            msg::stalled_rate(d.progress_window, d.progress_rate, norm, r.gradient_norm, gtol);
      else
        r.message =
            msg::stalled_rate_searched(d.progress_window, d.progress_rate, norm, r.gradient_norm,
                                       gtol, d.method.starts_with("newton"));
      break;
    case status::stopped:
      r.message = msg::stopped(r.iterations);
      break;
    case status::time_limit:
      r.message = msg::time_limit(r.iterations);
      break;
    case status::line_search_failed:
    case status::trust_region_failed:
      r.message = d.method_message;
      if (near_minimum(r)) r.message += msg::larger_gtol(d.start_gradient_norm);
      break;
    case status::gradient_check_failed:
      r.message = d.method_message;
      break;
    case status::unbounded:
      r.message = d.unbounded_at != 0 ? msg::unbounded_fall(d.unbounded_at, d.start_f,
                                                            d.unbounded_f, o.unbounded_fall)
                                      : d.method_message;
      if (o.bounds.empty()) {
        r.message += msg::unbounded_no_bounds();
      } else if (d.open_sides.empty()) {
        r.message += msg::unbounded_inside_bounds();
      } else {
        std::string sides;
        for (const auto& [i, up] : d.open_sides)
          sides += (sides.empty() ? "" : ", ") + msg::open_side(name_of(o, i), up);
        r.message += msg::unbounded_open_sides(sides);
      }
      break;
  }
  // Zig-zag is worth a note while a fixed-rate run still descends (its remedy is the rate); a
  // diverged run already says why, and a line search or trust region chooses its own steps, so
  // sign changes of a coordinate's step are its normal way through a curved valley.
  if (fixed_rate && r.status != status::diverged)
    for (const zigzag_note& z : d.zigzag)
      r.notes.push_back(msg::zigzag(name_of(o, z.coordinate), z.flips, z.steps));
  if (!d.projected_start.empty()) {
    std::string names;
    for (std::size_t i : d.projected_start) names += (names.empty() ? "" : ", ") + name_of(o, i);
    r.notes.push_back(msg::start_projected(names));
  }
  if (d.non_finite_hessians.count > 0)
    r.notes.push_back(msg::hessian_not_finite(d.non_finite_hessians.points,
                                              d.non_finite_hessians.count,
                                              d.non_finite_hessians.trust_region));
  if (const std::optional<curvature>& c = d.not_a_minimum) {
    const double clear =
        negative_curvature_tolerance * std::max(std::abs(c->lambda_min), std::abs(c->lambda_max));
    r.notes.push_back(msg::not_a_minimum(c->lambda_min, c->lambda_max, c->lambda_max > clear,
                                         c->lambda_max < -clear));
  }
  // The run's own measure said converged; the refined one above gtol means the differences'
  // truncation error, not the point, made the gradient small.
  if (d.refined_gradient_norm > d.gtol)
    r.notes.push_back(msg::truncation_hid_gradient(r.gradient_norm, d.difference_step,
                                                   d.refined_gradient_norm, d.gtol));
  // A realised difference step more than 0.1% off h means the quotient is no longer a derivative.
  if (d.precision && d.precision->worst_relative_error > 1e-3)
    r.notes.push_back(msg::precision_lost(d.precision->at_magnitude, d.difference_step,
                                          d.precision->worst_relative_error));
}

}  // namespace detail

std::string result::summary() const {
  return msg::summary(to_string(status), iterations, f,
                      msg::gradient_norm_label(diagnosis.projected_gradient), gradient_norm,
                      message);
}

std::string result::report() const {
  std::string s;
  s += msg::report_line(msg::label_method, method);
  s += msg::report_line(msg::label_status, to_string(status));
  s += msg::report_line(msg::label_message, message);
  s += msg::report_line(msg::label_f, format_number(f));
  s += msg::report_line(msg::gradient_norm_label(diagnosis.projected_gradient),
                        format_number(gradient_norm));
  s += msg::report_line(msg::label_iterations, std::to_string(iterations));
  s += msg::report_line(msg::label_evaluations,
                        msg::evaluations(evaluations.value, evaluations.gradient));
  if (evaluations.hessian > 0)
    s += msg::report_line(msg::label_hessians, std::to_string(evaluations.hessian));
  s += msg::report_line(msg::label_time, msg::seconds(seconds));
  for (const std::string& n : notes) s += msg::report_line(msg::label_note, n);
  return s;
}

}  // namespace kobai
