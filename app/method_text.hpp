#pragma once
// Methods named in text: one option of a method set from "key=value" text (kobai compare's
// --methods list), and the method a recorded trace ran (its header's name and options).
#include <string>

#include "kobai/optim/methods.hpp"
#include "kobai/trace.hpp"

namespace kobai::cli {

/// Sets option `key` (rate, variant, mu or momentum, beta1, beta2, eps, rho, weight_decay) of `m`
/// to `value` (a constant formula, or book/standard for variant). Throws usage_error naming
/// `spec` for an option the method does not have or a bad value.
void set_method_option(method_options& m, const std::string& key, const std::string& value,
                       const std::string& spec);

/// The method and options that produced `t` (from its method name and options; gd when empty).
method_options method_of_trace(const trace& t);

}  // namespace kobai::cli
