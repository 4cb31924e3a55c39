#include "nos/model.hpp"

namespace nos {

std::string Section::text() const {
  std::string out;
  for (const auto& p : paragraphs) {
    if (!out.empty()) out += '\n';
    out += p;
  }
  return out;
}

std::size_t Section::item_count() const {
  std::size_t n = 0;
  for (const auto& g : groups) n += g.items.size();
  return n;
}

const Section* Document::section(const std::string& key) const {
  for (const auto& s : sections)
    if (s.key == key) return &s;
  return nullptr;
}

Section* Document::section(const std::string& key) {
  return const_cast<Section*>(static_cast<const Document*>(this)->section(key));
}

const MetadataField* Document::field(const std::string& key) const {
  for (const auto& f : metadata)
    if (f.key == key) return &f;
  return nullptr;
}

}  // namespace nos
