#pragma once
// Every message of `kobai minimize` that a user reads.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kobai::cli::minimize_messages {

inline constexpr std::string_view description =
    "Minimize a formula by the gradient method or one of its relatives, printing each step.\n"
    "  example: kobai minimize \"x^2 + y^2\" --from -2,2 --rate 0.1 --iters 20";
inline constexpr std::string_view from_help =
    "the start point: -2,2 in variable order or x=-2,y=2 by name";
inline constexpr std::string_view method_help =
    "gd (default), momentum, nesterov, adagrad, rmsprop, adam, adamw (fixed rate); gd-ls, cg, "
    "bfgs, lbfgs (line search); newton (trust region; newton-ls: line search)";
inline constexpr std::string_view rate_help = "learning rate η (default: the method's)";
inline constexpr std::string_view expr_help = "the formula, e.g. \"x^2 + y^2\" (or --problem)";
inline constexpr std::string_view iters_help =
    "iterations at most (default 100; 1000 for the line-search methods)";
inline constexpr std::string_view memory_help = "pairs (s, y) kept by lbfgs (default 10)";
inline constexpr std::string_view cg_variant_help =
    "β of cg: pr+ (Polak–Ribière+, default), fr (Fletcher–Reeves), hz (Hager–Zhang)";
inline constexpr std::string_view line_search_help =
    "armijo, more-thuente or hager-zhang (default: more-thuente; armijo for newton, where it "
    "selects the line-search globalization)";
inline constexpr std::string_view set_help =
    "the method's other constants by the names JSON's options report, e.g. ls.c2=0.1 (the line "
    "search's: ls.c1, ls.c2, ls.max_evaluations, …), restart=20 (cg), max_radius=10 (newton)";
inline constexpr std::string_view globalization_help =
    "newton: trust-region (default) or line-search";
inline constexpr std::string_view momentum_help = "μ for momentum and nesterov (default 0.9)";
inline constexpr std::string_view beta1_help = "β₁ for adam and adamw (default 0.9)";
inline constexpr std::string_view beta2_help = "β₂ for adam and adamw (default 0.999)";
inline constexpr std::string_view eps_help = "ε added to the root (adagrad, rmsprop, adam, adamw)";
inline constexpr std::string_view rho_help = "ρ, the decay of rmsprop (default 0.99)";
inline constexpr std::string_view weight_decay_help = "λ, the decoupled decay of adamw (0.01)";
inline constexpr std::string_view variant_help =
    "standard (PyTorch's forms, default) or book (ゼロから作るDeep Learning, bit for bit)";
inline constexpr std::string_view gtol_help =
    "stop when ‖g‖∞ ≤ gtol (default 1e-10; 1e-5 for the line-search methods)";
inline constexpr std::string_view ftol_help = "stop when |Δf| ≤ ftol·max(|f|, 1) (default off)";
inline constexpr std::string_view xtol_help = "stop when ‖Δx‖ ≤ xtol·(‖x‖ + xtol) (default off)";
inline constexpr std::string_view time_limit_help = "stop after this many seconds";
inline constexpr std::string_view format_help = "table (default), csv or json";
inline constexpr std::string_view digits_help = "significant digits in the table (default 10)";
inline constexpr std::string_view trace_help = "write every iteration to FILE as JSON Lines";
inline constexpr std::string_view explain_help =
    "show the worked arithmetic of the first K steps (default 3)";
inline constexpr std::string_view keep_going_help = "keep iterating after divergence or a stall";
inline constexpr std::string_view starts_help =
    "minimize from N starts in --box: --from (when given) and N − 1 random points (or N)";
inline constexpr std::string_view box_help = "the box for --starts: x=-5:5,y=-5:5";
inline constexpr std::string_view seed_help = "seed of the random starts (default 0)";
inline constexpr std::string_view gradient_help =
    "exact (default, reverse mode on the tape) or central[:h=1e-4] (the book's numerical gradient)";
inline constexpr std::string_view vars_help = "variable order for positional values";
inline constexpr std::string_view native_help =
    "evaluate the formula and its exact gradient by native code, compiled once by the system C++ "
    "compiler ($KOBAI_CXX) and cached: the same numbers, several times faster";
inline constexpr std::string_view schedule_help =
    "learning-rate schedule: constant, step[:gamma=0.1,step_size=10], exponential[:gamma=0.1],\n"
    "inverse-time[:decay=0.01], cosine[:period=N,rate_min=0]";

std::string unknown_schedule(std::string_view kind);
std::string bad_schedule_part(std::string_view part, std::string_view kind);
inline constexpr std::string_view problem_help =
    "run a test problem from 'kobai problems' (e.g. rosenbrock, mgh7) from its standard start;\n"
    "--n and --m choose its dimensions where it allows (extended_rosenbrock --n 20)";
