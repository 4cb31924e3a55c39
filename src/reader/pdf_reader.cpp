// The PDF reader: rebuilds, from the words poppler finds on each page and their boxes, the lines a Tika
// export of the document's DOCX would have, so the tokenizer and parser read both alike.
//
// Layout rules (PDF units, points; y grows down the page):
//  * Words whose vertical middles fall inside one another's boxes form a visual line. A visual line is
//    cut into segments where two words are further apart than the line is high: a column gap.
//  * Running header and footer: among the first and last kEdgeLines lines of every page, a line whose
//    text and height on the page (to 2 pt) repeat on every page of a document of two pages or more. The
//    header's copy on page 1 is kept, since official NOS PDFs print the URN and title only there; every
//    other copy is dropped. A bare page number ("3", "Page 3", "3 of 11") at a page's top or bottom is
//    dropped too.
//  * Label column | content column: the x at which the second segment of a line starts most often
//    (ignoring number columns) is the start of the content column. From the first line with a label and
//    content beside it until a line that crosses that x, lines are table rows. A label that does not
//    continue the label paragraph above starts a row. When it might continue it, the row borders
//    decide: ruled rows (a gap between rows wider than the line spacing, seen between two label and
//    content lines somewhere in the document) start where such a gap is; in unruled tables, and across
//    a page break, a row starts where the content beside the label starts a paragraph too. A row is
//    written as Tika writes table cells: the label's paragraphs, then the content's, the first line of
//    each cell starting with "\t".
//  * Number column | text column: a first segment that is one short word with a digit ("P1", "12.") is
//    an item number, joined by a space to the text beside it; the text's wrapped lines, which start
//    right of the number, continue it as a hanging indent would. So an item pairs with its own text by
//    position.
//  * Paragraphs: in one column, a line continues the paragraph above unless it is more than 1.6 line
//    heights below it (then a blank line stands for the space, as for an empty paragraph in Tika text),
//    starts left of it, starts right of it when the paragraph already has two lines, opens with an item
//    number ("P16.", "K3", "12."), is set in another font than the end of the line above (a bold
//    heading after a paragraph), or its first word would have fitted, with a space to spare, at the
//    end of the line above (which therefore ended its paragraph). The right edge of a column is the
//    furthest any line starting where this one does reaches; a label column's is the content column's
//    start less a column gap. A line ending in a hyphen after a letter is joined without a space.
//  * Each line's location is its page and its visual line on that page, counting every line of text
//    poppler finds there, furniture included.
#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "nos/error.hpp"
#include "reader/readers.hpp"
#include "util/text.hpp"

namespace nos::detail {

namespace {

constexpr std::size_t kEdgeLines = 3;     ///< lines at each end of a page searched for furniture
constexpr double kPositionTolerance = 2;  ///< points: the same x or y
constexpr double kColumnGap = 0.8;        ///< a gap wider than this many line heights separates columns
constexpr double kParagraphGap = 1.6;     ///< a line further below than this many line heights starts anew
constexpr double kSpaceWidth = 0.2;       ///< a space, in line heights, for the "would it have fitted" test
constexpr double kRowGap = 0.3;           ///< points beyond a whole number of line pitches: a row border

struct Word {
  std::string text;
  std::string font;
  double x0, top, x1, bottom;
};

struct Segment {
  std::string text;
  double x0 = 0, x1 = 0;
  double first_word = 0;     ///< width of its first word
  std::string font;          ///< the font most of its words are set in
  bool one_font = true;      ///< all its words are set in `font`
  bool number = false;       ///< one short word with a digit: an item number in a number column
  bool starts_item = false;  ///< its first word is shaped like an item number: "P16.", "K3", "12.", "4)"
};

struct VisualLine {
  int page = 0;
  int number = 0;  ///< 1-based, on its page
  double top = 0, bottom = 0;
  std::vector<Segment> segments;
  bool furniture = false;

