#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli.hpp"
#include "kobai/error.hpp"
#include "kobai/expr/parse.hpp"
#include "plot_options.hpp"
#include "run_cli.hpp"

namespace kobai::cli {
namespace {

using test::result;
using test::run_cli;

std::string scratch(const std::string& name) {
  const auto dir = std::filesystem::path(testing::TempDir()) / "kobai_cli_plot";
  std::filesystem::create_directories(dir);
  std::filesystem::remove(dir / name);
  return (dir / name).string();
}

TEST(cli_plot, draws_the_tangent_figure_and_says_where) {
  const std::string file = scratch("tangent.png");
  const result r = run_cli(
      {"plot", "x^2", "--kind", "curve", "--tangent-at", "3", "--size", "320x240", "-o", file});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote " + file + "\n");
  EXPECT_TRUE(std::filesystem::exists(file));
}

TEST(cli_plot, a_tangent_point_where_f_overflows_exits_2_naming_the_point) {
  // About 1e200, x² is infinite everywhere but at 0: the picture was one sample and no note.
  const std::string file = scratch("far_tangent.png");
  const result r = run_cli({"plot", "x^2", "--tangent-at", "1e200", "-o", file});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("tangent point x = 1e+200: f overflows there"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(file));
  // A point so large that the range about it overflows is refused the same way.
  const result far = run_cli({"plot", "x", "--tangent-at", "1e308", "-o", file});
  EXPECT_EQ(far.code, 2);
  EXPECT_NE(far.err.find("tangent point x = 1e+308: the range about it, 0 .. inf, overflows"),
            std::string::npos)
      << far.err;
}

TEST(cli_plot, a_range_where_f_overflows_everywhere_exits_2_naming_it_and_writes_nothing) {
  // x² over ±1e300 is finite at 0 alone: the picture was blank axes 0..1 and "wrote".
  const std::string file = scratch("overflowing_range.png");
  const result curve = run_cli({"plot", "x^2", "--range", "-1e300:1e300", "-o", file});
  EXPECT_EQ(curve.code, 2);
  EXPECT_EQ(curve.out, "");
  EXPECT_NE(curve.err.find("f has nothing to draw on x = -1e+300..1e+300"), std::string::npos)
      << curve.err;
  for (const char* kind : {"contour", "wireframe"}) {
    const result r =
        run_cli({"plot", "x^2 + y^2", "--kind", kind, "--range", "-1e300:1e300,-1:1", "-o", file});
    EXPECT_EQ(r.code, 2) << kind;
    EXPECT_NE(r.err.find("f has nothing to draw on x = -1e+300..1e+300, y = -1..1"),
              std::string::npos)
        << kind << ": " << r.err;
  }
  // x³ is finite over ±1e103, but its values span ±1.76e308, a width that overflows.
  const result span = run_cli({"plot", "x^3", "--range", "-1e103:1e103", "-o", file});
  EXPECT_EQ(span.code, 2);
  EXPECT_NE(span.err.find("a span that overflows"), std::string::npos) << span.err;
  EXPECT_FALSE(std::filesystem::exists(file));
  // Half the range undefined is still a picture.
  EXPECT_EQ(run_cli({"plot", "sqrt(x)", "--range", "-3:3", "-o", file}).code, 0);
}

TEST(cli_plot, contour_takes_ranges_by_name_and_the_field) {
  const std::string file = scratch("field.svg");
  const result r = run_cli({"plot", "x^2 + y^2", "--kind", "contour", "--field", "--range",
                            "y=-1:1,x=-2:2", "--size", "300x200", "-o", file});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(file));
}

TEST(cli_plot, unknown_kind_exits_2_listing_the_kinds) {
  const result r = run_cli({"plot", "x^2", "--kind", "pie", "-o", scratch("pie.png")});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "error: unknown kind 'pie'; the kinds are curve, contour, wireframe, surface, steps, "
            "convergence, compare, sections, partials, tangent-plane, lesson\n");
}

