// .nos.yaml: read with yaml-cpp, checked key by key so every mistake is reported at its line with a
// suggestion; then resolved per checked file (defaults, rules, matching overrides).
#include "nos/config.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "nos/error.hpp"
#include "util/yaml_error.hpp"

namespace nos {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& path, const YAML::Node& at, const std::string& what) {
  const YAML::Mark m = at.Mark();
  throw Error(ErrorKind::Config, "", fmt::format("{}:{}:{}: {}", path, m.line + 1, m.column + 1, what));
}

std::vector<std::string> rule_ids() {
  std::vector<std::string> ids;
  for (const auto& r : rule_catalogue()) ids.emplace_back(r.id);
  return ids;
}

// Every string the config keeps or names in an error, refused at its place when it is not UTF-8.
std::string scalar(const std::string& path, const YAML::Node& n) {
  auto s = utf8_scalar(n);
  if (!s) fail(path, n, "a string that is not valid UTF-8; save the file as UTF-8");
  return *s;
}

void expect(const std::string& path, const YAML::Node& n, YAML::NodeType::value type, const char* what) {
  if (n.Type() != type) fail(path, n, fmt::format("expected {}", what));
}

std::vector<std::string> strings(const std::string& path, const YAML::Node& n) {
  if (n.IsScalar()) return {scalar(path, n)};
  expect(path, n, YAML::NodeType::Sequence, "a list of strings");
  std::vector<std::string> out;
  for (const auto& v : n) {
    expect(path, v, YAML::NodeType::Scalar, "a string");
    out.push_back(scalar(path, v));
  }
  return out;
}

