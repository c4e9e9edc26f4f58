#pragma once
// Helpers for the picture tests: descent traces computed here (independently of optim/), files in
// a scratch folder, PNG and GIF decoding.
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "kobai/trace.hpp"

namespace kobai::test {

/// Plain gradient descent x ← x − rate ∇f(x) with the tape, `steps` steps: steps + 1 iterates.
trace descend(const std::string& formula, std::vector<double> start, double rate, int steps,
              std::string method = "gd");

/// A fresh path in the test scratch folder.
std::filesystem::path scratch(const std::string& name);
std::string read_bytes(const std::filesystem::path& p);

/// An RGB image, 0xRRGGBB per pixel.
struct image {
  int width = 0, height = 0;
  std::vector<std::uint32_t> pixels;
  std::uint32_t at(int x, int y) const { return pixels[std::size_t(y) * width + x]; }
};
image read_png(const std::filesystem::path& p);

/// A decoded GIF: the frames composed on the canvas as a viewer shows them.
struct gif_info {
  int width = 0, height = 0;
  int palette_size = 0;  ///< global colour map entries (0 when absent)
  bool has_local_palettes = false;
  bool loops = false;       ///< NETSCAPE2.0 with loop count 0
  int loop_count = -1;      ///< the NETSCAPE2.0 loop count, −1 without the extension
  int netscape_blocks = 0;  ///< how many NETSCAPE2.0 extensions the file holds
  std::vector<int> delays;
  std::vector<image> frames;
};
gif_info read_gif(const std::filesystem::path& p);

/// Mean absolute channel difference (0–255) and fraction of pixels with a channel off by > 64.
struct difference {
  double mean = 0, strong = 0;
};
difference compare_images(const image& a, const image& b);

/// One <path> element of an SVG file written by cairo: its style and the vertices of its d
/// attribute (only_lines is false when it has curves).
struct svg_path {
  std::string style;
  std::vector<std::pair<double, double>> points;
  std::vector<bool> moves;  ///< per point: it starts a subpath (M), else a line reaches it (L)
  bool only_lines = true;
};
/// Every <path> element of `svg`, in document order.
std::vector<svg_path> svg_paths(const std::string& svg);

/// The source tree (for goldens).
std::filesystem::path source_dir();

}  // namespace kobai::test
