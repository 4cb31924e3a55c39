#include "nos/model.hpp"
#include "util/text.hpp"

namespace nos {

Item::Item(std::string_view id, std::string_view label, std::string_view text, SourceLocation location,
           int number)
    : location(location),
      number(number),
      id_size_(static_cast<std::uint32_t>(id.size())),
      label_size_(static_cast<std::uint32_t>(label.size())) {
  chars_.reserve(id.size() + label.size() + text.size());
  chars_.append(id).append(label).append(text);
}

void Item::set_text(std::string_view text) {
  chars_.replace(id_size_ + label_size_, std::string::npos, text);
}

void Item::append_wrapped(std::string_view tail) {
  chars_ += text::wrap_joint(text(), tail);
  chars_ += tail;
}

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
