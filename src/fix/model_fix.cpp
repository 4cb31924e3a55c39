// A YAML model's fixes: each edit names a scalar (ScalarRef) and bytes of its value. The edits of one
// scalar are made in its value, and the scalar's token is written again in its line, in its own quoting
// style when that style can hold the new value (else double-quoted), so every other byte stays.
#include "fix/model_fix.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>

#include "nos/error.hpp"
#include "util/yaml_file.hpp"

namespace nos::fix {
namespace {

struct Place {
  int line, column;  ///< 0-based, as yaml-cpp marks them
  auto operator<=>(const Place&) const = default;
};

Place place_of(const YAML::Node& n) { return {n.Mark().line, n.Mark().column}; }

/// The model's nodes by where they start: the maps and sequences, and the scalars that are values (a
/// block map starts where its first key does), each scalar with whether it sits in a flow collection.
struct NodeIndex {
  std::map<Place, YAML::Node> containers;
  std::map<Place, std::pair<YAML::Node, bool>> scalars;

  explicit NodeIndex(const YAML::Node& root) { add(root, false); }

  void add(const YAML::Node& n, bool in_flow) {
    if (n.IsScalar()) {
      scalars.emplace(place_of(n), std::pair{n, in_flow});
      return;
    }
    if (!n.IsMap() && !n.IsSequence()) return;
    containers.emplace(place_of(n), n);
    const bool flow = in_flow || n.Style() == YAML::EmitterStyle::Flow;
    for (const auto& child : n) add(n.IsMap() ? child.second : child, flow);
  }

  /// The scalar an edit names, and whether it is in a flow collection; nullopt when there is none.
  std::optional<std::pair<YAML::Node, bool>> find(int line, const ScalarRef& ref) const {
    const Place at{line - 1, ref.column - 1};
    if (ref.key.empty()) {
      auto it = scalars.find(at);
      return it == scalars.end() ? std::nullopt : std::optional(it->second);
    }
    auto it = containers.find(at);
    if (it == containers.end()) return std::nullopt;
    // Copied, not reset(): a key the map lacks gives an invalid node, which reset() throws on.
    const YAML::Node& container = it->second;
    const bool index = container.IsSequence() &&
                       ref.key.find_first_not_of("0123456789") == std::string::npos && ref.key.size() < 9;
    const YAML::Node child = container.IsMap() ? container[ref.key]
                             : index && std::stoul(ref.key) < container.size()
                                 ? container[std::stoul(ref.key)]
                                 : YAML::Node();
    if (!child || !child.IsScalar()) return std::nullopt;
    auto found = scalars.find(place_of(child));
    return found == scalars.end() ? std::nullopt : std::optional(found->second);
  }
};

/// The value a token of YAML holds as a scalar, or nullopt when it is not one scalar.
std::optional<std::string> scalar_of(const std::string& token, bool in_flow) {
  try {
    YAML::Node n = YAML::Load(in_flow ? "[" + token + "]" : token);
    if (in_flow) n.reset(n.IsSequence() && n.size() == 1 ? n[0] : YAML::Node());
    if (!n.IsScalar()) return std::nullopt;
    return n.Scalar();
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
}

/// The end (one past) of the token of the scalar starting at `at`, when it stays on its line: a quoted
/// scalar's closing quote, a plain one's last character before a comment, a flow indicator or the line
/// end. nullopt for block scalars (`|`, `>`) and quoted scalars that run onto another line.
std::optional<std::size_t> token_end(std::string_view bytes, std::size_t at, bool in_flow) {
  const auto line_end = [&](std::size_t i) {
    return i >= bytes.size() || bytes[i] == '\n' || bytes[i] == '\r';
  };
  if (at >= bytes.size() || bytes[at] == '|' || bytes[at] == '>') return std::nullopt;
  if (bytes[at] == '"' || bytes[at] == '\'') {
    const char quote = bytes[at];
    for (std::size_t i = at + 1; !line_end(i); ++i) {
      if (quote == '"' && bytes[i] == '\\') {
        ++i;
      } else if (bytes[i] == quote) {
        if (quote == '\'' && i + 1 < bytes.size() && bytes[i + 1] == '\'') {
          ++i;  // '' is a quote inside a single-quoted scalar
          continue;
        }
        return i + 1;
      }
    }
    return std::nullopt;
  }
  std::size_t end = at;
  for (; !line_end(end); ++end) {
    if (bytes[end] == '#' && end > at && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) break;
    if (in_flow && std::string_view(",]}").find(bytes[end]) != std::string_view::npos) break;
  }
  while (end > at && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) --end;
  return end;
}

/// `value` as a double-quoted scalar, which can hold any string.
std::string double_quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (u < 0x20 || u == 0x7F)
      out += "\\x", out += "0123456789ABCDEF"[u >> 4], out += "0123456789ABCDEF"[u & 15];
    else
      out += c;
  }
  return out + "\"";
}

/// `value` written as a scalar in the style of `old` (plain, single- or double-quoted) when that style
/// reads back as the same string, else double-quoted. A plain scalar that starts like a number or an
/// indicator, or reads as a boolean or null, is quoted: the model's loader would not take it as text.
std::string written(std::string_view value, char old, bool in_flow) {
  std::string token;
  if (old == '\'') {
    token = "'";
    for (char c : value) token += c == '\'' ? "''" : std::string(1, c);
    token += "'";
  } else if (old != '"' && !value.empty() &&
             std::string_view("-?:,[]{}#&*!|>'\"%@`0123456789+.~ ").find(value.front()) ==
                 std::string_view::npos &&
             value != "true" && value != "false" && value != "null" && value != "Null" && value != "NULL") {
    token = value;
  }
  if (!token.empty() && value.find('\n') == std::string_view::npos &&
      scalar_of(token, in_flow) == std::string(value))
    return token;
  return double_quoted(value);
}

/// One scalar to write again: its value's edits, in order.
struct ScalarEdits {
  YAML::Node node;
  bool in_flow = false;
  std::vector<std::pair<const Edit*, const Diagnostic*>> edits;
};

}  // namespace

