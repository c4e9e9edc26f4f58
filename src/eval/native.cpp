// Compiling, caching and loading native tapes (see include/kobai/eval/native.hpp).
#include "kobai/eval/native.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <system_error>

#include "kobai/error.hpp"
#include "messages.hpp"
#include "native_source.hpp"

extern char** environ;

#ifndef KOBAI_NATIVE_CXX
#define KOBAI_NATIVE_CXX "c++"
#endif

namespace kobai {

namespace fs = std::filesystem;

struct native_tape::library {
  void* handle = nullptr;
  library() = default;
  library(const library&) = delete;
  library& operator=(const library&) = delete;
  ~library() {
    if (handle != nullptr) dlclose(handle);
  }
};

struct native_access {
  static native_tape make(std::vector<std::string> variables,
                          std::shared_ptr<const native_tape::library> lib, void* value,
                          void* gradient, void* values, std::string path, bool cached) {
    native_tape t;
    t.variables_ = std::move(variables);
    t.library_ = std::move(lib);
    // dlsym returns object pointers; POSIX guarantees they convert to function pointers.
    t.value_ = reinterpret_cast<double (*)(const double*)>(value);
    t.gradient_ = reinterpret_cast<double (*)(const double*, double*)>(gradient);
    t.values_ = reinterpret_cast<void (*)(const double*, double*, std::size_t)>(values);
    t.path_ = std::move(path);
    t.from_cache_ = cached;
    return t;
  }
};

double native_tape::value(std::span<const double> x) const {
  if (x.size() != variables_.size())
    throw usage_error(messages::dimension_mismatch(x.size(), variables_.size()));
  return value_(x.data());
}

double native_tape::value_and_gradient(std::span<const double> x, std::span<double> g) const {
  if (x.size() != variables_.size())
    throw usage_error(messages::dimension_mismatch(x.size(), variables_.size()));
  if (g.size() != variables_.size())
    throw usage_error(messages::dimension_mismatch(g.size(), variables_.size()));
  return gradient_(x.data(), g.data());
}

void native_tape::values(std::span<const double> points, std::span<double> out) const {
  const std::size_t n = variables_.size();
  if (points.size() != out.size() * n)
    throw usage_error(messages::dimension_mismatch(points.size(), out.size() * n));
  values_(points.data(), out.data(), out.size());
}

namespace {

// -O2 as the project's own code; -ffp-contract=off so that no a·b + c becomes a fused
// multiply-add with one rounding fewer than the interpreter's. Above big_source steps g++ -O2
// spends most of its time in passes that gain nothing on straight-line code, so -O1.
constexpr std::size_t big_source = 4000;
constexpr std::string_view common_flags[] = {"-std=c++17", "-fPIC", "-shared", "-ffp-contract=off"};

std::string_view optimization(std::size_t steps) {
  return steps > big_source ? "-O1" : "-O2";
}

// FNV-1a, 64 bits: stable across runs and platforms, unlike std::hash.
std::uint64_t fnv1a(std::uint64_t h, std::string_view s) {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

// The compiler as an executable path: as given when it names a path, else found on PATH.
std::optional<std::string> find_compiler(const std::string& name) {
  const auto executable = [](const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
  };
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) {
    if (executable(name)) return name;
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/bin:/bin";
  while (!dirs.empty()) {
    const std::size_t colon = dirs.find(':');
    const std::string_view dir = dirs.substr(0, colon);
    const std::string candidate = std::string(dir.empty() ? "." : dir) + "/" + name;
    if (executable(candidate)) return candidate;
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  return std::nullopt;
}

std::string chosen_compiler(const native_options& options) {
  if (!options.compiler.empty()) return options.compiler;
  if (const char* env = std::getenv("KOBAI_CXX"); env != nullptr && *env != '\0') return env;
  return KOBAI_NATIVE_CXX;
}

// A directory this user alone can write to: the objects in it are loaded and run, so a
// directory that others could write to would run their code.
bool private_directory(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  struct stat st {};
  return ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid() &&
         (st.st_mode & (S_IWGRP | S_IWOTH)) == 0 && ::access(dir.c_str(), W_OK) == 0;
}

// The cache: as given, else $XDG_CACHE_HOME/kobai, else $HOME/.cache/kobai; when that cannot be
// created or written (a read-only home in a sandbox), a directory of this user's own under the
// temporary directory, created with mode 0700.
std::optional<fs::path> cache_directory(const native_options& options) {
  if (!options.cache_directory.empty()) {
    if (private_directory(options.cache_directory)) return fs::path(options.cache_directory);
    return std::nullopt;
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
    if (private_directory(fs::path(xdg) / "kobai")) return fs::path(xdg) / "kobai";
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    if (private_directory(fs::path(home) / ".cache" / "kobai"))
      return fs::path(home) / ".cache" / "kobai";
  }
  std::error_code ec;
  const fs::path temp =
      fs::temp_directory_path(ec) / fmt::format("kobai-cache-{}", static_cast<long>(::geteuid()));
  ::mkdir(temp.c_str(), 0700);
  if (private_directory(temp)) return temp;
  return std::nullopt;
}

// A name no other process or thread uses at the same time, for files renamed into place.
std::string unique_suffix() {
  static std::atomic<unsigned> counter{0};
  return fmt::format("{}-{}", ::getpid(), counter.fetch_add(1));
}

struct run_result {
  int exit_code = -1;
  std::string output;
};

// Runs argv[0] with its output in `log`; returns its exit code (−1 if it could not start or was
// killed) and the first lines of its output.
run_result run(const std::vector<std::string>& argv, const fs::path& log) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  run_result r;
  if (spawned != 0) {
    r.output = std::strerror(spawned);
    return r;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  std::ifstream in(log);
  std::string line;
  for (int lines = 0; lines < 12 && std::getline(in, line); ++lines) r.output += line + "\n";
  return r;
}

native_batch failed(native_failure why, std::string reason) {
  native_batch c;
  c.failure = why;
  c.reason = std::move(reason);
  return c;
}

}  // namespace

native_batch compile_native_all(std::span<const expr> formulas, std::vector<std::string> variables,
                                const native_options& options) {
  const auto start = std::chrono::steady_clock::now();
  const detail::native_program program = detail::native_program_of(formulas, variables);
  if (program.steps > max_native_instructions)
    return failed(native_failure::too_large,
                  messages::native_too_large(program.steps, max_native_instructions));

  const std::string requested = chosen_compiler(options);
  const std::optional<std::string> compiler = find_compiler(requested);
  if (!compiler)
    return failed(native_failure::no_compiler, messages::native_no_compiler(requested));

  std::vector<std::string> argv{*compiler, std::string(optimization(program.steps))};
  for (const std::string_view f : common_flags) argv.emplace_back(f);
  // The key: the source, the compiler (its path, size and time, so that an upgrade recompiles)
  // and the flags.
  std::uint64_t key = fnv1a(0xcbf29ce484222325ull, program.source);
  struct stat st {};
  ::stat(compiler->c_str(), &st);
  key = fnv1a(key, fmt::format("\n{}\n{}\n{}\n", *compiler, st.st_size, st.st_mtime));
  for (const std::string& a : argv) key = fnv1a(key, a + "\n");

  const std::optional<fs::path> cache = cache_directory(options);
  if (!cache)
    return failed(native_failure::compile_failed,
                  messages::native_no_cache(options.cache_directory));
  const fs::path& dir = *cache;
  std::error_code ec;
  const fs::path object = dir / fmt::format("kobai-{:016x}.so", key);
  bool cached = fs::exists(object, ec);
  if (!cached) {
    const std::string suffix = unique_suffix();
    const fs::path source = dir / fmt::format("kobai-{:016x}-{}.cpp", key, suffix);
    const fs::path built = dir / fmt::format("kobai-{:016x}-{}.so", key, suffix);
    const fs::path log = dir / fmt::format("kobai-{:016x}-{}.log", key, suffix);
    {
      std::ofstream out(source, std::ios::binary);
      out << program.source;
      if (!out.flush()) {
        const std::string why = std::strerror(errno);
        fs::remove(source, ec);
        return failed(native_failure::compile_failed,
                      messages::native_cannot_write(dir.string(), why));
      }
    }
    // libm by name, so that the object loads into a program that does not link it.
    argv.insert(argv.end(), {"-o", built.string(), source.string(), "-lm"});
    const run_result r = run(argv, log);
    fs::remove(source, ec);
    fs::remove(log, ec);
    if (r.exit_code != 0) {
      fs::remove(built, ec);
      return failed(native_failure::compile_failed,
                    messages::native_compile_failed(*compiler, r.exit_code, r.output));
    }
    // Atomic: a concurrent reader sees the whole object or none.
    fs::rename(built, object, ec);
    if (ec) {
      fs::remove(built, ec);
      return failed(native_failure::compile_failed,
                    messages::native_cannot_write(dir.string(), ec.message()));
    }
  }

  auto lib = std::make_shared<native_tape::library>();
  lib->handle = dlopen(object.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (lib->handle == nullptr)
    return failed(native_failure::load_failed,
                  messages::native_load_failed(object.string(), dlerror()));
  native_batch c;
  for (std::size_t k = 0; k < formulas.size(); ++k) {
    dlerror();
    void* value = dlsym(lib->handle, fmt::format("kobai_value_{}", k).c_str());
    void* gradient = dlsym(lib->handle, fmt::format("kobai_value_and_gradient_{}", k).c_str());
    void* values = dlsym(lib->handle, fmt::format("kobai_values_{}", k).c_str());
    if (value == nullptr || gradient == nullptr || values == nullptr) {
      const char* why = dlerror();
      return failed(native_failure::load_failed,
                    messages::native_load_failed(object.string(), why != nullptr ? why : ""));
    }
    c.tapes.push_back(
        native_access::make(variables, lib, value, gradient, values, object.string(), cached));
  }
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return c;
}

native_compilation compile_native(expr e, std::vector<std::string> variables,
                                  const native_options& options) {
  native_batch b = compile_native_all(std::span<const expr>(&e, 1), std::move(variables), options);
  native_compilation c;
  c.failure = b.failure;
  c.reason = std::move(b.reason);
  c.seconds = b.seconds;
  if (b) c.tape = std::move(b.tapes.front());
  return c;
}

native_compilation compile_native(expr e, const native_options& options) {
  return compile_native(e, variables(e), options);
}

}  // namespace kobai
