// Where each character of a DOCX body's lines comes from, so that nos fix can edit word/document.xml
// at the text a finding names.
#pragma once

#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "nos/limits.hpp"
#include "reader/zip_archive.hpp"

namespace nos::detail {

/// The prefix of every WordprocessingML name in a part the reader has read, whatever prefix the file
/// binds the namespace to: the reader spells them so (and adds the binding where it is missing).
inline constexpr std::string_view kWordPrefix = "w:";

/// Bytes [at, at + size) of a rendered line are bytes [offset, offset + size) of the value of `text`,
/// a text node of a w:t. Bytes no piece covers were made by the renderer (list numbers, tabs, bookmarks).
struct TextPiece {
  std::size_t at = 0, size = 0;
  pugi::xml_node text;
  std::size_t offset = 0;
};

/// The pugixml options beyond parse_part's with which nos fix parses a part it writes back: the
/// declaration, comments and white space kept.
constexpr unsigned kKeepXml = pugi::parse_declaration | pugi::parse_doctype | pugi::parse_pi |
                              pugi::parse_comments | pugi::parse_ws_pcdata;

/// A page header or footer part, parsed with kKeepXml to be written back.
struct PageTrace {
  std::string part;  ///< its name in the zip, e.g. "word/header1.xml"
  std::string data;  ///< the bytes `doc` was parsed from, in place
  pugi::xml_document doc;
  std::size_t first_line = 0;  ///< the index in Source::page_lines of its first line
  std::vector<std::vector<TextPiece>> lines;
};

struct DocxTrace {
  std::vector<std::vector<TextPiece>> lines;      ///< the pieces of each body line
  std::vector<std::string> texts;                 ///< the text of each body line
  std::vector<std::unique_ptr<PageTrace>> pages;  ///< the page headers and footers, as in page_lines
};

/// Renders the body of `document` (word/document.xml of `zip`, parsed with parse_part) and then the page
/// headers and footers as read_docx_bytes does, line for line, and says where each line's text comes
/// from. The names of `document` and of the kept parts are spelled with kWordPrefix.
DocxTrace trace_docx_body(const ZipArchive& zip, const pugi::xml_document& document, const std::string& path,
                          const Limits& limits);

}  // namespace nos::detail
