#pragma once
// The one drawing code path: a cairo context over a PNG, SVG, PDF or in-memory image surface, with
// the project's font (DejaVu Sans, loaded from its file so text renders the same everywhere),
// colours and text helpers.
#include <cairo.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kobai::detail {

struct rgb {
  double r = 0, g = 0, b = 0;
};

/// Colours used across kinds.
namespace colors {
inline constexpr rgb black{0.13, 0.13, 0.15};
inline constexpr rgb text{0.15, 0.15, 0.18};
inline constexpr rgb grid{0.90, 0.90, 0.92};
inline constexpr rgb axis{0.45, 0.45, 0.50};
inline constexpr rgb curve{0.12, 0.40, 0.70};
inline constexpr rgb path{0.84, 0.12, 0.14};
inline constexpr rgb tangent{0.98, 0.55, 0.05};
inline constexpr rgb wire{0.25, 0.42, 0.66};
inline constexpr rgb field{0.40, 0.40, 0.45};
inline constexpr rgb white{1, 1, 1};
}  // namespace colors

/// The i-th series colour (methods in a race, traces in convergence plots).
rgb series_color(std::size_t i);
/// Viridis-like perceptual colour map, t in [0, 1].
rgb colormap(double t);

/// The output formats.
enum class image_format { png, svg, pdf, gif };

/// The format named by the extension of `path`, or throws usage_error.
image_format format_of(std::string_view path);

enum class h_align { left, center, right };
enum class v_align { top, middle, baseline, bottom };

/// A cairo context drawing in image units (width × height), whatever the device resolution.
class canvas {
 public:
  /// Takes a reference to `surface`; `scale` maps image units to device units.
  canvas(cairo_surface_t* surface, double width, double height, double scale);
  ~canvas();
  canvas(const canvas&) = delete;
  canvas& operator=(const canvas&) = delete;

  cairo_t* cr() const noexcept { return cr_; }
  double width() const noexcept { return width_; }
  double height() const noexcept { return height_; }
  /// Layout unit: 1 at 600 image units on the short side, so layouts scale with the image.
  double unit() const noexcept { return unit_; }

  void set_color(rgb c, double alpha = 1);
  void fill_background(rgb c);
  /// Draws `s` with its anchor at (x, y); `size` in image units; `angle` in radians.
  void text(double x, double y, std::string_view s, double size, rgb color,
            h_align h = h_align::left, v_align v = v_align::baseline, double angle = 0,
            bool bold = false);
  double text_width(std::string_view s, double size, bool bold = false);
  /// The font's ascent plus descent at `size`: how tall a line of text is, and how wide a label
  /// rotated by a quarter turn.
  double line_height(double size, bool bold = false);

  void circle(double x, double y, double radius);
  void line(double x0, double y0, double x1, double y1);

 private:
  void use_font(double size, bool bold);
  cairo_t* cr_;
  double width_, height_, unit_;
};

/// Renders one image: `draw` is called with a canvas over the right surface, and the encoded file
/// bytes are returned (PNG, SVG or PDF). `scale` is the PNG device pixels per image unit.
template <class Draw>
std::string render_vector_or_png(image_format format, int width, int height, double scale,
                                 Draw&& draw);

/// An ARGB32 image in memory (premultiplied, native endian, rows without padding).
struct raster {
  int width = 0, height = 0;
  std::vector<std::uint32_t> pixels;
};

/// Surfaces and encoders behind render_vector_or_png (not templates).
struct surface_sink {
  explicit surface_sink(image_format format, int width, int height, double scale);
  ~surface_sink();
  surface_sink(const surface_sink&) = delete;
  surface_sink& operator=(const surface_sink&) = delete;
  cairo_surface_t* surface = nullptr;
  image_format format;
  std::string bytes;
  /// Finishes the surface and returns the encoded file.
  std::string finish();
};

template <class Draw>
std::string render_vector_or_png(image_format format, int width, int height, double scale,
                                 Draw&& draw) {
  surface_sink sink(format, width, height, scale);
  {
    canvas c(sink.surface, width, height, format == image_format::png ? scale : 1.0);
    c.fill_background(colors::white);
    draw(c);
  }
  return sink.finish();
}

/// An owned cairo image surface.
struct surface_deleter {
  void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
using image_surface = std::unique_ptr<cairo_surface_t, surface_deleter>;

/// Renders into an RGB24 image surface at 1 device pixel per image unit, over `under` (an image
/// of the same size, composited first) or over white.
template <class Draw>
image_surface render_surface(int width, int height, Draw&& draw, cairo_surface_t* under = nullptr) {
  image_surface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
  {
    canvas c(s.get(), width, height, 1.0);
    if (under) {
      // A plain copy: the cached image is opaque.
      cairo_set_operator(c.cr(), CAIRO_OPERATOR_SOURCE);
      cairo_set_source_surface(c.cr(), under, 0, 0);
      cairo_paint(c.cr());
      cairo_set_operator(c.cr(), CAIRO_OPERATOR_OVER);
    } else {
      c.fill_background(colors::white);
    }
    draw(c);
  }
  cairo_surface_flush(s.get());
  return s;
}

/// Renders one frame into memory at 1 device pixel per image unit, over `under` if given.
template <class Draw>
raster render_raster(int width, int height, Draw&& draw, cairo_surface_t* under = nullptr) {
  const image_surface surface = render_surface(width, height, std::forward<Draw>(draw), under);
  cairo_surface_t* s = surface.get();
  raster r{width, height, std::vector<std::uint32_t>(std::size_t(width) * height)};
  const unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + std::ptrdiff_t(y) * stride);
    std::copy(row, row + width, r.pixels.begin() + std::ptrdiff_t(y) * width);
  }
  return r;
}

/// Writes `bytes` to `path`, or throws usage_error naming the path.
void write_file(const std::string& path, const std::string& bytes);

}  // namespace kobai::detail
