#include "kobai/expr/parse.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>

#include "kobai/error.hpp"
#include "messages.hpp"

namespace kobai {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_ident_char(char c) {
  return is_ident_start(c) || is_digit(c);
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Decodes one UTF-8 sequence at `s[i]`; returns the code point and sets `length`. Invalid bytes
// decode as themselves with length 1.
unsigned decode_utf8(std::string_view s, std::size_t i, std::size_t& length) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : 0;
  unsigned cp = extra == 3 ? b0 & 0x07u : extra == 2 ? b0 & 0x0Fu : extra == 1 ? b0 & 0x1Fu : b0;
  length = 1;
  for (int k = 1; k <= extra; ++k) {
    if (i + static_cast<std::size_t>(k) >= s.size()) return b0;
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0u) != 0x80u) return b0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  length = static_cast<std::size_t>(extra) + 1;
  return cp;
}

// What to type instead of a non-ASCII character that learners often paste (a Japanese input
// method produces full-width forms; typeset formulas carry −, ×, ², α).
std::string ascii_hint(unsigned cp) {
  if (cp == 0x2212 || cp == 0x2013 || cp == 0x2014) return "use '-' for minus";
  if (cp == 0x00D7 || cp == 0x00B7 || cp == 0x22C5 || cp == 0x2219) return "use '*' to multiply";
  if (cp == 0x00F7) return "use '/' to divide";
  if (cp == 0x00B2) return "use '^2' for a square";
  if (cp == 0x00B3) return "use '^3' for a cube";
  if (cp == 0x03C0) return "write pi for π";
  if (cp >= 0x03B1 && cp <= 0x03C9) return "write Greek letters by name, as in alpha";
  if (cp == 0x3000) return "use an ASCII space";
  if (cp >= 0xFF01 && cp <= 0xFF5E)  // full-width ASCII forms map to ASCII by 0xFEE0
    return fmt::format("use the ASCII character '{}'", static_cast<char>(cp - 0xFEE0));
  return {};
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The nearest known function name, or empty when nothing is close.
std::string suggest_function(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> aliases[] = {
      {"ln", "log"},    {"arcsin", "asin"},  {"arccos", "acos"},     {"arctan", "atan"},
      {"power", "pow"}, {"absolute", "abs"}, {"logistic", "sigmoid"}};
  for (auto [alias, real] : aliases)
    if (name == alias) return std::string(real);
  std::string best;
  std::size_t best_d = 3;
  std::string_view all = function_names();
  while (!all.empty()) {
    const std::size_t sp = all.find(' ');
    const std::string_view candidate = all.substr(0, sp);
    const std::size_t d = edit_distance(name, candidate);
    if (d < best_d && d < name.size()) {
      best_d = d;
      best = candidate;
    }
    all = sp == std::string_view::npos ? std::string_view{} : all.substr(sp + 1);
  }
  return best;
}

int expected_arity(op o) {
  return arity(o);
}

enum class item_kind { binary, negate, open_paren, open_call };

struct stack_item {
  item_kind kind;
  op o;
  std::size_t offset;     // of the operator, or of the function's name for a call
  int arguments = 0;      // commas seen, for calls
  std::size_t paren = 0;  // of the '(' that opened a group, which an unclosed group points at
};

int precedence(const stack_item& s) {
  if (s.kind == item_kind::negate) return 3;
  switch (s.o) {
    case op::add:
    case op::sub:
      return 1;
    case op::mul:
    case op::div:
      return 2;
    default:
      return 4;  // pow
  }
}

class parser {
 public:
  parser(std::string_view text, const parse_limits& limits) : text_(text), limits_(limits) {}

  formula run() {
    if (text_.size() > limits_.max_length)
      throw parse_error(messages::too_long(text_.size(), limits_.max_length), std::string(text_), 0,
                        1, 1);
    while (true) {
      skip_space();
      if (pos_ >= text_.size()) break;
      if (expect_operand_)
        read_operand();
      else
        read_operator();
    }
    if (expect_operand_) {
      if (out_.empty() && ops_.empty()) fail(messages::empty_formula(), 0);
      fail(messages::unexpected_end(messages::expected_operand), text_.size());
    }
    while (!ops_.empty()) {
      if (ops_.back().kind == item_kind::open_paren || ops_.back().kind == item_kind::open_call)
        fail(messages::unclosed_parenthesis(where(ops_.back().paren)), ops_.back().paren);
      reduce();
    }
    return formula(out_.back(), std::string(text_), std::move(offsets_));
  }

 private:
  enum class last { none, number, name, close, other };

  [[noreturn]] void fail(const std::string& message, std::size_t offset) const {
    const text_position p = position_of(text_, offset);
    throw parse_error(message, std::string(text_), offset, p.line, p.column);
  }
  std::string where(std::size_t offset) const {
    const text_position p = position_of(text_, offset);
    return messages::where(p.line, p.column);
  }
  // The token at `offset` quoted for a message: a name or number whole, else one character.
  std::string token_at(std::size_t offset) const {
    std::size_t end = offset;
    if (is_ident_char(text_[offset]) || text_[offset] == '.') {
      while (end < text_.size() && (is_ident_char(text_[end]) || text_[end] == '.')) ++end;
    } else {
      std::size_t len = 1;
      decode_utf8(text_, offset, len);
      end = offset + len;
    }
    return fmt::format("'{}'", text_.substr(offset, end - offset));
  }

  void skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }

  expr note(expr e, std::size_t offset) {
    offsets_.emplace(e.id(), offset);
    return e;
  }

  void check_ascii(std::size_t offset) const {
    if (static_cast<unsigned char>(text_[offset]) < 0x80) return;
    std::size_t len = 1;
    const unsigned cp = decode_utf8(text_, offset, len);
    fail(messages::non_ascii(text_.substr(offset, len), cp, where(offset), ascii_hint(cp)), offset);
  }

  void open_group(item_kind kind, op o, std::size_t offset, std::size_t paren) {
    if (++nesting_ > limits_.max_nesting)
      fail(messages::too_deep(limits_.max_nesting, where(paren)), paren);
    ops_.push_back({kind, o, offset, 0, paren});
  }

  void read_operand() {
    const std::size_t start = pos_;
    const char c = text_[pos_];
    check_ascii(pos_);
    if (is_digit(c) || (c == '.' && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1]))) {
      out_.push_back(note(expr::constant(read_number()), start));
      expect_operand_ = false;
      last_ = last::number;
      return;
    }
    if (is_ident_start(c)) {
      read_name();
      return;
    }
    if (c == '(') {
      ++pos_;
      open_group(item_kind::open_paren, op::add, start, start);
      last_ = last::other;
      return;
    }
    if (c == '-' || c == '+') {
      ++pos_;
      if (c == '-') ops_.push_back({item_kind::negate, op::neg, start, 0});
      last_ = last::other;
      return;
    }
    if (c == ')' && !ops_.empty() && ops_.back().kind == item_kind::open_call &&
        ops_.back().arguments == 0 && last_ == last::other) {
      const op f = ops_.back().o;
      fail(messages::wrong_argument_count(function_label(f), expected_arity(f), 0,
                                          where(ops_.back().offset)),
           ops_.back().offset);
    }
    fail(messages::unexpected(token_at(start), where(start), messages::expected_operand), start);
  }

  static std::string_view function_label(op f) { return op_name(f) == "^" ? "pow" : op_name(f); }

  double read_number() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      std::size_t k = pos_ + 1;
      if (k < text_.size() && (text_[k] == '+' || text_[k] == '-')) ++k;
      // Only digits make an exponent: "2e" alone is 2 times the constant e.
      if (k < text_.size() && is_digit(text_[k])) {
        pos_ = k;
        while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
      }
    }
    const std::string_view literal = text_.substr(start, pos_ - start);
    double value = 0;
    const auto [ptr, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
    if (ec == std::errc::result_out_of_range) {
      // from_chars reports underflow the same way; a tiny number reads as zero.
      const bool underflow = literal.find("e-") != std::string_view::npos ||
                             literal.find("E-") != std::string_view::npos;
      if (!underflow) fail(messages::number_overflow(literal, where(start)), start);
      value = 0.0;
    } else if (ec != std::errc() || ptr != literal.data() + literal.size()) {
      fail(messages::unexpected(token_at(start), where(start), messages::expected_operand), start);
    }
    return value;
  }

  void read_name() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && is_ident_char(text_[pos_])) ++pos_;
    if (pos_ < text_.size() && static_cast<unsigned char>(text_[pos_]) >= 0x80) check_ascii(pos_);
    std::string name(text_.substr(start, pos_ - start));
    std::size_t after = pos_;
    while (after < text_.size() && is_space(text_[after])) ++after;
    const bool call = after < text_.size() && text_[after] == '(';

    if (auto f = function_by_name(name)) {
      if (!call) fail(messages::function_needs_parentheses(name, where(start)), start);
      pos_ = after + 1;
      open_group(item_kind::open_call, *f, start, after);
      last_ = last::other;
      return;
    }
    if (call) {
      if (name == "pi" || name == "e") fail(messages::not_a_function(name, where(start)), start);
      fail(messages::unknown_function(name, where(start), suggest_function(name)), start);
    }
    expr leaf;
    if (name == "pi") {
      leaf = expr::pi();
    } else if (name == "e") {
      leaf = expr::euler();
    } else {
      if (pos_ < text_.size() && text_[pos_] == '[') name += read_index();
      leaf = expr::variable(name);
    }
    out_.push_back(note(leaf, start));
    expect_operand_ = false;
    last_ = last::name;
  }

  // Reads "[ 12 ]" after a name and returns its normal spelling "[12]".
  std::string read_index() {
    const std::size_t open = pos_++;
    skip_space();
    const std::size_t digits = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    std::string_view number = text_.substr(digits, pos_ - digits);
    skip_space();
    if (number.empty() || pos_ >= text_.size() || text_[pos_] != ']' || number.size() > 9)
      fail(messages::bad_index(where(open)), open);
    ++pos_;
    while (number.size() > 1 && number.front() == '0') number.remove_prefix(1);
    return fmt::format("[{}]", number);
  }

  void read_operator() {
    const std::size_t start = pos_;
    const char c = text_[pos_];
    check_ascii(pos_);
    switch (c) {
      case '+':
        ++pos_;
        return push_binary(op::add, start);
      case '-':
        ++pos_;
        return push_binary(op::sub, start);
      case '/':
        ++pos_;
        return push_binary(op::div, start);
      case '^':
        ++pos_;
        return push_binary(op::pow, start);
      case '*':
        ++pos_;
        if (pos_ < text_.size() && text_[pos_] == '*') {
          ++pos_;
          return push_binary(op::pow, start);
        }
        return push_binary(op::mul, start);
      case ')':
        return close_group(start);
      case ',':
        return next_argument(start);
      default:
        break;
    }
    // Implicit multiplication: after a number, before a name, number-less paren; and ")(".
    const bool starts_operand = is_ident_start(c) || c == '(' || is_digit(c) || c == '.';
    const bool allowed = (last_ == last::number && (is_ident_start(c) || c == '(')) ||
                         (last_ == last::close && c == '(');
    if (allowed) return push_binary(op::mul, start);
    if (starts_operand) fail(messages::implicit_product(token_at(start), where(start)), start);
    fail(messages::unexpected(token_at(start), where(start), messages::expected_operator), start);
  }

  void push_binary(op o, std::size_t offset) {
    const stack_item incoming{item_kind::binary, o, offset, 0};
    const int p = precedence(incoming);
    while (!ops_.empty() &&
           (ops_.back().kind == item_kind::binary || ops_.back().kind == item_kind::negate)) {
      const int q = precedence(ops_.back());
      if (q > p || (q == p && o != op::pow)) {
        reduce();
      } else {
        break;
      }
    }
    ops_.push_back(incoming);
    expect_operand_ = true;
    last_ = last::other;
  }

  // Applies the operator on top of the stack to the operands on top of the output.
  void reduce() {
    const stack_item s = ops_.back();
    ops_.pop_back();
    if (s.kind == item_kind::negate) {
      const expr a = out_.back();
      out_.back() = note(expr::unary(op::neg, a), s.offset);
      return;
    }
    const expr b = out_.back();
    out_.pop_back();
    const expr a = out_.back();
    out_.back() = note(expr::binary(s.o, a, b), s.offset);
  }

  void reduce_to_group(std::size_t offset, bool comma) {
    while (!ops_.empty() && ops_.back().kind != item_kind::open_paren &&
           ops_.back().kind != item_kind::open_call)
      reduce();
    if (ops_.empty())
      fail(comma ? messages::comma_outside_call(where(offset))
                 : messages::unmatched_parenthesis(where(offset)),
           offset);
  }

  void close_group(std::size_t offset) {
    reduce_to_group(offset, false);
    ++pos_;
    stack_item group = ops_.back();
    ops_.pop_back();
    --nesting_;
    if (group.kind == item_kind::open_call) {
      const int got = group.arguments + 1;
      const int want = expected_arity(group.o);
      if (got != want)
        fail(
            messages::wrong_argument_count(function_label(group.o), want, got, where(group.offset)),
            group.offset);
      if (want == 1) {
        out_.back() = note(expr::unary(group.o, out_.back()), group.offset);
      } else {
        const expr b = out_.back();
        out_.pop_back();
        out_.back() = note(expr::binary(group.o, out_.back(), b), group.offset);
      }
    }
    expect_operand_ = false;
    last_ = last::close;
  }

  void next_argument(std::size_t offset) {
    reduce_to_group(offset, true);
    if (ops_.back().kind != item_kind::open_call)
      fail(messages::comma_outside_call(where(offset)), offset);
    ++ops_.back().arguments;
    if (ops_.back().arguments >= expected_arity(ops_.back().o)) {
      // Count every argument before reporting, so the message says how many were given.
      int got = ops_.back().arguments + 1;
      std::size_t depth = 0;
      for (std::size_t k = pos_ + 1; k < text_.size(); ++k) {
        const char ch = text_[k];
        if (ch == '(') ++depth;
        if (ch == ')') {
          if (depth == 0) break;
          --depth;
        }
        if (ch == ',' && depth == 0) ++got;
      }
      fail(messages::wrong_argument_count(function_label(ops_.back().o),
                                          expected_arity(ops_.back().o), got,
                                          where(ops_.back().offset)),
           ops_.back().offset);
    }
    ++pos_;
    expect_operand_ = true;
    last_ = last::other;
  }

  std::string_view text_;
  parse_limits limits_;
  std::size_t pos_ = 0;
  std::size_t nesting_ = 0;
  bool expect_operand_ = true;
  last last_ = last::none;
  std::vector<expr> out_;
  std::vector<stack_item> ops_;
  std::unordered_map<std::uint32_t, std::size_t> offsets_;
};

}  // namespace

formula parse(std::string_view text, const parse_limits& limits) {
  return parser(text, limits).run();
}

std::optional<std::size_t> formula::offset_of(expr node) const {
  if (auto it = offsets_.find(node.id()); it != offsets_.end()) return it->second;
  return std::nullopt;
}

text_position position_of(std::string_view text, std::size_t offset) {
  text_position p{1, 1};
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((b & 0xC0u) != 0x80u) {  // count characters, not UTF-8 continuation bytes
      ++p.column;
    }
  }
  return p;
}

std::string caret_excerpt(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  const std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  std::size_t line_end = text.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = text.size();
  const std::size_t column = position_of(text, offset).column;
  return fmt::format("  {}\n  {}^", text.substr(line_start, line_end - line_start),
                     std::string(column - 1, ' '));
}

}  // namespace kobai
