// The RTF reader: a small tokenizer for the subset of RTF that Word and LibreOffice write for text
// documents, rendered as the lines the DOCX reader gives for a Word body.
//
// What it reads (the README lists the same):
//  * Groups, control words and symbols; \par ends a paragraph, \line is a line break, \tab a tab;
//    \cell, \nestcell, \row and \intbl give table cells and rows (nested tables flattened in order).
//  * Text: plain bytes and \'hh in the document's code page (\ansicpg; only 1252 is supported, the
//    default), \uN as a Unicode character (negative N as unsigned 16-bit, surrogate pairs joined) with the
//    \ucN bytes after it skipped; \~ \_ \emdash \endash \lquote \rquote \ldblquote \rdblquote \bullet.
//  * {\listtext ...} and {\pntext ...}: the list number as the writer printed it, then one space.
//  * {\*\bkmkstart NAME}: a bookmark; fields: the result ({\fldrslt}), never the instruction.
//  * Deleted revisions (\deleted) are skipped: tracked changes read as the accepted view.
//  * Page headers and footers (\header, \footer and their l, r and f kinds) into `Source::page_lines`,
//    in the section the last \sect opened; those in skipped destinations (LibreOffice's \pgdsctbl) not.
//  * Skipped: every {\* ...} destination and the fonttbl, colortbl, stylesheet, info, pict, object,
//    footnote, annotation and list-table destinations; \binN data.
//  * Not read: font-specific code pages (\fcharset), other \ansicpg code pages, hidden text (\v is shown),
//    shapes and text boxes and footnotes.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nos/error.hpp"
#include "reader/line_builder.hpp"
#include "reader/readers.hpp"
#include "util/text.hpp"

namespace nos::detail {

namespace {

enum class Destination { Text, Skip, Bookmark, ListText };

struct GroupState {
  Destination destination = Destination::Text;
  int uc = 1;
  bool deleted = false;
  bool in_table = false;  ///< \intbl: a paragraph property, so it lives in the group state
  bool page = false;      ///< inside a header or footer destination
};

constexpr std::string_view kSkipped[] = {"fonttbl",    "colortbl",
                                         "stylesheet", "info",
                                         "pict",       "object",
                                         "footnote",   "annotation",
                                         "listtable",  "listoverridetable",
                                         "revtbl",     "rsidtbl",
                                         "generator",  "xmlnstbl",
                                         "filetbl",    "pgdsctbl",
                                         "themedata",  "colorschememapping",
                                         "datastore",  "latentstyles",
                                         "ftnsep",     "ftnsepc",
                                         "aftnsep",    "aftnsepc",
                                         "shp",        "shpinst",
                                         "nonshppict", "fldinst",
                                         "atnid",      "atnauthor",
                                         "xe",         "tc",
                                         "template",   "docvar",
                                         "objdata",    "userprops",
                                         "mmathPr",    "listpicture",
                                         "bkmkend",    "result"};

/// Header and footer destinations: \header is every page's, r and l odd and even pages', f the first.
constexpr std::pair<std::string_view, PagePart> kPageParts[] = {
    {"header", PagePart::Header},       {"headerr", PagePart::Header},     {"headerl", PagePart::EvenHeader},
    {"headerf", PagePart::FirstHeader}, {"footer", PagePart::Footer},      {"footerr", PagePart::Footer},
    {"footerl", PagePart::EvenFooter},  {"footerf", PagePart::FirstFooter}};

/// The body, or one page header or footer, as it is rendered.
struct Story {
  LineBuilder out;
  std::string run;  ///< text waiting to be added; structure (marks, bookmarks) flushes it first
  bool table_open = false, row_open = false, cell_open = false;
};

class RtfReader {
 public:
  RtfReader(std::string_view bytes, const std::string& path, const Limits& limits)
      : in_(bytes), path_(path), limits_(limits) {}

  /// Fills the lines of the body and the page headers and footers of `source`.
  void read(Source& source) {
    while (pos_ < in_.size()) {
      char c = in_[pos_++];
      if (c == '{') {
        open_group();
      } else if (c == '}') {
        // The document's last paragraph may have no \par: it ends with the group holding its properties.
        if (groups_.size() == 1) flush();
        close_group();
        if (groups_.empty()) break;  // the end of the document; anything after it is not RTF
      } else if (c == '\\') {
        control();
      } else if (c == '\r' || c == '\n') {
        continue;
      } else if (!groups_.empty()) {
        group_start_ = false;
        character(static_cast<unsigned char>(c));
      }
      if (page_bytes_ + story().out.size() + story().run.size() + body_.out.size() > limits_.max_part_bytes) {
        throw Error(
            ErrorKind::Input, path_,
            fmt::format("the RTF document renders to more than {} MiB of text (limit --max-part-size)",
                        limits_.max_part_bytes >> 20));
      }
    }
    if (!groups_.empty()) {
      throw Error(ErrorKind::Input, path_,
                  fmt::format("the RTF file is truncated: it ends inside {} open group{}", groups_.size(),
                              groups_.size() == 1 ? "" : "s"));
    }
    body_.out.end_table();
    source.lines = body_.out.finish();
    for (PageStory& p : pages_) add_page_lines(source, std::move(p.lines), p.part, p.section);
  }

