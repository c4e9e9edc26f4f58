#include "messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace kobai::optim_messages {

// Numbers a user typed (options, bounds, the rate) are printed in the shortest form that reads
// back to the same double ("{}"), so --beta2 -0.1 is quoted as -0.1; computed numbers are rounded.
std::string_view requirement_text(requirement r) {
  switch (r) {
    case requirement::finite_positive:
      return "a finite number > 0";
    case requirement::positive:
      return "> 0";
    case requirement::positive_seconds:
      return "> 0 seconds";
    case requirement::not_negative:
      return "≥ 0";
    case requirement::at_least_one:
      return "at least 1";
    case requirement::unit_closed_open:
      return "in [0, 1)";
    case requirement::unit_open_closed:
      return "in (0, 1]";
    case requirement::quarter_closed_open:
      return "in [0, 0.25)";
    case requirement::at_most_max_radius:
      return "at most newton.max_radius";
  }
  return {};
}
std::string out_of_range(std::string_view field, requirement r, double got) {
  return fmt::format("{} must be {}, got {}", field, requirement_text(r), got);
}
std::string no_book_variant(std::string_view method) {
  return fmt::format("{} has no book variant (the book's common/optimizer.py does not define it)",
                     method);
}
std::string unknown_method(std::string_view name, std::string_view known) {
  return fmt::format("unknown method '{}'; known methods: {}", name, known);
}
std::string unknown_cg_beta(std::string_view name) {
  return fmt::format(
      "unknown conjugate-gradient variant '{}'; known: fr (Fletcher–Reeves), pr+ "
      "(Polak–Ribière+), hz (Hager–Zhang)",
      name);
}
std::string unknown_lbfgs_scaling(std::string_view name) {
  return fmt::format("unknown L-BFGS scaling '{}'; known: adaptive (the default), standard", name);
}
std::string unknown_line_search(std::string_view name) {
  return fmt::format("unknown line search '{}'; known: armijo, more-thuente, hager-zhang", name);
}
std::string unknown_globalization(std::string_view name) {
  return fmt::format("unknown globalization '{}'; known: trust-region, line-search", name);
}
std::string dimension_mismatch(std::size_t names, std::size_t dimension) {
  return fmt::format("the objective has {} variable{} but the start point has {} value{}", names,
                     names == 1 ? "" : "s", dimension, dimension == 1 ? "" : "s");
}
std::string bad_start(double f, std::string_view point) {
  return fmt::format(
      "the function or its gradient is not finite at the start point ({}): f = {:.6g}; start "
      "where f is defined",
      point, f);
}

std::string gradient_not_finite_at_start(std::string_view point, double f, std::string_view name,
                                         double partial) {
  return fmt::format(
      "the gradient is not finite at the start point ({}): f = {:.6g} is, but ∂f/∂{} = {:.6g}; f "
      "may "
      "have a kink or a vertical tangent there (√(x² + y²) at 0): start elsewhere",
      point, f, name, std::isnan(partial) ? std::fabs(partial) : partial);  // nan, not -nan
}

std::string bad_box(std::string_view name, double lower, double upper) {
  return fmt::format("the box for {} is [{}, {}]; it needs lower < upper, both finite", name, lower,
                     upper);
}

std::string start_outside_box(std::string_view name, double value, double lower, double upper) {
  return fmt::format("the start's {} is {}, outside the box [{}, {}]", name, value, lower, upper);
}