// `rules:` entries: ID: off | on | error | warning | info | {enabled, severity, OPTION: value}.
std::vector<RuleChange> read_rules(const std::string& path, const YAML::Node& node) {
  expect(path, node, YAML::NodeType::Map, "a map of rule ids");
  std::vector<RuleChange> out;
  for (const auto& kv : node) {
    RuleChange c;
    c.id = scalar(path, kv.first);
    const RuleInfo* info = find_rule(c.id);
    if (!info) fail(path, kv.first, "unknown rule '" + c.id + "'" + did_you_mean(c.id, rule_ids()));
    const YAML::Node& v = kv.second;
    auto set_scalar = [&](const YAML::Node& s) {
      const std::string word = scalar(path, s);
      if (word == "off" || word == "false")
        c.enabled = false;
      else if (word == "on" || word == "true")
        c.enabled = true;
      else if (auto sev = parse_severity(word))
        c.severity = sev;
      else
        fail(path, s, "expected off, on, error, warning or info, not '" + word + "'");
    };
    if (v.IsScalar()) {
      set_scalar(v);
    } else {
      expect(path, v, YAML::NodeType::Map, "off, on, a severity, or a map of settings");
      std::vector<std::string> keys = {"enabled", "severity"};
      for (const auto& o : info->options) keys.emplace_back(o.name);
      for (const auto& s : v) {
        std::string key = scalar(path, s.first);
        const OptionSpec* option = nullptr;
        for (const auto& o : info->options)
          if (o.name == key) option = &o;
        if (key == "enabled" || key == "severity") {
          set_scalar(s.second);
        } else if (!option) {
          fail(path, s.first,
               fmt::format("rule '{}' has no setting '{}'{}", c.id, key, did_you_mean(key, keys)));
        } else if (option->kind == OptionSpec::Kind::Words) {
          c.words[key] = strings(path, s.second);
        } else {
          double value = std::nan("");
          try {
            value = s.second.as<double>();
          } catch (const YAML::Exception&) {
          }
          // NaN fails both comparisons; out of range, a count option would be cast to an integer wrongly.
          if (!(value >= option->min && value <= option->max))
            fail(path, s.second,
                 fmt::format("'{}' of rule '{}' must be a number from {:.16g} to {:.16g}", key, c.id,
                             option->min, option->max));
          c.numbers[key] = value;
        }
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

void apply(RuleSettings& settings, const std::vector<RuleChange>& changes) {
  for (const auto& c : changes) {
    RuleSetting& s = settings[c.id];
    if (c.enabled) s.enabled = *c.enabled;
    if (c.severity) s.severity = *c.severity, s.enabled = true;
    for (const auto& [k, v] : c.numbers) s.numbers[k] = v;
    for (const auto& [k, v] : c.words) s.words[k] = v;
  }
}

std::string resolve(const std::string& dir, const std::string& p) {
  return fs::path(p).is_absolute() ? p : (fs::path(dir) / p).lexically_normal().string();
}

// The file's path relative to `dir`, for globs.
std::string relative_to(const std::string& dir, const std::string& file) {
  fs::path abs = fs::absolute(file).lexically_normal();
  fs::path rel = abs.lexically_relative(fs::absolute(dir).lexically_normal());
  return rel.empty() ? abs.string() : rel.generic_string();
}

}  // namespace

Config Config::load_string(const std::string& yaml, const std::string& path) {
  Config c;
  c.path = path;
  c.dir = fs::path(path).parent_path().string();
  if (c.dir.empty()) c.dir = ".";
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    throw Error(ErrorKind::Config, "",
                fmt::format("{}:{}:{}: {}", path, e.mark.line + 1, e.mark.column + 1, yaml_problem(e)));
  }
  if (root.IsNull()) return c;
  expect(path, root, YAML::NodeType::Map, "a map of settings");
  static const std::vector<std::string> kKeys = {"rules",  "grammar",         "fail_on", "overrides",
                                                 "ignore", "ignore_findings", "baseline"};
  for (const auto& kv : root) {
    const std::string key = scalar(path, kv.first);
    const YAML::Node& v = kv.second;
    if (key == "rules") {
      c.rules = read_rules(path, v);
    } else if (key == "grammar") {
      expect(path, v, YAML::NodeType::Scalar, "a path");
      c.grammar = resolve(c.dir, scalar(path, v));
    } else if (key == "baseline") {
      expect(path, v, YAML::NodeType::Scalar, "a path");
      c.baseline = resolve(c.dir, scalar(path, v));
    } else if (key == "fail_on") {
      c.fail_on = parse_severity(scalar(path, v));
      if (!c.fail_on) fail(path, v, "fail_on must be error, warning or info");
    } else if (key == "ignore") {
      c.ignore = strings(path, v);
    } else if (key == "overrides") {
      expect(path, v, YAML::NodeType::Sequence, "a list of {files, rules}");
      for (const auto& o : v) {
        expect(path, o, YAML::NodeType::Map, "{files: [globs], rules: {…}}");
        Override ov;
        for (const auto& okv : o) {
          std::string k = scalar(path, okv.first);
          if (k == "files")
            ov.files = strings(path, okv.second);
          else if (k == "rules")
            ov.rules = read_rules(path, okv.second);
          else
            fail(path, okv.first,
                 "unknown key '" + k + "' in an override" + did_you_mean(k, {"files", "rules"}));
        }
        if (ov.files.empty()) fail(path, o, "an override needs files: [globs]");
        c.overrides.push_back(std::move(ov));
      }
    } else if (key == "ignore_findings") {
      expect(path, v, YAML::NodeType::Map, "a map URN: {ITEM: [rules]}");
      for (const auto& urn : v) {
        expect(path, urn.second, YAML::NodeType::Map,
               "a map ITEM: [rules] (ITEM \"*\" for the whole document)");
        for (const auto& item : urn.second) {
          auto add = [&](const YAML::Node& rule) {
            const std::string id = scalar(path, rule);
            if (!find_rule(id)) fail(path, rule, "unknown rule '" + id + "'" + did_you_mean(id, rule_ids()));
            c.ignore_findings.push_back(
                {scalar(path, urn.first), scalar(path, item.first), id, rule.Mark().line + 1});
          };
          // One rule may stand alone (P14: mixed-quotes); anything else but a list would suppress nothing,
          // silently.
          if (item.second.IsScalar()) {
            add(item.second);
            continue;
          }
          if (!item.second.IsSequence())  // an empty value has its mark after the key's line: name the key
            fail(path, item.second.IsNull() ? item.first : item.second,
                 "expected a rule id or a list of rule ids");
          for (const auto& rule : item.second) add(rule);
        }
      }
    } else {
      fail(path, kv.first, "unknown key '" + key + "'" + did_you_mean(key, kKeys));
    }
  }
  return c;
}

Config Config::load_file(const std::string& path) {
  constexpr std::uintmax_t kMaxConfigBytes = 1u << 20;  // a real .nos.yaml is a few hundred bytes
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) > kMaxConfigBytes && !ec)
    throw Error(ErrorKind::Config, path, "the configuration file is larger than 1 MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Config, path, "cannot read the configuration file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return load_string(buffer.str(), path);
}

RuleSettings Config::settings_for(const std::string& file) const {
  RuleSettings settings = default_settings();
  apply(settings, rules);
  std::string rel = relative_to(dir, file);
  for (const auto& o : overrides)
    for (const auto& g : o.files)
      if (glob_match(g, rel)) {
        apply(settings, o.rules);
        break;
      }
  return settings;
}

bool Config::ignores(const std::string& file) const {
  std::string rel = relative_to(dir, file);
  for (const auto& g : ignore)
    if (glob_match(g, rel)) return true;
  return false;
}

ConfigLookup find_config(const std::string& file) {
  fs::path dir = fs::absolute(file).lexically_normal().parent_path();
  for (;;) {
    fs::path candidate = dir / ".nos.yaml";
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      if (st.st_uid == ::geteuid() || st.st_uid == 0) return {candidate.string(), ""};
      return {std::nullopt, candidate.string()};
    }
    std::error_code ec;
    if (fs::exists(dir / ".git", ec)) return {};  // the repository root: a config above it is not its own
    if (dir == dir.root_path() || dir.parent_path() == dir) return {};
    dir = dir.parent_path();
  }
}

