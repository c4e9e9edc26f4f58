#pragma once
// The kobai command line. Every command is a function of its parsed options and two streams, so
// the whole command line runs in-process in tests.
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace kobai::cli {

/// Exit codes.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;    ///< out of memory, or a failure no check foresaw
inline constexpr int exit_usage = 2;      ///< bad arguments or a formula that does not parse
inline constexpr int exit_numerical = 3;  ///< a result that is not a finite number

/// Where a command writes.
struct streams {
  std::ostream& out;
  std::ostream& err;
};

/// Registers a subcommand; `action` runs when it is selected. Commands throw kobai::usage_error,
/// kobai::parse_error or kobai::numerical_error; run() maps them to exit codes.
using command_registration =
    std::function<void(CLI::App& app, streams io, std::function<void()>& action)>;

/// A count option's check: a whole number in [lo, hi], written without a sign. CLI11 reads "-1"
/// into an unsigned option as 2⁶⁴ − 1, so the text is checked before it is converted.
CLI::Validator count_in(std::size_t lo, std::size_t hi);
/// Any count a std::size_t holds.
CLI::Validator any_count();

/// Runs a selected command's action and maps what it throws to an exit code and a message.
int run_action(const std::function<void()>& action, std::ostream& err);

/// Runs the command line with `args` (without the program name).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

// One function per command, each in its own file.
void add_eval(CLI::App& app, streams io, std::function<void()>& action);
void add_parse(CLI::App& app, streams io, std::function<void()>& action);
void add_problems(CLI::App& app, streams io, std::function<void()>& action);
void add_grad(CLI::App& app, streams io, std::function<void()>& action);
void add_hessian(CLI::App& app, streams io, std::function<void()>& action);
void add_plot(CLI::App& app, streams io, std::function<void()>& action);
void add_compare(CLI::App& app, streams io, std::function<void()>& action);
void add_diff(CLI::App& app, streams io, std::function<void()>& action);
void add_tangent(CLI::App& app, streams io, std::function<void()>& action);
void add_minimize(CLI::App& app, streams io, std::function<void()>& action);
void add_lesson(CLI::App& app, streams io, std::function<void()>& action);

}  // namespace kobai::cli
