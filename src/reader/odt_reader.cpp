// The ODT reader: renders content.xml of an OpenDocument text as the lines the DOCX reader gives.
//
// Rendering rules:
//  * One line per text:p and text:h, in document order, walked iteratively through sections, spans,
//    links, tables (nested ones flattened), lists and text boxes (their paragraphs follow the paragraph
//    anchoring them). text:tracked-changes (the deleted text), notes, annotations and drawings other
//    than text boxes are never entered, so tracked changes read as the accepted view.
//  * White space collapses as ODF says (runs of space, tab and line end are one space; none at the start
//    of a paragraph); text:s is its count of spaces, text:tab "\t", text:line-break a new line.
//  * A table:covered-table-cell (the hidden part of a merged cell) is not a cell, as in Word.
//  * text:list numbering: the list style's level (style:num-format, num-prefix, num-suffix,
//    text:display-levels, text:start-value; a list item's own text:start-value) printed before the
//    item's first paragraph, then one space. A list restarts its style's counters unless it says
//    text:continue-numbering or text:continue-list. Bullets print nothing.
//  * A text:h is set as a heading (SourceLine::heading_format), as a Word heading style is.
//  * A text:h outside lists is numbered by the text:outline-style at its text:outline-level, the same
//    way (text:is-list-header: no number; text:restart-numbering with text:start-value).
//  * Page headers and footers: each master page's in styles.xml, into `Source::page_lines`.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "nos/error.hpp"
#include "reader/line_builder.hpp"
#include "reader/list_number.hpp"
#include "reader/readers.hpp"
#include "reader/xml_part.hpp"
#include "reader/zip_archive.hpp"
#include "util/text.hpp"

namespace nos::detail {

namespace {

constexpr std::size_t kLevels = 10;
constexpr int kMaxSpaces = 1000;  ///< text:s text:c beyond this is a hostile file, not a layout

int int_attribute(pugi::xml_node node, const char* name, int fallback, int max = 1'000'000'000) {
  std::string_view s = node.attribute(name).value();
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return fallback;
  return std::clamp(v, 0, max);
}

struct ListLevel {
  std::string format = "none";  ///< as format_number names it
  std::string prefix, suffix;
  int start = 1;
  int display_levels = 1;
};

using ListStyle = std::array<ListLevel, kLevels>;

/// The numbering a document defines: its list styles by name, and the outline style of its headings.
struct NumberStyles {
  std::unordered_map<std::string, ListStyle> lists;
  ListStyle outline;
};

std::string word_format(std::string_view odf) {
  if (odf == "1") return "decimal";
  if (odf == "a") return "lowerLetter";
  if (odf == "A") return "upperLetter";
  if (odf == "i") return "lowerRoman";
  if (odf == "I") return "upperRoman";
  return "none";
}

/// The numbered levels (`level_name` elements) of a list or outline style.
void read_levels(pugi::xml_node style, const char* level_name, ListStyle& levels) {
  for (pugi::xml_node l : style.children(level_name)) {
    int level = int_attribute(l, "text:level", 0);
    if (level < 1 || level > static_cast<int>(kLevels)) continue;
    ListLevel& lv = levels[static_cast<std::size_t>(level - 1)];
    lv.format = word_format(l.attribute("style:num-format").value());
    lv.prefix = l.attribute("style:num-prefix").value();
    lv.suffix = l.attribute("style:num-suffix").value();
    lv.start = int_attribute(l, "text:start-value", 1);
    lv.display_levels = int_attribute(l, "text:display-levels", 1, static_cast<int>(kLevels));
  }
}

/// text:list-style definitions anywhere under `root` (office:styles and office:automatic-styles), and
/// the text:outline-style.
void read_number_styles(pugi::xml_node root, NumberStyles& out) {
  for (pugi::xml_node group : root.children()) {
    std::string_view g = group.name();
    if (g != "office:styles" && g != "office:automatic-styles") continue;
    for (pugi::xml_node style = group.child("text:list-style"); style;
         style = style.next_sibling("text:list-style")) {
      read_levels(style, "text:list-level-style-number", out.lists[style.attribute("style:name").value()]);
    }
    if (pugi::xml_node outline = group.child("text:outline-style"))
      read_levels(outline, "text:outline-level-style", out.outline);
  }
}

enum class Tag { Other, Skip, P, Table, Row, Cell, List, Item, Space, Tab, Break, Bookmark, TextBox };

Tag classify(std::string_view name) {
  if (name == "text:p" || name == "text:h") return Tag::P;
  if (name == "text:span" || name == "text:a" || name == "text:section") return Tag::Other;
  if (name == "text:s") return Tag::Space;
  if (name == "text:tab") return Tag::Tab;
  if (name == "text:line-break") return Tag::Break;
  if (name == "text:bookmark" || name == "text:bookmark-start") return Tag::Bookmark;
  if (name == "table:table") return Tag::Table;
  if (name == "table:table-row") return Tag::Row;
  if (name == "table:table-cell") return Tag::Cell;
  if (name == "text:list") return Tag::List;
  if (name == "text:list-item" || name == "text:list-header") return Tag::Item;
  if (name == "draw:text-box") return Tag::TextBox;
  if (name == "text:tracked-changes" || name == "text:note" || name == "office:annotation" ||
      name == "table:covered-table-cell" || name == "text:sequence-decls" || name == "table:table-column" ||
      name == "table:table-columns" || name == "text:bookmark-ref" || name == "svg:title" ||
      name == "svg:desc" || name == "office:forms" || name == "text:variable-decls" ||
      name == "text:user-field-decls") {
    return Tag::Skip;
  }
  return Tag::Other;
}

class BodyRenderer {
 public:
  BodyRenderer(const NumberStyles& styles, const std::string& path, std::size_t max_bytes)
      : styles_(styles), path_(path), max_bytes_(max_bytes) {}