TEST(cli_plot, contour_of_one_variable_exits_2) {
  const result r = run_cli({"plot", "x^2", "--kind", "contour", "-o", scratch("c.png")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("use curve or steps"), std::string::npos);
}

TEST(cli_plot, bad_sizes_exit_2) {
  for (const char* size : {"0x600", "100000x100000", "big"}) {
    const result r = run_cli({"plot", "x^2", "--size", size, "-o", scratch("s.png")});
    EXPECT_EQ(r.code, 2) << size;
    EXPECT_NE(r.err.find("size"), std::string::npos) << size;
  }
}

TEST(cli_plot, size_is_width_by_height_around_x_or_the_times_sign) {
  for (const char* size : {"320x240", "320X240", " 320 x 240 ", "320×240", "320\t×\t240"}) {
    plot_arguments a;
    a.size = size;
    const plot_options o = make_plot_options(a, plot_kind::contour, {"x", "y"});
    EXPECT_EQ(o.width, 320) << size;
    EXPECT_EQ(o.height, 240) << size;
  }
  for (const char* size : {"", "320", "320x", "x240", "320x240x1", "320 240", "320*240", "-320x240",
                           "1234567890x240", "320x2.5", "320x240 px"}) {
    plot_arguments a;
    a.size = size;
    EXPECT_THROW(make_plot_options(a, plot_kind::contour, {"x", "y"}), usage_error) << size;
  }
}

TEST(cli_plot, at_by_name_may_give_only_the_variables_not_plotted) {
  // The help says --at gives "values of the variables not plotted": naming only those is enough.
  plot_arguments a;
  a.slice = "x,y";
  a.at = "z=1";
  const plot_options o = make_plot_options(a, plot_kind::contour, {"x", "y", "z"});
  ASSERT_EQ(o.fixed.size(), 3u);
  EXPECT_TRUE(std::isnan(o.fixed[0]));
  EXPECT_TRUE(std::isnan(o.fixed[1]));
  EXPECT_EQ(o.fixed[2], 1);
  const std::vector<std::vector<std::string>> commands = {
      {"plot", "x^2+y^2+z^2", "--kind", "contour", "--slice", "x,y", "--at", "z=1"},
      {"plot", "x^2+y^2+z^2", "--kind", "wireframe", "--slice", "y,z", "--at", "x=2"},
      {"plot", "x^2+y^2+z^2", "--kind", "sections", "--slice", "y,z", "--at", "x=2"}};
  for (std::vector<std::string> args : commands) {
    args.insert(args.end(), {"--size", "240x180", "-o", scratch("slice_at.png")});
    const result r = run_cli(args);
    EXPECT_EQ(r.code, 0) << args[3] << ": " << r.err;
    EXPECT_NE(r.out.find("note: slice with " + args[7].substr(0, 1) + " = "), std::string::npos)
        << r.out;
  }
  const result m =
      run_cli({"minimize", "x^2+y^2+z^2", "--from", "1,1,1", "--plot", scratch("slice_min.png"),
               "--plot-kind", "contour", "--slice", "x,z", "--at", "y=2", "--size", "240x180"});
  EXPECT_EQ(m.code, 0) << m.err;
  EXPECT_NE(m.out.find("note: slice with y = 2"), std::string::npos) << m.out;
}

TEST(cli_plot, at_must_still_give_every_variable_not_plotted_and_positionally_all) {
  const auto code_of = [](const std::string& at) {
    return run_cli({"plot", "x^2+y^2+z^2+w^2", "--kind", "contour", "--slice", "x,y", "--at", at,
                    "-o", scratch("slice_bad.png")});
  };
  const result missing = code_of("z=1");
  EXPECT_EQ(missing.code, 2);
  EXPECT_EQ(missing.err, "error: no value given for variable 'w'\n");
  EXPECT_EQ(code_of("1,2").code, 2);  // positional: one value per variable, in order
  const result unknown = code_of("q=1");
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("w, x, y, z"), std::string::npos) << unknown.err;
}

TEST(cli_plot, unwritable_path_and_unknown_extension_exit_2) {
  const result a = run_cli({"plot", "x^2", "-o", "/nonexistent-dir/a.png"});
  EXPECT_EQ(a.code, 2);
  EXPECT_EQ(a.err,
            "error: cannot write '/nonexistent-dir/a.png': the folder '/nonexistent-dir' does not "
            "exist\n");
  const result b = run_cli({"plot", "x^2", "-o", scratch("a.jpg")});
  EXPECT_EQ(b.code, 2);
  EXPECT_NE(b.err.find(".png, .svg, .pdf or .gif"), std::string::npos);
}

