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
//  * Skipped: every {\* ...} destination and the fonttbl, colortbl, stylesheet, info, pict, object,
//    header and footer, footnote, annotation and list-table destinations; \binN data.
//  * Not read: font-specific code pages (\fcharset), other \ansicpg code pages, hidden text (\v is shown),
//    shapes and text boxes, headers, footers and footnotes.
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
};

constexpr std::string_view kSkipped[] = {"fonttbl",    "colortbl",
                                         "stylesheet", "info",
                                         "pict",       "object",
                                         "header",     "headerl",
                                         "headerr",    "headerf",
                                         "footer",     "footerl",
                                         "footerr",    "footerf",
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

class RtfReader {
 public:
  RtfReader(std::string_view bytes, const std::string& path, const Limits& limits)
      : in_(bytes), path_(path), limits_(limits) {}

  std::vector<SourceLine> read() {
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
      if (out_.size() + run_.size() > limits_.max_part_bytes) {
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
    out_.end_table();
    return out_.finish();
  }

 private:
  GroupState& state() { return groups_.back(); }

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
    groups_.pop_back();
    skip_ = 0;
    Destination parent = groups_.empty() ? Destination::Text : state().destination;
    if (d == parent) return;
    if (d == Destination::Bookmark) {
      flush();
      out_.bookmark(trim(special_));
    } else if (d == Destination::ListText) {
      open_paragraph();
      out_.set_number(std::string(trim(special_)));
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
    } else if (w == "par") {
      paragraph_mark();
    } else if (w == "cell" || w == "nestcell") {
      flush();
      if (w == "nestcell") {
        paragraph_mark();
      } else {
        open_paragraph(true);
        out_.end_cell();
        cell_open_ = false;
      }
    } else if (w == "row") {
      flush();
      out_.end_paragraph();
      row_open_ = cell_open_ = false;
    } else if (w == "line") {
      flush();
      open_paragraph();
      out_.line_break();
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
      text::append_utf8(run_, c);
    } else if (special_.size() < 1024) {
      text::append_utf8(special_, c);
    }
  }

  /// Text waiting to be added; structure (paragraph and cell marks, bookmarks) flushes it first.
  void flush() {
    if (run_.empty()) return;
    open_paragraph();
    out_.text(run_);
    run_.clear();
  }

  void open_paragraph(bool table = false) {
    if (out_.in_paragraph()) return;
    if (table || state().in_table) {
      if (!table_open_) out_.begin_table();
      if (!row_open_) out_.begin_row();
      if (!cell_open_) out_.begin_cell();
      table_open_ = row_open_ = cell_open_ = true;
    } else if (table_open_) {
      out_.end_table();
      table_open_ = row_open_ = cell_open_ = false;
    }
    out_.begin_paragraph();
  }

  void paragraph_mark() {
    flush();
    open_paragraph();
    out_.end_paragraph();
  }

  std::string_view in_;
  const std::string& path_;
  const Limits& limits_;
  std::size_t pos_ = 0;
  std::vector<GroupState> groups_;
  bool group_start_ = false;
  int skip_ = 0;
  char32_t high_surrogate_ = 0;
  std::string run_;
  std::string special_;
  bool table_open_ = false, row_open_ = false, cell_open_ = false;
  LineBuilder out_;
};

}  // namespace

Source read_rtf_bytes(const std::string& bytes, const std::string& path, const Limits& limits) {
  if (!looks_like_rtf(bytes))
    throw Error(ErrorKind::Input, path, "not an RTF file: it does not start with {\\rtf");
  Source source;
  source.path = path;
  source.format = "rtf";
  source.encoding = "windows-1252";
  source.lines = RtfReader(bytes, path, limits).read();
  return source;
}

}  // namespace nos::detail
