#include "cli.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <new>
#include <ostream>
#include <stdexcept>

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

// CLI11 reads an argument that starts with '-' as an option, so "-x^2" is never the formula. On a
// parse error, the first argument that looks like a formula with a leading minus (a letter or '('
// after the '-', as no number does) gets a hint on how to pass it.
const std::string* leading_minus_formula(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a.size() < 2 || a[0] != '-') continue;
    const char c = a[1];
    const bool formula_start = std::isalpha(static_cast<unsigned char>(c)) || c == '(';
    // A short option such as -o is a letter alone; a formula has more after it.
    if (formula_start && a.size() > 2) return &a;
  }
  return nullptr;
}

// The arguments no option or positional took, in the order typed, from whichever command
// (the tool or its subcommand) kept them.
std::vector<std::string> unexpected_arguments(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands())
    if (!sub->remaining().empty()) return sub->remaining();
  return app.remaining();
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
    // CLI11 lists unexpected arguments last to first; name them in the order they were typed.
    const std::vector<std::string> extras = unexpected_arguments(app);
    err << messages::error_line(dynamic_cast<const CLI::ExtrasError*>(&e) && !extras.empty()
                                    ? messages::unexpected_arguments(extras, selected_command(app))
                                    : std::string(e.what()));
    if (const std::string* formula = leading_minus_formula(args)) {
      err << messages::leading_minus_hint(*formula);
    }
    err << messages::usage_hint(selected_command(app));
    return exit_usage;
  }

  return run_action(action, err);
}

int run_action(const std::function<void()>& action, std::ostream& err) {
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
  } catch (const std::bad_alloc&) {
    // An allocation no option check foresaw ends with a message, not with std::terminate.
    err << messages::error_line(messages::out_of_memory());
    return exit_failure;
  } catch (const std::exception& e) {
    err << messages::error_line(messages::unexpected_failure(e.what()));
    return exit_failure;
  }
}

CLI::Validator any_count() {
  return count_in(0, std::numeric_limits<std::size_t>::max());
}

CLI::Validator count_in(std::size_t lo, std::size_t hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        const bool digits =
            !text.empty() && text.size() <= 19 &&
            std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        if (digits) {
          const std::size_t v = std::stoull(text);
          if (v >= lo && v <= hi) return {};
        }
        return messages::not_a_count(text, lo, hi);
      },
      "");
}

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args(argv + std::min(argc, 1), argv + argc);
  return run(args, out, err);
}

}  // namespace kobai::cli
