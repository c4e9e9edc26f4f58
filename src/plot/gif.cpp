#include "gif.hpp"

#include <gif_lib.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "kobai/error.hpp"
#include "messages.hpp"

namespace kobai::detail {
namespace {

constexpr std::uint32_t bucket_of(std::uint32_t rgb) {
  return ((rgb >> 19) & 0x1f) << 10 | ((rgb >> 11) & 0x1f) << 5 | ((rgb >> 3) & 0x1f);
}

int distance2(std::uint32_t a, std::uint32_t b) {
  const int dr = int((a >> 16) & 0xff) - int((b >> 16) & 0xff);
  const int dg = int((a >> 8) & 0xff) - int((b >> 8) & 0xff);
  const int db = int(a & 0xff) - int(b & 0xff);
  // Weights for the eye's sensitivity to green over red over blue.
  return 3 * dr * dr + 4 * dg * dg + 2 * db * db;
}

int write_to_string(GifFileType* gif, const GifByteType* data, int length) {
  static_cast<std::string*>(gif->UserData)->append(reinterpret_cast<const char*>(data), length);
  return length;
}

// The GIF is encoded in memory, so giflib fails only for want of memory or on a bug; its own
// reason goes into the message.
std::runtime_error gif_error(std::string_view what, int code) {
  const char* reason = GifErrorString(code);
  return std::runtime_error(messages::gif_failed(what, reason ? reason : "unknown error"));
}

void check(GifFileType* gif, int status) {
  if (status != GIF_OK) throw gif_error(messages::gif_encode_failed, gif->Error);
}

}  // namespace

std::vector<std::uint32_t> popular_palette(std::span<const raster* const> samples) {
  // Per 15-bit bucket: the count and the sum of its exact colours (the bucket's representative is
  // their mean, so solid colours come out exact).
  std::vector<std::uint64_t> count(1 << 15), sr(1 << 15), sg(1 << 15), sb(1 << 15);
  for (const raster* r : samples) {
    for (std::uint32_t p : r->pixels) {
      const std::uint32_t b = bucket_of(p);
      ++count[b];
      sr[b] += (p >> 16) & 0xff;
      sg[b] += (p >> 8) & 0xff;
      sb[b] += p & 0xff;
    }
  }
  std::vector<std::pair<std::uint64_t, std::uint32_t>> ranked;  // (count, colour)
  for (std::uint32_t b = 0; b < count.size(); ++b) {
    if (count[b] == 0) continue;
    const std::uint64_t n = count[b];
    const auto mean = [n](std::uint64_t s) { return static_cast<std::uint32_t>((s + n / 2) / n); };
    ranked.emplace_back(n, mean(sr[b]) << 16 | mean(sg[b]) << 8 | mean(sb[b]));
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::uint32_t> palette;
  std::vector<bool> taken(ranked.size());
  constexpr int spacing = 9 * 24 * 24;  // about 24 levels apart
  for (std::size_t i = 0; i < ranked.size() && palette.size() < 256; ++i) {
    const bool far = std::all_of(palette.begin(), palette.end(), [&](std::uint32_t c) {
      return distance2(c, ranked[i].second) >= spacing;
    });
    if (far) {
      palette.push_back(ranked[i].second);
      taken[i] = true;
    }
  }
  for (std::size_t i = 0; i < ranked.size() && palette.size() < 256; ++i) {
    if (!taken[i]) palette.push_back(ranked[i].second);
  }
  if (palette.empty()) palette.push_back(0xffffff);
  return palette;
}

gif_encoder::gif_encoder(int width, int height, std::vector<std::uint32_t> palette, double fps,
                         int plays)
    : width_(width),
      height_(height),
      delay_(std::max(2, static_cast<int>(std::lround(100 / fps)))),
      palette_(std::move(palette)) {
  // Nearest palette colour for every 15-bit colour, once; frames then map by table lookup.
  lut_.resize(1 << 15);
  for (std::uint32_t b = 0; b < lut_.size(); ++b) {
    const std::uint32_t c = ((b >> 10) & 0x1f) << 19 | ((b >> 5) & 0x1f) << 11 | (b & 0x1f) << 3 |
                            0x040404;  // bucket centre
    int best = 0, best_d = distance2(c, palette_[0]);
    for (std::size_t i = 1; i < palette_.size(); ++i) {
      const int d = distance2(c, palette_[i]);
      if (d < best_d) {
        best_d = d;
        best = static_cast<int>(i);
      }
    }
    lut_[b] = static_cast<std::uint8_t>(best);
  }
  // Exact colours of the palette map to themselves even when the bucket centre is nearer another.
  for (std::size_t i = 0; i < palette_.size(); ++i)
    lut_[bucket_of(palette_[i])] = static_cast<std::uint8_t>(i);

  int error = 0;
  GifFileType* gif = EGifOpen(&bytes_, write_to_string, &error);
  if (!gif) throw gif_error(messages::gif_start_failed, error);
  gif_ = gif;
  EGifSetGifVersion(gif, true);
  int size = 2;
  while (size < static_cast<int>(palette_.size())) size *= 2;
  std::vector<GifColorType> colors(size, GifColorType{0, 0, 0});
  for (std::size_t i = 0; i < palette_.size(); ++i) {
    colors[i] = {static_cast<GifByteType>(palette_[i] >> 16),
                 static_cast<GifByteType>(palette_[i] >> 8), static_cast<GifByteType>(palette_[i])};
  }
  ColorMapObject* map = GifMakeMapObject(size, colors.data());
  const int status = EGifPutScreenDesc(gif, width, height, 8, 0, map);
  GifFreeMapObject(map);
  check(gif, status);
  if (plays != 1) {
    // NETSCAPE2.0 application extension: sub-block 1, then the loop count as a little-endian
    // 16-bit number, 0 = forever; viewers play once and then repeat that many times.
    static constexpr GifByteType netscape[] = {'N', 'E', 'T', 'S', 'C', 'A',
                                               'P', 'E', '2', '.', '0'};
    const int repeats = plays == 0 ? 0 : plays - 1;
    const GifByteType count[] = {1, static_cast<GifByteType>(repeats & 0xff),
                                 static_cast<GifByteType>(repeats >> 8)};
    check(gif, EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE));
    check(gif, EGifPutExtensionBlock(gif, sizeof netscape, netscape));
    check(gif, EGifPutExtensionBlock(gif, sizeof count, count));
    check(gif, EGifPutExtensionTrailer(gif));
  }
}

gif_encoder::~gif_encoder() {
  if (gif_) {
    int error = 0;
    EGifCloseFile(static_cast<GifFileType*>(gif_), &error);
  }
}

void gif_encoder::add(const raster& frame) {
  auto* gif = static_cast<GifFileType*>(gif_);
  std::vector<std::uint8_t> index(frame.pixels.size());
  for (std::size_t i = 0; i < index.size(); ++i) index[i] = lut_[bucket_of(frame.pixels[i])];

  // The rectangle that changed since the previous frame (the whole frame the first time).
  int x0 = 0, y0 = 0, x1 = width_ - 1, y1 = height_ - 1;
  if (!first_) {
    x0 = width_;
    y0 = height_;
    x1 = -1;
    y1 = -1;
    for (int y = 0; y < height_; ++y) {
      const std::size_t row = std::size_t(y) * width_;
      for (int x = 0; x < width_; ++x) {
        if (index[row + x] != previous_[row + x]) {
          x0 = std::min(x0, x);
          x1 = std::max(x1, x);
          y0 = std::min(y0, y);
          y1 = std::max(y1, y);
        }
      }
    }
    if (x1 < 0) x0 = y0 = x1 = y1 = 0;  // unchanged: one pixel keeps the frame and its delay
  }
  GraphicsControlBlock gcb{DISPOSE_DO_NOT, false, delay_, NO_TRANSPARENT_COLOR};
  GifByteType ext[4];
  EGifGCBToExtension(&gcb, ext);
  check(gif, EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, ext));
  check(gif, EGifPutImageDesc(gif, x0, y0, x1 - x0 + 1, y1 - y0 + 1, false, nullptr));
  for (int y = y0; y <= y1; ++y) {
    check(gif, EGifPutLine(gif, index.data() + std::size_t(y) * width_ + x0, x1 - x0 + 1));
  }
  previous_ = std::move(index);
  first_ = false;
}

std::string gif_encoder::finish() {
  int error = 0;
  const int status = EGifCloseFile(static_cast<GifFileType*>(gif_), &error);
  gif_ = nullptr;
  if (status != GIF_OK) throw gif_error(messages::gif_encode_failed, error);
  return std::move(bytes_);
}

}  // namespace kobai::detail
