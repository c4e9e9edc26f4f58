#pragma once
// Methods named in text: one option of a method set from "key=value" text (kobai compare's
// --methods list), and the method a recorded trace ran (its header's name and options).
#include <cstddef>
#include <string>

#include "kobai/optim/methods.hpp"
#include "kobai/trace.hpp"

namespace kobai::cli {

/// The largest lbfgs memory the command line takes. Nocedal & Wright (§7.2) find 3 to 20 pairs
/// usually enough and Liu & Nocedal (1989) saw no gain past a few tens; 1000 pairs is far beyond
/// any useful memory while its 2m stored vectors stay small, where 10¹¹ asks for terabytes.
inline constexpr std::size_t max_lbfgs_memory = 1000;

/// Sets option `key` of `m` to `value`: rate, variant, mu or momentum, beta1, beta2, eps, rho,
/// weight_decay, memory, cg_variant, restart, line_search, globalization, initial_radius,
/// max_radius, eta, and the line search's constants as ls.NAME (ls.c1, ls.c2, ls.sigma, …), as
/// the method has them; `value` is a constant formula or a name. Throws usage_error naming `spec`
/// for an option the method does not have or a bad value.
void set_method_option(method_options& m, const std::string& key, const std::string& value,
                       const std::string& spec);

/// The options set_method_option takes for the method `m` holds, for messages ("rate, variant").
std::string option_names(const method_options& m);

/// The method and options that produced `t` (from its method name and options; gd when empty).
method_options method_of_trace(const trace& t);

}  // namespace kobai::cli
