#include <fmt/format.h>

#include "messages_plot.hpp"

namespace kobai::cli::messages {

std::string plot_unknown_kind(std::string_view kind, std::string_view kinds) {
  return fmt::format("unknown kind '{}'; the kinds are {}", kind, kinds);
}
std::string plot_bad_size(std::string_view text) {
  return fmt::format("--size '{}' is not WIDTHxHEIGHT, e.g. 800x600", text);
}
std::string plot_bad_range(std::string_view text) {
  return fmt::format("--range '{}' is not like x=-3:3,y=-2:2 (each range lo:hi with lo < hi)",
                     text);
}
std::string plot_bad_view(std::string_view text) {
  return fmt::format("--view '{}' is not elevation,azimuth in degrees, e.g. 30,-60", text);
}
std::string plot_wrote(std::string_view path, std::size_t frames) {
  if (frames > 1) return fmt::format("wrote {} ({} frames)\n", path, frames);
  return fmt::format("wrote {}\n", path);
}
std::string plot_note(std::string_view caption) {
  return fmt::format("note: {}\n", caption);
}

}  // namespace kobai::cli::messages
