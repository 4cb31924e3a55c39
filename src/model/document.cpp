#include "nos/model.hpp"
#include "util/name_table.hpp"

namespace nos {

namespace {

constexpr NameTable<FoundBy, 5> kFoundBy = {{FoundBy::Label, "label"},
                                            {FoundBy::Cue, "cue"},
                                            {FoundBy::Numbering, "numbering"},
                                            {FoundBy::Bookmark, "bookmark"},
                                            {FoundBy::Position, "position"}};

}  // namespace

const char* found_by_name(FoundBy found_by) { return name_of(kFoundBy, found_by); }

std::optional<FoundBy> parse_found_by(std::string_view name) { return value_of(kFoundBy, name); }

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
