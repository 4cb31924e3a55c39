// XML parts of a zip container (DOCX, ODT): read under the size limit, parsed under the depth limit.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <vector>

#include "nos/limits.hpp"
#include "reader/zip_archive.hpp"

namespace nos::detail {

/// The inflated bytes of `part`; a missing part is an error naming it.
std::string part_bytes(const ZipArchive& zip, const std::string& part, const std::string& path,
                       const Limits& limits);

/// Parses `data` in place (it must outlive `doc`); ill-formed XML and nesting deeper than
/// limits.max_xml_depth are one-line errors naming the part. `keep` adds pugixml parse options (nos fix
/// keeps the declaration, comments and white space of a part it writes back).
void parse_part(pugi::xml_document& doc, std::string& data, const std::string& part, const std::string& path,
                const Limits& limits, unsigned keep = 0);

/// Walks the nodes below the frames on `stack` (each a `node` and the `next` child to visit) in document
/// order, without recursion, so a deep document cannot exhaust the call stack: `visit` sees each child and
/// may push a frame for it; `leave` sees each frame once its children are done.
template <class Frame, class Visit, class Leave>
void walk_frames(std::vector<Frame>& stack, Visit visit, Leave leave) {
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (!f.next) {
      Frame done = f;
      stack.pop_back();
      leave(done);
      continue;
    }
    pugi::xml_node node = f.next;
    f.next = node.next_sibling();
    visit(node);
  }
}

}  // namespace nos::detail
