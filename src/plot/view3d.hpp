#pragma once
// The 3-D view shared by the kinds that draw f(x, y) in a box (wireframe, surface, sections,
// partials, tangent-plane): an orthographic projection from (elevation, azimuth), the box with
// its ticks, and meshes drawn far to near (the painter's algorithm) so that nearer faces hide
// farther ones, also across several meshes (a surface and a plane cutting through it).
#include <array>
#include <span>
#include <string>
#include <vector>

#include "canvas.hpp"
#include "kobai/plot/plot.hpp"

namespace kobai::detail {

struct vec3 {
  double x, y, z;
};

/// The box x × y × z is normalized to [-½, ½]² × [-⅜, ⅜] (matplotlib's 4:4:3 box) and seen from
/// the direction v = (cos e cos a, cos e sin a, sin e); screen right r = (−sin a, cos a, 0),
/// screen up u = v × r.
class projection {
 public:
  projection(plot_range xr, plot_range yr, plot_range zr, double elev_deg, double azim_deg);
  vec3 normalized(double x, double y, double z) const;
  /// Screen coordinates before fitting (x right, y up) and depth (larger is nearer).
  void view(double x, double y, double z, double& sx, double& sy, double& depth) const;
  /// Scales and centres the box's picture into the rectangle.
  void fit(double left, double top, double width, double height);
  void image(double x, double y, double z, double& ix, double& iy) const;
  double depth(double x, double y, double z) const;
  const vec3& toward_viewer() const { return v_; }
  plot_range x_range() const { return xr_; }
  plot_range y_range() const { return yr_; }
  plot_range z_range() const { return zr_; }
  /// The affine map from data to image: image x = m[0]x + m[1]y + m[2]z + m[3], image y =
  /// m[4]x + m[5]y + m[6]z + m[7] (what plot_panel::projection reports).
  std::array<double, 8> affine() const;

 private:
  plot_range xr_, yr_, zr_;
  vec3 v_{}, r_{}, u_{};
  double scale_ = 1, cx_ = 0, cy_ = 0;
};

/// Fits the box into the rectangle, narrowed on the left as far as the z tick labels that
/// draw_box writes left of the box need (a long label such as −1.2341e+05 in a narrow picture).
void fit_box(canvas& c, projection& pr, double left, double top, double width, double height,
             double font);

/// Box edges, ticks and labels. The floor edges nearest the viewer carry the x and y ticks; the
/// z ticks go on the vertical edge at the left of the picture.
void draw_box(canvas& c, const projection& pr, const std::string& x_label,
              const std::string& y_label, const std::string& z_label, double font);

/// A grid of heights z[j * gx.size() + i] at (gx[i], gy[j]); a face with a non-finite corner is
/// a hole.
struct mesh {
  enum class style {
    wire,    ///< white faces, coloured edges (hidden lines hidden)
    shaded,  ///< faces coloured by height and lit, thin dark edges
    plane,   ///< translucent faces of one colour, thin edges of the same colour
  };
  const std::vector<double>* gx = nullptr;
  const std::vector<double>* gy = nullptr;
  const std::vector<double>* z = nullptr;
  style kind = style::wire;
  rgb color = colors::wire;
  double alpha = 1;
  /// Heights are clamped into the box (a surface with a pole); false leaves out the faces that
  /// leave it (a plane, which clamping would bend).
  bool clamp = true;
};

/// The faces of every mesh, far to near.
void draw_meshes(canvas& c, const projection& pr, std::span<const mesh> meshes);

/// The depth of the nearest face of a mesh at each point of the picture (a z-buffer at about one
/// cell per image unit, at most 1024 on a side), to tell which parts of a path the surface hides.
class depth_buffer {
 public:
  depth_buffer(const projection& pr, const mesh& m, double width, double height);
  /// Whether the data point (x, y, z) is in front of the surface, or on it, where it appears.
  bool visible(double x, double y, double z) const;

 private:
  projection pr_;
  double scale_;
  int w_, h_;
  std::vector<float> depth_;  // −∞ where no face covers the cell
};

/// A polyline through 3-D points, broken at non-finite or out-of-box points (holes, never 0).
void polyline3(canvas& c, const projection& pr, const std::vector<double>& xs,
               const std::vector<double>& ys, const std::vector<double>& zs);

/// Whether (x, y, z) lies in the box.
bool inside(const projection& pr, double x, double y, double z);

}  // namespace kobai::detail
