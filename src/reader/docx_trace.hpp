// Where each character of a DOCX body's lines comes from, so that nos fix can edit word/document.xml
// at the text a finding names.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <vector>

#include "nos/limits.hpp"
#include "reader/zip_archive.hpp"

namespace nos::detail {

/// Bytes [at, at + size) of a rendered line are bytes [offset, offset + size) of the value of `text`,
/// a text node of a w:t. Bytes no piece covers were made by the renderer (list numbers, tabs, bookmarks).
struct TextPiece {
  std::size_t at = 0, size = 0;
  pugi::xml_node text;
  std::size_t offset = 0;
};

struct DocxTrace {
  std::string w;  ///< the prefix the WordprocessingML namespace has in the part, "w:" in every Word file
  std::vector<std::vector<TextPiece>> lines;  ///< the pieces of each body line
};

/// Renders the body of `document` (word/document.xml of `zip`, parsed with parse_part) as
/// read_docx_bytes does, line for line, and says where each line's text comes from.
DocxTrace trace_docx_body(const ZipArchive& zip, const pugi::xml_document& document, const std::string& path,
                          const Limits& limits);

}  // namespace nos::detail