  std::vector<SourceLine> render(pugi::xml_node body) {
    descend(body, Tag::Other);
    walk_frames(
        stack_,
        [this](pugi::xml_node node) {
          if (node.type() == pugi::node_element) {
            enter(node);
          } else if ((node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) && in_paragraph_) {
            append_collapsed(node.value());
          }
          if (out_.size() > max_bytes_) {
            throw Error(ErrorKind::Input, path_,
                        fmt::format("content.xml renders to more than {} of text (limit --max-part-size)",
                                    describe_byte_count(max_bytes_)));
          }
        },
        [this](const Frame& f) { leave(f); });
    return out_.finish();
  }

 private:
  struct Frame {
    pugi::xml_node node;
    pugi::xml_node next;
    Tag tag;
  };

  struct List {
    std::string style;
  };

  void descend(pugi::xml_node node, Tag tag) { stack_.push_back({node, node.first_child(), tag}); }

  void enter(pugi::xml_node node) {
    Tag tag = classify(node.name());
    switch (tag) {
      case Tag::Skip:
        return;
      case Tag::Other:
        descend(node, tag);
        return;
      case Tag::P:
        if (in_paragraph_) {  // not valid ODF; keep its text in the outer paragraph
          descend(node, Tag::Other);
          return;
        }
        out_.begin_paragraph();
        in_paragraph_ = true;
        space_before_ = true;
        if (std::string_view(node.name()) == "text:h") {
          out_.set_heading();
          if (!item_number_ && lists_.empty()) enter_heading(node);
        }
        if (item_number_) out_.set_number(std::move(*item_number_));
        item_number_.reset();
        descend(node, tag);
        return;
      case Tag::Table:
        out_.begin_table();
        descend(node, tag);
        return;
      case Tag::Row:
        out_.begin_row();
        descend(node, tag);
        return;
      case Tag::Cell:
        out_.begin_cell();
        descend(node, tag);
        return;
      case Tag::List:
        enter_list(node);
        descend(node, tag);
        return;
      case Tag::Item:
        enter_item(node);
        descend(node, tag);
        return;
      case Tag::Space:
        if (in_paragraph_) {
          out_.text(std::string(static_cast<std::size_t>(int_attribute(node, "text:c", 1, kMaxSpaces)), ' '));
          space_before_ = false;
        }
        return;
      case Tag::Tab:
        if (in_paragraph_) {
          out_.text("\t");
          space_before_ = false;
        }
        return;
      case Tag::Break:
        if (in_paragraph_) {
          out_.line_break();
          space_before_ = true;
        }
        return;
      case Tag::Bookmark:
        out_.bookmark(node.attribute("text:name").value());
        return;
      case Tag::TextBox:
        if (in_paragraph_) {
          deferred_.push_back(node);
        } else {
          descend(node, Tag::Other);
        }
        return;
      default:
        return;
    }
  }