std::string bad_bounds(std::string_view name, double lower, double upper) {
  return fmt::format("the bounds of {} are [{}, {}]; they need lower ≤ upper", name, lower, upper);
}
std::string infinite_bound(std::string_view name, std::string_view side, double value) {
  return fmt::format(
      "the {} bound of {} is {}, which leaves no point to stand on; use {} for an open side", side,
      name, value, side == "lower" ? "-inf" : "+inf");
}
std::string empty_start() {
  return "the start point has no coordinates; give x0 one value per variable";
}
std::string bounds_size(std::size_t lower, std::size_t upper, std::size_t dimension) {
  return fmt::format("the bounds have {} lower and {} upper values for {} variables", lower, upper,
                     dimension);
}
std::string bounds_not_supported(std::string_view method) {
  return fmt::format(
      "{} does not take bounds; use lbfgs (L-BFGS-B), gd-ls (projected gradient) or "
      "a fixed-rate method (projection after each step)",
      method);
}
std::string start_projected(std::string_view names) {
  return fmt::format("the start was outside the bounds; {} moved onto the nearest bound", names);
}
std::string dense_too_large(std::string_view method, std::size_t n, int matrices, double bytes,
                            double memory, std::size_t m, double lbfgs_bytes) {
  return fmt::format(
      "{} keeps {} dense n×n {} of doubles, n²·8 bytes = {} each at n = {} ({} in all), "
      "more than this machine's {} of memory; use lbfgs, whose m = {} pairs of vectors need "
      "2·m·n·8 bytes = {}",
      method, matrices, matrices == 1 ? "matrix" : "matrices", byte_size(bytes), n,
      byte_size(matrices * bytes), byte_size(memory), m, byte_size(lbfgs_bytes));
}
std::string byte_size(double bytes) {
  constexpr std::array<std::string_view, 6> units = {"bytes", "kB", "MB", "GB", "TB", "PB"};
  std::size_t u = 0;
  while (bytes >= 1000 && u + 1 < units.size()) {
    bytes /= 1000;
    ++u;
  }
  return fmt::format("{:.3g} {}", bytes, units[u]);
}
std::string bounds_entry(std::string_view name, std::string_view lower, std::string_view upper) {
  return fmt::format("{}={}:{}", name, lower, upper);
}
std::string coordinate_name(std::size_t i) {
  return fmt::format("x[{}]", i);
}

