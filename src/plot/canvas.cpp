#include "canvas.hpp"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "kobai/error.hpp"
#include "messages.hpp"

namespace kobai::detail {
namespace {

// DejaVu Sans from fonts-dejavu-core, loaded from its file rather than through fontconfig so the
// same glyphs are used on every machine (fontconfig would substitute silently when it is missing).
constexpr std::array<const char*, 2> regular_font_paths = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
};
constexpr std::array<const char*, 2> bold_font_paths = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
};

struct font_faces {
  cairo_font_face_t* regular = nullptr;
  cairo_font_face_t* bold = nullptr;
};

cairo_font_face_t* load_face(FT_Library lib, const std::array<const char*, 2>& paths, bool bold) {
  for (const char* p : paths) {
    FT_Face face = nullptr;
    if (std::filesystem::exists(p) && FT_New_Face(lib, p, 0, &face) == 0) {
      // The FT_Face lives as long as the process: the faces are shared by every canvas.
      return cairo_ft_font_face_create_for_ft_face(face, 0);
    }
  }
  // Fallback when the package is missing: fontconfig's best match for the same family.
  return cairo_toy_font_face_create("DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                                    bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
}

const font_faces& faces() {
  static const font_faces f = [] {
    FT_Library lib = nullptr;
    font_faces r;
    if (FT_Init_FreeType(&lib) == 0) {
      r.regular = load_face(lib, regular_font_paths, false);
      r.bold = load_face(lib, bold_font_paths, true);
    } else {
      r.regular = load_face(nullptr, {}, false);
      r.bold = load_face(nullptr, {}, true);
    }
    return r;
  }();
  return f;
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// cairo names SVG groups "surfaceN" from a process-wide counter, so the same picture drawn twice
// would differ in those names; they are renumbered in order of appearance.
std::string renumber_svg_surfaces(const std::string& svg) {
  std::string out;
  out.reserve(svg.size());
  std::map<std::string, int> numbers;
  static constexpr std::string_view key = "surface";
  std::size_t i = 0;
  while (i < svg.size()) {
    const std::size_t at = svg.find(key, i);
    if (at == std::string::npos) {
      out.append(svg, i, std::string::npos);
      break;
    }
    std::size_t end = at + key.size();
    while (end < svg.size() && std::isdigit(static_cast<unsigned char>(svg[end]))) ++end;
    out.append(svg, i, at + key.size() - i);
    if (end > at + key.size()) {
      const std::string n = svg.substr(at + key.size(), end - at - key.size());
      const auto it = numbers.emplace(n, static_cast<int>(numbers.size()) + 1).first;
      out += std::to_string(it->second);
    }
    i = end;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

}  // namespace

rgb series_color(std::size_t i) {
  static constexpr std::array<rgb, 8> palette = {{{0.84, 0.12, 0.14},
                                                  {0.12, 0.40, 0.70},
                                                  {0.17, 0.60, 0.20},
                                                  {0.95, 0.50, 0.05},
                                                  {0.55, 0.35, 0.72},
                                                  {0.55, 0.34, 0.29},
                                                  {0.89, 0.40, 0.70},
                                                  {0.30, 0.30, 0.30}}};
  return palette[i % palette.size()];
}

rgb colormap(double t) {
  // Anchor colours of a perceptually ordered dark-blue → teal → green → yellow ramp, interpolated
  // linearly in sRGB.
  static constexpr std::array<rgb, 9> stops = {{{0.27, 0.00, 0.33},
                                                {0.28, 0.17, 0.48},
                                                {0.23, 0.32, 0.55},
                                                {0.17, 0.45, 0.56},
                                                {0.13, 0.57, 0.55},
                                                {0.20, 0.68, 0.50},
                                                {0.43, 0.81, 0.35},
                                                {0.74, 0.87, 0.15},
                                                {0.99, 0.91, 0.14}}};
  if (!(t > 0)) return stops.front();
  if (t >= 1) return stops.back();
  const double s = t * (stops.size() - 1);
  const auto i = static_cast<std::size_t>(s);
  const double u = s - static_cast<double>(i);
  const rgb a = stops[i], b = stops[i + 1];
  return {a.r + u * (b.r - a.r), a.g + u * (b.g - a.g), a.b + u * (b.b - a.b)};
}

image_format format_of(std::string_view path) {
  const std::string ext = lower(std::filesystem::path(path).extension().string());
  if (ext == ".png") return image_format::png;
  if (ext == ".svg") return image_format::svg;
  if (ext == ".pdf") return image_format::pdf;
  if (ext == ".gif") return image_format::gif;
  throw usage_error(messages::plot_unknown_extension(path));
}

canvas::canvas(cairo_surface_t* surface, double width, double height, double scale)
    : cr_(cairo_create(surface)),
      width_(width),
      height_(height),
      unit_(std::min(width, height) / 600.0) {
  cairo_scale(cr_, scale, scale);
  cairo_set_antialias(cr_, CAIRO_ANTIALIAS_GRAY);
  cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr_, CAIRO_LINE_CAP_ROUND);
  cairo_font_options_t* fo = cairo_font_options_create();
  // No hinting: glyph outlines are not snapped to the pixel grid, so text looks the same at every
  // size and on every machine.
  cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options(cr_, fo);
  cairo_font_options_destroy(fo);
}

canvas::~canvas() {
  cairo_destroy(cr_);
}

void canvas::set_color(rgb c, double alpha) {
  if (alpha >= 1) {
    cairo_set_source_rgb(cr_, c.r, c.g, c.b);
  } else {
    cairo_set_source_rgba(cr_, c.r, c.g, c.b, alpha);
  }
}

void canvas::fill_background(rgb c) {
  set_color(c);
  cairo_rectangle(cr_, 0, 0, width_, height_);
  cairo_fill(cr_);
}

void canvas::use_font(double size, bool bold) {
  cairo_set_font_face(cr_, bold ? faces().bold : faces().regular);
  cairo_set_font_size(cr_, size);
}

double canvas::text_width(std::string_view s, double size, bool bold) {
  use_font(size, bold);
  const std::string str(s);
  cairo_text_extents_t e;
  cairo_text_extents(cr_, str.c_str(), &e);
  return e.x_advance;
}

double canvas::line_height(double size, bool bold) {
  use_font(size, bold);
  cairo_font_extents_t fe;
  cairo_font_extents(cr_, &fe);
  return fe.ascent + fe.descent;
}

void canvas::text(double x, double y, std::string_view s, double size, rgb color, h_align h,
                  v_align v, double angle, bool bold) {
  if (s.empty()) return;
  use_font(size, bold);
  const std::string str(s);
  cairo_text_extents_t e;
  cairo_text_extents(cr_, str.c_str(), &e);
  cairo_font_extents_t fe;
  cairo_font_extents(cr_, &fe);
  double dx = 0;
  if (h == h_align::center) dx = -e.x_advance / 2;
  if (h == h_align::right) dx = -e.x_advance;
  double dy = 0;
  // Vertical placement from the font's ascent and descent (not the string's ink), so labels of
  // one row line up whatever letters they hold.
  if (v == v_align::top) dy = fe.ascent;
  if (v == v_align::middle) dy = (fe.ascent - fe.descent) / 2;
  if (v == v_align::bottom) dy = -fe.descent;
  cairo_save(cr_);
  cairo_translate(cr_, x, y);
  cairo_rotate(cr_, angle);
  cairo_move_to(cr_, dx, dy);
  set_color(color);
  cairo_show_text(cr_, str.c_str());
  cairo_new_path(cr_);
  cairo_restore(cr_);
}

void canvas::circle(double x, double y, double radius) {
  cairo_new_sub_path(cr_);
  cairo_arc(cr_, x, y, radius, 0, 2 * M_PI);
}

void canvas::line(double x0, double y0, double x1, double y1) {
  cairo_move_to(cr_, x0, y0);
  cairo_line_to(cr_, x1, y1);
}

surface_sink::surface_sink(image_format f, int width, int height, double scale) : format(f) {
  switch (f) {
    case image_format::svg:
      surface = cairo_svg_surface_create_for_stream(append_to_string, &bytes, width, height);
      break;
    case image_format::pdf:
      surface = cairo_pdf_surface_create_for_stream(append_to_string, &bytes, width, height);
      // A fixed creation date keeps the bytes of the same picture identical from run to run.
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                     "2000-01-01T00:00:00Z");
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "kobai");
      break;
    default:
      surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                           static_cast<int>(std::lround(width * scale)),
                                           static_cast<int>(std::lround(height * scale)));
      break;
  }
}

surface_sink::~surface_sink() {
  if (surface) cairo_surface_destroy(surface);
}

std::string surface_sink::finish() {
  if (format == image_format::png) {
    cairo_surface_flush(surface);
    cairo_surface_write_to_png_stream(surface, append_to_string, &bytes);
  } else {
    cairo_surface_finish(surface);
  }
  cairo_surface_destroy(surface);
  surface = nullptr;
  if (format == image_format::svg) return renumber_svg_surfaces(bytes);
  return std::move(bytes);
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) throw usage_error(messages::plot_cannot_write(path));
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) throw usage_error(messages::plot_cannot_write(path));
}

}  // namespace kobai::detail
