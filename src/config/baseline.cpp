// The baseline file: findings counted per file, rule, URN and key, as ESLint counts its bulk
// suppressions per file and rule, so a repository of legacy standards fails only on new findings.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "nos/config.hpp"
#include "nos/error.hpp"
#include "util/json_stream.hpp"
#include "util/text.hpp"

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

// The file's path from the baseline's directory, as the baseline records it. A name that is not UTF-8
// gets U+FFFD for its bad bytes, as JSON needs, in both recording and matching so that the two agree.
std::string relative(const std::string& dir, const std::string& file) {
  fs::path base = fs::absolute(dir.empty() ? "." : dir).lexically_normal();
  return text::replace_invalid_utf8(
      fs::absolute(file).lexically_normal().lexically_relative(base).generic_string());
}

// One string for an entry's identity; each part is prefixed by its length so that no two identities meet.
std::string identity(const std::string& path, const std::string& rule, const std::string& urn,
                     const std::string& key) {
  return fmt::format("{}:{}{}:{}{}:{}{}:{}", path.size(), path, rule.size(), rule, urn.size(), urn,
                     key.size(), key);
}

}  // namespace

Baseline::Baseline(std::string dir) : dir_(std::move(dir)) {}

Baseline Baseline::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Config, path, "cannot read the baseline file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  Baseline b(fs::path(path).parent_path().string());
  try {
    Json j = Json::parse(buffer.str());
    if (j.value("version", 0) != 1) throw Error(ErrorKind::Config, path, "not a nos baseline (version 1)");
    for (const auto& e : j.at("findings"))
      b.count({e.at("path"), e.at("rule"), e.at("urn"), e.at("key"), e.at("count"), 0});
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::Config, path, std::string("not a nos baseline: ") + e.what());
  }
  return b;
}

Baseline::Entry* Baseline::find(const std::string& path, const std::string& rule, const std::string& urn,
                                const std::string& key) {
  auto it = index_.find(identity(path, rule, urn, key));
  return it == index_.end() ? nullptr : &entries_[it->second];
}

void Baseline::count(Entry e) {
  auto [it, fresh] = index_.try_emplace(identity(e.path, e.rule, e.urn, e.key), entries_.size());
  if (fresh)
    entries_.push_back(std::move(e));
  else
    entries_[it->second].count += e.count;
}

void Baseline::add(const std::string& file, const std::string& urn, const std::vector<Diagnostic>& findings) {
  std::string rel = relative(dir_, file);
  for (const auto& d : findings) count({rel, d.rule, urn, key_of(d), 1, 0});
}

void Baseline::suppress(const std::string& file, const std::string& urn, std::vector<Diagnostic>& findings) {
  std::string rel = relative(dir_, file);
  checked_.insert(rel);
  std::erase_if(findings, [&](const Diagnostic& d) {
    Entry* e = find(rel, d.rule, urn, key_of(d));
    if (!e || e->matched >= e->count) return false;
    ++e->matched;
    return true;
  });
}

std::vector<const Baseline::Entry*> Baseline::stale() const {
  std::vector<const Entry*> out;
  for (const auto& e : entries_)  // relative() again: the file may name a path in another spelling
    if (e.matched < e.count && checked_.count(relative(dir_, (fs::path(dir_) / e.path).string())))
      out.push_back(&e);
  return out;
}

void Baseline::write_json(std::ostream& out) const {
  std::vector<const Entry*> sorted;
  sorted.reserve(entries_.size());
  for (const auto& e : entries_) sorted.push_back(&e);
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
