#pragma once
// Every message of the plot module that a user reads, in one place.
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::messages {
std::string plot_unknown_extension(std::string_view path);
/// `what` (gif_encode_failed, gif_start_failed) with giflib's reason (GifErrorString).
std::string gif_failed(std::string_view what, std::string_view reason);
std::string plot_cannot_write(std::string_view path);
std::string plot_no_folder(std::string_view path, std::string_view folder);
std::string plot_bad_size(int width, int height);
std::string plot_bad_option(std::string_view field, std::string_view why);
std::string plot_needs_one_variable(std::string_view kind, std::size_t count,
                                    std::string_view variables);
std::string plot_needs_two_variables(std::string_view kind, std::size_t count,
                                     std::string_view variables);
std::string plot_needs_trace(std::string_view kind);
std::string plot_no_animation(std::string_view kind);
std::string plot_still_gif();
std::string plot_trace_mismatch(std::size_t index, std::string_view why);
std::string plot_slice_unknown(std::string_view name, std::string_view variables);
std::string plot_bad_range(std::string_view axis);
std::string plot_range_too_wide(std::string_view axis);
/// `ranges`: "x = -1e+300..1e+300" or "x = ..., y = ..." (plot ranges, plotted variables).
std::string plot_f_not_finite(std::string_view ranges);
std::string plot_f_range_overflows(std::string_view ranges, std::string_view lo,
                                   std::string_view hi);
std::string plot_clipped_values(double lo, double hi);
std::string plot_path_leaves(std::string_view label, std::size_t k);
std::string plot_path_start_not_finite(std::string_view label);
std::string plot_frame_caption(std::size_t k, std::size_t last, std::string_view f);
std::string plot_slice_note(std::string_view fixed);
std::string plot_point_outside(std::string_view point, std::string_view ranges);
std::string plot_lesson_is_folder();
std::string plot_undefined_at_point(std::string_view point);
std::string plot_no_tangent_plane(std::string_view point, std::string_view why);
std::string plot_wrt_unknown(std::string_view name, std::string_view plotted);
std::string plot_section_label(std::string_view fixed, std::string_view value);
std::string plot_point_label(std::string_view point, std::string_view f);
std::string plot_partial_title(std::string_view var, std::string_view derivative);
std::string plot_partial_label(std::string_view var, std::string_view point,
                               std::string_view value);
std::string plot_constant_partial(std::string_view var, std::string_view value);
std::string lesson_not_a_folder(std::string_view path);
std::string lesson_folder_not_empty(std::string_view path);
std::string lesson_no_steps();
std::string lesson_surface(std::string_view formula);
std::string lesson_sections(std::string_view names, std::string_view point);
std::string lesson_start(std::string_view names, std::string_view point);
std::string lesson_start_sections(std::string_view names, std::string_view point);
std::string lesson_partial(std::string_view var);
std::string lesson_step(std::size_t k, std::string_view names, std::string_view point);
// The same for a point the figure cannot show (a diverging run framed about its drawn part).
std::string lesson_step_outside(std::size_t k, std::string_view names, std::string_view point);
std::string lesson_index_title(std::string_view formula);
std::string lesson_index_run(std::string_view names, std::string_view start,
                             std::string_view method, std::size_t steps);
std::string lesson_index_preamble(std::string_view text);
std::string lesson_index_figure(std::size_t number, std::string_view heading,
                                std::string_view file);
std::string lesson_index_arithmetic(std::string_view text);
std::string plot_tangent_label(std::string_view variable, std::string_view a,
                               std::string_view equation);
std::string plot_no_tangent(std::string_view variable, std::string_view a);
std::string plot_tangent_point_too_far(std::string_view variable, std::string_view a,
                                       std::string_view why);
std::string plot_tangent_range_overflows(std::string_view lo, std::string_view hi);
std::string plot_tangent_f_overflows(std::string_view variable, std::string_view lo,
                                     std::string_view hi);
std::string plot_step_title(std::size_t k, std::string_view x);
std::string plot_trace_variables(std::string_view trace, std::string_view plot);
std::string plot_trace_coordinates(std::size_t k, std::size_t coordinates, std::size_t variables);
std::string plot_one_value_per_variable(std::size_t variables);
// Reasons completing plot_bad_option("field", why).
inline constexpr std::string_view plot_dpi_range = "must be between 24 and 1200";
inline constexpr std::string_view plot_dpi_too_large = "makes an image over 16384 pixels on a side";
inline constexpr std::string_view plot_fps_range = "must be between 0.5 and 50";
inline constexpr std::string_view plot_loop_range = "must be between 0 and 65536";
inline constexpr std::string_view plot_frames_range = "must be between 0 and 10000";
inline constexpr std::string_view plot_levels_range = "must be between 0 and 500";
inline constexpr std::string_view plot_grid_range = "must be between 0 and 2000";
inline constexpr std::string_view plot_view_range =
    "needs a finite azimuth and an elevation between -90 and 90 degrees";
inline constexpr std::string_view plot_tangent_finite = "must hold finite numbers";
inline constexpr std::string_view plot_slice_two = "must name two different variables";
// Completes plot_trace_mismatch.
inline constexpr std::string_view lesson_trace_points = "its points do not fit the variables";
inline constexpr std::string_view gif_encode_failed = "giflib failed to encode a frame";
inline constexpr std::string_view gif_start_failed = "giflib could not start a file";
inline constexpr std::string_view plot_start = "start";
inline constexpr std::string_view plot_minimum = "minimum";
inline constexpr std::string_view plot_path = "path";
inline constexpr std::string_view plot_current = "current point";
inline constexpr std::string_view plot_iteration = "iteration";
inline constexpr std::string_view plot_gap = "f − f_best";
inline constexpr std::string_view plot_gradient_norm = "‖∇f‖";
inline constexpr std::string_view plot_convergence_title = "convergence";
}  // namespace kobai::messages