TEST(cli_plot, bad_range_and_view_exit_2) {
  EXPECT_EQ(
      run_cli({"plot", "x^2+y^2", "--kind", "contour", "--range", "x=3:1", "-o", scratch("r.png")})
          .code,
      2);
  EXPECT_EQ(
      run_cli({"plot", "x^2+y^2", "--kind", "wireframe", "--view", "30", "-o", scratch("v.png")})
          .code,
      2);
}

TEST(cli_plot, draws_a_trace_file_written_by_minimize) {
  const std::string trace_file = scratch("seed.jsonl");
  {
    std::ofstream t(trace_file);
    t << R"({"type":"header","kobai":"0.1.0","formula":"x^2 + y^2","variables":["x","y"],)"
         R"("method":"gd","options":{"rate":0.1}})"
      << '\n'
      << R"({"type":"iteration","k":0,"x":[-2,2],"f":8,"g":[-4,4],"gradient_norm":4,)"
         R"("step_length":0,"rate":0,"state":{}})"
      << '\n'
      << R"({"type":"iteration","k":1,"x":[-1.6,1.6],"f":5.12,"g":[-3.2,3.2],)"
         R"("gradient_norm":3.2,"step_length":0.565685424949238,"rate":0.1,"state":{}})"
      << '\n'
      << R"({"type":"iteration","k":2,"x":[-1.28,1.28],"f":null,"g":[-2.56,2.56],)"
         R"("gradient_norm":2.56,"step_length":0.45254833995939,"rate":0.1,"state":{}})"
      << '\n'
      << R"({"type":"result","status":"max_iterations","iterations":2,"message":"done"})" << '\n';
  }
  const std::string gif = scratch("seed.gif");
  const result r = run_cli({"plot", "x^2 + y^2", "--kind", "wireframe", "--trace", trace_file,
                            "--size", "200x150", "-o", gif});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote " + gif + " (3 frames)\n");
}

TEST(cli_plot, a_trace_over_other_variables_exits_2_and_one_of_another_formula_is_noted) {
  const std::string ab = scratch("ab.jsonl"), xy = scratch("xy.jsonl");
  ASSERT_EQ(run_cli({"minimize", "a^2+b^2", "--from", "1,1", "--iters", "3", "--trace", ab}).code,
            0);
  ASSERT_EQ(run_cli({"minimize", "x^2+y^2", "--from", "1,1", "--iters", "3", "--trace", xy}).code,
            0);
  const std::string file = scratch("other_formula.png");
  const result other_vars =
      run_cli({"plot", "x^2 + 3*y^2", "--kind", "contour", "--trace", ab, "-o", file});
  EXPECT_EQ(other_vars.code, 2);
  EXPECT_EQ(other_vars.err, "error: trace '" + ab +
                                "' was recorded over the variables (a, b), but the plot's are, in "
                                "order, (x, y); draw it over the formula it was recorded from\n");
  EXPECT_FALSE(std::filesystem::exists(file));
  const result other_formula = run_cli(
      {"plot", "x^2 + 3*y^2", "--kind", "contour", "--size", "240x180", "--trace", xy, "-o", file});
  EXPECT_EQ(other_formula.code, 0) << other_formula.err;
  EXPECT_EQ(other_formula.err, "note: trace '" + xy +
                                   "' was recorded from f = x^2+y^2, not f = x^2 + 3*y^2; its "
                                   "path is drawn over the formula given\n");
  // The same formula written with other spacing is the same formula: no note.
  const result same = run_cli(
      {"plot", "x^2 + y^2", "--kind", "contour", "--size", "240x180", "--trace", xy, "-o", file});
  EXPECT_EQ(same.code, 0) << same.err;
  EXPECT_EQ(same.err, "");
}

