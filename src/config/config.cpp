// .nos.yaml: read with yaml-cpp, checked key by key so every mistake is reported at its line with a
// suggestion; then resolved per checked file (defaults, rules, matching overrides).
#include "nos/config.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "nos/error.hpp"
#include "util/glob.hpp"
#include "util/suggest.hpp"
#include "util/yaml_file.hpp"

namespace nos {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> rule_ids() {
  std::vector<std::string> ids;
  for (const auto& r : rule_catalogue()) ids.emplace_back(r.id);
  return ids;
}

void expect(const YamlFile& file, const YAML::Node& n, YAML::NodeType::value type, const char* what) {
  if (n.Type() != type) file.fail(n, fmt::format("expected {}", what));
}

std::vector<std::string> strings(const YamlFile& file, const YAML::Node& n) {
  if (n.IsScalar()) return {file.string(n)};
  expect(file, n, YAML::NodeType::Sequence, "a list of strings");
  std::vector<std::string> out;
  for (const auto& v : n) {
    expect(file, v, YAML::NodeType::Scalar, "a string");
    out.push_back(file.string(v));
  }
  return out;
}

// A Choice option's value: one of its words.
std::string choice(const YamlFile& file, const YAML::Node& n, const OptionSpec& option,
                   const std::string& rule) {
  std::vector<std::string> choices(option.choices.begin(), option.choices.end());
  std::string all;
  for (const auto& c : choices) all += (all.empty() ? "" : ", ") + c;
  const std::string word = n.IsScalar() ? file.string(n) : "";
  if (std::find(choices.begin(), choices.end(), word) == choices.end())
    file.fail(n, fmt::format("'{}' of rule '{}' must be one of {}{}", option.name, rule, all,
                             word.empty() ? "" : did_you_mean(word, choices)));
  return word;
}

// `rules:` entries: ID: off | on | error | warning | info | {enabled, severity, OPTION: value}.
std::vector<RuleChange> read_rules(const YamlFile& file, const YAML::Node& node) {
  expect(file, node, YAML::NodeType::Map, "a map of rule ids");
  std::vector<RuleChange> out;
  for (const auto& kv : node) {
    RuleChange c;
    c.id = file.string(kv.first);
    const RuleInfo* info = find_rule(c.id);
    if (!info) file.fail(kv.first, "unknown rule '" + c.id + "'" + did_you_mean(c.id, rule_ids()));
    const YAML::Node& v = kv.second;
    auto set_scalar = [&](const YAML::Node& s) {
      const std::string word = file.string(s);
      if (word == "off" || word == "false")
        c.enabled = false;
      else if (word == "on" || word == "true")
        c.enabled = true;
      else if (auto sev = parse_severity(word))
        c.severity = sev;
      else
        file.fail(s, "expected off, on, error, warning or info, not '" + word + "'");
    };
    if (v.IsScalar()) {
      set_scalar(v);
    } else {
      expect(file, v, YAML::NodeType::Map, "off, on, a severity, or a map of settings");
      std::vector<std::string> keys = {"enabled", "severity"};
      for (const auto& o : info->options) keys.emplace_back(o.name);
      for (const auto& s : v) {
        std::string key = file.string(s.first);
        const OptionSpec* option = nullptr;
        for (const auto& o : info->options)
          if (o.name == key) option = &o;
        if (key == "enabled" || key == "severity") {
          set_scalar(s.second);
        } else if (!option) {
          file.fail(s.first,
                    fmt::format("rule '{}' has no setting '{}'{}", c.id, key, did_you_mean(key, keys)));
        } else if (option->kind == OptionSpec::Kind::Words) {
          c.words[key] = strings(file, s.second);
        } else if (option->kind == OptionSpec::Kind::Choice) {
          c.words[key] = {choice(file, s.second, *option, c.id)};
        } else {
          double value = std::nan("");
          try {
            value = s.second.as<double>();
          } catch (const YAML::Exception&) {
          }
          // NaN fails both comparisons; out of range, a count option would be cast to an integer wrongly.
          if (!(value >= option->min && value <= option->max))
            file.fail(s.second, fmt::format("'{}' of rule '{}' must be a number from {:.16g} to {:.16g}", key,
                                            c.id, option->min, option->max));
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

Config Config::load_string(const std::string& yaml, const std::string& path, const Limits& limits) {
  Config c;
  c.path = path;
  c.dir = fs::path(path).parent_path().string();
  if (c.dir.empty()) c.dir = ".";
  const YamlFile file(yaml, path, ErrorKind::Config, limits.max_yaml_bytes);
  file.refuse_repeated_keys();
  const YAML::Node& root = file.root();
  if (root.IsNull()) return c;
  expect(file, root, YAML::NodeType::Map, "a map of settings");
  file.check_keys(
      root, "the configuration",
      {"rules", "grammar", "fail_on", "overrides", "ignore", "ignore_findings", "baseline", "suite"});
  for (const auto& kv : root) {
    const std::string key = file.string(kv.first);
    const YAML::Node& v = kv.second;
    if (key == "rules") {
      c.rules = read_rules(file, v);
    } else if (key == "grammar") {
      expect(file, v, YAML::NodeType::Scalar, "a path");
      c.grammar = resolve(c.dir, file.string(v));
    } else if (key == "baseline") {
      expect(file, v, YAML::NodeType::Scalar, "a path");
      c.baseline = resolve(c.dir, file.string(v));
    } else if (key == "suite") {
      expect(file, v, YAML::NodeType::Map, "a map {complete: true|false}");
      file.check_keys(v, "suite", {"complete"});
      if (const YAML::Node& complete = v["complete"]) {
        const std::string word = file.string(complete);
        if (word != "true" && word != "false") file.fail(complete, "complete must be true or false");
        c.suite_complete = word == "true";
      }
    } else if (key == "fail_on") {
      c.fail_on = parse_severity(file.string(v));
      if (!c.fail_on) file.fail(v, "fail_on must be error, warning or info");
    } else if (key == "ignore") {
      c.ignore = strings(file, v);
    } else if (key == "overrides") {
      expect(file, v, YAML::NodeType::Sequence, "a list of {files, rules}");
      for (const auto& o : v) {
        expect(file, o, YAML::NodeType::Map, "{files: [globs], rules: {…}}");
        file.check_keys(o, "an override", {"files", "rules"});
        Override ov;
        if (o["files"]) ov.files = strings(file, o["files"]);
        if (o["rules"]) ov.rules = read_rules(file, o["rules"]);
        if (ov.files.empty()) file.fail(o, "an override needs files: [globs]");
        c.overrides.push_back(std::move(ov));
      }
    } else if (key == "ignore_findings") {
      expect(file, v, YAML::NodeType::Map, "a map URN: {ITEM: [rules]}");
      for (const auto& urn : v) {
        expect(file, urn.second, YAML::NodeType::Map,
               "a map ITEM: [rules] (ITEM \"*\" for the whole document)");
        for (const auto& item : urn.second) {
          auto add = [&](const YAML::Node& rule) {
            const std::string id = file.string(rule);
            if (!find_rule(id)) file.fail(rule, "unknown rule '" + id + "'" + did_you_mean(id, rule_ids()));
            c.ignore_findings.push_back(
                {file.string(urn.first), file.string(item.first), id, rule.Mark().line + 1});
          };
          // One rule may stand alone (P14: mixed-quotes); anything else but a list would suppress nothing,
          // silently.
          if (item.second.IsScalar()) {
            add(item.second);
            continue;
          }
          if (!item.second.IsSequence())  // an empty value has its mark after the key's line: name the key
            file.fail(item.second.IsNull() ? item.first : item.second,
                      "expected a rule id or a list of rule ids");
          for (const auto& rule : item.second) add(rule);
        }
      }
    }
  }
  return c;
}

Config Config::load_file(const std::string& path, const Limits& limits) {
  constexpr std::uintmax_t kMaxConfigBytes = 1u << 20;  // a real .nos.yaml is a few hundred bytes
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) > kMaxConfigBytes && !ec)
    throw Error(ErrorKind::Config, path, "the configuration file is larger than 1 MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Config, path, "cannot read the configuration file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return load_string(buffer.str(), path, limits);
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

std::optional<std::size_t> Config::suppression(const std::string& urn, const Diagnostic& finding) const {
  for (std::size_t i = 0; i < ignore_findings.size(); ++i) {
    const Suppression& s = ignore_findings[i];
    if (s.urn == urn && s.rule == finding.rule && (s.subject == "*" || s.subject == finding.subject))
      return i;
  }
  return std::nullopt;
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

}  // namespace nos