inline constexpr std::string_view bounds_help =
    "box bounds x=0:inf,y=-1:1 (lbfgs, gd-ls and the fixed-rate methods); an empty side is open";

std::string formula_and_problem();
std::string need_formula();
std::string bad_bounds_part(std::string_view part);
std::string problem_minimum(std::string_view title, int mgh, std::string_view f_star,
                            std::string_view gap);
/// After the table of a --problem run under --bounds that exclude every listed minimizer of f*,
/// which is the unbounded problem's minimum.
std::string problem_minimum_outside_bounds(std::string_view title, int mgh, std::string_view f_star,
                                           std::string_view gap);
/// After the table of a --problem run whose dimensions have no published minimum.
std::string problem_minimum_unknown(std::string_view title, int mgh, std::size_t n, std::size_t m);
/// The run ended at one of the problem's listed local minima, f_local at `point` (empty when only
/// the value is listed).
std::string problem_local_minimum(std::string_view title, int mgh, std::string_view f_star,
                                  std::string_view f_local, std::string_view point,
                                  std::string_view gap);
std::string option_not_for_method(std::string_view option, std::string_view method);
/// --method newton-ls --globalization trust-region (or newton-tr with line-search).
std::string globalization_contradicts_method(std::string_view globalization,
                                             std::string_view method);
/// A --set part that is not key=value.
std::string bad_setting(std::string_view part);
/// --set with a constant of the globalization newton does not use (ls.c1 for the trust region,
/// max_radius for the line search).
std::string setting_not_for_globalization(std::string_view key, std::string_view method);
/// --line-search with --globalization trust-region, as written.
std::string line_search_not_with_trust_region(std::string_view globalization);
std::string eps_fixed_by_book();
std::string unknown_variant(std::string_view v);
std::string unknown_format(std::string_view v);
std::string bad_gradient(std::string_view v);
std::string bad_explain(std::string_view v);
/// --explain prints prose, which --format json or csv (for programs) cannot hold.
std::string explain_not_with_format(std::string_view format);
std::string need_from();
std::string need_box();
std::string box_without_starts();
std::string bad_box_part(std::string_view part);
std::string box_missing(std::string_view name);
std::string from_outside_box(std::string_view name, std::string_view value, std::string_view lower,
                             std::string_view upper);
std::string starts_zero();
/// --bounds x=inf:… or x=…:-inf: no number is above +inf or below -inf.
std::string bound_excludes_every_number(std::string_view name, std::string_view side);
/// `option` (--format csv, --trace, --plot, --explain) is about one run; --starts makes many.
std::string not_with_starts(std::string_view option);
/// cosine's floor above the rate it anneals from would make the rate grow.
std::string rate_min_above_rate(double rate_min, double rate);
std::string many_iterations(std::size_t n);
std::string native_needs_exact_gradient();
/// The note printed when --native falls back to the interpreted tape.
std::string native_unavailable(std::string_view reason);
std::string cannot_write(std::string_view file);
std::string digits_range(int d);
std::string minimum_row_header();
std::string multistart_summary(std::size_t minima, std::size_t starts);
/// "3 of 20 starts did not converge (2 max_iterations, 1 diverged); their end points are not
/// counted as minima"; `by_status` holds (status name, count) pairs.
std::string not_converged_line(std::size_t count, std::size_t starts,
                               const std::vector<std::pair<std::string, std::size_t>>& by_status);
/// "2 of the 6 starts lay where f or its gradient is not finite (outside the formula's domain)".
std::string undefined_starts_line(std::size_t count, std::size_t starts);
/// The error (exit 3) when every start of --starts ended on a non-finite value.
std::string all_starts_failed(std::size_t starts);
std::string best_line(std::string_view point, std::string_view f);
/// "x = 1", one coordinate of a point named in a message.
std::string named_value(std::string_view name, std::string_view value);
/// The formula is undefined at the start: `what` names the operation ("log(-1) is nan ..."),
/// `point` the start ("x = 1, y = -1").
std::string undefined_at_start(std::string_view point, std::string_view what);
/// As undefined_at_start, where --bounds moved the start: `given` is the start as given ("x = -1"),
/// `point` where the projection onto the bounds put it ("x = 0").
std::string undefined_at_projected_start(std::string_view point, std::string_view given,
                                         std::string_view what);
/// Appended to a diverged run's message when f is undefined at the point it reached: `what` names
/// the operation, as in undefined_at_start.
std::string left_domain(std::string_view point, std::string_view what);
/// "∂f/∂x is inf: the gradient method needs a finite gradient …", after undefined_at_start's point.
std::string partial_not_finite_at_start(std::string_view variable, std::string_view value);

}  // namespace kobai::cli::minimize_messages
