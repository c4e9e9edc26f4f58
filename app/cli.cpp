#include "cli.hpp"

#include <algorithm>
#include <ostream>

#include "kobai/error.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/version.hpp"
#include "messages.hpp"

namespace kobai::cli {
namespace {

// Every command the tool has, in the order `kobai --help` lists them.
const std::vector<void (*)(CLI::App&, streams, std::function<void()>&)>& commands() {
  static const std::vector<void (*)(CLI::App&, streams, std::function<void()>&)> all = {
      add_eval,     add_parse,   add_diff, add_tangent, add_grad,    add_hessian,
      add_minimize, add_compare, add_plot, add_lesson,  add_problems};
  return all;
}

void print_parse_error(const parse_error& e, std::ostream& err) {
  err << messages::error_line(e.what());
  err << caret_excerpt(e.source(), e.offset()) << '\n';
}

std::string selected_command(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) return sub->get_name();
  return {};
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{std::string(messages::app_description), "kobai"};
  app.set_version_flag("--version", std::string(kobai::version));
  app.require_subcommand(1);
  app.fallthrough(false);
  std::function<void()> action;
  const streams io{out, err};
  for (auto add : commands()) add(app, io, action);

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion&) {
    out << kobai::version << '\n';
    return exit_ok;
  } catch (const CLI::ParseError& e) {
    err << messages::error_line(e.what());
    err << messages::usage_hint(selected_command(app));
    return exit_usage;
  }

  try {
    if (action) action();
    return exit_ok;
  } catch (const parse_error& e) {
    print_parse_error(e, err);
    return exit_usage;
  } catch (const usage_error& e) {
    err << messages::error_line(e.what());
    return exit_usage;
  } catch (const numerical_error& e) {
    err << messages::error_line(e.what());
    return exit_numerical;
  }
}

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args(argv + std::min(argc, 1), argv + argc);
  return run(args, out, err);
}

}  // namespace kobai::cli
