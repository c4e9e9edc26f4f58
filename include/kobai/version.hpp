#pragma once
#include <string_view>

namespace kobai {
/// The library version, "major.minor.patch".
inline constexpr std::string_view version = "0.1.0";
}  // namespace kobai
