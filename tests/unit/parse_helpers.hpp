// Builds sources from in-memory text so parser and rule tests read like the documents they describe.
#pragma once

#include <string>

#include "nos/nos.hpp"

namespace nos::test {

/// Reads `text` exactly as the text reader would read a file with these bytes.
inline Source source_of(const std::string& text, const std::string& path = "test.txt") {
  return read_source_bytes(text, path);
}

inline Document parse_text(const std::string& text) { return parse(source_of(text)); }

/// Ids of a section's items in order, "?" for unnumbered ones, "|" between groups.
inline std::string ids(const Document& doc, const std::string& key) {
  std::string out;
  for (const auto& g : doc.section(key)->groups) {
    if (!out.empty()) out += " | ";
    for (std::size_t i = 0; i < g.items.size(); ++i)
      out += (i ? " " : "") + (g.items[i].numbered() ? std::string(g.items[i].id()) : "?");
  }
  return out;
}

}  // namespace nos::test
