#pragma once
// Every text the report module writes for a reader (table headers, explain sentences), in one
// place for a translated edition.
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::report_messages {

inline constexpr std::string_view column_k = "k";
inline constexpr std::string_view column_f = "f";
inline constexpr std::string_view column_gradient_norm = "‖g‖∞";
/// Under bounds the column holds ‖P(x − ∇f) − x‖∞, the measure the run stops on.
inline constexpr std::string_view column_projected_gradient_norm = "projected ‖g‖∞";
std::string status_line(std::string_view summary);
std::string note_line(std::string_view note);

// explain
std::string partial(std::string_view var, std::string_view derivative);
std::string step_heading(std::size_t k, std::string_view names, std::string_view point);
std::string partial_value(std::string_view var, std::string_view derivative,
                          std::string_view value);
std::string new_point(std::string_view names, std::string_view point, std::string_view f);
std::string rest(std::size_t first, std::size_t last, std::string_view f_first,
                 std::string_view f_last, std::string_view point);
std::string nothing_to_explain();
std::string no_such_step(std::size_t k, std::size_t iterates);
std::string assign(std::string_view lhs, std::string_view formula, std::string_view arithmetic,
                   std::string_view value);
std::string adam_rate(std::size_t t, std::string_view arithmetic, std::string_view value);
std::string first_momentum_step();

}  // namespace kobai::report_messages