  void leave(const Frame& f) {
    switch (f.tag) {
      case Tag::P:
        out_.end_paragraph();
        in_paragraph_ = false;
        // Text boxes anchored in this paragraph follow it, in order.
        for (auto it = deferred_.rbegin(); it != deferred_.rend(); ++it) descend(*it, Tag::Other);
        deferred_.clear();
        break;
      case Tag::Table:
        out_.end_table();
        break;
      case Tag::Cell:
        out_.end_cell();
        break;
      case Tag::List:
        lists_.pop_back();
        break;
      case Tag::Item:
        item_number_.reset();
        break;
      default:
        break;
    }
  }

  void enter_list(pugi::xml_node node) {
    std::string style = node.attribute("text:style-name").value();
    if (style.empty() && !lists_.empty()) style = lists_.back().style;
    bool continues = std::string_view(node.attribute("text:continue-numbering").value()) == "true" ||
                     node.attribute("text:continue-list");
    if (lists_.empty() && !continues) counters_[style] = {};
    lists_.push_back({std::move(style)});
  }

  void enter_item(pugi::xml_node node) {
    item_number_.reset();
    if (lists_.empty() || std::string_view(node.name()) == "text:list-header") return;
    std::size_t level = std::min(lists_.size(), kLevels) - 1;
    auto style = styles_.lists.find(lists_.back().style);
    static const ListStyle kNoStyle{};
    const ListStyle& levels = style == styles_.lists.end() ? kNoStyle : style->second;
    std::optional<int> start;
    if (node.attribute("text:start-value")) start = int_attribute(node, "text:start-value", 1);
    item_number_ = next_number(levels, counters_[lists_.back().style], level, start);
  }

  /// A heading outside lists takes its number from the outline style, at its text:outline-level.
  void enter_heading(pugi::xml_node node) {
    if (std::string_view(node.attribute("text:is-list-header").value()) == "true") return;
    auto level = static_cast<std::size_t>(
        std::clamp(int_attribute(node, "text:outline-level", 1, static_cast<int>(kLevels)), 1,
                   static_cast<int>(kLevels)) -
        1);
    std::optional<int> start;
    if (std::string_view(node.attribute("text:restart-numbering").value()) == "true")
      start = int_attribute(node, "text:start-value", styles_.outline[level].start);
    item_number_ = next_number(styles_.outline, outline_counters_, level, start);
  }

  /// Counts an entry at `level` (from `start` if given) and returns its number as the style prints it,
  /// or nothing when the level has no numbers.
  static std::optional<std::string> next_number(const ListStyle& levels, std::array<int, kLevels>& counters,
                                                std::size_t level, std::optional<int> start) {
    int value = start.value_or(counters[level] == 0 ? levels[level].start : counters[level] + 1);
    counters[level] = std::min(value, 1'000'000'000);
    std::fill(counters.begin() + static_cast<std::ptrdiff_t>(level) + 1, counters.end(), 0);
    const ListLevel& lv = levels[level];
    if (lv.format == "none") return std::nullopt;
    std::string number;
    std::size_t shown = std::min(static_cast<std::size_t>(std::max(lv.display_levels, 1)), level + 1);
    for (std::size_t k = level + 1 - shown; k <= level; ++k) {
      if (!number.empty()) number += '.';
      number += format_number(std::max(counters[k], 1), k == level ? lv.format : levels[k].format);
    }
    return lv.prefix + number + lv.suffix;
  }

  /// Paragraph text with ODF's white-space collapsing.
  void append_collapsed(std::string_view s) {
    std::string run;
    run.reserve(s.size());
    for (char c : s) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (!space_before_) run.push_back(' ');
        space_before_ = true;
      } else {
        run.push_back(c);
        space_before_ = false;
      }
    }
    out_.text(run);
  }