namespace {

// Dynamic programming from the end of the pattern: O(pattern x path) whatever the stars, where
// backtracking is exponential in their number. row(p)[s] says whether pattern[p..] matches path[s..];
// a row needs at most the three rows after it, so four are kept.
bool match(std::string_view pattern, std::string_view path) {
  const std::size_t n = path.size();
  std::array<std::vector<char>, 4> rows;
  auto row = [&](std::size_t p) -> std::vector<char>& { return rows[p % 4]; };
  row(pattern.size()).assign(n + 1, 0);
  row(pattern.size())[n] = 1;
  for (std::size_t p = pattern.size(); p-- > 0;) {
    std::string_view rest = pattern.substr(p);
    std::vector<char>& cur = row(p);
    cur.assign(n + 1, 0);
    if (rest.starts_with("**/")) {  // zero or more leading directories
      const std::vector<char>& next = row(p + 3);
      bool after_a_slash = false;  // next matches at some j > s with path[j - 1] == '/'
      for (std::size_t s = n + 1; s-- > 0;) {
        if (s < n && path[s] == '/' && next[s + 1]) after_a_slash = true;
        cur[s] = next[s] || after_a_slash;
      }
    } else if (rest.starts_with("**")) {  // anything, across directories
      const std::vector<char>& next = row(p + 2);
      for (std::size_t s = n + 1; s-- > 0;) cur[s] = next[s] || (s < n && cur[s + 1]);
    } else if (rest[0] == '*') {  // anything within one name
      const std::vector<char>& next = row(p + 1);
      for (std::size_t s = n + 1; s-- > 0;) cur[s] = next[s] || (s < n && path[s] != '/' && cur[s + 1]);
    } else {
      const std::vector<char>& next = row(p + 1);
      for (std::size_t s = 0; s < n; ++s)
        cur[s] = (rest[0] == '?' ? path[s] != '/' : rest[0] == path[s]) && next[s + 1];
    }
  }
  return row(0)[0];
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  std::size_t slash = path.rfind('/');
  if (pattern.find('/') == std::string_view::npos && slash != std::string_view::npos &&
      match(pattern, path.substr(slash + 1)))
    return true;
  return match(pattern, path);
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::size_t best = std::string::npos;
  std::string nearest;
  for (const auto& c : candidates)  // an abbreviation ("near-dup") names the rule it starts
    if (word.size() >= 4 && c.starts_with(word)) return " (did you mean '" + c + "'?)";
  for (const auto& c : candidates) {
    std::vector<std::size_t> row(c.size() + 1);
    for (std::size_t j = 0; j <= c.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= word.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= c.size(); ++j) {
        std::size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (word[i - 1] == c[j - 1] ? 0 : 1)});
        diagonal = up;
      }
    }
    if (row[c.size()] < best) best = row[c.size()], nearest = c;
  }
  return best <= std::max<std::size_t>(2, word.size() / 3) ? " (did you mean '" + nearest + "'?)" : "";
}

}  // namespace nos