std::string_view gradient_norm_label(bool projected) {
  return projected ? "projected ‖g‖∞" : "‖g‖∞";
}
std::string converged_gradient(std::string_view norm, double gnorm, double gtol) {
  return fmt::format("{} = {:.6g} is within the gradient tolerance {:.6g}", norm, gnorm, gtol);
}
std::string converged_value(double change, double ftol) {
  return fmt::format("f changed by {:.6g}, within the relative tolerance ftol = {}", change, ftol);
}
std::string converged_step(double step, double xtol) {
  return fmt::format("the step {:.6g} is within the relative tolerance xtol = {}", step, xtol);
}
std::string max_iterations(std::size_t k, std::string_view norm, double gnorm, double gtol) {
  return fmt::format("reached the iteration limit ({}); {} = {:.6g} is above gtol = {:.6g}", k,
                     norm, gnorm, gtol);
}
std::string f_rose(std::size_t window, double from, double to) {
  return fmt::format("f rose from {:.6g} to {:.6g} over the last {} iterations", from, to, window);
}
std::string diverged_non_finite(std::size_t k) {
  return fmt::format("diverged at iteration {}: f, x or the gradient is no longer a finite number",
                     k);
}
std::string diverged_growth(std::size_t k, double f0, double fk) {
  return fmt::format("diverged at iteration {}; f grew from {:.6g} to {:.6g}", k, f0, fk);
}
std::string stability(double rate, double limit, double lambda_max, double suggestion) {
  return fmt::format(
      "the learning rate {} is {} the stability limit {:.6g} (2/λmax, λmax = {:.6g} at the "
      "start); try the rate {:.6g} instead (--rate {:.6g} in kobai minimize, the method's rate "
      "field in C++)",
      rate, rate > limit ? "above" : "at", limit, lambda_max, suggestion, suggestion);
}
std::string kept_going(std::size_t k) {
  return fmt::format("kept going to iteration {} as asked", k);
}
std::string stalled_no_progress(std::size_t k, std::size_t window, std::string_view norm,
                                double gnorm, double gtol) {
  return fmt::format(
      "stalled at iteration {}: no new lowest f in the last {} iterations while {} = {:.6g} is "
      "above gtol = {:.6g}",
      k, window, norm, gnorm, gtol);
}
std::string stalled_rate(std::size_t window, double rate, std::string_view norm, double gnorm,
                         double gtol) {
  return fmt::format(
      "stalled: over the last {} iterations f fell by only {:.3g} of its value per iteration while "
      "{} = {:.6g} is above gtol = {:.6g}; a larger rate may help",
      window, rate, norm, gnorm, gtol);
}
std::string stalled_rate_searched(std::size_t window, double rate, std::string_view norm,
                                  double gnorm, double gtol, bool newton) {
  if (newton)
    return fmt::format(
        "stalled: over the last {} iterations f fell by only {:.3g} of its value per iteration "
        "while {} = {:.6g} is above gtol = {:.6g}; f may be falling towards an asymptote (check "
        "whether ‖x‖ keeps growing) or may not be twice differentiable where x is heading (Newton "
        "converges fast only where ∇²f is smooth and nonsingular; |x|^1.5 at 0 is neither)",
        window, rate, norm, gnorm, gtol);
  return fmt::format(
      "stalled: over the last {} iterations f fell by only {:.3g} of its value per iteration while "
      "{} = {:.6g} is above gtol = {:.6g}; f may be falling towards an asymptote (check whether "
      "‖x‖ keeps growing) or the variables may be badly scaled (rescale them, or try newton)",
      window, rate, norm, gnorm, gtol);
}
std::string stopped(std::size_t k) {
  return fmt::format("an observer asked to stop at iteration {}", k);
}
std::string line_search_failed(std::size_t k, std::string_view search_status,
                               std::string_view search_message, std::string_view verdict,
                               std::string_view norm, double gnorm, bool retried) {
  return fmt::format(
      "the line search failed at iteration {} ({}){}: {}. {}. At the last point {} = {:.3g}", k,
      search_status, retried ? ", also along the steepest-descent direction" : "", search_message,
      verdict, norm, gnorm);
}
std::string gradient_agrees(double slope, double difference) {
  return fmt::format(
      "The gradient agrees with finite differences of f along the search direction (∇fᵀd = "
      "{:.6g}, differences {:.6g}), so it is not the cause: f may be undefined or not finite just "
      "beyond the point, or its change there may be below its rounding",
      slope, difference);
}
std::string gradient_disagrees(double slope, double difference) {
  return fmt::format(
      "The gradient is the likely cause: along the search direction ∇fᵀd = {:.6g}, but finite "
      "differences of f give {:.6g}; check the gradient against finite differences component by "
      "component (user_options::check_gradient in the C++ API)",
      slope, difference);
}
std::string gradient_inconclusive(double slope, double difference, double error) {
  return fmt::format(
      "Finite differences of f along the search direction cannot check the gradient here: ∇fᵀd = "
      "{:.6g} and the differences {:.6g} are both too small to tell apart from f's rounding (the "
      "differences' error, from that rounding and from the step's truncation, is about {:.3g}), "
      "so the gradient is neither cleared nor blamed",
      slope, difference, error);
}
std::string larger_gtol(double start) {
  return fmt::format(
      ", down from {:.3g} at the start: the point may be as close to a minimum as double precision "
      "lets f show, and a larger gtol (--gtol) reports it as converged",
      start);
}
std::string gradient_not_finite(double alpha, double value, double slope) {
  return fmt::format(
      "The gradient is not finite where f is: at the trial step α = {:.6g} along the search "
      "direction f = {:.6g} but ∇fᵀd = {}; check the gradient's formula there (a derivative "
      "undefined where the function is defined, such as that of √ at 0, or an overflow)",
      alpha, value, slope);
}
std::string gradient_unchecked() {
  return "f is not finite on either side of the point along the search direction, so the "
         "gradient could not be checked against finite differences";
}
std::string trust_region_failed(std::size_t k, double step, double gnorm) {
  return fmt::format(
      "the trust region shrank at iteration {} until its step ({:.3g} long) no longer moved x, "
      "without lowering f. At the last point ‖∇f‖∞ = {:.3g}",
      k, step, gnorm);
}
std::string time_limit(std::size_t k) {
  return fmt::format("the time limit was reached at iteration {}", k);
}
std::string unbounded_fall(std::size_t k, double f0, double fk, double fall) {
  return fmt::format(
      "f fell from {:.6g} to {:.6g} by iteration {}, by more than {:.3g}·(|f₀| + 1): f appears to "
      "be unbounded below, with no minimum to converge to",
      f0, fk, k, fall);
}
std::string unbounded_along(std::size_t k, double step, double f) {
  return fmt::format(
      "at iteration {} the line search reached its largest step ({:.3g}) with f still falling (to "
      "{:.6g}): f appears to be unbounded below along the search direction, with no minimum to "
      "converge to",
      k, step, f);
}

