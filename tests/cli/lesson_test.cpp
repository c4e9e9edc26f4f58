// The lesson kinds on the command line (kobai plot --kind sections|partials|tangent-plane) and
// kobai lesson.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli.hpp"
#include "run_cli.hpp"

namespace kobai::cli {
namespace {

namespace fs = std::filesystem;

using test::result;
using test::run_cli;

fs::path scratch(const std::string& name) {
  const auto dir = fs::path(testing::TempDir()) / "kobai_cli_lesson";
  fs::create_directories(dir);
  fs::remove_all(dir / name);
  return dir / name;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(cli_lesson_kinds, each_kind_draws_at_the_point_given_by_at) {
  for (const std::string kind : {"sections", "partials", "tangent-plane"}) {
    const std::string file = scratch(kind + ".png").string();
    const result r = run_cli({"plot", "x^2 + y^2", "--kind", kind, "--at", "-2,2", "--size",
                              "320x240", "--view", "20,-40", "-o", file});
    EXPECT_EQ(r.code, 0) << kind << ": " << r.err;
    EXPECT_EQ(r.out, "wrote " + file + "\n");
    EXPECT_TRUE(fs::exists(file));
  }
}

TEST(cli_lesson_kinds, surface_and_wrt_are_checked) {
  const std::string file = scratch("p.png").string();
  EXPECT_EQ(
      run_cli({"plot", "x^2 + y^2", "--kind", "sections", "--surface", "none", "-o", file}).code,
      0);
  EXPECT_EQ(run_cli({"plot", "x^2 + y^2", "--kind", "partials", "--wrt", "x,y", "-o", file}).code,
            0);
  const result bad =
      run_cli({"plot", "x^2 + y^2", "--kind", "sections", "--surface", "glass", "-o", file});
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.err, "error: --surface 'glass' is not none, wire or shaded\n");
  const result wrt = run_cli({"plot", "x^2 + y^2", "--kind", "partials", "--wrt", "z", "-o", file});
  EXPECT_EQ(wrt.code, 2);
  EXPECT_NE(wrt.err.find("'z'"), std::string::npos) << wrt.err;
}

TEST(cli_lesson_kinds, three_variables_take_a_slice_and_the_point) {
  const std::string file = scratch("slice.png").string();
  const result r = run_cli({"plot", "x^2 + y^2 + w^2", "--kind", "tangent-plane", "--slice", "x,y",
                            "--at", "x=1,y=1,w=2", "-o", file});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("slice with w = 2"), std::string::npos) << r.out;
}

TEST(cli_lesson_kinds, one_variable_is_a_usage_error_naming_curve_and_steps) {
  const result r =
      run_cli({"plot", "x^2", "--kind", "partials", "-o", scratch("one.png").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("use curve or steps"), std::string::npos) << r.err;
}

TEST(cli_lesson_kinds, a_tangent_plane_where_f_is_undefined_exits_2_naming_the_point) {
  const result r = run_cli({"plot", "sqrt(x) + y^2", "--kind", "tangent-plane", "--at", "-1,0",
                            "-o", scratch("undefined.png").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "error: f is not defined at the point (-1, 0)\n");
}

// √x + y² is defined at (0, 1) (it is 1); only ∂f/∂x is not: the error says that, not that f is
// undefined.
TEST(cli_lesson_kinds, a_tangent_plane_where_only_a_slope_is_undefined_says_so) {
  const result r = run_cli({"plot", "sqrt(x) + y^2", "--kind", "tangent-plane", "--at", "0,1", "-o",
                            scratch("no_slope.png").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.find("error: f has no tangent plane at the point (0, 1): "), 0u) << r.err;
  EXPECT_EQ(r.err.find("not defined"), std::string::npos) << r.err;
}

TEST(cli_lesson_kinds, a_lesson_from_any_method_quotes_its_own_arithmetic) {
  const fs::path dir = scratch("adam");
  const result r = run_cli({"minimize", "x^2 + y^2", "--from", "-2,2", "--method", "adam", "--rate",
                            "0.3", "--iters", "5", "--plot", dir.string(), "--plot-kind", "lesson",
                            "--size", "160x120"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(read(dir / "index.md").find("m_x = β₁ × m_x + (1 − β₁) × ∂f/∂x"), std::string::npos);
}

TEST(cli_lesson_kinds, a_point_outside_the_range_extends_it_and_says_so) {
  const std::string file = scratch("out.png").string();
  const result r = run_cli({"plot", "x^2 + y^2", "--kind", "sections", "--range", "-1:1,-1:1",
                            "--at", "3,0", "-o", file});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("note: the point (3, 0) lies outside the given range"), std::string::npos)
      << r.out;
}

std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

const std::vector<std::string> seed_files = {
    "01-surface.png",   "02-sections.png",  "03-start.png",  "04-start-sections.png",
    "05-partial-x.png", "06-partial-y.png", "07-step-1.png", "08-step-2.png",
    "09-step-3.png",    "10-step-20.png",   "index.md"};

TEST(cli_lesson, the_seed_example_writes_the_numbered_figures_and_index_in_order) {
  const fs::path dir = scratch("seed");
  const result r = run_cli({"lesson", "x^2 + y^2", "--from", "-2,2", "--rate", "0.1", "--iters",
                            "20", "--size", "320x240", "-o", dir.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(listing(dir), seed_files);
  // Reported in order, index.md last.
  std::string expected;
  for (const auto& f : seed_files) expected += "wrote " + (dir / f).string() + "\n";
  EXPECT_EQ(r.out, expected);
  // index.md lists the figures in that order.
  const std::string index = read(dir / "index.md");
  std::size_t at = 0;
  for (std::size_t i = 0; i + 1 < seed_files.size(); ++i) {
    const std::size_t found = index.find("(" + seed_files[i] + ")", at);
    ASSERT_NE(found, std::string::npos) << seed_files[i];
    at = found;
  }
}

TEST(cli_lesson, index_quotes_the_worked_arithmetic_exactly_as_minimize_explain_prints_it) {
  const fs::path dir = scratch("arith");
  ASSERT_EQ(run_cli({"lesson", "x^2 + y^2", "--from", "-2,2", "--rate", "0.1", "--iters", "20",
                     "--size", "160x120", "-o", dir.string()})
                .code,
            0);
  const std::string index = read(dir / "index.md");
  // The seed page's first update, with the characters --explain prints.
  EXPECT_NE(index.find("−2 − 0.1 × (−4) = −1.6"), std::string::npos) << index;
  const result explain = run_cli({"minimize", "x^2 + y^2", "--from", "-2,2", "--rate", "0.1",
                                  "--iters", "20", "--explain", "3"});
  ASSERT_EQ(explain.code, 0) << explain.err;
  // Each of the three worked steps of --explain appears verbatim, under the step's figure.
  for (int k = 1; k <= 3; ++k) {
    const std::string heading = "step " + std::to_string(k) + " from";
    const std::size_t from = explain.out.find(heading);
    ASSERT_NE(from, std::string::npos);
    const std::size_t to = explain.out.find("new point", from);
    const std::string block = explain.out.substr(from, explain.out.find('\n', to) - from);
    const std::size_t in_index = index.find(block);
    EXPECT_NE(in_index, std::string::npos) << block;
    EXPECT_GT(in_index, index.find("step-" + std::to_string(k) + ".png"));
  }
  EXPECT_NE(index.find("step 20 from (x, y) = (−0.02882303762, 0.02882303762):"),
            std::string::npos);
}

TEST(cli_lesson, a_run_that_diverged_says_so_in_the_index_and_on_the_terminal) {
  const fs::path dir = scratch("diverged");
  const result r = run_cli({"lesson", "x^2 + y^2", "--from", "-2,2", "--rate", "5", "--iters", "50",
                            "-o", dir.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string said = "the run stopped after 4 of 50 steps with status diverged";
  EXPECT_NE(read(dir / "index.md").find(said), std::string::npos) << read(dir / "index.md");
  EXPECT_NE(r.out.find("note: " + said), std::string::npos) << r.out;
  const fs::path calm = scratch("calm");
  ASSERT_EQ(
      run_cli({"lesson", "x^2 + y^2", "--from", "-2,2", "--iters", "5", "-o", calm.string()}).code,
      0);
  EXPECT_EQ(read(calm / "index.md").find("the run "), std::string::npos);
  // x³ has no lower bound: the overshoot at rate 1 runs down it, and the index names that status.
  const fs::path fall = scratch("unbounded");
  ASSERT_EQ(run_cli({"lesson", "x^3 + y^2", "--from", "1,1", "--rate", "1", "--iters", "20", "-o",
                     fall.string()})
                .code,
            0);
  EXPECT_NE(read(fall / "index.md")
                .find("the run stopped after 5 of 20 steps with status unbounded, so the figures "
                      "end there: f fell from 2 to"),
            std::string::npos)
      << read(fall / "index.md");
}

TEST(cli_lesson, a_folder_that_is_not_empty_is_refused_unless_force) {
  const fs::path dir = scratch("full");
  fs::create_directories(dir);
  std::ofstream(dir / "notes.txt") << "mine";
  const std::vector<std::string> args = {"lesson", "x^2 + y^2", "--from",  "-2,2", "--iters",
                                         "3",      "--size",    "160x120", "-o",   dir.string()};
  const result refused = run_cli(args);
  EXPECT_EQ(refused.code, 2);
  EXPECT_EQ(refused.err, "error: the folder '" + dir.string() +
                             "' is not empty: choose a new folder, or add --force to write into "
                             "it\n");
  EXPECT_FALSE(fs::exists(dir / "index.md"));
  std::vector<std::string> forced = args;
  forced.push_back("--force");
  const result r = run_cli(forced);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "index.md"));
  EXPECT_EQ(read(dir / "notes.txt"), "mine");
}

TEST(cli_lesson, an_unwritable_folder_exits_2_naming_it) {
  const fs::path file = scratch("a_file");
  std::ofstream(file) << "x";
  const result under_file = run_cli(
      {"lesson", "x^2 + y^2", "--from", "-2,2", "--iters", "2", "-o", (file / "lesson").string()});
  EXPECT_EQ(under_file.code, 2);
  EXPECT_EQ(under_file.err, "error: cannot write '" + (file / "lesson").string() + "'\n");
  const result is_file =
      run_cli({"lesson", "x^2 + y^2", "--from", "-2,2", "--iters", "2", "-o", file.string()});
  EXPECT_EQ(is_file.code, 2);
  EXPECT_EQ(is_file.err, "error: '" + file.string() + "' exists and is not a folder\n");
}

TEST(cli_lesson, one_variable_exits_2_naming_curve_and_steps) {
  const result r = run_cli({"lesson", "x^2", "--from", "3", "-o", scratch("one").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("curve or steps"), std::string::npos) << r.err;
}

TEST(cli_lesson, minimize_plot_kind_lesson_and_plot_kind_lesson_write_the_same_folder) {
  const fs::path a = scratch("from_minimize"), b = scratch("from_trace");
  const fs::path t = scratch("run.jsonl");
  const result m = run_cli({"minimize", "x^2 + y^2", "--from", "-2,2", "--rate", "0.1", "--iters",
                            "20", "--trace", t.string(), "--plot", a.string(), "--plot-kind",
                            "lesson", "--size", "160x120"});
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_EQ(listing(a), seed_files);
  const result p = run_cli({"plot", "x^2 + y^2", "--kind", "lesson", "--trace", t.string(),
                            "--size", "160x120", "-o", b.string()});
  ASSERT_EQ(p.code, 0) << p.err;
  EXPECT_EQ(read(a / "index.md"), read(b / "index.md"));
  EXPECT_NE(read(b / "index.md").find("−2 − 0.1 × (−4) = −1.6"), std::string::npos);
  const result no_trace =
      run_cli({"plot", "x^2 + y^2", "--kind", "lesson", "-o", scratch("none").string()});
  EXPECT_EQ(no_trace.code, 2);
  EXPECT_NE(no_trace.err.find("--trace"), std::string::npos) << no_trace.err;
}

}  // namespace
}  // namespace kobai::cli
