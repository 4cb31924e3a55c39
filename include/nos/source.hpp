// Where text came from: the lines a reader produced, each with a location a user can jump to.
#pragma once

#include <algorithm>
#include <compare>
#include <cstdint>
#include <limits>
#include <string>

#include "nos/chunked_queue.hpp"

namespace nos {

/// Where in a DOCX a paragraph lives: the body, or a page header or footer of one Word section.
enum class PagePart : std::uint8_t { Body, Header, FirstHeader, EvenHeader, Footer, FirstFooter, EvenFooter };

/// Where a piece of a document stands, to tell which of two pieces comes first: a line, then the column
/// (code points) for pieces that share a line, as a flattened list prints a stem and its items on one.
struct SourcePosition {
  int line = 0;
  int column = 0;
  auto operator<=>(const SourcePosition&) const = default;
};

/// The most a 16-bit index of a SourceLocation holds. Readers stop counting tables, cells of a row, pages
/// and lines of a page there (no real document has so many; only what a user is shown would differ) and
/// refuse a document with more Word sections, which also tell page headers apart.
inline constexpr int kMaxLocationIndex = std::numeric_limits<std::uint16_t>::max();

/// `n` as a 16-bit index of a SourceLocation, kMaxLocationIndex when it is more.
constexpr std::uint16_t location_index(int n) {
  return static_cast<std::uint16_t>(std::clamp(n, 0, kMaxLocationIndex));
}

/// A place in an input document. Text inputs fill line and column; DOCX inputs also fill paragraph and,
/// inside a table, table/row/cell, so a Word user can find the spot; PDF inputs fill page and the line
/// on that page. Every index is 1-based; 0 means "not applicable". Lines, columns, paragraphs and rows
/// take 32 bits (a 64 MiB input holds millions); the rest 16 or 8, which the readers keep them within.
struct SourceLocation {
  int line = 0;
  int column = 0;      ///< in characters (code points), not bytes
  int end_column = 0;  ///< one past the last character of the span; 0 = to the end of the line
  int paragraph = 0;   ///< DOCX: body paragraph index, counting paragraphs inside tables too
  int row = 0;
  std::uint16_t table = 0;  ///< DOCX: top-level table index
  std::uint16_t cell = 0;
  std::uint16_t page = 0;       ///< PDF: page number
  std::uint16_t page_line = 0;  ///< PDF: line of text on that page, counting every line poppler finds there
  std::uint16_t word_section = 0;  ///< DOCX header or footer: the Word section whose part it is
  PagePart part = PagePart::Body;  ///< DOCX: a page header or footer numbers paragraphs from 1 in itself

  SourcePosition position() const { return {line, column}; }
  bool in_docx() const { return paragraph > 0; }
  bool in_pdf() const { return page > 0; }
  /// "header of section 1", "first-page footer of section 2"; "" in the body.
  std::string page_part() const {
    static constexpr const char* kNames[] = {"",
                                             "header",
                                             "first-page header",
                                             "even-page header",
                                             "footer",
                                             "first-page footer",
                                             "even-page footer"};
    if (part == PagePart::Body) return "";
    return std::string(kNames[static_cast<int>(part)]) + " of section " + std::to_string(word_section);
  }
  bool operator==(const SourceLocation&) const = default;
};
static_assert(sizeof(SourceLocation) == 32, "a SourceLocation is in every line, token and item");

/// One line of decoded UTF-8 text, without its line end.
struct SourceLine {
  std::string text;
  SourceLocation location;
  /// DOCX: the paragraph is set as a heading (a heading paragraph style, or bold throughout), which
  /// tells a group heading from an item even with no empty paragraph around it.
  bool heading_format = false;
};

/// A reader's lines, in chunks: the pre-pass frees each chunk once it has read it, so that a document of
/// many short lines is not held twice while its lines are made over.
using SourceLines = ChunkedQueue<SourceLine>;

/// What a reader hands to the tokenizer.
struct Source {
  std::string path;      ///< as given by the user; "-" for standard input
  std::string format;    ///< "text", "docx" or "pdf"
  std::string encoding;  ///< "utf-8", "utf-8-bom", "windows-1252"
  SourceLines lines;
  /// DOCX: the page headers and footers, each read once, section by section; numbered after `lines`
  /// (line numbers go on from the body's) and never part of the body's text.
  SourceLines page_lines;
};

}  // namespace nos
