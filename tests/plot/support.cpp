#include "support.hpp"

#include <cairo.h>
#include <gif_lib.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "kobai/eval/tape.hpp"
#include "kobai/expr/parse.hpp"

namespace kobai::test {

trace descend(const std::string& formula, std::vector<double> x, double rate, int steps,
              std::string method) {
  const kobai::formula f = parse(formula);
  tape t = compile(f.root());
  trace tr;
  tr.formula = formula;
  tr.variables = t.variables();
  tr.method = std::move(method);
  std::vector<double> g(x.size());
  for (int k = 0; k <= steps; ++k) {
    const double v = t.value_and_gradient(x, g);
    iteration_record r;
    r.k = static_cast<std::size_t>(k);
    r.x = Eigen::Map<Eigen::VectorXd>(x.data(), static_cast<Eigen::Index>(x.size()));
    r.f = v;
    r.gradient = Eigen::Map<Eigen::VectorXd>(g.data(), static_cast<Eigen::Index>(g.size()));
    r.gradient_norm = r.gradient.lpNorm<Eigen::Infinity>();
    r.learning_rate = k == 0 ? 0 : rate;
    tr.iterations.push_back(r);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] -= rate * g[i];
  }
  return tr;
}

std::filesystem::path scratch(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(testing::TempDir()) / "kobai_plot";
  std::filesystem::create_directories(dir);
  const std::filesystem::path p = dir / name;
  std::filesystem::remove(p);
  return p;
}

std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

image read_png(const std::filesystem::path& p) {
  cairo_surface_t* s = cairo_image_surface_create_from_png(p.c_str());
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(s);
    throw std::runtime_error("cannot read " + p.string());
  }
  image img;
  img.width = cairo_image_surface_get_width(s);
  img.height = cairo_image_surface_get_height(s);
  const int stride = cairo_image_surface_get_stride(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  for (int y = 0; y < img.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + std::ptrdiff_t(y) * stride);
    for (int x = 0; x < img.width; ++x) img.pixels.push_back(row[x] & 0xffffff);
  }
  cairo_surface_destroy(s);
  return img;
}

gif_info read_gif(const std::filesystem::path& p) {
  int error = 0;
  GifFileType* gif = DGifOpenFileName(p.c_str(), &error);
  if (!gif || DGifSlurp(gif) != GIF_OK) throw std::runtime_error("cannot decode " + p.string());
  gif_info info;
  info.width = gif->SWidth;
  info.height = gif->SHeight;
  info.palette_size = gif->SColorMap ? gif->SColorMap->ColorCount : 0;
  const auto color = [&](int index) {
    const GifColorType c = gif->SColorMap->Colors[index];
    return std::uint32_t(c.Red) << 16 | std::uint32_t(c.Green) << 8 | c.Blue;
  };
  image canvas{info.width, info.height,
               std::vector<std::uint32_t>(std::size_t(info.width) * info.height)};
  for (int i = 0; i < gif->ImageCount; ++i) {
    const SavedImage& im = gif->SavedImages[i];
    if (im.ImageDesc.ColorMap) info.has_local_palettes = true;
    for (int e = 0; e < im.ExtensionBlockCount; ++e) {
      const ExtensionBlock& b = im.ExtensionBlocks[e];
      if (b.Function == APPLICATION_EXT_FUNC_CODE && b.ByteCount == 11 &&
          std::string(reinterpret_cast<const char*>(b.Bytes), 11) == "NETSCAPE2.0" &&
          e + 1 < im.ExtensionBlockCount) {
        const ExtensionBlock& d = im.ExtensionBlocks[e + 1];
        info.loops = d.ByteCount == 3 && d.Bytes[0] == 1 && d.Bytes[1] == 0 && d.Bytes[2] == 0;
        if (d.ByteCount == 3 && d.Bytes[0] == 1) info.loop_count = d.Bytes[1] | d.Bytes[2] << 8;
        ++info.netscape_blocks;
      }
    }
    GraphicsControlBlock gcb;
    if (DGifSavedExtensionToGCB(gif, i, &gcb) == GIF_OK) info.delays.push_back(gcb.DelayTime);
    const GifImageDesc& d = im.ImageDesc;
    for (int y = 0; y < d.Height; ++y) {
      for (int x = 0; x < d.Width; ++x) {
        canvas.pixels[std::size_t(d.Top + y) * info.width + d.Left + x] =
            color(im.RasterBits[std::size_t(y) * d.Width + x]);
      }
    }
    info.frames.push_back(canvas);
  }
  DGifCloseFile(gif, &error);
  return info;
}

difference compare_images(const image& a, const image& b) {
  difference d;
  if (a.width != b.width || a.height != b.height) return {255, 1};
  double sum = 0;
  std::size_t strong = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) {
    int worst = 0;
    for (int shift : {16, 8, 0}) {
      const int da =
          std::abs(int((a.pixels[i] >> shift) & 0xff) - int((b.pixels[i] >> shift) & 0xff));
      sum += da;
      worst = std::max(worst, da);
    }
    if (worst > 64) ++strong;
  }
  d.mean = sum / (3.0 * static_cast<double>(a.pixels.size()));
  d.strong = static_cast<double>(strong) / static_cast<double>(a.pixels.size());
  return d;
}

std::filesystem::path source_dir() {
  const char* s = std::getenv("KOBAI_SOURCE_DIR");
  return s ? std::filesystem::path(s) : std::filesystem::current_path();
}

std::vector<svg_path> svg_paths(const std::string& svg) {
  std::vector<svg_path> out;
  static const std::regex element(R"re(<path style="([^"]*)" d="([^"]*)")re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), element);
       it != std::sregex_iterator(); ++it) {
    svg_path p;
    p.style = (*it)[1];
    std::istringstream d((*it)[2].str());
    std::string token;
    while (d >> token) {
      if (token == "M" || token == "L") {
        double x, y;
        d >> x >> y;
        p.points.emplace_back(x, y);
        p.moves.push_back(token == "M");
      } else if (token != "Z") {
        p.only_lines = false;
        break;
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace kobai::test