  const NumberStyles& styles_;
  const std::string& path_;
  std::size_t max_bytes_;
  LineBuilder out_;
  std::vector<Frame> stack_;
  std::vector<List> lists_;
  std::unordered_map<std::string, std::array<int, kLevels>> counters_;
  std::array<int, kLevels> outline_counters_{};
  std::optional<std::string> item_number_;
  std::vector<pugi::xml_node> deferred_;
  bool in_paragraph_ = false;
  bool space_before_ = true;
};

/// Page headers and footers: those of each master page (page style) in styles.xml, headers first, as
/// the DOCX reader reads a Word section's; the Nth master page is "section N".
void read_page_lines(pugi::xml_node styles, const NumberStyles& number_styles, Source& source,
                     const std::string& path, const Limits& limits) {
  static constexpr std::pair<const char*, PagePart> kParts[] = {{"style:header", PagePart::Header},
                                                                {"style:header-first", PagePart::FirstHeader},
                                                                {"style:header-left", PagePart::EvenHeader},
                                                                {"style:footer", PagePart::Footer},
                                                                {"style:footer-first", PagePart::FirstFooter},
                                                                {"style:footer-left", PagePart::EvenFooter}};
  int section = 0;
  for (pugi::xml_node master : styles.child("office:master-styles").children("style:master-page")) {
    ++section;
    for (const auto& [name, part] : kParts) {
      pugi::xml_node content = master.child(name);
      if (!content || std::string_view(content.attribute("style:display").value()) == "false") continue;
      std::vector<SourceLine> lines =
          BodyRenderer(number_styles, path, limits.max_part_bytes).render(content);
      check_utf8(lines, "styles.xml", path);
      add_page_lines(source, std::move(lines), part, section);
    }
  }
}

}  // namespace

bool looks_like_odt(std::string_view bytes) {
  // ODF puts an uncompressed "mimetype" entry first, so its name and value sit at fixed offsets.
  return looks_like_zip(bytes) && bytes.substr(30, 8) == "mimetype" &&
         bytes.substr(38, 100).find("application/vnd.oasis.opendocument.text") != std::string_view::npos;
}

Source read_odt_bytes(const std::string& bytes, const std::string& path, const Limits& limits) {
  ZipArchive zip(bytes, path, limits.max_zip_entries, "ODT");
  // A password-protected ODT keeps its manifest readable and says there which parts are encrypted.
  if (std::optional<std::string> manifest = zip.read("META-INF/manifest.xml", limits.max_part_bytes);
      manifest && manifest->find("encryption-data") != std::string::npos) {
    throw Error(ErrorKind::Input, path,
                "this is an encrypted (password-protected) ODT file; remove the password and save again");
  }
  NumberStyles number_styles;
  std::string styles_data;
  pugi::xml_document styles_doc;
  if (std::optional<std::string> data = zip.read("styles.xml", limits.max_part_bytes)) {
    styles_data = std::move(*data);
    parse_part(styles_doc, styles_data, "styles.xml", path, limits);
    read_number_styles(styles_doc.document_element(), number_styles);
  }
  std::string content_data = part_bytes(zip, "content.xml", path, limits);
  pugi::xml_document content;
  parse_part(content, content_data, "content.xml", path, limits);
  pugi::xml_node root = content.document_element();
  read_number_styles(root, number_styles);
  pugi::xml_node body = root.child("office:body").child("office:text");
  if (std::string_view(root.name()) != "office:document-content" || !body) {
    throw Error(
        ErrorKind::Input, path,
        "content.xml has no office:document-content/office:body/office:text: not an ODT text document");
  }

  Source source;
  source.path = path;
  source.format = "odt";
  source.encoding = "utf-8";
  source.lines = BodyRenderer(number_styles, path, limits.max_part_bytes).render(body);
  check_utf8(source.lines, "content.xml", path);
  read_page_lines(styles_doc.document_element(), number_styles, source, path, limits);
  return source;
}

}  // namespace nos::detail
