// The report formats read back to what the run computed: CSV and JSON numbers to the same bits,
// the JSON Lines trace record by record, the table rounded to the digits asked for, and the
// worked arithmetic in the seed's words.
#include <gtest/gtest.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "kobai/expr/parse.hpp"
#include "kobai/report/report.hpp"

namespace kobai {
namespace {

result seed_run(std::size_t iterations = 20, method_options m = gd{.rate = 0.1}) {
  return minimize(tape_objective(compile(parse("x^2 + y^2").root(), {"x", "y"})),
                  Eigen::Vector2d{-2, 2}, m,
                  {.max_iterations = iterations,
                   .record_trace = true,
                   .variables = {"x", "y"},
                   .formula = "x^2 + y^2"});
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::vector<std::string> fields(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string f; std::getline(in, f, sep);) out.push_back(f);
  return out;
}

double read_double(const std::string& text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  EXPECT_EQ(ec, std::errc()) << text;
  EXPECT_EQ(end, text.data() + text.size()) << text;
  return v;
}

TEST(report_csv, every_number_reads_back_to_the_traced_bits) {
  const result r = seed_run();
  const auto l = lines(format_csv(r));
  ASSERT_EQ(l.size(), r.trace.iterations.size() + 1);
  EXPECT_EQ(l[0], "k,x,y,f,g_x,g_y,gradient_norm,step_length,rate");
  for (std::size_t k = 0; k < r.trace.iterations.size(); ++k) {
    const auto& it = r.trace.iterations[k];
    const auto f = fields(l[k + 1], ',');
    ASSERT_EQ(f.size(), 9u) << l[k + 1];
    EXPECT_EQ(f[0], std::to_string(k));
    EXPECT_EQ(read_double(f[1]), it.x[0]);
    EXPECT_EQ(read_double(f[2]), it.x[1]);
    EXPECT_EQ(read_double(f[3]), it.f);
    EXPECT_EQ(read_double(f[4]), it.gradient[0]);
    EXPECT_EQ(read_double(f[5]), it.gradient[1]);
    EXPECT_EQ(read_double(f[6]), it.gradient_norm);
  }
  // The seed's last row, as the issue quotes it: (−0.02305843009213694, 0.02305843009213694).
  EXPECT_EQ(fields(l.back(), ',')[1], "-0.02305843009213694");
}

TEST(report_csv_and_table, variables_named_like_a_column_get_distinct_headers) {
  // Variables k and f (the iteration and value columns) and g_f beside f (f's gradient column).
  const std::vector<std::string> v{"k", "f", "g_f"};
  const result r = minimize(tape_objective(compile(parse("k^2 + f^2 + g_f^2").root(), v)),
                            Eigen::Vector3d{1, 1, 1}, gd{.rate = 0.1},
                            {.max_iterations = 1, .record_trace = true, .variables = v});
  EXPECT_EQ(lines(format_csv(r))[0],
            "k,x_k,x_f,x_g_f,f,g_k,g_f,g_g_f,gradient_norm,step_length,rate");
  const auto header = fields(lines(format_table(r))[0], ' ');
  std::vector<std::string> names;
  for (const auto& h : header)
    if (!h.empty()) names.push_back(h);
  EXPECT_EQ(names, (std::vector<std::string>{"k", "x_k", "x_f", "x_g_f", "f", "‖g‖∞"}));
  // Names that clash with nothing are written as they are.
  EXPECT_EQ(lines(format_csv(seed_run(1)))[0], "k,x,y,f,g_x,g_y,gradient_norm,step_length,rate");
}

TEST(report_json, result_fields_read_back_exactly_and_name_every_option) {
  const result r = seed_run();
  const auto j = nlohmann::json::parse(format_json(r, {.formula = "x^2 + y^2"}));
  EXPECT_EQ(j["formula"], "x^2 + y^2");
  EXPECT_EQ(j["variables"], (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(j["x"]["x"].get<double>(), r.x[0]);
  EXPECT_EQ(j["x"]["y"].get<double>(), r.x[1]);
  EXPECT_EQ(j["f"].get<double>(), r.f);
  EXPECT_EQ(j["gradient"]["y"].get<double>(), r.gradient[1]);
  EXPECT_EQ(j["iterations"].get<std::size_t>(), r.iterations);
  EXPECT_EQ(j["evaluations"]["value"].get<std::size_t>(), r.evaluations.value);
  EXPECT_EQ(j["status"], "max_iterations");
  EXPECT_EQ(j["message"], r.message);
  for (const char* key : {"rate", "variant", "schedule", "max_iterations", "gtol", "ftol", "xtol",
                          "time_limit", "stall_window"})
    EXPECT_TRUE(j["options"].contains(key)) << key;
  EXPECT_FALSE(j.contains("trace"));
  const auto with_file = nlohmann::json::parse(format_json(r, {.trace_file = "run.jsonl"}));
  EXPECT_EQ(with_file["trace"], "run.jsonl");
}

TEST(report_trace, jsonl_is_header_iterations_result_and_deterministic) {
  const result r = seed_run(5, adam{.rate = 0.1});
  const std::string text = format_trace_jsonl(r);
  EXPECT_EQ(text, format_trace_jsonl(seed_run(5, adam{.rate = 0.1})));
  const auto l = lines(text);
  ASSERT_EQ(l.size(), 1 + 6 + 1u);
  const auto header = nlohmann::json::parse(l.front());
  EXPECT_EQ(header["type"], "header");
  EXPECT_EQ(header["method"], "adam");
  EXPECT_EQ(header["options"]["beta2"].get<double>(), 0.999);
  for (std::size_t k = 0; k <= 5; ++k) {
    const auto rec = nlohmann::json::parse(l[k + 1]);
    EXPECT_EQ(rec["type"], "iteration");
    EXPECT_EQ(rec["k"].get<std::size_t>(), k);
    EXPECT_EQ(rec["x"][0].get<double>(), r.trace.iterations[k].x[0]);
    // Adam's moments are part of every record: m and v, one entry per variable.
    EXPECT_EQ(rec["state"]["m"].size(), 2u) << l[k + 1];
    EXPECT_EQ(rec["state"]["v"].size(), 2u) << l[k + 1];
  }
  const auto last = nlohmann::json::parse(l.back());
  EXPECT_EQ(last["type"], "result");
  EXPECT_EQ(last["iterations"].get<std::size_t>(), 5u);
}

TEST(report_table, rounds_to_the_digits_asked_for) {
  const result r = seed_run();
  const auto ten = lines(format_table(r));
  ASSERT_EQ(ten.size(), 23u);
  EXPECT_NE(ten[21].find("-0.02305843009"), std::string::npos) << ten[21];
  const auto four = lines(format_table(r, {.digits = 4}));
  EXPECT_NE(four[21].find("-0.02306"), std::string::npos) << four[21];
  EXPECT_EQ(four[21].find("-0.023058"), std::string::npos) << four[21];
  EXPECT_EQ(four.back().rfind("status: max_iterations", 0), 0u) << four.back();
}

TEST(report_explain, works_the_first_step_in_the_seeds_words_and_summarises_the_rest) {
  const result r = seed_run(20);
  const std::string text = explain(r, gd{.rate = 0.1}, {.steps = 2, .partials = {"2*x", "2*y"}});
  for (const char* part : {"∂f/∂x = 2*x", "step 1 from (x, y) = (−2, 2)",
                           "x_new = x − α × ∂f/∂x = −2 − 0.1 × (−4) = −1.6",
                           "y_new = y − α × ∂f/∂y = 2 − 0.1 × 4 = 1.6",
                           "new point (x, y) = (−1.6, 1.6), f = 5.12", "step 2 from", "steps 3–20"})
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  EXPECT_EQ(text.find("step 3 from"), std::string::npos) << text;
}

}  // namespace
}  // namespace kobai