TEST(cli_plot, kind_compare_takes_overlay_or_panels_as_kobai_compare_does) {
  const std::string run = scratch("race_run.jsonl");
  ASSERT_EQ(
      run_cli({"minimize", "x^2/20+y^2", "--from", "-7,2", "--iters", "5", "--trace", run}).code,
      0);
  const std::string file = scratch("race_layout.png");
  const auto plot = [&](std::vector<std::string> layout) {
    std::vector<std::string> args = {"plot",    "x^2/20+y^2", "--kind", "compare", "--trace", run,
                                     "--trace", run,          "--size", "240x180", "-o",      file};
    args.insert(args.end(), layout.begin(), layout.end());
    return run_cli(args);
  };
  EXPECT_EQ(plot({}).code, 0);
  EXPECT_EQ(plot({"--overlay"}).code, 0) << plot({"--overlay"}).err;
  EXPECT_EQ(plot({"--panels"}).code, 0);
  const result both = plot({"--overlay", "--panels"});
  EXPECT_EQ(both.code, 2);
  EXPECT_NE(both.err.find("excludes"), std::string::npos) << both.err;
  // The same pair after minimize --plot.
  const result m = run_cli({"minimize", "x^2+y^2", "--from", "1,1", "--iters", "3", "--plot", file,
                            "--plot-kind", "compare", "--overlay", "--panels"});
  EXPECT_EQ(m.code, 2);
  // The layout each gives: one plot unless --panels.
  plot_arguments a;
  EXPECT_FALSE(make_plot_options(a, plot_kind::compare, {"x", "y"}).panels);
  a.overlay = true;
  EXPECT_FALSE(make_plot_options(a, plot_kind::compare, {"x", "y"}).panels);
  a = {};
  a.panels = true;
  EXPECT_TRUE(make_plot_options(a, plot_kind::compare, {"x", "y"}).panels);
}

TEST(cli_plot, a_file_that_is_not_a_trace_exits_2) {
  const std::string bad = scratch("bad.jsonl");
  std::ofstream(bad) << "not json\n";
  const result r = run_cli({"plot", "x^2", "--trace", bad, "-o", scratch("t.png")});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "error: '" + bad + "' line 1 is not a kobai trace record\n");
  EXPECT_EQ(
      run_cli({"plot", "x^2", "--trace", scratch("missing.jsonl"), "-o", scratch("t.png")}).code,
      2);
}

TEST(cli_plot, a_trace_field_of_the_wrong_type_names_its_line_and_exits_2) {
  const std::string header = R"({"type":"header","variables":["x","y"]})";
  const std::string iteration = R"({"type":"iteration","k":0,"x":[1,2],"f":5})";
  const std::vector<std::pair<std::string, std::size_t>> cases = {
      {header + "\n" + R"({"type":"iteration","k":"zero","x":[1,2],"f":5})", 2},
      {header + "\n" + R"({"type":"iteration","k":-1,"x":[1,2],"f":5})", 2},
      {R"({"type":"header","formula":5,"variables":["x","y"]})"
       "\n" +
           iteration,
       1},
      {R"({"type":"header","method":[1],"variables":["x","y"]})"
       "\n" +
           iteration,
       1},
      {header + "\n" + iteration + "\n" + R"({"type":"trial","k":"one","alpha":1})", 3}};
  for (const auto& [text, line] : cases) {
    const std::string file = scratch("typed.jsonl");
    std::ofstream(file) << text << "\n";
    const result r = run_cli({"plot", "x^2 + y^2", "--trace", file, "-o", scratch("t.png")});
    EXPECT_EQ(r.code, 2) << text;
    EXPECT_EQ(r.err, "error: '" + file + "' line " + std::to_string(line) +
                         " is not a kobai trace record\n")
        << text;
  }
}

TEST(cli_compare, a_kind_the_formula_cannot_draw_fails_before_any_method_runs) {
  const result r =
      run_cli({"compare", "x^2", "--from", "1", "--methods", "gd,adam", "-o", scratch("c1.png")});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("kind 'compare' draws a function of two or more variables"),
            std::string::npos)
      << r.err;
}

TEST(cli_compare, one_iteration_is_not_iterations) {
  const result r = run_cli(
      {"compare", "x^2 + y^2", "--from", "1,1", "--methods", "newton", "-o", scratch("c_one.png")});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find(" after 1 iteration ("), std::string::npos) << r.out;
}

TEST(cli_compare, a_start_outside_the_domain_names_the_operation_as_minimize_does) {
  const result r = run_cli(
      {"compare", "log(x)+y^2", "--from", "-7,2", "--methods", "gd", "-o", scratch("c2.png")});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("log(-7) is nan (at column 1)"), std::string::npos) << r.err;
}

