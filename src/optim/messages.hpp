#pragma once
// Every sentence the optimizer writes for a user, in one place, so that a translated edition
// (--lang ja) can follow without touching the logic.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kobai::optim_messages {

// options
/// What an option's value must be; requirement_text() words it ("a finite number > 0").
enum class requirement {
  finite_positive,      // > 0 and finite
  positive,             // > 0
  positive_seconds,     // > 0, in seconds
  not_negative,         // ≥ 0
  at_least_one,         // ≥ 1 (counts)
  unit_closed_open,     // [0, 1)
  unit_open_closed,     // (0, 1]
  quarter_closed_open,  // [0, ¼)
  at_most_max_radius,   // ≤ newton.max_radius
};
std::string_view requirement_text(requirement r);
std::string out_of_range(std::string_view field, requirement r, double got);
std::string no_book_variant(std::string_view method);
std::string unknown_method(std::string_view name, std::string_view known);
std::string unknown_cg_beta(std::string_view name);
std::string unknown_lbfgs_scaling(std::string_view name);
std::string unknown_line_search(std::string_view name);
std::string unknown_globalization(std::string_view name);
std::string dimension_mismatch(std::size_t names, std::size_t dimension);
std::string bad_start(double f, std::string_view point);
std::string gradient_not_finite_at_start(std::string_view point, double f, std::string_view name,
                                         double partial);
std::string bad_box(std::string_view name, double lower, double upper);
std::string start_outside_box(std::string_view name, double value, double lower, double upper);
std::string bad_bounds(std::string_view name, double lower, double upper);
/// A lower bound of +∞ or an upper bound of −∞ ("lower"/"upper" in side).
std::string infinite_bound(std::string_view name, std::string_view side, double value);
std::string empty_start();
std::string bounds_size(std::size_t lower, std::size_t upper, std::size_t dimension);
std::string bounds_not_supported(std::string_view method);
std::string start_projected(std::string_view names);
/// bfgs or newton at a dimension n whose `matrices` n×n matrices of `bytes` each exceed the
/// physical `memory`; lbfgs with memory m needs lbfgs_bytes (2·m·n doubles).
std::string dense_too_large(std::string_view method, std::size_t n, int matrices, double bytes,
                            double memory, std::size_t m, double lbfgs_bytes);
/// A byte count in the largest unit that keeps it ≥ 1: "80 GB", "4.2 MB".
std::string byte_size(double bytes);
/// One coordinate's bounds as --bounds reads them: "x=0:inf".
std::string bounds_entry(std::string_view name, std::string_view lower, std::string_view upper);
/// The name of coordinate i when the objective has none: "x[3]".
std::string coordinate_name(std::size_t i);

// why a run stopped
/// "‖g‖∞", or under bounds "projected ‖g‖∞" (‖P(x − ∇f) − x‖∞, what the run stops on there).
std::string_view gradient_norm_label(bool projected);
std::string converged_gradient(std::string_view norm, double gnorm, double gtol);
std::string converged_value(double change, double ftol);
std::string converged_step(double step, double xtol);
std::string max_iterations(std::size_t k, std::string_view norm, double gnorm, double gtol);
std::string f_rose(std::size_t window, double from, double to);
std::string diverged_non_finite(std::size_t k);
std::string diverged_growth(std::size_t k, double f0, double fk);
std::string stability(double rate, double limit, double lambda_max, double suggestion);
std::string kept_going(std::size_t k);
std::string stalled_no_progress(std::size_t k, std::size_t window, std::string_view norm,
                                double gnorm, double gtol);
std::string stalled_rate(std::size_t window, double rate, std::string_view norm, double gnorm,
                         double gtol);
std::string stalled_rate_searched(std::size_t window, double rate, std::string_view norm,
                                  double gnorm, double gtol, bool newton);
std::string stopped(std::size_t k);
/// `retried`: the search failed along −∇f too, after the method's own direction.
/// `verdict`: one of gradient_agrees, gradient_disagrees, gradient_not_finite,
/// gradient_unchecked; `norm`: from
/// gradient_norm_label.
std::string line_search_failed(std::size_t k, std::string_view search_status,
                               std::string_view search_message, std::string_view verdict,
                               std::string_view norm, double gnorm, bool retried);
std::string gradient_agrees(double slope, double difference);
std::string gradient_disagrees(double slope, double difference);
/// Both slope and difference are within twice the difference's error of 0.
std::string gradient_inconclusive(double slope, double difference, double error);
/// Appended to line_search_failed and trust_region_failed when the gradient fell to √ε of the
/// start's (start: ‖∇f(x₀)‖∞): the point may be a minimum as far as double precision can show.
std::string larger_gtol(double start);
/// A trial point of the failed search had a finite f and a gradient that was not.
std::string gradient_not_finite(double alpha, double value, double slope);
std::string gradient_unchecked();
std::string trust_region_failed(std::size_t k, double step, double gnorm);
std::string time_limit(std::size_t k);
/// f fell by more than `fall`·(|f₀| + 1) by iteration k.
std::string unbounded_fall(std::size_t k, double f0, double fk, double fall);
/// The line search reached its largest step with f still falling.
std::string unbounded_along(std::size_t k, double step, double f);
/// Appended to unbounded_fall or unbounded_along: without bounds,
std::string unbounded_no_bounds();
/// with bounds, along the open sides `sides` (open_side entries joined by ", "),
std::string unbounded_open_sides(std::string_view sides);
/// "x towards −∞"
std::string open_side(std::string_view name, bool upward);
/// with bounds and no coordinate gone along an open side (f falls without limit inside the box).
std::string unbounded_inside_bounds();

// notes
std::string zigzag(std::string_view name, std::size_t flips, std::size_t steps);
std::string truncation_hid_gradient(double norm, double h, double refined, double gtol);
std::string precision_lost(double magnitude, double h, double relative_error);
/// Newton's Hessian was not finite at `count` points, x_k for k in `points` (the first few and,
/// after "…", the last); those steps went along −∇f, to the trust region's boundary or with the
/// line search.
std::string hessian_not_finite(const std::vector<std::size_t>& points, std::size_t count,
                               bool trust_region);
/// A converged run's last point has a Hessian with the clearly negative eigenvalue lambda_min;
/// `negative_definite`: lambda_max is clearly negative too (a maximum), `indefinite`: it is
/// clearly positive (a saddle point); neither: one or the other.
std::string not_a_minimum(double lambda_min, double lambda_max, bool indefinite,
                          bool negative_definite);

// summary and report
std::string summary(std::string_view status, std::size_t k, double f, std::string_view norm,
                    double gnorm, std::string_view message);
std::string report_line(std::string_view label, std::string_view value);
std::string evaluations(std::size_t values, std::size_t gradients);
std::string seconds(double s);
inline constexpr std::string_view label_method = "method";
inline constexpr std::string_view label_status = "status";
inline constexpr std::string_view label_message = "message";
inline constexpr std::string_view label_f = "f";
inline constexpr std::string_view label_iterations = "iterations";
inline constexpr std::string_view label_evaluations = "evaluations";
inline constexpr std::string_view label_hessians = "Hessians";
inline constexpr std::string_view label_time = "time";
inline constexpr std::string_view label_note = "note";

// users' own functions
std::string gradient_check_failed(std::string_view variable, double user, double numeric,
                                  double allowed, std::string_view point);

}  // namespace kobai::optim_messages
