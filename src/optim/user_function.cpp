#include "kobai/optim/user_function.hpp"

#include "kobai/expr/print.hpp"
#include "messages.hpp"

namespace kobai::detail {

result gradient_check_failure(const gradient_check_result& check, const Eigen::VectorXd& x0,
                              std::string method, const minimize_options& options,
                              const evaluation_counts& evaluations) {
  const auto name = [&](std::size_t i) {
    return i < options.variables.size() ? options.variables[i]
                                        : default_name(static_cast<Eigen::Index>(i));
  };
  result r;
  r.method = std::move(method);
  r.x = x0;
  r.f = check.value;
  r.gradient = Eigen::VectorXd(x0.size());
  for (std::size_t i = 0; i < check.entries.size(); ++i)
    r.gradient[static_cast<Eigen::Index>(i)] = check.entries[i].user;
  r.gradient_norm = inf_norm(r.gradient);
  r.status = status::gradient_check_failed;
  r.evaluations = evaluations;
  std::string point = "(";
  for (Eigen::Index i = 0; i < x0.size(); ++i)
    point += (i ? ", " : "") + name(static_cast<std::size_t>(i)) + " = " + format_number(x0[i]);
  point += ")";
  const gradient_check_entry& worst = check.entries.at(check.worst);
  r.message = optim_messages::gradient_check_failed(name(check.worst), worst.user, worst.numeric,
                                                    worst.allowed, point);
  r.diagnosis.method = r.method;
  r.diagnosis.method_message = r.message;
  return r;
}

}  // namespace kobai::detail
