#include "util/yaml_file.hpp"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <map>

#include "util/suggest.hpp"
#include "util/text.hpp"

namespace nos {
namespace {

enum class Expanded { Within, TooLarge, TooDeep };

// Adds the expanded size of `n` to `total`, stopping at the first limit passed. Aliases are shared nodes
// in yaml-cpp, so a walk reaches one once per use: the count stops, and the walk with it, at the size
// limit. Aliases also nest: a chain of them, each a few hundred brackets deep, is tens of thousands of
// levels deep once expanded, and every loader's recursion would overflow the stack.
Expanded expand(const YAML::Node& n, std::size_t& total, std::size_t limit, std::size_t depth) {
  if (depth > YamlFile::kMaxDepth) return Expanded::TooDeep;
  total += YamlFile::kNodeBytes + (n.IsScalar() ? n.Scalar().size() : 0);
  if (total > limit) return Expanded::TooLarge;
  Expanded result = Expanded::Within;
  if (n.IsSequence())
    for (auto it = n.begin(); it != n.end() && result == Expanded::Within; ++it)
      result = expand(*it, total, limit, depth + 1);
  if (n.IsMap())
    for (auto it = n.begin(); it != n.end() && result == Expanded::Within; ++it)
      if ((result = expand(it->first, total, limit, depth + 1)) == Expanded::Within)
        result = expand(it->second, total, limit, depth + 1);
  return result;
}

void find_repeated_keys(const YamlFile& file, const YAML::Node& n, std::vector<YamlFile::RepeatedKey>& out) {
  if (n.IsSequence())
    for (const auto& v : n) find_repeated_keys(file, v, out);
  if (!n.IsMap()) return;
  std::map<std::string, int> first_line;
  for (const auto& kv : n) {
    auto [at, fresh] = first_line.try_emplace(file.string(kv.first), kv.first.Mark().line + 1);
    if (!fresh)
      out.push_back({kv.first, fmt::format("key '{}' is given twice in one map (first at line {})", at->first,
                                           at->second)});
    find_repeated_keys(file, kv.second, out);
  }
}

std::string mib(std::size_t bytes) {
  return bytes % (1u << 20) == 0 ? fmt::format("{} MiB", bytes >> 20) : fmt::format("{} bytes", bytes);
}

}  // namespace

YamlFile::YamlFile(std::string_view text, std::string path, ErrorKind kind, std::size_t max_expanded_bytes)
    : path_(std::move(path)), kind_(kind) {
  if (std::size_t bad = text::invalid_utf8_at(text); bad < text.size()) {
    const std::size_t newline = text.substr(0, bad).rfind('\n');
    const std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
    auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
    throw Error(kind_, "",
                fmt::format("{}:{}:{}: not valid UTF-8; save the file as UTF-8", path_, line,
                            text::column_of(text.substr(line_start), bad - line_start)));
  }
  try {
    root_ = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    // yaml-cpp stops at 2,000 levels of nesting but words that error "bad file".
    const std::string problem =
        dynamic_cast<const YAML::DeepRecursion*>(&e) ? "nested more than 2,000 levels deep" : e.msg;
    throw Error(kind_, "", fmt::format("{}:{}:{}: {}", path_, e.mark.line + 1, e.mark.column + 1, problem));
  }
  std::size_t total = 0;
  const Expanded expanded = expand(root_, total, max_expanded_bytes, 0);
  if (expanded == Expanded::TooDeep)
    throw Error(kind_, path_,
                fmt::format("its YAML aliases nest it more than {} levels deep: refused", kMaxDepth));
  if (expanded == Expanded::TooLarge)
    throw Error(kind_, path_,
                fmt::format("its YAML aliases expand it past {} (--max-yaml-size): refused",
                            mib(max_expanded_bytes)));
}

void YamlFile::fail(const YAML::Node& at, const std::string& what) const {
  if (at.IsDefined() && at.Mark().line >= 0)
    throw Error(kind_, "",
                fmt::format("{}:{}:{}: {}", path_, at.Mark().line + 1, at.Mark().column + 1, what));
  throw Error(kind_, path_, what);
}

std::string YamlFile::string(const YAML::Node& scalar) const {
  if (!text::valid_utf8(scalar.Scalar()))
    fail(scalar, "a string that is not valid UTF-8; save the file as UTF-8");
  return scalar.Scalar();
}

std::vector<YamlFile::RepeatedKey> YamlFile::repeated_keys() const {
  std::vector<RepeatedKey> out;
  find_repeated_keys(*this, root_, out);
  return out;
}

void YamlFile::refuse_repeated_keys() const {
  if (std::vector<RepeatedKey> repeated = repeated_keys(); !repeated.empty())
    fail(repeated.front().key, repeated.front().message);
}

void YamlFile::check_keys(const YAML::Node& map, const std::string& where,
                          const std::vector<std::string>& allowed) const {
  if (!map.IsMap()) fail(map, fmt::format("{} must be a mapping", where));
  for (const auto& kv : map) {
    if (!kv.first.IsScalar()) fail(kv.first, fmt::format("a key in {} must be a string", where));
    const std::string key = string(kv.first);
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string hint = did_you_mean(key, allowed);
    if (hint.empty()) hint = fmt::format(" (allowed: {})", fmt::join(allowed, ", "));
    fail(kv.first, fmt::format("unknown key '{}' in {}{}", key, where, hint));
  }
}

}  // namespace nos
