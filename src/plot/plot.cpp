#include "kobai/plot/plot.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "canvas.hpp"
#include "gif.hpp"
#include "kobai/error.hpp"
#include "messages.hpp"
#include "scene.hpp"

namespace kobai {
namespace {

constexpr std::array<std::pair<plot_kind, std::string_view>, 11> kind_names = {{
    {plot_kind::curve, "curve"},
    {plot_kind::contour, "contour"},
    {plot_kind::wireframe, "wireframe"},
    {plot_kind::surface, "surface"},
    {plot_kind::steps, "steps"},
    {plot_kind::convergence, "convergence"},
    {plot_kind::compare, "compare"},
    {plot_kind::sections, "sections"},
    {plot_kind::partials, "partials"},
    {plot_kind::tangent_plane, "tangent-plane"},
    {plot_kind::lesson, "lesson"},
}};

bool animatable(plot_kind k) {
  return k == plot_kind::curve || k == plot_kind::contour || k == plot_kind::wireframe ||
         k == plot_kind::surface || k == plot_kind::compare;
}

// Frames of a turntable GIF when --frames is not given: 10° a frame.
constexpr int default_turntable_frames = 36;

int default_grid(plot_kind k) {
  switch (k) {
    case plot_kind::wireframe:
      return 25;
    case plot_kind::surface:
      return 40;
    case plot_kind::compare:
      return 150;
    case plot_kind::sections:
    case plot_kind::partials:
    case plot_kind::tangent_plane:
      return 25;
    default:
      return 200;
  }
}

// The iterations shown by the frames: all of them, or `wanted` spread evenly, first and last kept.
std::vector<std::size_t> frame_iterations(std::size_t iterations, int wanted) {
  std::vector<std::size_t> ks;
  const std::size_t last = iterations - 1;
  if (wanted <= 0 || static_cast<std::size_t>(wanted) >= iterations) {
    for (std::size_t k = 0; k <= last; ++k) ks.push_back(k);
    return ks;
  }
  if (wanted == 1) return {last};
  for (int i = 0; i < wanted; ++i) {
    const auto k = static_cast<std::size_t>(
        std::lround(static_cast<double>(i) * static_cast<double>(last) / (wanted - 1)));
    if (ks.empty() || ks.back() != k) ks.push_back(k);
  }
  return ks;
}

}  // namespace

std::string_view to_string(plot_kind k) noexcept {
  for (const auto& [kind, name] : kind_names) {
    if (kind == k) return name;
  }
  return "curve";
}

std::optional<plot_kind> plot_kind_from_string(std::string_view name) noexcept {
  for (const auto& [kind, n] : kind_names) {
    if (n == name) return kind;
  }
  return std::nullopt;
}

std::string plot_kind_names() {
  std::string r;
  for (const auto& [kind, name] : kind_names) {
    if (!r.empty()) r += ", ";
    r += name;
  }
  return r;
}

void check_plot_file(const std::filesystem::path& file, plot_kind kind) {
  if (kind == plot_kind::lesson) throw usage_error(messages::plot_lesson_is_folder());
  const detail::image_format format = detail::format_of(file.string());
  if (format == detail::image_format::gif && !animatable(kind)) {
    throw usage_error(messages::plot_no_animation(to_string(kind)));
  }
  const std::filesystem::path folder = file.parent_path();
  std::error_code ec;
  if (!folder.empty() && !std::filesystem::is_directory(folder, ec)) {
    throw usage_error(messages::plot_no_folder(file.string(), folder.string()));
  }
}

plot_summary write_plot(expr f, std::span<const trace> traces, const plot_options& options,
                        const std::filesystem::path& file, std::vector<std::string> variables) {
  using namespace detail;
  check_plot_file(file, options.kind);
  const image_format format = format_of(file.string());
  detail::scene s = make_scene(f, traces, options, std::move(variables));
  const bool gridded = options.kind == plot_kind::contour || options.kind == plot_kind::wireframe ||
                       options.kind == plot_kind::surface || options.kind == plot_kind::compare ||
                       point_kind(options.kind);
  if (gridded)
    s.sample_grid(std::max(options.grid > 0 ? options.grid : default_grid(options.kind), 3));
  if (gridded || options.kind == plot_kind::curve || options.kind == plot_kind::steps)
    s.check_values();

  plot_summary summary;
  const auto draw = [&](canvas& c, std::size_t upto, bool animated,
                        layer part = layer::all) -> detail::panels {
    switch (options.kind) {
      case plot_kind::curve:
        return draw_curve(c, s, upto, animated, summary);
      case plot_kind::steps:
        return draw_steps(c, s);
      case plot_kind::contour:
        return draw_contour(c, s, upto, animated, part);
      case plot_kind::compare:
        return draw_compare(c, s, upto, animated, part);
      case plot_kind::wireframe:
      case plot_kind::surface:
        return draw_surface(c, s, upto, animated, part);
      case plot_kind::convergence:
        return draw_convergence(c, s);
      case plot_kind::sections:
        return draw_sections(c, s, summary);
      case plot_kind::partials:
        return draw_partials(c, s, summary);
      case plot_kind::tangent_plane:
        return draw_tangent_plane(c, s, summary);
      case plot_kind::lesson:
        break;
    }
    return {};
  };

  summary.caption = s.caption();
  const std::size_t last = s.iterations - 1;
  std::string bytes;
  const bool surface_kind =
      options.kind == plot_kind::wireframe || options.kind == plot_kind::surface;
  if (format == image_format::gif && traces.empty() && surface_kind) {
    // Nothing descends, so the animation is a turntable: one turn of the azimuth from the
    // chosen view, every frame drawn whole (the mesh moves), the palette from two views.
    plot_options turning = options;
    s.options = &turning;
    const int count = options.frames > 0 ? options.frames : default_turntable_frames;
    const auto frame = [&](int i) {
      turning.azimuth = options.azimuth + 360.0 * i / count;
      s.depth.reset();  // the z-buffer that hides marks belongs to one view
      return render_raster(options.width, options.height,
                           [&](canvas& c) { summary.panels = draw(c, last, false); });
    };
    std::vector<raster> frames;
    for (int i = 0; i < count; ++i) frames.push_back(frame(i));
    std::vector<const raster*> samples{&frames.front()};
    if (count > 1) samples.push_back(&frames[static_cast<std::size_t>(count / 4)]);
    gif_encoder gif(options.width, options.height, popular_palette(samples), options.fps,
                    options.loop);
    for (const raster& r : frames) gif.add(r);
    summary.frames = frames.size();
    write_file(file.string(), gif.finish());
    return summary;
  }
  if (format == image_format::gif && traces.empty()) {
    summary.caption += (summary.caption.empty() ? "" : "; ") + messages::plot_still_gif();
  }
  if (format != image_format::gif) {
    bytes = render_vector_or_png(format, options.width, options.height, options.dpi / 96,
                                 [&](canvas& c) { summary.panels = draw(c, last, false); });
  } else {
    const std::vector<std::size_t> ks = frame_iterations(s.iterations, options.frames);
    // Every kind but curve draws its axes, levels or mesh once; frames composite that raster and
    // draw the path over it (the frame is the same as drawing everything, a fraction of the cost).
    image_surface still;
    if (options.kind != plot_kind::curve) {
      still = render_surface(options.width, options.height,
                             [&](canvas& c) { draw(c, ks.back(), true, layer::still); });
    }
    const auto frame = [&](std::size_t k) {
      return render_raster(
          options.width, options.height,
          [&](canvas& c) { summary.panels = draw(c, k, true, still ? layer::moving : layer::all); },
          still.get());
    };
    // The palette comes from the last frame (every element of the picture is on it) and the
    // first (the start highlighted), so all frames share one palette.
    const raster final_frame = frame(ks.back());
    const raster first_frame = ks.size() > 1 ? frame(ks.front()) : raster{};
    std::vector<const raster*> samples{&final_frame};
    if (ks.size() > 1) samples.push_back(&first_frame);
    gif_encoder gif(options.width, options.height, popular_palette(samples), options.fps,
                    options.loop);
    for (std::size_t i = 0; i < ks.size(); ++i) {
      if (i == 0 && ks.size() > 1) {
        gif.add(first_frame);
      } else if (i + 1 == ks.size()) {
        gif.add(final_frame);
      } else {
        gif.add(frame(ks[i]));
      }
    }
    summary.frames = ks.size();
    bytes = gif.finish();
  }
  write_file(file.string(), bytes);
  return summary;
}

}  // namespace kobai
