// The baseline file: findings counted per file, rule, URN and key, as ESLint counts its bulk
// suppressions per file and rule, so a repository of legacy standards fails only on new findings.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "nos/config.hpp"
#include "nos/error.hpp"
#include "util/json_stream.hpp"

namespace nos {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// What identifies a finding apart from its line: its subject (an item id such as "P14"), or else its
// message with the numbers taken out ("first at line 12" must not change the key).
std::string key_of(const Diagnostic& d) {
  if (!d.subject.empty()) return d.subject;
  std::string out;
  for (char c : d.message)
    if (!(c >= '0' && c <= '9'))
      out += c;
    else if (out.empty() || out.back() != '#')
      out += '#';
  return out;
}

std::string relative(const std::string& dir, const std::string& file) {
  fs::path base = fs::absolute(dir.empty() ? "." : dir).lexically_normal();
  return fs::absolute(file).lexically_normal().lexically_relative(base).generic_string();
}

}  // namespace

Baseline Baseline::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Config, path, "cannot read the baseline file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  Baseline b;
  b.dir = fs::path(path).parent_path().string();
  try {
    Json j = Json::parse(buffer.str());
    if (j.value("version", 0) != 1) throw Error(ErrorKind::Config, path, "not a nos baseline (version 1)");
    for (const auto& e : j.at("findings"))
      b.entries.push_back({e.at("path"), e.at("rule"), e.at("urn"), e.at("key"), e.at("count"), 0});
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::Config, path, std::string("not a nos baseline: ") + e.what());
  }
  return b;
}

void Baseline::add(const std::string& file, const std::string& urn, const std::vector<Diagnostic>& findings) {
  std::string rel = relative(dir, file);
  for (const auto& d : findings) {
    Entry e{rel, d.rule, urn, key_of(d), 1, 0};
    auto same = [&](const Entry& x) {
      return std::tie(x.path, x.rule, x.urn, x.key) == std::tie(e.path, e.rule, e.urn, e.key);
    };
    auto it = std::find_if(entries.begin(), entries.end(), same);
    if (it != entries.end())
      ++it->count;
    else
      entries.push_back(std::move(e));
  }
}

void Baseline::suppress(const std::string& file, const std::string& urn, std::vector<Diagnostic>& findings) {
  std::string rel = relative(dir, file);
  std::erase_if(findings, [&](const Diagnostic& d) {
    for (auto& e : entries)
      if (e.matched < e.count && e.path == rel && e.rule == d.rule && e.urn == urn && e.key == key_of(d)) {
        ++e.matched;
        return true;
      }
    return false;
  });
}

void Baseline::write_json(std::ostream& out) const {
  std::vector<const Entry*> sorted;
  sorted.reserve(entries.size());
  for (const auto& e : entries) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), [](const Entry* a, const Entry* b) {
    return std::tie(a->path, a->rule, a->urn, a->key) < std::tie(b->path, b->rule, b->urn, b->key);
  });
  Json j = {{"version", 1}, {"tool", "nos check --write-baseline"}, {"findings", kStreamedArray}};
  write_json_streaming(out, j, [&](JsonArrayStream& findings) {
    for (const Entry* e : sorted)
      findings.add(
          {{"path", e->path}, {"rule", e->rule}, {"urn", e->urn}, {"key", e->key}, {"count", e->count}});
  });
}

}  // namespace nos