std::vector<LineEdit> plan_model(std::string_view bytes, const Source& source,
                                 const std::vector<Diagnostic>& diagnostics, bool unsafe,
                                 const Limits& limits, FixResult& result) {
  const YamlFile file(bytes, source.path, ErrorKind::Input, limits.max_yaml_bytes);
  const NodeIndex index(file.root());
  std::vector<std::size_t> line_starts{0};  // the lines as yaml-cpp counts them, its columns being bytes
  for (std::size_t i = 0; i < bytes.size(); ++i)
    if (bytes[i] == '\n') line_starts.push_back(i + 1);
  std::map<std::size_t, ScalarEdits> by_scalar;  // by the token's first byte
  fixes_to_make(diagnostics, unsafe, result, [&](const Edit& e, const Diagnostic& d) {
    if (!e.scalar) return;
    const auto found = index.find(e.line, *e.scalar);
    if (!found) return;  // e.g. a label the model does not write
    const std::string& value = found->first.Scalar();
    const auto from = static_cast<std::size_t>(e.column), to = static_cast<std::size_t>(e.end_column);
    if (from > to || to > value.size() || value.compare(from, to - from, e.before) != 0) return;
    const YAML::Mark mark = found->first.Mark();
    if (static_cast<std::size_t>(mark.line) >= line_starts.size()) return;
    ScalarEdits& s =
        by_scalar[line_starts[static_cast<std::size_t>(mark.line)] + static_cast<std::size_t>(mark.column)];
    s.node.reset(found->first);
    s.in_flow = found->second;
    s.edits.push_back({&e, &d});
  });
  std::vector<LineEdit> out;
  for (auto& [pos, s] : by_scalar) {
    const std::optional<std::size_t> end = token_end(bytes, pos, s.in_flow);
    if (!end) continue;
    const std::string token(bytes.substr(pos, *end - pos));
    const std::string& old = s.node.Scalar();
    if (scalar_of(token, s.in_flow) != old) continue;  // a plain scalar over several lines, and the like
    std::stable_sort(s.edits.begin(), s.edits.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first->column, a.first->end_column) < std::tie(b.first->column, b.first->end_column);
    });
    std::string value;
    LineEdit line;
    line.line = static_cast<std::size_t>(s.node.Mark().line);
    line.from = static_cast<std::size_t>(s.node.Mark().column);
    line.to = line.from + token.size();
    std::size_t at = 0;
    const Edit* last = nullptr;
    for (const auto& [e, d] : s.edits) {
      if (last && *last == *e) {  // the same edit from another finding: made once
        line.by.push_back(d);
        continue;
      }
      if (static_cast<std::size_t>(e->column) < at) continue;  // overlaps an edit already planned
      value.append(old, at, static_cast<std::size_t>(e->column) - at).append(e->after);
      at = static_cast<std::size_t>(e->end_column);
      last = e;
      line.by.push_back(d);
    }
    value.append(old, at);
    line.after = written(value, token.front(), s.in_flow);
    if (scalar_of(line.after, s.in_flow) == value) out.push_back(std::move(line));
  }
  std::sort(out.begin(), out.end(), [](const LineEdit& a, const LineEdit& b) {
    return std::tie(a.line, a.from) < std::tie(b.line, b.from);
  });
  return out;
}

void check_model_written(const std::string& fixed, const Source& source, const std::vector<LineEdit>& edits,
                         const Limits& limits) {
  const YamlFile file(fixed, source.path, ErrorKind::Input, limits.max_yaml_bytes);
  const NodeIndex index(file.root());
  std::size_t line = SIZE_MAX;
  long shift = 0;  // earlier tokens on the line grew or shrank
  for (const LineEdit& e : edits) {
    shift = e.line == line ? shift : 0;
    line = e.line;
    const Place at{static_cast<int>(e.line), static_cast<int>(static_cast<long>(e.from) + shift)};
    auto it = index.scalars.find(at);
    if (it == index.scalars.end() || scalar_of(e.after, it->second.second) != it->second.first.Scalar())
      throw Error(ErrorKind::Output, source.path,
                  "nos fix could not write the fixed value at line " + std::to_string(e.line + 1) +
                      " back as YAML; the file is left as it is");
    shift += static_cast<long>(e.after.size()) - static_cast<long>(e.to - e.from);
  }
}

}  // namespace nos::fix
