// Parses arbitrary bytes; whatever parses must print, re-parse to the same node, and evaluate.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kobai/error.hpp"
#include "kobai/expr/evaluate.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/expr/print.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  kobai::formula f;
  try {
    f = kobai::parse(text);
  } catch (const kobai::parse_error&) {
    return 0;
  }
  const std::string printed = kobai::to_string(f.root());
  if (kobai::parse(printed).root() != f.root()) std::abort();  // printing must round-trip
  (void)kobai::to_latex(f.root());
  kobai::assignment at;
  for (const std::string& v : f.variables()) at[v] = 0.5;
  (void)kobai::evaluate(f.root(), at);
  return 0;
}