std::string unbounded_no_bounds() {
  return " (bounds would give it one)";
}
std::string unbounded_open_sides(std::string_view sides) {
  return fmt::format(
      "; the bounds leave it a way out: the run walked off along {}, a side no bound closes "
      "(bound that side too to give f a minimum)",
      sides);
}
std::string open_side(std::string_view name, bool upward) {
  return fmt::format("{} towards {}", name, upward ? "+∞" : "−∞");
}
std::string unbounded_inside_bounds() {
  return "; no variable walked along an open side of the bounds, so f falls without limit inside "
         "them (a singularity such as log at 0 on a closed side)";
}
std::string zigzag(std::string_view name, std::size_t flips, std::size_t steps) {
  return fmt::format(
      "{} zig-zags: its step changed sign in {} of {} iterations (the rate is close to the "
      "stability limit in that direction; a smaller rate or momentum damps it)",
      name, flips, steps);
}
std::string truncation_hid_gradient(double norm, double h, double refined, double gtol) {
  return fmt::format(
      "the numerical gradient's ‖∇f‖∞ = {:.3g} at the last point is mostly the differences' "
      "truncation error: with it removed (Richardson's extrapolation from steps h = {} and h/2) "
      "‖∇f‖∞ is {:.3g}, above gtol {}: the differences stopped the run, not a minimum; a smaller "
      "step h, or the exact gradient, goes on towards it",
      norm, h, refined, gtol);
}
std::string precision_lost(double magnitude, double h, double relative_error) {
  return fmt::format(
      "the numerical gradient lost precision: at |x| = {:.6g} the difference step h = {} is "
      "represented with a relative error of {:.3g} (doubles near |x| are {:.3g} apart), so the "
      "gradient there is meaningless",
      magnitude, h, relative_error, magnitude * 2.220446049250313e-16);
}

std::string hessian_not_finite(const std::vector<std::size_t>& points, std::size_t count,
                               bool trust_region) {
  std::string list;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i) list += ", ";
    if (i + 1 == points.size() && count > points.size()) list += "…, ";
    list += std::to_string(points[i]);
  }
  const std::string_view how = trust_region
                                   ? "to the trust region's boundary (the model there was linear)"
                                   : "with the line search";
  if (count == 1)
    return fmt::format(
        "the Hessian ∇²f was not finite (NaN or ±∞) at the point k = {}; that step went along −∇f "
        "(steepest descent) instead of the Newton direction, {}",
        list, how);
  return fmt::format(
      "the Hessian ∇²f was not finite (NaN or ±∞) at {} points, k = {}; those steps went along "
      "−∇f (steepest descent) instead of the Newton direction, {}",
      count, list, how);
}
std::string not_a_minimum(double lambda_min, double lambda_max, bool indefinite,
                          bool negative_definite) {
  if (indefinite)
    return fmt::format(
        "the last point is a saddle point, not a minimum: ∇²f there has eigenvalues of both signs "
        "(λmin = {:.3g}, λmax = {:.3g}), so f falls along some direction; start elsewhere to "
        "find a minimum",
        lambda_min, lambda_max);
  if (negative_definite)
    return fmt::format(
        "the last point is a local maximum, not a minimum: every eigenvalue of ∇²f there is "
        "negative (λmin = {:.3g}, λmax = {:.3g}); start elsewhere to find a minimum",
        lambda_min, lambda_max);
  return fmt::format(
      "the last point is not a minimum but a saddle point or a maximum: ∇²f there has a negative "
      "eigenvalue (λmin = {:.3g}, λmax = {:.3g}); start elsewhere to find a minimum",
      lambda_min, lambda_max);
}

std::string summary(std::string_view status, std::size_t k, double f, std::string_view norm,
                    double gnorm, std::string_view message) {
  // fmt prints the sign bit of a NaN ("-nan") and of a zero ("-0", as −x² is at 0), which
  // says nothing to a reader; fabs clears it.
  const auto shown = [](double v) { return std::isnan(v) || v == 0 ? std::fabs(v) : v; };
  return fmt::format("{} after {} iteration{}: f = {:.10g}, {} = {:.3g}; {}", status, k,
                     k == 1 ? "" : "s", shown(f), norm, shown(gnorm), message);
}
std::string report_line(std::string_view label, std::string_view value) {
  // The column is as wide as the widest label, "projected ‖g‖∞" (14 characters, 20 bytes):
  // padding counts characters, since the labels hold multi-byte UTF-8 (‖, ∞).
  constexpr std::size_t column = 14;
  const std::size_t width = static_cast<std::size_t>(std::ranges::count_if(
      label, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  std::string line(label);
  line.append(column > width ? column - width : 0, ' ');
  return fmt::format("{} {}\n", line, value);
}
std::string evaluations(std::size_t values, std::size_t gradients) {
  return fmt::format("{} values, {} gradients", values, gradients);
}
std::string seconds(double s) {
  return fmt::format("{:.6g} s", s);
}

std::string gradient_check_failed(std::string_view variable, double user, double numeric,
                                  double allowed, std::string_view point) {
  return fmt::format(
      "the supplied gradient disagrees with finite differences at the start {}: ∂f/∂{} is {:.10g} "
      "but the difference quotient gives {:.10g} (allowed error {:.3g}); check the derivative of "
      "that "
      "component, or let kobai differentiate the function (pass a generic lambda)",
      point, variable, user, numeric, allowed);
}

}  // namespace kobai::optim_messages