TEST(cli_compare, races_the_books_four_methods_in_panels) {
  const std::string file = scratch("race.png");
  const result r = run_cli({"compare", "x^2/20 + y^2", "--from", "-7,2", "--methods",
                            "gd:rate=0.95,momentum:rate=0.1,adagrad:rate=1.5,adam:rate=0.3",
                            "--size", "400x300", "-o", file});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("gd:rate=0.95: f = "), std::string::npos);
  EXPECT_NE(r.out.find("adam:rate=0.3: f = "), std::string::npos);
  EXPECT_NE(r.out.find("wrote " + file), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(file));
}

TEST(cli_compare, method_options_follow_their_method) {
  const result r = run_cli({"compare", "x^2 + y^2", "--from", "1,1", "--methods",
                            "momentum:rate=0.1,mu=0.5,gd:rate=0.2", "--iters", "5", "--overlay",
                            "--size", "300x200", "-o", scratch("two.svg")});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("momentum:rate=0.1,mu=0.5: f = "), std::string::npos);
}

// newton-ls names its globalization, as `kobai minimize --method newton-ls` does: an option may
// repeat it but not turn it into a trust region behind the legend's back.
TEST(cli_compare, a_globalization_that_contradicts_the_newton_method_is_a_usage_error) {
  const result bad = run_cli({"compare", "x^2 + y^2", "--from", "1,1", "--methods",
                              "gd,newton-ls:globalization=trust-region", "-o", scratch("g.png")});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("globalization=trust-region contradicts newton-ls, which chooses its own"),
            std::string::npos)
      << bad.err;
  for (const std::string methods :
       {"gd,newton-ls:globalization=line-search", "gd,newton:globalization=line-search"}) {
    const result ok = run_cli({"compare", "x^2 + y^2", "--from", "1,1", "--methods", methods,
                               "--size", "300x200", "-o", scratch("g.png")});
    EXPECT_EQ(ok.code, 0) << methods << ": " << ok.err;
  }
}

TEST(cli_compare, an_unknown_option_lists_the_options_of_its_method) {
  const result r = run_cli({"compare", "x^2 + y^2", "--from", "1,1", "--methods",
                            "gd,lbfgs:rate=0.1", "-o", scratch("o.png")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(
      r.err.find("'rate' is not an option of 'lbfgs:rate=0.1' (its options: memory (m), scaling, "
                 "line_search (ls), ls.c1, ls.c2, ls.xtol, ls.min_step, ls.max_step, "
                 "ls.max_evaluations)"),
      std::string::npos)
      << r.err;
}

TEST(cli_compare, overlay_and_panels_exclude_each_other) {
  const result both = run_cli({"compare", "x^2 + y^2", "--from", "1,1", "--methods", "gd:rate=0.1",
                               "--overlay", "--panels", "-o", scratch("both.png")});
  EXPECT_EQ(both.code, 2);
  EXPECT_NE(both.err.find("excludes"), std::string::npos) << both.err;
  const result panels =
      run_cli({"compare", "x^2 + y^2", "--from", "1,1", "--methods", "gd:rate=0.1", "--panels",
               "--size", "300x200", "-o", scratch("panels.png")});
  EXPECT_EQ(panels.code, 0) << panels.err;
  const result help = run_cli({"compare", "--help"});
  EXPECT_NE(help.out.find("the default; excludes --overlay"), std::string::npos) << help.out;
}

TEST(cli_plot, loop_counts_plays_and_no_loop_excludes_it) {
  const std::string trace_file = scratch("loop.jsonl");
  ASSERT_EQ(
      run_cli({"minimize", "x^2 + y^2", "--from", "1,1", "--iters", "3", "--trace", trace_file})
          .code,
      0);
  const std::string file = scratch("loop.gif");
  const result r = run_cli({"plot", "x^2 + y^2", "--kind", "contour", "--trace", trace_file,
                            "--loop", "3", "--size", "160x120", "-o", file});
  EXPECT_EQ(r.code, 0) << r.err;
  // NETSCAPE2.0, sub-block 1, loop count 2 (little-endian): three plays.
  const std::string bytes = [&] {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }();
  EXPECT_NE(bytes.find(std::string("NETSCAPE2.0\x03\x01\x02\x00", 15)), std::string::npos);
  const result both = run_cli({"plot", "x^2 + y^2", "--kind", "contour", "--trace", trace_file,
                               "--loop", "3", "--no-loop", "-o", file});
  EXPECT_EQ(both.code, 2);
  const result bad = run_cli({"plot", "x^2 + y^2", "--kind", "contour", "--trace", trace_file,
                              "--loop", "-2", "-o", file});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("loop"), std::string::npos) << bad.err;
}

TEST(cli_plot, filled_contour_draws) {
  const std::string file = scratch("filled.png");
  const result r = run_cli(
      {"plot", "x^2 + y^2", "--kind", "contour", "--filled", "--size", "200x150", "-o", file});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(file));
}