 private:
  struct PageStory {
    std::vector<SourceLine> lines;
    PagePart part;
    int section;
  };

  GroupState& state() { return groups_.back(); }
  Story& story() { return page_ ? *page_ : body_; }

  void open_group() {
    if (groups_.size() >= limits_.max_xml_depth) {
      throw Error(ErrorKind::Input, path_,
                  fmt::format("the RTF groups nest more than {} deep (limit --max-xml-depth)",
                              limits_.max_xml_depth));
    }
    groups_.push_back(groups_.empty() ? GroupState{} : groups_.back());
    group_start_ = true;
  }

  void close_group() {
    if (groups_.empty()) return;
    Destination d = state().destination;
    bool page = state().page;
    groups_.pop_back();
    if (page && (groups_.empty() || !state().page)) end_page();
    skip_ = 0;
    Destination parent = groups_.empty() ? Destination::Text : state().destination;
    if (d == parent) return;
    if (d == Destination::Bookmark) {
      flush();
      if (!page_) body_.out.bookmark(trim(special_));  // as in DOCX headers, bookmarks there are not shown
    } else if (d == Destination::ListText) {
      open_paragraph();
      story().out.set_number(std::string(trim(special_)));
    }
    special_.clear();
  }

  static std::string_view trim(std::string_view s) {
    std::size_t b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
  }

  void control() {
    if (pos_ >= in_.size()) return;
    char c = in_[pos_];
    bool first = std::exchange(group_start_, false);
    if (!is_letter(c)) {
      ++pos_;
      symbol(c, first);
      return;
    }
    std::size_t start = pos_;
    while (pos_ < in_.size() && is_letter(in_[pos_]) && pos_ - start < 32) ++pos_;
    std::string_view name = in_.substr(start, pos_ - start);
    std::optional<int> param;
    std::size_t num = pos_;
    if (pos_ < in_.size() && in_[pos_] == '-') ++pos_;
    while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9' && pos_ - num < 11) ++pos_;
    if (pos_ > num) {
      long long v = 0;
      std::from_chars(in_.data() + num, in_.data() + pos_, v);
      param = static_cast<int>(std::clamp<long long>(v, -2'000'000'000LL, 2'000'000'000LL));
    }
    if (pos_ < in_.size() && in_[pos_] == ' ') ++pos_;
    word(name, param, first);
  }

  bool parent_skipped() const {
    return groups_.size() >= 2 && groups_[groups_.size() - 2].destination == Destination::Skip;
  }

  static bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

  void symbol(char c, bool first) {
    switch (c) {
      case '*':
        if (first) {
          state().destination = Destination::Skip;
          group_start_ = true;  // the destination's name follows
        }
        return;
      case '\'': {
        if (pos_ + 2 > in_.size()) return;
        unsigned v = 0;
        auto [end, ec] = std::from_chars(in_.data() + pos_, in_.data() + pos_ + 2, v, 16);
        if (ec == std::errc() && end == in_.data() + pos_ + 2) {
          pos_ += 2;
          character(static_cast<unsigned char>(v));
        }
        return;
      }
      case '~':
        emit(U'\u00A0');
        return;
      case '_':
        emit(U'-');
        return;
      case '\\':
      case '{':
      case '}':
        character(static_cast<unsigned char>(c));
        return;
      case '\r':
      case '\n':
        paragraph_mark();  // "\" before a line end is \par
        return;
      default:
        return;  // \- (optional hyphen), \| \: and other symbols show nothing
    }
  }

