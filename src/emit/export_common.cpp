// What every export asks of a standard: a file name, a section's title, the standards it links to.
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>

#include "emit/export_formats.hpp"

namespace nos {

std::string export_stem(const Document& doc, std::vector<std::string>& taken) {
  std::string raw = doc.urn.value_or(std::filesystem::path(doc.source.path).stem().string());
  std::string stem;
  for (char c : raw) {
    bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '_' || (c == '.' && !stem.empty());
    stem += safe ? c : '_';
  }
  if (stem.empty()) stem = "standard";
  std::string unique = stem;
  for (int n = 2; std::find(taken.begin(), taken.end(), unique) != taken.end(); ++n)
    unique = stem + "-" + std::to_string(n);
  taken.push_back(unique);
  return unique;
}

std::string section_title(const Grammar& grammar, const std::string& key) {
  for (const auto& s : grammar.sections)
    if (s.key == key && !s.labels.empty()) return s.labels.front();
  return key;
}

std::string field_title(const Grammar& grammar, const std::string& key) {
  for (const auto& m : grammar.metadata)
    if (m.key == key && !m.labels.empty()) return m.labels.front();
  return key;
}

std::vector<std::string> linked_urns(const Document& doc, const Grammar& grammar) {
  std::vector<std::string> out;
  const Section* links = doc.section("links");
  if (!links || !links->present) return out;
  const RE2 urn("\\b(" + grammar.urn_pattern + ")");
  for (const auto& paragraph : links->paragraphs) {
    re2::StringPiece rest(paragraph);
    std::string found;
    while (RE2::FindAndConsume(&rest, urn, &found)) {
      while (!found.empty() && (found.back() == '.' || found.back() == '-')) found.pop_back();
      if (found != doc.urn && std::find(out.begin(), out.end(), found) == out.end()) out.push_back(found);
    }
  }
  return out;
}

}  // namespace nos
