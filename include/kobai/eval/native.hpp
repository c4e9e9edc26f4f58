#pragma once
// A formula compiled to machine code: the tape's program (the same lowering, constant folding and
// fusion as compile(), src/eval/tape_lower.hpp) written out as straight-line C++ — the forward
// statements, then the reverse sweep as straight-line adjoint statements — compiled at run time
// by the system C++ compiler into a shared object and loaded with dlopen, the way CasADi's code
// generation and JIT work. There is no dispatch, no slot array and no partials buffer: each
// intermediate is a local the compiler keeps in a register where it can.
//
// The generated code performs the interpreter's operations in the interpreter's order with the
// same roundings (compiled with -ffp-contract=off, never -ffast-math; the functions sigmoid,
// softplus, relu, x^n are defined in the generated prelude exactly as in the interpreter), so
// value(), value_and_gradient() and values() agree with the tape bit for bit, ∞ included, and are
// NaN where the tape gives NaN (the sign of a NaN, which IEEE 754 leaves open, may differ).
//
// Compiled objects are cached under $XDG_CACHE_HOME/kobai (else ~/.cache/kobai, else the temporary
// directory), keyed by a hash of the source, the compiler and its flags: compiling a formula a
// second time costs only the dlopen. Unlike tape, a native_tape holds no scratch memory, so one
// object may be evaluated from several threads at once.
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kobai/expr/expr.hpp"

namespace kobai {

/// Where the native backend finds its compiler and keeps its objects.
struct native_options {
  /// The C++ compiler to run; empty: $KOBAI_CXX if set, else the compiler kobai was built with.
  std::string compiler;
  /// Where compiled objects are kept; empty: $XDG_CACHE_HOME/kobai, else $HOME/.cache/kobai,
  /// else (when that is not writable) kobai-cache-UID under the temporary directory. The
  /// objects are loaded and run, so the directory must be writable by this user alone
  /// (compile_failed otherwise).
  std::string cache_directory;
};

class native_tape {
 public:
  /// The variables in argument order: variables[i] is x[i] in value(x).
  const std::vector<std::string>& variables() const noexcept { return variables_; }
  std::size_t dimension() const noexcept { return variables_.size(); }

  /// f(x). x.size() must equal dimension() (usage_error otherwise).
  double value(std::span<const double> x) const;
  /// f(x), and ∇f(x) written into g (g.size() == dimension()): one forward and one reverse sweep.
  double value_and_gradient(std::span<const double> x, std::span<double> g) const;
  /// f at many points, laid out as for tape::values(): out[i] = f(point i).
  void values(std::span<const double> points, std::span<double> out) const;

  /// True when the shared object was found in the cache and no compiler ran.
  bool from_cache() const noexcept { return from_cache_; }
  /// The shared object's path.
  const std::string& library_path() const noexcept { return path_; }

  /// The loaded shared object (internal): closed when the last copy of the tape goes away.
  struct library;

 private:
  friend struct native_access;
  std::vector<std::string> variables_;
  std::shared_ptr<const library> library_;
  double (*value_)(const double*) = nullptr;
  double (*gradient_)(const double*, double*) = nullptr;
  void (*values_)(const double*, double*, std::size_t) = nullptr;
  std::string path_;
  bool from_cache_ = false;
};

/// Why a formula has no native code. These are conditions of the environment, not misuse.
enum class native_failure {
  none,
  no_compiler,     ///< the compiler is not an executable file
  compile_failed,  ///< the compiler ran and failed (its first lines of output are in the reason)
  load_failed,     ///< dlopen or dlsym refused the object
  too_large,       ///< beyond max_native_instructions: the compile would take minutes
};

/// The result of compile_native(): the tape, or why there is none.
struct native_compilation {
  std::optional<native_tape> tape;
  native_failure failure = native_failure::none;
  std::string reason;  ///< a sentence for the user when tape is empty
  /// Seconds spent generating, compiling (0 when cached) and loading.
  double seconds = 0;
  explicit operator bool() const noexcept { return tape.has_value(); }
};

/// The largest program compile_native() accepts: at 10⁴ instructions g++ -O2 already takes
/// seconds, and every intermediate of the gradient lives on the stack.
inline constexpr std::size_t max_native_instructions = 200000;

/// Compiles `e` over `variables` (in that order) to native code. Throws usage_error for a
/// duplicate or missing variable, as compile() does; everything else is reported in the result.
native_compilation compile_native(expr e, std::vector<std::string> variables,
                                  const native_options& options = {});
/// Over the variables of `e` in natural order.
native_compilation compile_native(expr e, const native_options& options = {});

/// The result of compile_native_all(): one tape per formula, or why there are none.
struct native_batch {
  std::vector<native_tape> tapes;
  native_failure failure = native_failure::none;
  std::string reason;
  double seconds = 0;
  explicit operator bool() const noexcept { return failure == native_failure::none; }
};

/// Compiles several formulas over the same variables with one run of the compiler, into one
/// shared object that their tapes share. Throws usage_error as compile_native() does.
native_batch compile_native_all(std::span<const expr> formulas, std::vector<std::string> variables,
                                const native_options& options = {});

/// The C++ source compile_native() compiles for `e` (for inspection and tests).
std::string native_source(expr e, const std::vector<std::string>& variables);

}  // namespace kobai
