#include "trace_jsonl.hpp"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kobai/error.hpp"
#include "messages_plot.hpp"

namespace kobai::cli {
namespace {

double number(const nlohmann::json& j) {
  return j.is_number() ? j.get<double>() : NAN;
}

Eigen::VectorXd vector_of(const nlohmann::json& j) {
  if (!j.is_array()) return {};
  Eigen::VectorXd v(static_cast<Eigen::Index>(j.size()));
  for (std::size_t i = 0; i < j.size(); ++i) v[static_cast<Eigen::Index>(i)] = number(j[i]);
  return v;
}

std::string option_text(const nlohmann::json& j) {
  return j.is_string() ? j.get<std::string>() : j.dump();
}

// What a record's own checks throw; read_trace_jsonl answers it as a type error of nlohmann::json.
struct malformed_record {};
malformed_record bad_record() {
  return {};
}

// An iteration number: absent → `otherwise`; anything but a whole number ≥ 0 is malformed.
std::size_t count_of(const nlohmann::json& j, std::size_t otherwise) {
  if (!j.contains("k")) return otherwise;
  if (!j["k"].is_number_unsigned()) throw bad_record();
  return j["k"].get<std::size_t>();
}

// Reads one record into `t`; a field of the wrong type throws a nlohmann::json exception or
// malformed_record.
void read_record(const nlohmann::json& j, trace& t, bool& header) {
  const std::string type = j["type"].is_string() ? j["type"].get<std::string>() : "";
  if (type == "header") {
    header = true;
    t.formula = j.value("formula", "");
    t.method = j.value("method", "");
    if (j.contains("variables") && j["variables"].is_array()) {
      for (const auto& v : j["variables"])
        t.variables.push_back(v.is_string() ? v.get<std::string>() : "");
    }
    if (j.contains("options") && j["options"].is_object()) {
      for (const auto& [k, v] : j["options"].items()) t.options.emplace_back(k, option_text(v));
    }
  } else if (type == "iteration") {
    if (!j.contains("x") || !j["x"].is_array()) throw bad_record();
    iteration_record r;
    r.k = count_of(j, t.iterations.size());
    r.x = vector_of(j["x"]);
    r.f = j.contains("f") ? number(j["f"]) : NAN;
    if (j.contains("g")) r.gradient = vector_of(j["g"]);
    if (j.contains("gradient_norm")) r.gradient_norm = number(j["gradient_norm"]);
    if (j.contains("step_length")) r.step_length = number(j["step_length"]);
    if (j.contains("rate")) r.learning_rate = number(j["rate"]);
    if (j.contains("state") && j["state"].is_object()) {
      for (const auto& [k, v] : j["state"].items()) r.state.push_back({k, vector_of(v)});
    }
    t.iterations.push_back(std::move(r));
  } else if (type == "trial") {
    t.trials.push_back({.k = count_of(j, 0),
                        .alpha = j.contains("alpha") ? number(j["alpha"]) : NAN,
                        .f = j.contains("f") ? number(j["f"]) : NAN,
                        .slope = j.contains("slope") ? number(j["slope"]) : NAN});
  }
}

}  // namespace

trace read_trace_jsonl(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw usage_error(messages::plot_cannot_read_trace(path));
  trace t;
  bool header = false;
  std::string line;
  for (std::size_t n = 1; std::getline(file, line); ++n) {
    if (line.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("type")) {
      throw usage_error(messages::plot_bad_trace_line(path, n));
    }
    try {
      read_record(j, t, header);
    } catch (const nlohmann::json::exception&) {
      // A field of the wrong type ("k":"zero", "formula":5) is as malformed as a broken line.
      throw usage_error(messages::plot_bad_trace_line(path, n));
    } catch (const malformed_record&) {
      throw usage_error(messages::plot_bad_trace_line(path, n));
    }
  }
  if (!header || t.iterations.empty()) throw usage_error(messages::plot_not_a_trace(path));
  return t;
}

}  // namespace kobai::cli