  void word(std::string_view w, std::optional<int> param, bool first) {
    if (groups_.empty()) return;
    if (first) {
      for (std::string_view s : kSkipped) {
        if (w == s) {
          state().destination = Destination::Skip;
          return;
        }
      }
      for (const auto& [name, part] : kPageParts) {
        if (w == name) {
          begin_page(part);
          return;
        }
      }
      if (w == "bkmkstart" && !parent_skipped()) {
        state().destination = Destination::Bookmark;
        special_.clear();
        return;
      }
      if ((w == "listtext" || w == "pntext") && state().destination == Destination::Text) {
        state().destination = Destination::ListText;
        special_.clear();
        return;
      }
    }
    if (w == "bin") {
      pos_ = std::min(in_.size(), pos_ + static_cast<std::size_t>(std::max(param.value_or(0), 0)));
      return;
    }
    if (state().destination == Destination::Skip) return;
    if (w == "u" && param) {
      unicode(*param);
      return;
    }
    skip_ = 0;
    if (w == "uc") {
      state().uc = std::clamp(param.value_or(1), 0, 16);
    } else if (w == "ansicpg") {
      if (param && *param != 1252) {
        throw Error(
            ErrorKind::Input, path_,
            fmt::format("the RTF file uses code page {}; only Windows-1252 (\\ansicpg1252) is read", *param));
      }
    } else if (w == "deleted") {
      state().deleted = param.value_or(1) != 0;
    } else if (w == "intbl") {
      state().in_table = param.value_or(1) != 0;
    } else if (w == "pard") {
      state().in_table = false;
    } else if (w == "sect" && !page_) {
      ++section_;
    } else if (w == "par") {
      paragraph_mark();
    } else if (w == "cell" || w == "nestcell") {
      flush();
      if (w == "nestcell") {
        paragraph_mark();
      } else {
        open_paragraph(true);
        story().out.end_cell();
        story().cell_open = false;
      }
    } else if (w == "row") {
      flush();
      story().out.end_paragraph();
      story().row_open = story().cell_open = false;
    } else if (w == "line") {
      flush();
      open_paragraph();
      story().out.line_break();
    } else if (w == "tab") {
      emit(U'\t');
    } else if (w == "emdash") {
      emit(U'\u2014');
    } else if (w == "endash") {
      emit(U'\u2013');
    } else if (w == "lquote") {
      emit(U'\u2018');
    } else if (w == "rquote") {
      emit(U'\u2019');
    } else if (w == "ldblquote") {
      emit(U'\u201C');
    } else if (w == "rdblquote") {
      emit(U'\u201D');
    } else if (w == "bullet") {
      emit(U'\u2022');
    }
  }

  void unicode(int n) {
    auto c = static_cast<char32_t>(n < 0 ? n + 65536 : n);
    if (c >= 0xD800 && c < 0xDC00) {
      high_surrogate_ = c;
    } else if (c >= 0xDC00 && c < 0xE000) {
      emit(high_surrogate_ ? 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (c - 0xDC00) : char32_t{0xFFFD});
      high_surrogate_ = 0;
    } else {
      emit(c > 0x10FFFF ? char32_t{0xFFFD} : c);
    }
    skip_ = state().uc;
  }

  void character(unsigned char byte) {
    if (skip_ > 0) {
      --skip_;
      return;
    }
    emit(text::cp1252_char(byte));
  }

  void emit(char32_t c) {
    GroupState& s = state();
    if (s.deleted || s.destination == Destination::Skip) return;
    if (s.destination == Destination::Text) {
      text::append_utf8(story().run, c);
    } else if (special_.size() < 1024) {
      text::append_utf8(special_, c);
    }
  }

  void flush() {
    Story& s = story();
    if (s.run.empty()) return;
    open_paragraph();
    s.out.text(s.run);
    s.run.clear();
  }

  void open_paragraph(bool table = false) {
    Story& s = story();
    if (s.out.in_paragraph()) return;
    if (table || state().in_table) {
      if (!s.table_open) s.out.begin_table();
      if (!s.row_open) s.out.begin_row();
      if (!s.cell_open) s.out.begin_cell();
      s.table_open = s.row_open = s.cell_open = true;
    } else if (s.table_open) {
      s.out.end_table();
      s.table_open = s.row_open = s.cell_open = false;
    }
    s.out.begin_paragraph();
  }

  void paragraph_mark() {
    flush();
    open_paragraph();
    story().out.end_paragraph();
  }

  /// A header or footer group: rendered apart from the body, in the section the last \sect opened. One
  /// in a skipped destination (LibreOffice's page style table repeats them) or in another is skipped.
  void begin_page(PagePart part) {
    if (state().destination != Destination::Text || page_) {
      state().destination = Destination::Skip;
      return;
    }
    flush();
    page_.emplace();
    page_part_ = part;
    state().page = true;
    state().in_table = false;
  }

  void end_page() {
    flush();
    page_->out.end_table();
    page_bytes_ += page_->out.size();
    pages_.push_back({page_->out.finish(), page_part_, section_});
    page_.reset();
  }

  std::string_view in_;
  const std::string& path_;
  const Limits& limits_;
  std::size_t pos_ = 0;
  std::vector<GroupState> groups_;
  bool group_start_ = false;
  int skip_ = 0;
  char32_t high_surrogate_ = 0;
  std::string special_;
  Story body_;
  std::optional<Story> page_;  ///< the header or footer being read
  PagePart page_part_ = PagePart::Header;
  int section_ = 1;
  std::vector<PageStory> pages_;
  std::size_t page_bytes_ = 0;
};

}  // namespace

Source read_rtf_bytes(const std::string& bytes, const std::string& path, const Limits& limits) {
  if (!looks_like_rtf(bytes))
    throw Error(ErrorKind::Input, path, "not an RTF file: it does not start with {\\rtf");
  Source source;
  source.path = path;
  source.format = "rtf";
  source.encoding = "windows-1252";
  RtfReader(bytes, path, limits).read(source);
  return source;
}

}  // namespace nos::detail
