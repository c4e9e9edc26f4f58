#include "messages.hpp"

#include <fmt/format.h>

namespace kobai::messages {
std::string duplicate_variable(std::string_view name) {
  return fmt::format("variable '{}' is listed twice", name);
}
std::string unlisted_variable(std::string_view name) {
  return fmt::format("the formula uses variable '{}', which is not in the variable list", name);
}
std::string dimension_mismatch(std::size_t got, std::size_t expected) {
  return fmt::format("got {} value{} for {} variable{}", got, got == 1 ? "" : "s", expected,
                     expected == 1 ? "" : "s");
}
std::string not_analytic(std::string_view operation) {
  return fmt::format(
      "the complex step needs a formula that is analytic, and {} is not (it has a kink); use "
      "central or richardson instead",
      operation);
}
std::string hessian_too_large(std::size_t dimension, std::size_t limit) {
  return fmt::format("a Hessian of {} variables would hold {} numbers; the limit is {} variables",
                     dimension, dimension * dimension, limit);
}
std::string native_too_large(std::size_t steps, std::size_t limit) {
  return fmt::format(
      "native code is not generated for a formula of {} operations (the limit is {}); the "
      "interpreted tape evaluates it",
      steps, limit);
}
std::string native_no_compiler(std::string_view compiler) {
  return fmt::format(
      "native code needs a C++ compiler, and '{}' is not one that can be run; set KOBAI_CXX to "
      "the path of g++ or clang++",
      compiler);
}
std::string native_no_cache(std::string_view requested) {
  if (!requested.empty())
    return fmt::format(
        "the native code cache {} cannot be used: it must be a directory that only you can write "
        "to",
        requested);
  return "no directory for the native code cache: $XDG_CACHE_HOME/kobai, ~/.cache/kobai and the "
         "temporary directory are not writable by you alone";
}
std::string native_cannot_write(std::string_view directory, std::string_view why) {
  return fmt::format("cannot write the native code to {}: {}", directory, why);
}
std::string native_compile_failed(std::string_view compiler, int exit_code,
                                  std::string_view output) {
  if (exit_code < 0)
    return fmt::format("the C++ compiler {} did not run to the end: {}", compiler, output);
  return fmt::format("the C++ compiler {} failed (exit code {}):\n{}", compiler, exit_code, output);
}
std::string native_load_failed(std::string_view object, std::string_view why) {
  return fmt::format("cannot load the native code {}: {}", object, why);
}
}  // namespace kobai::messages