// A run stopped early: the minimum marked is the one it was heading for, not its last point.
TEST(cli_plot, the_minimum_marked_is_the_one_the_run_heads_for) {
  trace t;
  t.variables = {"x", "y"};
  for (int k = 0; k < 3; ++k) {
    iteration_record it;
    it.x = Eigen::Vector2d(-2 * std::pow(0.8, k), 2 * std::pow(0.8, k));
    t.iterations.push_back(it);
  }
  const formula f = parse("(x - 1)^2 + y^2");
  for (auto& it : t.iterations) it.f = f.evaluate({{"x", it.x[0]}, {"y", it.x[1]}});
  const std::vector<double> m = nearby_minimum(f.root(), std::span(&t, 1), {"x", "y"});
  ASSERT_EQ(m.size(), 2u);
  EXPECT_NEAR(m[0], 1, 1e-8);
  EXPECT_NEAR(m[1], 0, 1e-8);
  // Unbounded below: nothing to mark.
  const formula cubic = parse("x^3 + y^2");
  for (auto& it : t.iterations) it.f = cubic.evaluate({{"x", it.x[0]}, {"y", it.x[1]}});
  EXPECT_TRUE(nearby_minimum(cubic.root(), std::span(&t, 1), {"x", "y"}).empty());
}

// minimize --plot and compare refuse the same bad pictures as plot, with the same messages.
TEST(cli_plot, minimize_and_compare_refuse_bad_pictures_with_exit_2) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"minimize", "x^2+y^2", "--from", "1,1", "--iters", "3", "--plot", scratch("a.jpg")},
       "use a .png, .svg, .pdf or .gif file name"},
      {{"minimize", "x^2+y^2", "--from", "1,1", "--iters", "3", "--plot", scratch("a.png"),
        "--plot-kind", "pie"},
       "unknown kind 'pie'"},
      {{"minimize", "x^2", "--from", "1", "--iters", "3", "--plot", scratch("a.png"), "--plot-kind",
        "contour"},
       "use curve or steps"},
      {{"minimize", "x^2+y^2", "--from", "1,1", "--iters", "3", "--plot", "/nonexistent-dir/a.png"},
       "cannot write '/nonexistent-dir/a.png'"},
      {{"minimize", "x^2+y^2", "--from", "1,1", "--iters", "3", "--plot", scratch("a.png"),
        "--size", "0x0"},
       "size 0x0 is out of range"},
      {{"compare", "x^2+y^2", "--from", "1,1", "--methods", "gd:rate=0.1", "--size",
        "100000x100000", "-o", scratch("a.png")},
       "size 100000x100000 is out of range"},
      // compare draws only the kinds compare and convergence, so it names the one that fits.
      {{"compare", "x^2", "--from", "1", "--methods", "gd:rate=0.1", "-o", scratch("a.png")},
       "use --kind convergence"},
  };
  for (const auto& [args, message] : cases) {
    const result r = run_cli(args);
    EXPECT_EQ(r.code, 2) << args.front() << " " << message;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
}

TEST(cli_compare, an_option_the_method_lacks_exits_2) {
  const result r = run_cli({"compare", "x^2 + y^2", "--from", "1,1", "--methods",
                            "gd:rate=0.1,mu=0.9", "-o", scratch("x.png")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("'mu' is not an option of 'gd:rate=0.1,mu=0.9'"), std::string::npos);
}

}  // namespace
}  // namespace kobai::cli
