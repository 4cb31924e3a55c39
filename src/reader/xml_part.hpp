// XML parts of a zip container (DOCX, ODT): read under the size limit, parsed under the depth limit.
#pragma once

#include <fmt/format.h>

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "nos/error.hpp"
#include "nos/limits.hpp"
#include "nos/source.hpp"
#include "reader/zip_archive.hpp"
#include "util/text.hpp"

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

/// pugixml passes a UTF-8 part's bytes through unchecked: a line rendered from `part` that is not UTF-8 is
/// a one-line error naming its paragraph, with `advice` after it ("; re-save the file in Word").
template <class Lines>
void check_utf8(const Lines& lines, std::string_view part, const std::string& path,
                std::string_view advice = {}) {
  for (const SourceLine& line : lines)
    if (!text::valid_utf8(line.text))
      throw Error(
          ErrorKind::Input, path,
          fmt::format("{} is not valid UTF-8 (paragraph {}){}", part, line.location.paragraph, advice));
}

}  // namespace nos::detail
