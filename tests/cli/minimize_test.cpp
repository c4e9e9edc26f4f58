#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli.hpp"
#include "run_cli.hpp"

namespace kobai::cli {
namespace {

using outcome = test::result;
using test::run_cli;

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

const std::vector<std::string> seed = {"minimize", "x^2 + y^2", "--from",  "-2,2",
                                       "--rate",   "0.1",       "--iters", "20"};

std::vector<std::string> with(std::vector<std::string> base, std::vector<std::string> more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

TEST(cli_minimize, the_seed_example_prints_the_hand_worked_rows) {
  const outcome r = run_cli(seed);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto l = lines(r.out);
  ASSERT_EQ(l.size(), 23u);  // header, k = 0..20, status
  EXPECT_EQ(words(l[0]), (std::vector<std::string>{"k", "x", "y", "f", "‖g‖∞"}));
  EXPECT_EQ(words(l[2]), (std::vector<std::string>{"1", "-1.6", "1.6", "5.12", "3.2"}));
  EXPECT_EQ(words(l[3]), (std::vector<std::string>{"2", "-1.28", "1.28", "3.2768", "2.56"}));
  EXPECT_EQ(words(l[4]), (std::vector<std::string>{"3", "-1.024", "1.024", "2.097152", "2.048"}));
  EXPECT_EQ(words(l[21]).at(1), "-0.02305843009");
  EXPECT_EQ(words(l[21]).at(2), "0.02305843009");
  EXPECT_EQ(l[22].rfind("status: max_iterations after 20 iterations", 0), 0u) << l[22];
}

TEST(cli_minimize, csv_and_json_print_full_precision) {
  const outcome csv = run_cli(with(seed, {"--format", "csv"}));
  const auto l = lines(csv.out);
  ASSERT_EQ(l.size(), 22u);
  EXPECT_EQ(l[0], "k,x,y,f,g_x,g_y,gradient_norm,step_length,rate");
  EXPECT_EQ(l[21].rfind("20,-0.02305843009213694,0.02305843009213694,", 0), 0u) << l[21];
  const outcome json = run_cli(with(seed, {"--format", "json"}));
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["x"]["x"].get<double>(), -0.02305843009213694);
  EXPECT_EQ(j["x"]["y"].get<double>(), 0.02305843009213694);
  EXPECT_EQ(j["method"], "gd");
  EXPECT_EQ(j["options"]["rate"].get<double>(), 0.1);
  EXPECT_EQ(j["options"]["max_iterations"].get<int>(), 20);
  EXPECT_EQ(j["iterations"].get<int>(), 20);
  EXPECT_EQ(j["evaluations"]["gradient"].get<int>(), 21);
  EXPECT_EQ(j["status"], "max_iterations");
  EXPECT_FALSE(j.contains("trace"));
  for (const char* key : {"formula", "variables", "f", "gradient", "gradient_norm", "message"})
    EXPECT_TRUE(j.contains(key)) << key;
}

TEST(cli_minimize, the_book_run_ends_at_the_book_values) {
  const outcome r = run_cli({"minimize", "x[0]^2 + x[1]^2", "--from", "-3,4", "--rate", "0.1",
                             "--iters", "100", "--gradient", "central:h=1e-4", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["x"]["x[0]"].get<double>(), -6.111107928998789e-10);
  EXPECT_EQ(j["x"]["x[1]"].get<double>(), 8.148143905314271e-10);
}

TEST(cli_minimize, the_book_run_at_rate_10_diverges_and_keep_going_explains_why) {
  const std::vector<std::string> book = {
      "minimize", "x[0]^2 + x[1]^2", "--from", "-3,4",       "--rate",
      "10",       "--iters",         "100",    "--gradient", "central"};
  const outcome stop = run_cli(book);
  EXPECT_EQ(stop.code, 0);
  EXPECT_NE(stop.out.find("status: diverged"), std::string::npos) << stop.out;
  const outcome all = run_cli(with(book, {"--keep-going", "--format", "json"}));
  const auto j = nlohmann::json::parse(all.out);
  EXPECT_EQ(j["status"], "diverged");
  EXPECT_EQ(j["iterations"].get<int>(), 100);
  EXPECT_NEAR(j["x"]["x[0]"].get<double>(), -2.58983747e+13, 1e5);
  ASSERT_EQ(j["notes"].size(), 1u);
  EXPECT_NE(j["notes"][0].get<std::string>().find("lost precision"), std::string::npos);
}

TEST(cli_minimize, a_rate_beyond_the_stability_limit_is_named) {
  const outcome r = run_cli({"minimize", "x^2 + y^2", "--from", "-2,2", "--rate", "1.5"});
  EXPECT_NE(r.out.find("diverged at iteration 12; f grew from 8 to 1.34218e+08; the learning "
                       "rate 1.5 is above the stability limit 1 (2/λmax, λmax = 2 at the "
                       "start); try the rate 0.5 instead (--rate 0.5 in kobai minimize"),
            std::string::npos)
      << r.out;
}

TEST(cli_minimize, the_trace_is_a_header_then_one_record_per_iteration_and_deterministic) {
  const std::string a = ::testing::TempDir() + "kobai_trace_a.jsonl";
  const std::string b = ::testing::TempDir() + "kobai_trace_b.jsonl";
  const auto args = [&](const std::string& file) {
    return with(seed, {"--method", "adam", "--trace", file});
  };
  ASSERT_EQ(run_cli(args(a)).code, 0);
  ASSERT_EQ(run_cli(args(b)).code, 0);
  const std::string ta = read(a), tb = read(b);
  EXPECT_EQ(ta, tb);
  const auto l = lines(ta);
  ASSERT_EQ(l.size(), 23u);  // header, k = 0..20, result
  const auto header = nlohmann::json::parse(l[0]);
  EXPECT_EQ(header["type"], "header");
  EXPECT_EQ(header["method"], "adam");
  EXPECT_EQ(header["variables"], (nlohmann::json{"x", "y"}));
  EXPECT_EQ(header["options"]["beta2"].get<double>(), 0.999);
  const auto first = nlohmann::json::parse(l[2]);
  EXPECT_EQ(first["k"], 1);
  EXPECT_TRUE(first["state"].contains("m"));
  EXPECT_EQ(nlohmann::json::parse(l[22])["type"], "result");
  std::remove(a.c_str());
  std::remove(b.c_str());
}

TEST(cli_minimize, explain_works_the_first_steps_in_the_seeds_style) {
  const outcome r = run_cli(with(seed, {"--explain"}));
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* s :
       {"∂f/∂x = 2*x", "x_new = x − α × ∂f/∂x = −2 − 0.1 × (−4) = −1.6",
        "y_new = y − α × ∂f/∂y = 2 − 0.1 × 4 = 1.6", "new point (x, y) = (−1.6, 1.6), f = 5.12",
        "x_new = x − α × ∂f/∂x = −1.28 − 0.1 × (−2.56) = −1.024", "steps 4–20"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  const outcome one = run_cli(with(seed, {"--explain", "1"}));
  EXPECT_EQ(one.out.find("step 2 from"), std::string::npos);
}

TEST(cli_minimize, explain_shows_each_state_update_for_momentum_and_adam) {
  const outcome m = run_cli({"minimize", "x^2", "--from", "1", "--method", "momentum", "--rate",
                             "0.1", "--momentum", "0.5", "--variant", "book", "--explain", "2"});
  EXPECT_NE(m.out.find("v_x = μ × v_x − α × ∂f/∂x = 0.5 × 0 − 0.1 × 2 = −0.2"), std::string::npos)
      << m.out;
  EXPECT_NE(m.out.find("x_new = x + v_x = 1 + (−0.2) = 0.8"), std::string::npos) << m.out;
  const outcome a = run_cli(
      {"minimize", "x^2", "--from", "1", "--method", "adam", "--rate", "0.1", "--explain", "1"});
  EXPECT_NE(a.out.find("m_x = β₁ × m_x + (1 − β₁) × ∂f/∂x = 0.9 × 0 + (1 − 0.9) × 2 = 0.2"),
            std::string::npos)
      << a.out;
  EXPECT_NE(a.out.find("v_x = β₂ × v_x + (1 − β₂) × (∂f/∂x)² = 0.999 × 0 + (1 − 0.999) × 2² ="),
            std::string::npos)
      << a.out;
  EXPECT_NE(a.out.find("m̂_x = m_x / (1 − β₁^1) = 0.2 / (1 − 0.9^1) = 2\n"), std::string::npos)
      << a.out;
  EXPECT_NE(a.out.find("v̂_x = v_x / (1 − β₂^1) = 0.004 / (1 − 0.999^1) = 4\n"), std::string::npos)
      << a.out;
  EXPECT_NE(a.out.find("x_new = x − α × m̂_x / (√v̂_x + ε) = 1 − 0.1 × 2 / (√4 + 1e-08) = 0.9"),
            std::string::npos)
      << a.out;
  const outcome b = run_cli({"minimize", "x^2", "--from", "1", "--method", "adam", "--variant",
                             "book", "--rate", "0.1", "--explain", "1"});
  EXPECT_NE(b.out.find("v_x = v_x + (1 − β₂) × ((∂f/∂x)² − v_x) ="), std::string::npos) << b.out;
}

TEST(cli_minimize, explain_says_a_value_once_when_there_is_no_arithmetic) {
  // The first standard momentum step sets b = ∂f/∂x: "b_x = ∂f/∂x = −4", not "= −4 = −4".
  const outcome r = run_cli(with(seed, {"--method", "momentum", "--explain", "1"}));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("  b_x = ∂f/∂x = −4\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("−4 = −4"), std::string::npos) << r.out;
}

// JSON and CSV are read by programs, which prose in the middle of them would break.
TEST(cli_minimize, explain_with_json_or_csv_is_a_usage_error_and_prints_nothing) {
  for (const char* format : {"json", "csv"}) {
    const outcome r = run_cli({"minimize", "x^2", "--from", "1", "--method", "lbfgs", "--explain",
                               "1", "--format", format});
    EXPECT_EQ(r.code, 2) << format;
    EXPECT_EQ(r.out, "") << format;
    EXPECT_EQ(r.err.rfind(std::string("error: --explain prints the worked arithmetic as prose and "
                                      "does not combine with --format ") +
                              format,
                          0),
              0u)
        << r.err;
  }
  const outcome table = run_cli(with(seed, {"--explain", "1", "--format", "table"}));
  EXPECT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("x_new = x − α × ∂f/∂x = −2 − 0.1 × (−4) = −1.6"), std::string::npos)
      << table.out;
}

TEST(cli_minimize, messages_quote_the_numbers_as_the_user_typed_them) {
  const outcome r = run_cli(with(seed, {"--method", "adam", "--beta2", "-0.1"}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("got -0.1\n"), std::string::npos) << r.err;
  const outcome box =
      run_cli({"minimize", "x^2", "--from", "0.3", "--starts", "2", "--box", "x=0.1:0.2"});
  EXPECT_EQ(box.code, 2);
  EXPECT_NE(box.err.find("x = 0.3 is not in [0.1, 0.2]"), std::string::npos) << box.err;
}

TEST(cli_minimize, the_gradient_source_is_an_option_of_the_result_and_the_trace) {
  const auto j = nlohmann::json::parse(run_cli(with(seed, {"--format", "json"})).out);
  EXPECT_EQ(j["options"]["gradient"], "exact");
  EXPECT_FALSE(j["options"].contains("h"));
  const auto c = nlohmann::json::parse(
      run_cli(with(seed, {"--gradient", "central:h=1e-3", "--format", "json"})).out);
  EXPECT_EQ(c["options"]["gradient"], "central");
  EXPECT_EQ(c["options"]["h"].get<double>(), 1e-3);
  const std::string file = ::testing::TempDir() + "kobai_trace_gradient.jsonl";
  ASSERT_EQ(run_cli(with(seed, {"--gradient", "central", "--trace", file})).code, 0);
  const auto header = nlohmann::json::parse(lines(read(file))[0]);
  EXPECT_EQ(header["options"]["gradient"], "central");
  EXPECT_EQ(header["options"]["h"].get<double>(), 1e-4);
  std::remove(file.c_str());
  const auto b = nlohmann::json::parse(
      run_cli(with(seed, {"--bounds", "x=-3:0,y=0:inf", "--format", "json"})).out);
  EXPECT_EQ(b["options"]["bounds"], "x=-3:0,y=0:inf");
}

TEST(cli_minimize, multistart_finds_all_four_minima_of_himmelblau) {
  const outcome r = run_cli({"minimize", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", "--starts", "20",
                             "--box", "x=-5:5,y=-5:5", "--seed", "1", "--rate", "0.01", "--iters",
                             "1000", "--gtol", "1e-8", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["minima"].size(), 4u) << r.out;
  int starts = 0;
  for (const auto& m : j["minima"]) {
    EXPECT_LT(m["f"].get<double>(), 1e-12);
    starts += m["starts"].get<int>();
  }
  EXPECT_EQ(starts, 20);
  // (3, 2) is one of them
  bool found = false;
  for (const auto& m : j["minima"])
    found = found || (std::abs(m["x"]["x"].get<double>() - 3) < 1e-6 &&
                      std::abs(m["x"]["y"].get<double>() - 2) < 1e-6);
  EXPECT_TRUE(found);
}

// A run that ends at the iteration limit has not found a minimum: it is counted apart, and only
// the converged runs are clustered.
TEST(cli_minimize, multistart_counts_runs_that_did_not_converge_apart_from_the_minima) {
  const std::vector<std::string> himmelblau = {"minimize", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
                                               "--starts", "20",
                                               "--box",    "x=-5:5,y=-5:5",
                                               "--seed",   "1",
                                               "--rate",   "0.01",
                                               "--gtol",   "1e-8",
                                               "--format", "json"};
  // 3 iterations are far too few: no run converges, so no minimum is claimed.
  const auto few = nlohmann::json::parse(run_cli(with(himmelblau, {"--iters", "3"})).out);
  EXPECT_EQ(few["minima"].size(), 0u) << few;
  EXPECT_EQ(few["not_converged"], 20);
  EXPECT_EQ(few["statuses"]["max_iterations"], 20);
  const outcome table = run_cli({"minimize", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", "--starts", "20",
                                 "--box", "x=-5:5,y=-5:5", "--rate", "0.01", "--iters", "3"});
  EXPECT_NE(table.out.find("20 of 20 starts did not converge (20 max_iterations)"),
            std::string::npos)
      << table.out;
  // Enough iterations: every start converges and the four minima hold all 20.
  const auto all = nlohmann::json::parse(run_cli(with(himmelblau, {"--iters", "1000"})).out);
  EXPECT_EQ(all["minima"].size(), 4u);
  EXPECT_EQ(all["not_converged"], 0);
  EXPECT_EQ(all["statuses"]["converged_gradient"], 20);
}

TEST(cli_minimize, starts_outside_the_domain_fail_alone_and_the_others_go_on) {
  // x² − ln x on the box [−1, 3]: the starts drawn below 0 are outside the domain of ln x; they
  // are counted, named in a line of their own, and the starts in (0, 3] find the minimum 1/√2.
  const outcome r = run_cli({"minimize", "x^2 - log(x)", "--starts", "6", "--box", "x=-1:3",
                             "--method", "lbfgs", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const int undefined = j["undefined_starts"].get<int>();
  EXPECT_GT(undefined, 0) << j;
  EXPECT_LT(undefined, 6) << j;
  EXPECT_EQ(j["statuses"]["diverged"].get<int>(), undefined) << j;
  ASSERT_EQ(j["minima"].size(), 1u) << j;
  EXPECT_NEAR(j["minima"][0]["x"]["x"].get<double>(), 1 / std::sqrt(2.0), 1e-6);
  EXPECT_EQ(j["minima"][0]["starts"].get<int>(), 6 - undefined);
  const outcome table = run_cli(
      {"minimize", "x^2 - log(x)", "--starts", "6", "--box", "x=-1:3", "--method", "lbfgs"});
  EXPECT_NE(table.out.find(std::to_string(undefined) +
                           " of the 6 starts lay where f or its gradient is not finite"),
            std::string::npos)
      << table.out;
  // Every start outside the domain: no minimum, exit code 3 as for a single run.
  const outcome none = run_cli(
      {"minimize", "x^2 - log(x)", "--starts", "3", "--box", "x=-3:-1", "--method", "lbfgs"});
  EXPECT_EQ(none.code, 3);
  EXPECT_NE(none.err.find("all 3 starts ended where f, x or the gradient is not finite"),
            std::string::npos)
      << none.err;
}

TEST(cli_minimize, from_with_starts_is_the_first_start) {
  const std::vector<std::string> args = {"minimize", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
                                         "--starts", "1",
                                         "--box",    "x=-5:5,y=-5:5",
                                         "--rate",   "0.01",
                                         "--iters",  "1000",
                                         "--format", "json"};
  // One start, the learner's own point near (3, 2): that minimum and no other.
  const outcome r = run_cli(with(args, {"--from", "2.5,2.5"}));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["minima"].size(), 1u) << r.out;
  EXPECT_NEAR(j["minima"][0]["x"]["x"].get<double>(), 3, 1e-6);
  EXPECT_NEAR(j["minima"][0]["x"]["y"].get<double>(), 2, 1e-6);
  // The other starts are drawn as without --from.
  const auto three = nlohmann::json::parse(
      run_cli({"minimize", "x^2", "--starts", "3", "--box", "x=-1:1", "--from", "0.5", "--format",
               "json", "--rate", "0.1", "--iters", "500"})
          .out);
  EXPECT_EQ(three["starts"], 3);
  // A --from outside the box, or --starts 0, is a usage error.
  EXPECT_EQ(run_cli(with(args, {"--from", "6,0"})).code, 2);
  EXPECT_EQ(run_cli({"minimize", "x^2", "--starts", "0", "--box", "x=-1:1"}).code, 2);
}

TEST(cli_minimize, bad_input_exits_2_or_3_with_a_message) {
  const auto code = [](std::vector<std::string> args) { return run_cli(args).code; };
  EXPECT_EQ(code(with(seed, {"--method", "sgdd"})), 2);
  EXPECT_EQ(code(with(seed, {"--method", "adam", "--momentum", "0.9"})), 2);
  EXPECT_EQ(code(with(seed, {"--method", "adam", "--beta1", "1.5"})), 2);
  EXPECT_EQ(code(with(seed, {"--rate", "-1"})), 2);
  EXPECT_EQ(code({"minimize", "x^2 + y^2", "--from", "1,2,3"}), 2);
  EXPECT_EQ(code({"minimize", "x^2 + y^2"}), 2);
  EXPECT_EQ(code({"minimize", "x^2", "--starts", "3"}), 2);
  EXPECT_EQ(code({"minimize", "x^2", "--from", "9", "--starts", "2", "--box", "x=-1:1"}), 2);
  EXPECT_EQ(code(with(seed, {"--gradient", "central:h=-1"})), 2);
  EXPECT_EQ(code(with(seed, {"--format", "xml"})), 2);
  EXPECT_EQ(code(with(seed, {"--variant", "book", "--method", "adamw"})), 2);
  EXPECT_EQ(code(with(seed, {"--variant", "book", "--method", "adam", "--eps", "1e-8"})), 2);
  EXPECT_EQ(code({"minimize", "log(x)", "--from", "-1"}), 3);
  const outcome msg = run_cli(with(seed, {"--method", "adam", "--beta1", "1.5"}));
  EXPECT_NE(msg.err.find("adam.beta1 (--beta1) must be in [0, 1), got 1.5"), std::string::npos)
      << msg.err;
  const outcome warn = run_cli({"minimize", "x^2", "--from", "0", "--iters", "100000000"});
  EXPECT_EQ(warn.code, 0);
  EXPECT_NE(warn.err.find("warning"), std::string::npos);
}

TEST(cli_minimize, a_run_that_reaches_infinity_exits_3_after_printing) {
  const outcome r =
      run_cli({"minimize", "x^4", "--from", "3", "--rate", "1", "--iters", "100", "--keep-going"});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.out.find("status: diverged"), std::string::npos);
}

TEST(cli_minimize, a_start_where_the_formula_is_undefined_exits_3_naming_the_point) {
  const outcome r =
      run_cli({"minimize", "log(x*y) + z^2", "--from", "1,-1,3", "--method", "lbfgs"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "error: at the start point (x = 1, y = -1, z = 3), log(-1) is nan (at column 1): log "
            "is defined for positive arguments only\n");
  // f = 0 is finite at the origin but its gradient is 0/0: minimize names the point.
  const outcome g = run_cli({"minimize", "sqrt(x^2 + y^2)", "--from", "0,0", "--method", "lbfgs"});
  EXPECT_EQ(g.code, 3);
  EXPECT_NE(g.err.find("(x = 0, y = 0)"), std::string::npos) << g.err;
  // Under bounds the run starts from the projected point, and that is the point named.
  const outcome b = run_cli(
      {"minimize", "log(x) + log(y)", "--from", "-1,-2", "--method", "lbfgs", "--bounds", "x=1:2"});
  EXPECT_EQ(b.code, 3);
  EXPECT_EQ(b.err.rfind("error: at the start point (x = 1, y = -2; the start x = -1, y = -2 was "
                        "outside the bounds and was projected onto them), log(-2) is nan",
                        0),
            0u)
      << b.err;
}

// Every exit-3 run leaves a JSON object on stdout under --format json: a result when the run
// diverged, an error object (with the message stderr prints) when it could not start.
TEST(cli_minimize, a_start_failure_under_json_prints_an_error_object) {
  const auto error_of = [](const outcome& r) {
    return r.err.substr(std::string("error: ").size(), r.err.size() - 8);
  };
  const outcome r = run_cli(
      {"minimize", "log(x*y) + z^2", "--from", "1,-1,3", "--method", "lbfgs", "--format", "json"});
  EXPECT_EQ(r.code, 3);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["formula"], "log(x*y) + z^2");
  EXPECT_EQ(j["method"], "lbfgs");
  EXPECT_EQ(j["variables"], nlohmann::json::parse(R"(["x","y","z"])"));
  EXPECT_EQ(j["x"], nlohmann::json::parse(R"({"x":1,"y":-1,"z":3})"));
  EXPECT_EQ(j["error"], error_of(r));
  EXPECT_FALSE(j.contains("status"));
  const outcome g = run_cli(
      {"minimize", "sqrt(x^2 + y^2)", "--from", "0,0", "--method", "bfgs", "--format", "json"});
  EXPECT_EQ(g.code, 3);
  const auto k = nlohmann::json::parse(g.out);
  EXPECT_EQ(k["x"], nlohmann::json::parse(R"({"x":0,"y":0})"));
  EXPECT_EQ(k["error"], error_of(g));
  const outcome diverged = run_cli({"minimize", "x^4", "--from", "3", "--rate", "1", "--iters",
                                    "100", "--keep-going", "--format", "json"});
  EXPECT_EQ(diverged.code, 3);
  EXPECT_EQ(nlohmann::json::parse(diverged.out)["status"], "diverged");
  // CSV has no place for an error: stdout stays empty and stderr says why.
  const outcome csv = run_cli(
      {"minimize", "log(x*y) + z^2", "--from", "1,-1,3", "--method", "lbfgs", "--format", "csv"});
  EXPECT_EQ(csv.code, 3);
  EXPECT_EQ(csv.out, "");
  EXPECT_EQ(error_of(csv), error_of(r));
}

TEST(cli_minimize, a_start_with_an_empty_value_names_it) {
  const outcome r = run_cli({"minimize", "x^2 + y^2", "--from", "1,,2"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "error: value 2 of '1,,2' is empty; separate the values by single commas\n");
}

// −x² at 0 is −0 in floating point; a reader is told f = 0.
TEST(cli_minimize, a_zero_minimum_reached_from_above_prints_without_a_sign) {
  const outcome r = run_cli({"minimize", " -x^2", "--from", "0", "--method", "lbfgs"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("status: converged_gradient after 0 iterations: f = 0, ‖g‖∞ = 0;"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(words(lines(r.out).at(1)), (std::vector<std::string>{"0", "0", "0", "0"})) << r.out;
}

// x³ from 1 at rate 1 overshoots to the side where x³ has no lower bound: the run says so while
// f is still a number (exit 0, like any other status), not later as "diverged" at f = −∞.
TEST(cli_minimize, a_run_that_falls_without_bound_ends_unbounded) {
  const outcome r = run_cli({"minimize", "x^3", "--from", "1", "--rate", "1", "--iters", "100"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("status: unbounded after 5 iterations"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("f fell from 1 to -4.47396e+37 by iteration 5"), std::string::npos) << r.out;
}

TEST(cli_minimize, plot_draws_the_run_after_the_table) {
  const auto dir = std::filesystem::path(testing::TempDir()) / "kobai_cli_minimize_plot";
  std::filesystem::create_directories(dir);
  for (const char* name : {"path.png", "path.gif"}) {
    const std::string file = (dir / name).string();
    std::filesystem::remove(file);
    const outcome r = run_cli(with(
        seed, {"--plot", file, "--plot-kind", "wireframe", "--size", "160x120", "--frames", "5"}));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(lines(r.out).size(), 24u) << r.out;  // the table, then "wrote FILE"
    EXPECT_NE(r.out.find(file), std::string::npos) << r.out;
    const std::string bytes = read(file);
    ASSERT_GE(bytes.size(), 8u);
    if (file.ends_with(".png"))
      EXPECT_EQ(bytes.substr(1, 3), "PNG");
    else
      EXPECT_EQ(bytes.substr(0, 6), "GIF89a");
  }
}

TEST(cli_minimize, plot_kind_defaults_to_contour_and_an_unknown_kind_exits_2) {
  const auto file =
      (std::filesystem::path(testing::TempDir()) / "kobai_minimize_kind.svg").string();
  std::filesystem::remove(file);
  const outcome ok = run_cli(with(seed, {"--plot", file, "--size", "160x120"}));
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_TRUE(std::filesystem::exists(file));
  const outcome bad = run_cli(with(seed, {"--plot", file, "--plot-kind", "pie"}));
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("contour"), std::string::npos) << bad.err;
}

// A plot that cannot be written is refused before the run, not after its table.
TEST(cli_minimize, a_bad_plot_file_exits_2_before_the_run_prints_anything) {
  const auto missing = std::filesystem::path(testing::TempDir()) / "kobai_no_such_folder";
  std::filesystem::remove_all(missing);
  const std::string in_missing = (missing / "path.png").string();
  for (const auto& [args, says] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--plot", "path.bmp"}, "cannot tell the image type of 'path.bmp'"},
           {{"--plot", in_missing}, "the folder '" + missing.string() + "' does not exist"},
           {{"--plot", "path.gif", "--plot-kind", "convergence"}, "has no animation"},
           {{"--plot", "path.png", "--size", "big"}, "big"}}) {
    const outcome r = run_cli(with(seed, args));
    EXPECT_EQ(r.code, 2) << says;
    EXPECT_EQ(r.out, "") << says;
    EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST(cli_minimize, step_schedule_halves_the_rate_every_step) {
  // gd on x² with η_t = 0.1·0.5^(t−1): x_t = x_{t−1}(1 − 2η_t), computed here independently.
  const outcome r = run_cli({"minimize", "x^2", "--from", "3", "--rate", "0.1", "--iters", "6",
                             "--schedule", "step:gamma=0.5,step_size=1", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  double x = 3;
  for (int t = 1; t <= 6; ++t) x -= 0.1 * std::pow(0.5, t - 1) * 2 * x;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_DOUBLE_EQ(j["x"]["x"].get<double>(), x);
  EXPECT_EQ(j["options"]["schedule"], "step");
  EXPECT_EQ(j["options"]["gamma"].get<double>(), 0.5);
}

TEST(cli_minimize, cosine_schedule_follows_the_annealing_formula) {
  const outcome r = run_cli({"minimize", "x^2", "--from", "1", "--rate", "0.1", "--iters", "5",
                             "--schedule", "cosine:rate_min=0.01", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto l = lines(r.out);
  ASSERT_EQ(l.size(), 7u);
  EXPECT_TRUE(l[2].ends_with(",0.1")) << l[2];  // η₁ = η (l[1] is the start, k = 0)
  // η₅ = η_min + (η − η_min)(1 + cos(π(5 − 1)/T))/2 with the period T = --iters = 5
  const double expected = 0.01 + 0.09 * (1 + std::cos(4 * std::acos(-1.0) / 5)) / 2;
  const std::string last = l[6].substr(l[6].rfind(',') + 1);
  EXPECT_NEAR(std::stod(last), expected, 1e-15) << l[6];
}

TEST(cli_minimize, bad_schedules_exit_2_naming_the_part) {
  for (const char* s : {"linear", "step:gamma", "step:decay=0.1", "exponential:gamma=2",
                        "step:step_size=1.5", "cosine:period=-3"}) {
    const outcome r = run_cli(with(seed, {"--schedule", s}));
    EXPECT_EQ(r.code, 2) << s;
    EXPECT_FALSE(r.err.empty()) << s;
  }
}

const std::vector<std::string> rosenbrock = {"minimize", "100*(y - x^2)^2 + (1 - x)^2", "--from",
                                             "-1.2,1"};

TEST(cli_minimize, line_search_methods_solve_rosenbrock_with_peer_default_tolerance) {
  for (const char* m : {"lbfgs", "bfgs", "cg", "newton"}) {
    const outcome r = run_cli(with(rosenbrock, {"--method", m, "--format", "json"}));
    ASSERT_EQ(r.code, 0) << m << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["status"], "converged_gradient") << m;
    EXPECT_EQ(j["options"]["gtol"], 1e-5) << m;
    EXPECT_LE(j["gradient_norm"].get<double>(), 1e-5) << m;
    EXPECT_NEAR(j["x"]["x"].get<double>(), 1, 1e-4) << m;
  }
}

TEST(cli_minimize, method_flags_reach_the_method_and_show_in_the_options) {
  const outcome r = run_cli(with(rosenbrock, {"--method", "lbfgs", "--memory", "3", "--line-search",
                                              "hager-zhang", "--format", "json"}));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["options"]["memory"], 3);
  EXPECT_EQ(j["options"]["line_search"], "hager-zhang");
  const outcome c = run_cli(with(
      rosenbrock, {"--method", "cg", "--cg-variant", "hz", "--format", "json", "--iters", "7"}));
  ASSERT_EQ(c.code, 0) << c.err;
  const auto k = nlohmann::json::parse(c.out);
  EXPECT_EQ(k["options"]["cg_variant"], "hager-zhang");
  EXPECT_EQ(k["iterations"], 7);
}

TEST(cli_minimize, a_flag_the_method_has_no_use_for_is_a_usage_error) {
  for (const auto& extra :
       std::vector<std::vector<std::string>>{{"--method", "gd", "--memory", "3"},
                                             {"--method", "lbfgs", "--rate", "0.1"},
                                             {"--method", "bfgs", "--cg-variant", "fr"},
                                             {"--method", "adam", "--line-search", "armijo"},
                                             {"--method", "cg", "--cg-variant", "dy"},
                                             {"--method", "lbfgs", "--line-search", "zoom"},
                                             {"--method", "lbfgs", "--memory", "0"}}) {
    const outcome r = run_cli(with(rosenbrock, extra));
    EXPECT_EQ(r.code, 2) << extra[1] << " " << extra[2];
    EXPECT_FALSE(r.err.empty());
  }
}

// --set takes the constants without flags by the names JSON's options report, and they reach the
// run: cg with c2 = 0.3 and a restart every 5 iterations reports both and runs differently from
// its defaults (c2 = 0.1, restart every n).
TEST(cli_minimize, set_gives_the_method_constants_by_their_option_names) {
  const auto json_of = [](std::vector<std::string> extra) {
    const outcome r =
        run_cli(with(rosenbrock, with({"--method", "cg", "--format", "json"}, extra)));
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  };
  const auto plain = json_of({});
  const auto set = json_of({"--set", "ls.c2=0.3,restart=5"});
  EXPECT_EQ(set["options"]["ls.c2"], 0.3);
  EXPECT_EQ(set["options"]["restart"], 5);
  EXPECT_EQ(plain["options"]["ls.c2"], 0.1);
  EXPECT_NE(set["evaluations"]["value"], plain["evaluations"]["value"]);
  // --line-search may follow --set: the constants apply to the search chosen.
  const auto hz = json_of({"--set", "ls.sigma=0.5", "--line-search", "hager-zhang"});
  EXPECT_EQ(hz["options"]["ls.sigma"], 0.5);
}

TEST(cli_minimize, set_scaling_chooses_the_lbfgs_scaling_and_the_json_reports_it) {
  const auto run = [](std::vector<std::string> extra) {
    const outcome r = run_cli(with(
        {"minimize", "--problem", "rosenbrock", "--method", "lbfgs", "--format", "json"}, extra));
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  };
  const auto adaptive = run({});
  const auto standard = run({"--set", "scaling=standard"});
  EXPECT_EQ(adaptive["options"]["scaling"], "adaptive");
  EXPECT_EQ(standard["options"]["scaling"], "standard");
  EXPECT_LE(adaptive["evaluations"]["value"], 40);
  EXPECT_LT(adaptive["evaluations"]["value"], standard["evaluations"]["value"]);
  const outcome bad = run_cli(
      {"minimize", "--problem", "rosenbrock", "--method", "lbfgs", "--set", "scaling=fast"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("unknown L-BFGS scaling 'fast'"), std::string::npos) << bad.err;
}

TEST(cli_minimize, set_refuses_constants_the_run_would_not_use) {
  const auto refused = [](std::vector<std::string> extra, std::string_view says) {
    const outcome r = run_cli(with(rosenbrock, extra));
    EXPECT_EQ(r.code, 2) << extra.back();
    EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
  };
  // Another search's constant: the message lists this search's.
  refused(
      {"--method", "lbfgs", "--set", "ls.sigma=0.1"},
      "'ls.sigma' is not an option of 'lbfgs' (its options: memory (m), scaling, line_search (ls), "
      "ls.c1, ls.c2, ls.xtol");
  refused({"--method", "newton", "--set", "ls.c1=0.1"}, "takes no line search");
  refused({"--method", "newton-ls", "--set", "max_radius=3"}, "not a trust region");
  refused({"--method", "lbfgs", "--set", "ls.c2=1.5"}, "more_thuente.c2 (--set ls.c2) = 1.5");
  refused({"--method", "lbfgs", "--set", "ls.max_evaluations=2.5"}, "ls.max_evaluations");
  refused({"--method", "lbfgs", "--set", "c2"}, "--set 'c2' is not key=value");
  refused({"--method", "gd", "--set", "ls.c2=0.1"}, "'ls.c2' is not an option of 'gd'");
}

TEST(cli_minimize, newton_reports_its_hessian_count) {
  const outcome r = run_cli(with(rosenbrock, {"--method", "newton", "--format", "json"}));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  // One per iteration, and the saddle-point check's at the last point.
  EXPECT_EQ(j["evaluations"]["hessian"], j["iterations"].get<int>() + 1);
}

TEST(cli_minimize, newton_is_a_trust_region_unless_a_line_search_is_asked_for) {
  const auto options = [](std::vector<std::string> extra) {
    const outcome r = run_cli(with(rosenbrock, with(extra, {"--format", "json"})));
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out)["options"];
  };
  EXPECT_EQ(options({"--method", "newton"})["globalization"], "trust-region");
  EXPECT_EQ(options({"--method", "newton"})["eta"], 0.15);
  EXPECT_EQ(options({"--method", "newton-ls"})["globalization"], "line-search");
  EXPECT_EQ(options({"--method", "newton-ls"})["line_search"], "armijo");
  const auto chosen = options({"--method", "newton", "--line-search", "more-thuente"});
  EXPECT_EQ(chosen["globalization"], "line-search");
  EXPECT_EQ(chosen["line_search"], "more-thuente");
  EXPECT_EQ(options({"--method", "newton", "--globalization", "line-search"})["globalization"],
            "line-search");
  for (const auto& extra : std::vector<std::vector<std::string>>{
           {"--method", "newton-tr", "--line-search", "armijo"},
           {"--method", "newton", "--globalization", "dogleg"},
           {"--method", "lbfgs", "--globalization", "trust-region"}}) {
    const outcome r = run_cli(with(rosenbrock, extra));
    EXPECT_EQ(r.code, 2) << extra[1] << " " << extra[2];
    EXPECT_FALSE(r.err.empty());
  }
}

// newton-ls and newton-tr choose the globalization; --globalization may repeat it, not overrule it.
TEST(cli_minimize, a_globalization_that_contradicts_the_newton_method_is_a_usage_error) {
  const outcome ls = run_cli({"minimize", "--problem", "rosenbrock", "--method", "newton-ls",
                              "--globalization", "trust-region"});
  EXPECT_EQ(ls.code, 2);
  EXPECT_EQ(ls.out, "");
  EXPECT_EQ(ls.err.rfind("error: --globalization trust-region contradicts --method newton-ls", 0),
            0u)
      << ls.err;
  const outcome tr = run_cli({"minimize", "--problem", "rosenbrock", "--method", "newton-tr",
                              "--globalization", "line-search"});
  EXPECT_EQ(tr.code, 2);
  EXPECT_EQ(tr.err.rfind("error: --globalization line-search contradicts --method newton-tr", 0),
            0u)
      << tr.err;
  const outcome same = run_cli({"minimize", "--problem", "rosenbrock", "--method", "newton-ls",
                                "--globalization", "line-search", "--format", "json"});
  ASSERT_EQ(same.code, 0) << same.err;
  EXPECT_EQ(nlohmann::json::parse(same.out)["options"]["globalization"], "line-search");
}

TEST(cli_minimize, refusals_name_the_method_and_globalization_as_the_user_wrote_them) {
  const outcome r = run_cli({"minimize", "--problem", "rosenbrock", "--method", "newton",
                             "--globalization", "trust-region", "--line-search", "armijo"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "error: --line-search does not apply to --globalization trust-region: a trust region "
            "takes no line search\n");
  const outcome alias = run_cli(with(rosenbrock, {"--method", "l-bfgs", "--rate", "0.1"}));
  EXPECT_EQ(alias.code, 2);
  EXPECT_EQ(alias.err, "error: --rate does not apply to method l-bfgs\n");
  const outcome tr =
      run_cli(with(rosenbrock, {"--method", "newton-tr", "--line-search", "armijo"}));
  EXPECT_EQ(tr.err, "error: --line-search does not apply to method newton-tr\n");
}

TEST(cli_minimize, the_unknown_method_message_lists_newton_ls) {
  const outcome r = run_cli(with(rosenbrock, {"--method", "newton-cg"}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("known methods: gd, momentum, nesterov, adagrad, rmsprop, adam, adamw, "
                       "gd-ls, cg, bfgs, lbfgs, newton, newton-ls\n"),
            std::string::npos)
      << r.err;
}

TEST(cli_minimize, bounds_hold_the_parabola_at_the_nearer_end) {
  const outcome r = run_cli({"minimize", "(x - 3)^2", "--from", "0.5", "--method", "lbfgs",
                             "--bounds", "x=0:1", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["status"], "converged_gradient");
  EXPECT_EQ(j["x"]["x"], 1.0);
}

TEST(cli_minimize, bounds_with_open_sides_and_a_start_outside_are_projected_with_a_note) {
  const outcome r = run_cli({"minimize", "(x + 1)^2 + (y - 2)^2", "--from", "-5,0", "--method",
                             "lbfgs", "--bounds", "x=0:inf,y=-1:1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("outside the bounds"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("converged_gradient"), std::string::npos) << r.out;
  const outcome j = run_cli({"minimize", "(x + 1)^2 + (y - 2)^2", "--from", "-5,0", "--method",
                             "gd", "--rate", "0.1", "--bounds", "x=0:,y=-1:1", "--format", "json"});
  ASSERT_EQ(j.code, 0) << j.err;
  const auto d = nlohmann::json::parse(j.out);
  EXPECT_EQ(d["x"]["x"], 0.0);
  EXPECT_EQ(d["x"]["y"], 1.0);
}

TEST(cli_minimize, under_bounds_the_stopping_norm_is_labelled_projected) {
  // At (1, 0) the bounds block both downhill directions: the projected gradient is 0 while
  // ∇f = (−4, 2).
  const std::vector<std::string> run = {"minimize", "(x-3)^2+(y+1)^2", "--from",   "5,0",
                                        "--method", "lbfgs",           "--bounds", "x=0:1,y=0:inf"};
  const outcome t = run_cli(run);
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(lines(t.out).at(0).find("projected ‖g‖∞"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find(", projected ‖g‖∞ = 0;"), std::string::npos) << t.out;
  const outcome j = run_cli(with(run, {"--format", "json"}));
  ASSERT_EQ(j.code, 0) << j.err;
  const auto d = nlohmann::json::parse(j.out);
  EXPECT_EQ(d["gradient_norm"], 0.0);
  EXPECT_EQ(d["gradient"]["x"], -4.0);
  EXPECT_EQ(d["gradient"]["y"], 2.0);
  // Without bounds the label stays ‖g‖∞.
  const outcome free =
      run_cli({"minimize", "(x-3)^2+(y+1)^2", "--from", "5,0", "--method", "lbfgs"});
  EXPECT_EQ(free.out.find("projected"), std::string::npos) << free.out;
  EXPECT_NE(free.out.find(", ‖g‖∞ = "), std::string::npos) << free.out;
}

TEST(cli_minimize, a_run_that_ends_at_a_listed_local_minimum_says_so) {
  // Goldstein–Price lists f* = 3 at (0, −1) and a local minimum f = 30 at (−0.6, −0.4), which
  // L-BFGS reaches from the standard start (0, 0).
  const outcome t = run_cli({"minimize", "--problem", "goldstein_price", "--method", "lbfgs"});
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("f* = 3; this run ended at a local minimum the problem lists, f = 30 at "
                       "(-0.6, -0.4)"),
            std::string::npos)
      << t.out;
  const outcome j = run_cli(
      {"minimize", "--problem", "goldstein_price", "--method", "lbfgs", "--format", "json"});
  ASSERT_EQ(j.code, 0) << j.err;
  const auto p = nlohmann::json::parse(j.out)["problem"];
  EXPECT_EQ(p["name"], "goldstein_price");
  EXPECT_EQ(p["f_star"], 3.0);
  EXPECT_EQ(p["reached"], "local");
  EXPECT_EQ(p["minimum"]["f"], 30.0);
  EXPECT_EQ(p["minimum"]["x"]["x1"], -0.6);
  // The global minimum: today's wording, and "global" in JSON.
  const outcome g =
      run_cli({"minimize", "--problem", "rosenbrock", "--method", "lbfgs", "--format", "json"});
  EXPECT_EQ(nlohmann::json::parse(g.out)["problem"]["reached"], "global");
  // Stopped far from every listed minimum: no claim.
  const std::vector<std::string> short_run = {
      "minimize", "--problem", "goldstein_price", "--method", "lbfgs", "--iters", "1"};
  const outcome s = run_cli(short_run);
  EXPECT_EQ(s.out.find("local minimum"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("known minimum of Goldstein"), std::string::npos) << s.out;
  const auto n = nlohmann::json::parse(run_cli(with(short_run, {"--format", "json"})).out);
  EXPECT_TRUE(n["problem"]["reached"].is_null());
  EXPECT_TRUE(n["problem"]["minimum"].is_null());
}

TEST(cli_minimize, a_penalty_1_run_far_from_its_minimizer_is_not_labelled_global) {
  // f = 2.34e-5 is within 1e-6 of f* = 2.25e-5 (the bench's "solved"), but x ≈ (0.14, …, 0.34)
  // is up to 0.11 from the minimizer (0.25, …, 0.25).
  const std::vector<std::string> run = {"minimize", "--problem",     "penalty_1",  "--method",
                                        "lbfgs",    "--line-search", "hager-zhang"};
  const auto d = nlohmann::json::parse(run_cli(with(run, {"--format", "json"})).out);
  EXPECT_GT(std::abs(d["x"]["x1"].get<double>() - 0.25), 0.05) << d;
  EXPECT_TRUE(d["problem"]["reached"].is_null()) << d;
  EXPECT_TRUE(d["problem"]["minimum"].is_null()) << d;
  const outcome t = run_cli(run);
  EXPECT_NE(t.out.find("known minimum of Penalty I (MGH 23): f* = "), std::string::npos) << t.out;
}

TEST(cli_minimize, the_minimum_named_is_the_listed_one_nearest_where_the_run_ended) {
  const outcome r =
      run_cli({"minimize", "--problem", "himmelblau", "--method", "newton-ls", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto d = nlohmann::json::parse(r.out);
  EXPECT_NEAR(d["x"]["x1"].get<double>(), 3.584428, 1e-5) << d;
  EXPECT_EQ(d["problem"]["reached"], "global");
  // (3.5844283, −1.8481265), the fourth minimizer `kobai problems himmelblau` lists, not (3, 2).
  EXPECT_NEAR(d["problem"]["minimum"]["x"]["x1"].get<double>(), 3.5844283, 1e-7) << d;
  EXPECT_NEAR(d["problem"]["minimum"]["x"]["x2"].get<double>(), -1.8481265, 1e-7) << d;
  EXPECT_EQ(d["problem"]["minimizers_outside_bounds"], false);
}

TEST(cli_minimize, bounds_that_exclude_every_listed_minimizer_give_no_claim_and_say_so) {
  // x1 in [0, 1] excludes all four of Himmelblau's minimizers (x1 = 3, −2.8, −3.8, 3.58).
  const std::vector<std::string> run = {"minimize", "--problem", "himmelblau", "--method",
                                        "lbfgs",    "--bounds",  "x1=0:1"};
  const outcome t = run_cli(run);
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("known minimum of Himmelblau without bounds: f* = 0, at minimizers outside "
                       "--bounds, which this run could not reach"),
            std::string::npos)
      << t.out;
  const auto d = nlohmann::json::parse(run_cli(with(run, {"--format", "json"})).out);
  EXPECT_EQ(d["problem"]["minimizers_outside_bounds"], true);
  EXPECT_TRUE(d["problem"]["reached"].is_null()) << d;
  EXPECT_TRUE(d["problem"]["minimum"].is_null()) << d;
  // Box 3-D's listed minimizers (1, 10, 1) and (10, 1, −1) lie outside x3 in [0, 0.5]; the run
  // ends on its continuum of minimizers x1 = x2, x3 = 0, which is f* = 0 but names no listed
  // point.
  const auto b =
      nlohmann::json::parse(run_cli({"minimize", "--problem", "box_3d", "--method", "lbfgs",
                                     "--bounds", "x3=0:0.5", "--format", "json"})
                                .out);
  EXPECT_NEAR(b["x"]["x1"].get<double>(), b["x"]["x2"].get<double>(), 1e-3) << b;
  EXPECT_EQ(b["problem"]["minimizers_outside_bounds"], true);
  EXPECT_EQ(b["problem"]["reached"], "global");
  EXPECT_TRUE(b["problem"]["minimum"]["x"].is_null()) << b;
  EXPECT_EQ(b["problem"]["minimum"]["f"], 0.0);
}

TEST(cli_minimize, newton_notes_the_points_where_the_hessian_was_not_finite) {
  // ∂²f/∂x² = ¾·x^(−1/2) is not finite at x = 0, the start.
  for (const char* method : {"newton", "newton-ls"}) {
    const outcome r = run_cli({"minimize", "x*sqrt(x) + (y-1)^2", "--from", "0,0", "--method",
                               method, "--format", "json"});
    ASSERT_EQ(r.code, 0) << method << r.err;
    const auto notes = nlohmann::json::parse(r.out)["notes"];
    ASSERT_FALSE(notes.empty()) << method << r.out;
    const std::string note = notes[0];
    EXPECT_NE(note.find("not finite"), std::string::npos) << note;
    EXPECT_NE(note.find("k = 0"), std::string::npos) << note;
    EXPECT_NE(note.find("−∇f"), std::string::npos) << note;
  }
}

TEST(cli_minimize, newton_on_abs_to_the_power_one_and_a_half_ends_with_a_clear_outcome) {
  // (|x|^1.5)'' = +∞ at x = 0: the Hessian is not finite there and the run says so.
  const outcome r = run_cli(
      {"minimize", "abs(x)^1.5 + y^2", "--from", "0,1", "--method", "newton", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto d = nlohmann::json::parse(r.out);
  EXPECT_EQ(d["status"], "converged_gradient") << r.out;
  EXPECT_LT(d["iterations"].get<int>(), 10) << r.out;
  EXPECT_EQ(d["x"]["x"], 0.0);
  ASSERT_FALSE(d["notes"].empty()) << r.out;
  EXPECT_NE(d["notes"][0].get<std::string>().find("not finite"), std::string::npos) << r.out;
}

TEST(cli_minimize, newton_says_when_it_converged_to_a_saddle_or_a_maximum) {
  const outcome saddle = run_cli({"minimize", "x^2-y^2", "--from", "0,0", "--method", "newton"});
  ASSERT_EQ(saddle.code, 0) << saddle.err;
  EXPECT_NE(saddle.out.find("converged_gradient"), std::string::npos) << saddle.out;
  EXPECT_NE(saddle.out.find("saddle point, not a minimum"), std::string::npos) << saddle.out;
  EXPECT_NE(saddle.out.find("λmin = -2, λmax = 2"), std::string::npos) << saddle.out;
  const outcome top =
      run_cli({"minimize", "1 - x^2 - y^2", "--from", "0,0", "--method", "newton-ls"});
  EXPECT_NE(top.out.find("local maximum, not a minimum"), std::string::npos) << top.out;
  const outcome bottom = run_cli({"minimize", "x^2+y^2", "--from", "1,1", "--method", "newton"});
  EXPECT_EQ(bottom.out.find("not a minimum"), std::string::npos) << bottom.out;
  // Other methods have no Hessian at hand and add none.
  const outcome other = run_cli({"minimize", "x^2-y^2", "--from", "0,0", "--method", "lbfgs"});
  EXPECT_EQ(other.out.find("not a minimum"), std::string::npos) << other.out;
}

TEST(cli_minimize, bad_bounds_are_usage_errors) {
  for (const char* b : {"x=1:0", "z=0:1", "x=0", "x=a:1"}) {
    const outcome r =
        run_cli({"minimize", "x^2", "--from", "0.5", "--method", "lbfgs", "--bounds", b});
    EXPECT_EQ(r.code, 2) << b;
    EXPECT_FALSE(r.err.empty()) << b;
  }
  const outcome r =
      run_cli({"minimize", "x^2", "--from", "0.5", "--method", "bfgs", "--bounds", "x=0:1"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("lbfgs"), std::string::npos) << r.err;
}

// As --from does: a name that is not a variable is named, with the variables there are.
TEST(cli_minimize, bounds_and_box_name_a_variable_the_formula_does_not_have) {
  const outcome b =
      run_cli({"minimize", "x^2 + y^2", "--from", "1,1", "--method", "lbfgs", "--bounds", "z=0:1"});
  EXPECT_EQ(b.code, 2);
  EXPECT_EQ(b.err, "error: 'z' is not a variable of the formula (its variables: x, y)\n");
  const outcome box = run_cli({"minimize", "x^2 + y^2", "--starts", "3", "--box", "x=-5:5,z=-5:5"});
  EXPECT_EQ(box.code, 2);
  EXPECT_EQ(box.err, "error: 'z' is not a variable of the formula (its variables: x, y)\n");
}

TEST(cli_minimize, an_inverted_box_names_its_variable) {
  const outcome r = run_cli({"minimize", "x^2 + y^2", "--starts", "3", "--box", "x=-5:5,y=5:-5"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: the box for y is [5, -5]; it needs lower < upper, both finite\n");
}

TEST(cli_minimize, a_lower_bound_of_inf_is_above_every_upper_bound_not_an_open_side) {
  for (const char* b : {"x=inf:1", "x=+inf:1", "x=inf:inf", "x=-1:-inf"}) {
    const outcome r =
        run_cli({"minimize", "(x+3)^2", "--from", "0.5", "--method", "lbfgs", "--bounds", b});
    EXPECT_EQ(r.code, 2) << b;
    EXPECT_EQ(r.out, "") << b;
    EXPECT_NE(r.err.find("bound of x leaves no number for it"), std::string::npos) << b << r.err;
  }
  const outcome open = run_cli({"minimize", "(x+3)^2", "--from", "0.5", "--method", "lbfgs",
                                "--bounds", "x=-inf:1", "--format", "json"});
  ASSERT_EQ(open.code, 0) << open.err;
  EXPECT_NEAR(nlohmann::json::parse(open.out)["x"]["x"].get<double>(), -3.0, 1e-9);
}

TEST(cli_minimize, a_variable_bounded_twice_is_refused_as_at_refuses_it) {
  const outcome r = run_cli(
      {"minimize", "(x+3)^2", "--from", "0.5", "--method", "lbfgs", "--bounds", "x=0:1,x=2:3"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "error: variable 'x' is given twice\n");
}

TEST(cli_minimize, a_start_outside_the_bounds_is_checked_where_the_run_starts_after_projection) {
  const outcome r = run_cli({"minimize", "log(x)+x", "--from", "-1", "--bounds", "x=1:2",
                             "--method", "lbfgs", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["x"]["x"], 1.0);
  const outcome t =
      run_cli({"minimize", "log(x)+x", "--from", "-1", "--bounds", "x=1:2", "--method", "lbfgs"});
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("outside the bounds"), std::string::npos) << t.out;
  // Without bounds the start is where the formula is undefined, named as before.
  const outcome u = run_cli({"minimize", "log(x)+x", "--from", "-1", "--method", "lbfgs"});
  EXPECT_EQ(u.code, 3);
  EXPECT_NE(u.err.find("log(-1)"), std::string::npos) << u.err;
}

TEST(cli_minimize, options_about_one_run_are_refused_with_starts_not_silently_ignored) {
  const std::string trace_file = ::testing::TempDir() + "/kobai_multistart_trace.jsonl";
  const std::string plot_file = ::testing::TempDir() + "/kobai_multistart.png";
  std::remove(trace_file.c_str());
  std::remove(plot_file.c_str());
  const std::vector<std::string> ms = {"minimize", "x^2+y^2",       "--starts", "3",
                                       "--box",    "x=-1:1,y=-1:1", "--iters",  "5"};
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--format", "csv"}, "--format csv"},
      {{"--trace", trace_file}, "--trace"},
      {{"--plot", plot_file}, "--plot"},
      {{"--explain"}, "--explain"}};
  for (const auto& [more, name] : cases) {
    const outcome r = run_cli(with(ms, more));
    EXPECT_EQ(r.code, 2) << name;
    EXPECT_EQ(r.out, "") << name;
    EXPECT_EQ(r.err.rfind("error: " + name +
                              " shows a single run and does not combine with "
                              "--starts",
                          0),
              0u)
        << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(trace_file));
  EXPECT_FALSE(std::filesystem::exists(plot_file));
  EXPECT_EQ(run_cli(with(ms, {"--format", "json"})).code, 0);
  EXPECT_EQ(run_cli(with(ms, {"--format", "table"})).code, 0);
}

TEST(cli_minimize, a_cosine_floor_above_the_rate_is_a_usage_error) {
  const outcome r = run_cli(
      {"minimize", "x^2", "--from", "1", "--method", "adam", "--schedule", "cosine:rate_min=5"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("cosine's rate_min (5) is above the rate (0.001)"), std::string::npos)
      << r.err;
  EXPECT_EQ(run_cli({"minimize", "x^2", "--from", "1", "--method", "adam", "--schedule",
                     "cosine:rate_min=0.0001"})
                .code,
            0);
}

TEST(cli_minimize, a_problem_runs_from_its_standard_start_and_shows_its_known_minimum) {
  const outcome r = run_cli({"minimize", "--problem", "rosenbrock", "--method", "lbfgs"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto l = lines(r.out);
  EXPECT_EQ(words(l.at(1)).at(1), "-1.2");  // k = 0 at the standard start
  EXPECT_NE(r.out.find("converged_gradient"), std::string::npos);
  EXPECT_NE(r.out.find("known minimum of Rosenbrock (MGH 1): f* = 0"), std::string::npos) << r.out;
  const outcome m = run_cli(
      {"minimize", "--problem", "mgh7", "--method", "bfgs", "--from", "1,1,1", "--format", "json"});
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_EQ(nlohmann::json::parse(m.out)["status"], "converged_gradient");
}

// `kobai problems --help` shows extended_rosenbrock --n 20; minimize takes the same dimensions.
TEST(cli_minimize, a_problem_takes_n_and_m_as_kobai_problems_does) {
  const outcome r = run_cli({"minimize", "--problem", "extended_rosenbrock", "--n", "20",
                             "--method", "lbfgs", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["variables"].size(), 20u);
  EXPECT_EQ(j["variables"][19], "x20");
  EXPECT_EQ(j["status"], "converged_gradient");
  for (const auto& [name, value] : j["x"].items())  // the minimizer is (1, ..., 1)
    EXPECT_NEAR(value.get<double>(), 1.0, 1e-4) << name;
  const outcome table = run_cli(
      {"minimize", "--problem", "linear_full_rank", "--n", "3", "--m", "5", "--method", "lbfgs"});
  ASSERT_EQ(table.code, 0) << table.err;
  // f* = m − n at x = (−1, −1, −1) (MGH 32).
  EXPECT_NE(table.out.find("known minimum of Linear function, full rank (MGH 32): f* = 2"),
            std::string::npos)
      << table.out;
}

TEST(cli_minimize, problem_dimensions_are_checked_as_kobai_problems_checks_them) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--problem", "extended_rosenbrock", "--n", "3"}, "n must be a positive multiple of 2"},
      {{"--problem", "rosenbrock", "--n", "3"}, "has fixed dimensions n = 2, m = 2"},
      {{"--problem", "extended_rosenbrock", "--n", "0"}, "'0' is not a whole number from 1 to"},
      {{"--n", "4"}, "--n and --m need a problem name"},
      {{"x^2", "--from", "1", "--m", "4"}, "--n and --m need a problem name"},
  };
  for (const auto& [args, message] : cases) {
    const outcome r = run_cli(with({"minimize"}, args));
    SCOPED_TRACE(message);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
}

TEST(cli_minimize, a_problem_size_without_a_published_minimum_says_so) {
  const outcome r = run_cli(
      {"minimize", "--problem", "chebyquad", "--n", "11", "--method", "lbfgs", "--iters", "3"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("no minimum of Chebyquad (MGH 35) is known for n = 11, m = 11\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("nan"), std::string::npos) << r.out;
}

TEST(cli_minimize, a_problem_and_a_formula_together_or_neither_are_usage_errors) {
  EXPECT_EQ(run_cli({"minimize", "x^2", "--problem", "rosenbrock"}).code, 2);
  EXPECT_EQ(run_cli({"minimize", "--from", "1"}).code, 2);
  const outcome u = run_cli({"minimize", "--problem", "nosuch"});
  EXPECT_EQ(u.code, 2);
  EXPECT_NE(u.err.find("kobai problems"), std::string::npos);
}

// --native runs generated machine code that performs the tape's operations in the tape's order,
// so every printed digit is the tape's. Its compiled object goes to a cache of the test's own.
TEST(cli_minimize, native_prints_the_same_iterates_as_the_tape) {
  ::setenv("XDG_CACHE_HOME", (::testing::TempDir() + "kobai-cli-native").c_str(), 1);
  const std::vector<std::string> bfgs = {
      "minimize", "(1 - x)^2 + 100(y - x^2)^2", "--from", "-1.2,1", "--method", "bfgs", "--format",
      "csv"};
  const outcome tape = run_cli(bfgs);
  const outcome native = run_cli(with(bfgs, {"--native"}));
  ASSERT_EQ(native.code, 0) << native.err;
  EXPECT_EQ(native.err, "");
  EXPECT_EQ(native.out, tape.out);
  EXPECT_GT(lines(native.out).size(), 20u);

  const std::vector<std::string> starts = {"minimize", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
                                           "--starts", "6",
                                           "--box",    "x=-5:5,y=-5:5",
                                           "--seed",   "1",
                                           "--method", "lbfgs"};
  const outcome many = run_cli(starts);
  const outcome many_native = run_cli(with(starts, {"--native"}));
  ASSERT_EQ(many_native.code, 0) << many_native.err;
  EXPECT_EQ(many_native.out, many.out);
}

TEST(cli_minimize, native_without_a_compiler_says_so_and_runs_the_tape) {
  ::setenv("KOBAI_CXX", "/nonexistent/c++", 1);
  const outcome r = run_cli(with(seed, {"--native"}));
  ::unsetenv("KOBAI_CXX");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("--native is unavailable"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/nonexistent/c++"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, run_cli(seed).out);
}

TEST(cli_minimize, native_with_a_difference_gradient_is_a_usage_error) {
  const outcome r = run_cli(with(seed, {"--native", "--gradient", "central"}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--native"), std::string::npos) << r.err;
}

TEST(cli_minimize, a_step_that_leaves_the_domain_names_the_operation_and_the_point) {
  const outcome r =
      run_cli({"minimize", "log(x) + y^2", "--from", "1,1", "--rate", "2", "--iters", "5"});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("The last step reached (x = -1, y = -3), where log(-1) is nan (at column "
                       "1): log is defined for positive arguments only"),
            std::string::npos)
      << r.err;
  const outcome explained = run_cli(
      {"minimize", "log(x) + y^2", "--from", "1,1", "--rate", "2", "--iters", "5", "--explain"});
  EXPECT_NE(explained.out.find("f = nan\n"), std::string::npos) << explained.out;
}

TEST(cli_minimize, a_start_with_an_infinite_partial_derivative_names_it) {
  const outcome r = run_cli({"minimize", "sqrt(x) + y^2", "--from", "0,1"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err,
            "error: at the start point (x = 0, y = 1), ∂f/∂x is inf: the gradient method needs a "
            "finite gradient to take its first step; start where f is differentiable (--from)\n");
  // x·√x has the derivative 1.5·√x, 0 at 0, though the tape's product rule meets 0·∞ there:
  // the start is not refused for it.
  EXPECT_EQ(
      run_cli({"minimize", "x*sqrt(x)", "--from", "0", "--method", "lbfgs"}).err.find("∂f/∂x is"),
      std::string::npos);
}

TEST(cli_minimize, options_that_would_do_nothing_are_refused_before_the_run) {
  const outcome kind =
      run_cli({"minimize", "x^2 + y^2", "--from", "3,1", "--plot-kind", "contour"});
  EXPECT_EQ(kind.code, 2);
  EXPECT_EQ(kind.err,
            "error: --plot-kind shapes the picture of --plot FILE, which was not given\n");
  EXPECT_EQ(run_cli({"minimize", "x^2 + y^2", "--from", "3,1", "--range", "-1:1,-1:1"}).code, 2);
  const outcome box = run_cli({"minimize", "x^2", "--from", "0.5", "--box", "x=-1:1"});
  EXPECT_EQ(box.code, 2);
  EXPECT_NE(box.err.find("use --bounds"), std::string::npos) << box.err;
  // A kind that cannot draw the formula fails before the table is printed.
  const outcome curve =
      run_cli({"minimize", "x^2 + y^2", "--from", "1,1", "--plot",
               ::testing::TempDir() + "/kobai_never.png", "--plot-kind", "curve"});
  EXPECT_EQ(curve.code, 2);
  EXPECT_EQ(curve.out, "");
  EXPECT_NE(curve.err.find("kind 'curve' draws a function of one variable"), std::string::npos)
      << curve.err;
}

TEST(cli_minimize, a_long_cosine_schedule_climbs_back_after_its_period) {
  const outcome r = run_cli({"minimize", "x^2", "--from", "1", "--rate", "0.1", "--iters", "9",
                             "--schedule", "cosine:period=4", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  // The rate column of step 9 (t − 1 = 8 = 2T) is back at 0.1.
  const std::string last = r.out.substr(r.out.rfind("\n", r.out.size() - 2) + 1);
  EXPECT_EQ(last.substr(last.rfind(',') + 1), "0.1\n") << r.out;
}

// Meyer's search fails at f ≈ 87.9459 where φ' = −5·10⁻⁹ and a central difference at N&W's step
// reads 217, all of it truncation error (x₁ ≈ 0.0056 moved 0.037 beside x₂ ≈ 6181): the exact
// gradient must not be blamed.
TEST(cli_minimize, a_failed_search_near_a_minimum_does_not_blame_the_exact_gradient) {
  const outcome r = run_cli({"minimize", "--problem", "meyer", "--method", "lbfgs", "--gtol",
                             "1e-8", "--format", "json"});
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["status"], "line_search_failed") << r.out;
  const std::string message = j["message"];
  EXPECT_EQ(message.find("likely cause"), std::string::npos) << message;
  EXPECT_EQ(message.find("agrees with finite differences"), std::string::npos) << message;
  EXPECT_NE(message.find("too small to tell apart from f's rounding"), std::string::npos)
      << message;
}

TEST(cli_minimize, a_failed_search_far_from_a_minimum_does_not_suggest_a_larger_gtol) {
  const outcome r = run_cli({"minimize", "--problem", "meyer", "--method", "cg", "--cg-variant",
                             "hz", "--line-search", "armijo", "--format", "json"});
  const std::string message = nlohmann::json::parse(r.out)["message"];
  EXPECT_EQ(message.find("larger gtol"), std::string::npos) << message;
}

TEST(cli_minimize, an_unbounded_run_under_bounds_names_the_open_side) {
  const outcome r = run_cli({"minimize", "x + 2*y", "--from", "0,0", "--bounds", "x=0:,y=:1",
                             "--method", "lbfgs", "--format", "json"});
  const std::string message = nlohmann::json::parse(r.out)["message"];
  EXPECT_EQ(message.find("bounds would give it one"), std::string::npos) << message;
  EXPECT_NE(message.find("along y towards −∞"), std::string::npos) << message;
}

TEST(cli_minimize, validation_messages_name_the_flag) {
  EXPECT_NE(run_cli({"minimize", "x^2", "--from", "1", "--rate", "-0.1"}).err.find("(--rate)"),
            std::string::npos);
  EXPECT_NE(run_cli({"minimize", "x^2", "--from", "1", "--gtol", "-1"}).err.find("(--gtol)"),
            std::string::npos);
  EXPECT_NE(
      run_cli({"minimize", "x^2", "--from", "1", "--time-limit", "0"}).err.find("(--time-limit)"),
      std::string::npos);
}

TEST(cli_minimize, an_infinite_box_side_is_refused_as_not_finite) {
  const outcome r = run_cli({"minimize", "--problem", "rosenbrock", "--starts", "3", "--box",
                             "x1=-inf:2,x2=-2:2", "--method", "lbfgs"});
  EXPECT_NE(r.err.find("both finite"), std::string::npos) << r.err;
}

TEST(cli_minimize, a_start_projected_onto_the_bounds_is_named_as_given) {
  const outcome r =
      run_cli({"minimize", "log(x)+x^2", "--from", "-1", "--method", "lbfgs", "--bounds", "x=0:1"});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("the start x = -1 was outside the bounds"), std::string::npos) << r.err;
}

TEST(cli_minimize, a_dense_method_too_large_for_memory_is_a_usage_error_with_json) {
  const outcome r = run_cli({"minimize", "--problem", "extended_rosenbrock", "--n", "100000",
                             "--method", "bfgs", "--format", "json"});
  EXPECT_EQ(r.code, 2);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_NE(std::string(j["error"]).find("use lbfgs"), std::string::npos) << r.out;
}

TEST(cli_minimize, every_counted_value_of_a_failed_search_is_a_trial_record) {
  const std::string file = ::testing::TempDir() + "msg_trials.jsonl";
  const outcome r = run_cli({"minimize", "--problem", "brown_dennis", "--method", "lbfgs",
                             "--line-search", "armijo", "--format", "json", "--trace", file});
  std::ifstream in(file);
  std::size_t trials = 0;
  for (std::string line; std::getline(in, line);)
    trials += line.find("\"type\":\"trial\"") != std::string::npos;
  EXPECT_EQ(nlohmann::json::parse(r.out)["evaluations"]["value"], trials + 1);
}

}  // namespace
}  // namespace kobai::cli
