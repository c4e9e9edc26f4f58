#pragma once
// Animated GIF through giflib: one global palette shared by every frame (so colours never flicker),
// frames stored as the rectangle that changed since the previous one, a fixed delay from the frame
// rate, and the NETSCAPE2.0 extension for looping. The bytes depend only on the frames.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "canvas.hpp"

namespace kobai::detail {

/// Up to 256 colours (0xRRGGBB) for `samples`, by popularity (Heckbert, "Color image quantization
/// for frame buffer display", 1982): colours are counted on a 5-bit-per-channel histogram and the
/// most frequent are taken, first only those at least a small distance from every colour already
/// chosen (so anti-aliasing tints do not crowd out the rare solid colours), then the rest.
std::vector<std::uint32_t> popular_palette(std::span<const raster* const> samples);

class gif_encoder {
 public:
  /// `plays`: 0 loops forever, 1 plays once, n plays n times (plot_options::loop).
  gif_encoder(int width, int height, std::vector<std::uint32_t> palette, double fps, int plays);
  ~gif_encoder();
  gif_encoder(const gif_encoder&) = delete;
  gif_encoder& operator=(const gif_encoder&) = delete;

  /// Appends a frame (same size as the animation).
  void add(const raster& frame);
  /// Ends the file and returns its bytes.
  std::string finish();

 private:
  void* gif_ = nullptr;  // GifFileType*, kept out of the header
  std::string bytes_;
  int width_, height_;
  int delay_;  // centiseconds
  std::vector<std::uint32_t> palette_;
  std::vector<std::uint8_t> lut_;  // 15-bit colour → palette index
  std::vector<std::uint8_t> previous_;
  bool first_ = true;
};

}  // namespace kobai::detail
