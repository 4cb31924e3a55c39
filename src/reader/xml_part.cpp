#include "reader/xml_part.hpp"

#include <fmt/format.h>

#include <optional>
#include <utility>

#include "nos/error.hpp"
#include "util/text.hpp"

namespace nos::detail {

namespace {

std::string lower_first(std::string s) {
  if (!s.empty()) s[0] = text::lower_ascii(s[0]);
  return s;
}

/// Fails when elements nest deeper than the limit. Walks by parent/sibling links: no recursion, no stack.
void check_depth(const pugi::xml_document& doc, std::size_t max_depth, const std::string& part,
                 const std::string& path) {
  pugi::xml_node n = doc.first_child();
  std::size_t depth = 1;
  while (n) {
    if (depth > max_depth && n.type() == pugi::node_element) {
      throw Error(
          ErrorKind::Input, path,
          fmt::format("{} nests elements more than {} deep (limit --max-xml-depth)", part, max_depth));
    }
    if (pugi::xml_node child = n.first_child()) {
      n = child;
      ++depth;
      continue;
    }
    while (n && !n.next_sibling()) {
      n = n.parent();
      --depth;
    }
    if (n) n = n.next_sibling();
  }
}

}  // namespace

std::string part_bytes(const ZipArchive& zip, const std::string& part, const std::string& path,
                       const Limits& limits) {
  std::optional<std::string> data = zip.read(part, limits.max_part_bytes);
  if (!data) throw Error(ErrorKind::Input, path, fmt::format("the zip file has no {}", part));
  return std::move(*data);
}

void parse_part(pugi::xml_document& doc, std::string& data, const std::string& part, const std::string& path,
                const Limits& limits, unsigned keep) {
  pugi::xml_parse_result r =
      doc.load_buffer_inplace(data.data(), data.size(),
                              pugi::parse_default | pugi::parse_ws_pcdata_single | keep, pugi::encoding_auto);
  if (!r) {
    throw Error(ErrorKind::Input, path,
                fmt::format("{} is not well-formed XML: {} at byte {}", part, lower_first(r.description()),
                            r.offset));
  }
  check_depth(doc, limits.max_xml_depth, part, path);
}

}  // namespace nos::detail
