#pragma once
// Every message of the evaluation module that a user reads, in one place.
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::messages {
std::string duplicate_variable(std::string_view name);
std::string unlisted_variable(std::string_view name);
std::string dimension_mismatch(std::size_t got, std::size_t expected);
std::string not_analytic(std::string_view operation);
std::string hessian_too_large(std::size_t dimension, std::size_t limit);
std::string native_too_large(std::size_t steps, std::size_t limit);
std::string native_no_compiler(std::string_view compiler);
std::string native_no_cache(std::string_view requested);
std::string native_cannot_write(std::string_view directory, std::string_view why);
std::string native_compile_failed(std::string_view compiler, int exit_code,
                                  std::string_view output);
std::string native_load_failed(std::string_view object, std::string_view why);
}  // namespace kobai::messages