  double height() const { return bottom - top; }
  std::string text() const {
    std::string out;
    for (const Segment& s : segments) out += (out.empty() ? "" : " ") + s.text;
    return out;
  }
};

// ---------------------------------------------------------------------------------------------------
// Words to visual lines

/// Poppler's UTF-16 to UTF-8; control characters are dropped and lone surrogates become U+FFFD.
std::string utf8_of(const poppler::ustring& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (s[++i] - 0xDC00);
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    if (c < 0x20 || c == 0x7F) continue;
    text::append_utf8(out, c);
  }
  return out;
}

bool is_number_word(std::string_view w) {
  return w.size() <= 6 && w.find_first_of("0123456789") != std::string_view::npos;
}

/// Up to three letters, digits, then "." or ")"; or letters then digits. Not a bare number ("24 hours"
/// wraps as often as any phrase).
bool is_item_number(std::string_view w) {
  std::size_t letters = 0, digits = 0;
  while (letters < w.size() && std::isalpha(static_cast<unsigned char>(w[letters]))) ++letters;
  while (letters + digits < w.size() && std::isdigit(static_cast<unsigned char>(w[letters + digits])))
    ++digits;
  std::string_view rest = w.substr(letters + digits);
  if (letters > 3 || digits == 0 || digits > 3 || rest.size() > 1) return false;
  return rest.empty() ? letters > 0 : (rest == "." || rest == ")");
}

Segment make_segment(const std::vector<Word>& words, std::size_t begin, std::size_t end) {
  Segment s;
  s.x0 = words[begin].x0;
  s.x1 = words[end - 1].x1;
  s.first_word = words[begin].x1 - words[begin].x0;
  std::map<std::string_view, int> fonts;
  for (std::size_t i = begin; i < end; ++i) {
    ++fonts[words[i].font];
    s.one_font = s.one_font && words[i].font == words[begin].font;
  }
  s.font = std::max_element(fonts.begin(), fonts.end(), [](const auto& a, const auto& b) {
             return a.second < b.second;
           })->first;
  for (std::size_t i = begin; i < end; ++i) {
    const Word& w = words[i];
    double height = w.bottom - w.top;
    if (i > begin && w.x0 - words[i - 1].x1 > 0.1 * height) s.text += ' ';
    s.text += w.text;
  }
  s.number = end - begin == 1 && is_number_word(s.text);
  s.starts_item = is_item_number(words[begin].text);
  return s;
}

std::vector<VisualLine> page_lines(std::vector<Word> words, int page) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.top < b.top; });
  std::vector<std::vector<Word>> rows;
  std::vector<std::pair<double, double>> bands;
  for (Word& w : words) {
    double middle = (w.top + w.bottom) / 2;
    if (!bands.empty() && middle >= bands.back().first && middle <= bands.back().second) {
      rows.back().push_back(std::move(w));
    } else {
      bands.emplace_back(w.top, w.bottom);
      rows.emplace_back(1, std::move(w));
    }
  }
  std::vector<VisualLine> lines;
  for (std::vector<Word>& row : rows) {
    std::sort(row.begin(), row.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
    VisualLine line;
    line.page = page;
    line.number = static_cast<int>(lines.size()) + 1;
    line.top = row.front().top;
    line.bottom = row.front().bottom;
    for (const Word& w : row) {
      line.top = std::min(line.top, w.top);
      line.bottom = std::max(line.bottom, w.bottom);
    }
    std::size_t begin = 0;
    for (std::size_t i = 1; i <= row.size(); ++i) {
      if (i < row.size() && row[i].x0 - row[i - 1].x1 <= kColumnGap * line.height()) continue;
      line.segments.push_back(make_segment(row, begin, i));
      begin = i;
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------
// Page furniture

bool is_page_number(const std::string& text) {
  // "N", "Page N", "N of M", "Page N of M"
  std::vector<std::string> words;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t end = std::min(text.find(' ', i), text.size());
    std::string w = text::lower(text.substr(i, end - i));
    if (!w.empty()) words.push_back(std::move(w));
    i = end + 1;
  }
  auto number = [](const std::string& w) {
    return !w.empty() && w.size() <= 6 && w.find_first_not_of("0123456789") == std::string::npos;
  };
  std::size_t k = !words.empty() && words[0] == "page" ? 1 : 0;
  if (k >= words.size() || !number(words[k])) return false;
  if (++k == words.size()) return true;
  return k + 2 == words.size() && words[k] == "of" && number(words[k + 1]);
}

std::string furniture_key(const VisualLine& line) {
  return fmt::format("{}\n{}", std::lround(line.top / kPositionTolerance), line.text());
}

void mark_furniture(std::vector<std::vector<VisualLine>>& pages) {
  auto edges = [](std::vector<VisualLine>& lines, auto&& visit) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i < kEdgeLines || i + kEdgeLines >= lines.size()) visit(lines[i], i < kEdgeLines);
    }
  };
  std::map<std::string, std::size_t> seen;  // key -> pages it is on
  if (pages.size() >= 2) {
    for (std::vector<VisualLine>& lines : pages) {
      std::map<std::string, bool> on_page;
      edges(lines, [&](VisualLine& l, bool) { on_page[furniture_key(l)] = true; });
      for (const auto& entry : on_page) ++seen[entry.first];
    }
  }
  for (std::size_t p = 0; p < pages.size(); ++p) {
    edges(pages[p], [&](VisualLine& l, bool top) {
      auto it = seen.find(furniture_key(l));
      bool running = it != seen.end() && it->second == pages.size();
      if ((running && !(top && p == 0)) || is_page_number(l.text())) l.furniture = true;
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Visual lines to logical lines

struct Paragraph {
  std::string text;
  SourceLocation location;
};

/// The paragraphs of one column of the current table row (or of the text outside tables).
struct Cell {
  std::vector<Paragraph> paragraphs;
  const VisualLine* last = nullptr;
  const Segment* last_segment = nullptr;  ///< of the last line placed in the cell
  double last_x0 = 0;
  int lines = 0;  ///< visual lines in the last paragraph
};

class Layout {
 public:
  explicit Layout(const std::vector<std::vector<VisualLine>>& pages) : pages_(pages) { measure(); }

  std::vector<SourceLine> render() {
    for (const std::vector<VisualLine>& page : pages_) {
      for (const VisualLine& line : page) {
        if (line.furniture) continue;
        place(line);
        above_ = &line;
      }
    }
    flush_row();
    flush(body_, false);
    return std::move(out_);
  }

 private:
  enum Column { kLabel, kContent, kWide };

  /// The content column's x, the usual line pitch, whether table rows are ruled, and how far right
  /// the lines starting at each x reach in each column.
  void measure() {
    std::map<long, int> starts;
    std::map<long, int> pitches;  // in tenths of a point
    for (const auto& page : pages_) {
      const VisualLine* above = nullptr;
      for (const VisualLine& l : page) {
        if (l.furniture) continue;
        if (l.segments.size() >= 2 && !l.segments[0].number) ++starts[std::lround(l.segments[1].x0)];
        if (above) ++pitches[std::lround((l.top - above->top) * 10)];
        above = &l;
      }
    }
    split_ = static_cast<double>(most_common(starts));
    pitch_ = static_cast<double>(most_common(pitches)) / 10;
    for (const auto& page : pages_) {
      const VisualLine* above = nullptr;
      for (const VisualLine& l : page) {
        if (l.furniture) continue;
        if (above && label_and_content(*above) && label_and_content(l) && row_gap(*above, l)) ruled_ = true;
        above = &l;
        std::vector<const Segment*> label, content;
        if (split_columns(l, label, content)) {
          reach(kWide, l.segments.back());
          continue;
        }
        if (!label.empty()) reach(kLabel, *label.back());
        if (!content.empty()) reach(kContent, *content.back());
      }
    }
  }

  static long most_common(const std::map<long, int>& counts) {
    long best = 0;
    int best_count = 0;
    for (const auto& [value, count] : counts) {
      if (count > best_count) {
        best = value;
        best_count = count;
      }
    }
    return best;
  }

  void reach(Column c, const Segment& last) {
    double& right = right_[{c, std::lround(last.x0 / kPositionTolerance)}];
    right = std::max(right, last.x1);
  }

  double right_edge(Column c, const Cell& cell) const {
    if (c == kLabel) return split_ - kColumnGap * cell.last->height();
    auto it = right_.find({c, std::lround(cell.last_segment->x0 / kPositionTolerance)});
    return it == right_.end() ? cell.last_segment->x1 : it->second;
  }

  bool label_and_content(const VisualLine& l) const {
    std::vector<const Segment*> label, content;
    return !split_columns(l, label, content) && !label.empty() && !content.empty() && !label.front()->number;
  }

  /// Whether `below` is further below `above`, on its page, than whole line pitches by a row border.
  bool row_gap(const VisualLine& above, const VisualLine& below) const {
    if (pitch_ <= 0 || above.page != below.page) return false;
    double distance = below.top - above.top;
    double pitches = std::max(1.0, std::round(distance / pitch_));
    return distance - pitches * pitch_ > kRowGap;
  }

  /// Sorts a line's segments into the label and content columns; true when it crosses the content
  /// column's start (or there is no table at all).
  bool split_columns(const VisualLine& line, std::vector<const Segment*>& label,
                     std::vector<const Segment*>& content) const {
    bool wide = split_ <= 0;
    for (const Segment& s : line.segments) {
      Column c = column_of(s);
      if (c == kWide) wide = true;
      (c == kContent ? content : label).push_back(&s);
    }
    return wide;
  }

  Column column_of(const Segment& s) const {
    if (split_ <= 0) return kWide;
    if (s.x0 >= split_ - kPositionTolerance) return kContent;
    return s.x1 > split_ + kPositionTolerance ? kWide : kLabel;
  }

  void place(const VisualLine& line) {
    std::vector<const Segment*> label, content;
    bool wide = split_columns(line, label, content);
    if (!in_table_ && !wide && !label.empty() && !content.empty() && !label.front()->number) {
      flush(body_, false);
      in_table_ = true;
    }
    if (in_table_ && wide) {
      flush_row();
      in_table_ = false;
    }
    if (!in_table_) {
      std::vector<const Segment*> all;
      for (const Segment& s : line.segments) all.push_back(&s);
      add(body_, kWide, all, line);
      return;
    }
    bool same_page = above_ && above_->page == line.page;
    bool gap = same_page && row_gap(*above_, line);
    bool new_row = ruled_ && gap;  // also a row whose label cell is empty
    if (!label.empty()) {
      new_row =
          !continues(label_, kLabel, label, line) ||
          (ruled_ && same_page ? gap : !content.empty() && !continues(content_, kContent, content, line));
    }
    if (new_row) flush_row();
    if (!label.empty()) add(label_, kLabel, label, line);
    if (!content.empty()) add(content_, kContent, content, line);
  }

  /// Whether `line` is set off from the cell's line above by more than a line's spacing: an empty
  /// paragraph, or space before or after one, which Tika would show as a blank line.
  static bool gap_above(const Cell& cell, const VisualLine& line) {
    return cell.last && line.page == cell.last->page &&
           line.top - cell.last->top > kParagraphGap * cell.last->height();
  }

  bool continues(const Cell& cell, Column column, const std::vector<const Segment*>& segments,
                 const VisualLine& line) const {
    const Segment& first = *segments.front();
    // An item number, in a number column of its own or opening the line, starts an item.
    if (!cell.last || gap_above(cell, line) || (first.number && segments.size() > 1) || first.starts_item)
      return false;
    const Segment& end = *cell.last_segment;
    if (first.one_font && first.font != end.font) return false;
    if (first.x0 < cell.last_x0 - kPositionTolerance) return false;
    if (first.x0 > cell.last_x0 + kPositionTolerance && cell.lines > 1) return false;
    double space = kSpaceWidth * cell.last->height();
    return end.x1 + 2 * space + first.first_word > right_edge(column, cell);
  }

  void add(Cell& cell, Column column, const std::vector<const Segment*>& segments, const VisualLine& line) {
    std::string text;
    for (const Segment* s : segments) text += (text.empty() ? "" : " ") + s->text;
    if (continues(cell, column, segments, line)) {
      std::string& para = cell.paragraphs.back().text;
      bool hyphen =
          para.size() >= 2 && para.back() == '-' && std::isalpha(static_cast<unsigned char>(para.end()[-2]));
      if (!hyphen) para += ' ';
      para += text;
      ++cell.lines;
    } else {
      Paragraph p;
      p.location.page = location_index(line.page);
      p.location.page_line = location_index(line.number);
      if (gap_above(cell, line)) cell.paragraphs.push_back(p);
      p.text = std::move(text);
      cell.paragraphs.push_back(std::move(p));
      cell.lines = 1;
    }
    cell.last = &line;
    cell.last_segment = segments.back();
    cell.last_x0 = segments.front()->x0;
  }

  void flush(Cell& cell, bool table_cell) {
    bool first = true;
    for (Paragraph& p : cell.paragraphs) {
      SourceLine line;
      line.text = (table_cell && first ? "\t" : "") + std::move(p.text);
      line.location = p.location;
      line.location.line = static_cast<int>(out_.size()) + 1;
      line.location.column = 1;
      out_.push_back(std::move(line));
      first = false;
    }
    cell = Cell{};
  }

  void flush_row() {
    flush(label_, true);
    flush(content_, true);
  }

  const std::vector<std::vector<VisualLine>>& pages_;
  double split_ = 0;
  double pitch_ = 0;
  bool ruled_ = false;
  std::map<std::pair<Column, long>, double> right_;
  bool in_table_ = false;
  const VisualLine* above_ = nullptr;
  Cell body_, label_, content_;
  std::vector<SourceLine> out_;
};

void silence_poppler(const std::string&, void*) {}

}  // namespace

Source read_pdf_bytes(const std::string& bytes, const std::string& path, const Limits& limits) {
  // Poppler reports problems on standard error; ours are the one-line errors below.
  static const bool silenced = (poppler::set_debug_error_function(silence_poppler, nullptr), true);
  (void)silenced;
  if (bytes.size() > static_cast<std::size_t>(INT_MAX))
    throw Error(ErrorKind::Input, path, "the PDF is larger than 2 GiB");
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) throw Error(ErrorKind::Input, path, "the PDF is damaged and cannot be read");
  if (doc->is_locked()) {
    throw Error(ErrorKind::Input, path,
                "the PDF is encrypted and needs a password; remove the password and save it again");
  }
  int count = doc->pages();
  if (count <= 0) throw Error(ErrorKind::Input, path, "the PDF is damaged: it has no pages");
  if (static_cast<std::size_t>(count) > limits.max_pdf_pages) {
    throw Error(ErrorKind::Input, path,
                fmt::format("the PDF has {} pages, over the limit of {} (--max-pdf-pages)", count,
                            limits.max_pdf_pages));
  }

  std::vector<std::vector<VisualLine>> pages;
  std::size_t words = 0;
  for (int i = 0; i < count; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    std::vector<Word> page_words;
    if (page) {
      for (const poppler::text_box& box : page->text_list(poppler::page::text_list_include_font)) {
        std::string t = utf8_of(box.text());
        if (t.empty()) continue;
        poppler::rectf r = box.bbox();
        if (!std::isfinite(r.left()) || !std::isfinite(r.top()) || !std::isfinite(r.right()) ||
            !std::isfinite(r.bottom())) {
          continue;  // a broken font matrix; sorting by position needs numbers
        }
        page_words.push_back({std::move(t), box.get_font_name(), r.left(), r.top(), r.right(), r.bottom()});
      }
    }
    words += page_words.size();
    pages.push_back(page_lines(std::move(page_words), i + 1));
  }
  if (words == 0)
    throw Error(ErrorKind::Input, path, "no text to read: the PDF holds only images; run OCR first");
  mark_furniture(pages);

  Source source;
  source.path = path;
  source.format = "pdf";
  source.encoding = "utf-8";
  source.lines = Layout(pages).render();
  return source;
}

}  // namespace nos::detail
