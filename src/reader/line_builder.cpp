#include "reader/line_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "nos/error.hpp"

namespace nos::detail {

void LineBuilder::begin_table() {
  end_paragraph();
  if (table_depth_++ == 0) {
    location_ = {};
    location_.table = location_index(++table_count_);
  }
}

void LineBuilder::end_table() {
  end_paragraph();
  if (table_depth_ > 0 && --table_depth_ == 0) location_ = {};
}

void LineBuilder::begin_row() {
  end_paragraph();
  if (table_depth_ == 1) {
    ++location_.row;
    location_.cell = 0;
  }
}

void LineBuilder::begin_cell() {
  end_paragraph();
  if (table_depth_ == 1) location_.cell = location_index(location_.cell + 1);
  cell_start_ = true;
}

void LineBuilder::end_cell() {
  end_paragraph();
  cell_start_ = false;
}

void LineBuilder::begin_paragraph() {
  end_paragraph();
  in_paragraph_ = true;
  ++paragraph_count_;
  first_in_cell_ = std::exchange(cell_start_, false);
  para_lines_.assign(1, std::move(pending_bookmarks_));
  pending_bookmarks_.clear();
  number_.clear();
  heading_ = false;
}

void LineBuilder::text(std::string_view utf8) {
  if (!in_paragraph_) begin_paragraph();
  para_lines_.back() += utf8;
  size_ += utf8.size();
}

void LineBuilder::line_break() {
  if (!in_paragraph_) begin_paragraph();
  para_lines_.emplace_back();
}

void LineBuilder::bookmark(std::string_view name) {
  if (name.empty() || name.front() == '_') return;
  std::string& target = in_paragraph_ ? para_lines_.back() : pending_bookmarks_;
  target += "[bookmark: ";
  target += name;
  target += ']';
  size_ += name.size() + 12;
}

void LineBuilder::set_number(std::string number) {
  if (!in_paragraph_) begin_paragraph();
  number_ = std::move(number);
}

void LineBuilder::set_heading() {
  if (!in_paragraph_) begin_paragraph();
  heading_ = true;
}

void LineBuilder::end_paragraph() {
  if (!in_paragraph_) return;
  in_paragraph_ = false;
  std::string prefix = first_in_cell_ ? "\t" : "";
  if (!number_.empty()) prefix += number_ + " ";
  para_lines_.front().insert(0, prefix);
  for (std::string& text : para_lines_) {
    SourceLine line;
    line.text = std::move(text);
    line.location = location_;
    line.location.paragraph = paragraph_count_;
    line.location.line = static_cast<int>(lines_.size()) + 1;
    line.location.column = 1;
    line.heading_format = heading_;
    lines_.push_back(std::move(line));
  }
  para_lines_.clear();
}

std::vector<SourceLine> LineBuilder::finish() {
  end_paragraph();
  if (!pending_bookmarks_.empty()) {
    SourceLine line;
    line.text = std::move(pending_bookmarks_);
    line.location.paragraph = std::max(paragraph_count_, 1);
    line.location.line = static_cast<int>(lines_.size()) + 1;
    line.location.column = 1;
    lines_.push_back(std::move(line));
    pending_bookmarks_.clear();
  }
  return std::move(lines_);
}

std::uint16_t word_section_index(int section, const std::string& path) {
  if (section > kMaxLocationIndex)
    throw Error(ErrorKind::Input, path,
                fmt::format("a page header or footer is in section {}, over the limit of {} sections",
                            section, kMaxLocationIndex));
  return location_index(section);
}

void add_page_lines(Source& source, std::vector<SourceLine> lines, PagePart part, int section) {
  const std::uint16_t word_section = word_section_index(section, source.path);
  for (SourceLine& line : lines) {
    line.location.part = part;
    line.location.word_section = word_section;
    line.location.line = static_cast<int>(source.lines.size() + source.page_lines.size()) + 1;
    source.page_lines.push_back(std::move(line));
  }
}

}  // namespace nos::detail
