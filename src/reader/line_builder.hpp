// The lines a word-processor document renders to, built the way the DOCX reader builds them, so every
// reader of a paginated format (ODT, RTF, HTML, Word 97) gives the tokenizer the same shape of input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nos/source.hpp"

namespace nos::detail {

/// Collects paragraphs as Tika prints them: one line per paragraph (more after line breaks), a "\t"
/// before the first line of each table cell, the list number (set any time during the paragraph) before
/// the text, "[bookmark: NAME]" where a bookmark starts (one between paragraphs opens the next one, one
/// after the last paragraph is a line of its own; names starting with "_" are Word's hidden ones and
/// skipped). Locations: the paragraph index, and table/row/cell inside a top-level table.
class LineBuilder {
 public:
  void begin_table();
  void end_table();
  void begin_row();
  void begin_cell();
  void end_cell();

  void begin_paragraph();
  /// Appends text, opening a paragraph when none is open.
  void text(std::string_view utf8);
  void line_break();
  void bookmark(std::string_view name);
  /// The rendered list number of the current paragraph, without the space that follows it.
  void set_number(std::string number);
  /// The current paragraph is set as a heading (SourceLine::heading_format).
  void set_heading();
  void end_paragraph();

  bool in_paragraph() const { return in_paragraph_; }
  /// Characters of text in the lines so far (a reader compares it to its output limit).
  std::size_t size() const { return size_; }

  std::vector<SourceLine> finish();

 private:
  std::vector<SourceLine> lines_;
  std::vector<std::string> para_lines_;
  std::string pending_bookmarks_;
  std::string number_;
  bool in_paragraph_ = false;
  bool heading_ = false;
  bool first_in_cell_ = false;
  bool cell_start_ = false;
  int paragraph_count_ = 0;
  int table_depth_ = 0;
  int table_count_ = 0;
  std::size_t size_ = 0;
  SourceLocation location_;
};

/// `section` as SourceLocation::word_section holds it; a document with a page header or footer in a later
/// section is refused (Error of ErrorKind::Input), as the sections tell the headers apart.
std::uint16_t word_section_index(int section, const std::string& path);

/// Adds the lines of one page header or footer (rendered by a LineBuilder of its own, so its paragraphs
/// count from 1) to `source.page_lines`, located in `part` of `section` and numbered after the body's
/// lines and the page lines before them, as the DOCX reader numbers them.
void add_page_lines(Source& source, std::vector<SourceLine> lines, PagePart part, int section);

}  // namespace nos::detail
