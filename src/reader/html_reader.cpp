// The HTML reader: an HTML5 parse (gumbo) rendered as the lines the DOCX reader gives for a Word body.
//
// Rendering rules:
//  * Block elements (p, div, h1-h6, li, dt, dd, blockquote, pre, address, tables...) start a paragraph;
//    p, h1-h6 and pre give a line even when empty, the others only when they hold text. White space
//    collapses as a browser shows it (none at the start of a paragraph); in pre it is kept.
//  * br starts a new line of the same paragraph; one at the very end of a paragraph shows nothing
//    (the "<p><br/></p>" LibreOffice and Word write for an empty paragraph is one empty line).
//  * Tables: rows and cells (td, th) as in Word; nested tables flattened in order.
//  * ol: each li's first paragraph starts with its number and "." (the start and type attributes of ol,
//    the value attribute of li); ul bullets print nothing.
//  * a name="X" is a bookmark, as Word and LibreOffice export theirs.
//  * head, script, style, template, noscript, del and s (deleted text) are never entered, so tracked
//    changes exported as del read as the accepted view.
//  * Charset: a BOM, else a meta charset in the first 4 KiB: UTF-8, or Windows-1252 and the charsets
//    browsers read as Windows-1252 (ISO-8859-1, US-ASCII); bytes that are not UTF-8 with no charset are
//    read as Windows-1252. Any other charset is refused.
#include <fmt/format.h>
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "nos/error.hpp"
#include "reader/line_builder.hpp"
#include "reader/list_number.hpp"
#include "reader/readers.hpp"
#include "util/text.hpp"

namespace nos::detail {

namespace {

/// Gumbo frees its tree recursively, which a deeply nested page would overflow the stack with; every
/// block it allocates is tracked here instead and freed without walking the tree.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    for (void* p : blocks_) std::free(p);
  }

  static void* allocate(void* self, std::size_t size) {
    void* p = std::malloc(size == 0 ? 1 : size);
    if (p == nullptr) std::abort();  // gumbo cannot handle a failed allocation
    static_cast<Arena*>(self)->blocks_.insert(p);
    return p;
  }

  static void deallocate(void* self, void* p) {
    if (p != nullptr && static_cast<Arena*>(self)->blocks_.erase(p) > 0) std::free(p);
  }

 private:
  std::unordered_set<void*> blocks_;
};

/// The charset a meta element names in the first 4 KiB, lower-cased, or "".
std::string meta_charset(std::string_view bytes) {
  std::string head = text::lower(bytes.substr(0, 4096));
  std::size_t at = head.find("charset=");
  if (at == std::string::npos) return "";
  std::size_t begin = at + 8;
  while (begin < head.size() && (head[begin] == '"' || head[begin] == '\'' || head[begin] == ' ')) ++begin;
  std::size_t end = begin;
  while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) || head[end] == '-' ||
                               head[end] == '_' || head[end] == ':' || head[end] == '.')) {
    ++end;
  }
  return head.substr(begin, end - begin);
}

bool cp1252_alias(std::string_view charset) {
  return charset == "windows-1252" || charset == "cp1252" || charset == "iso-8859-1" || charset == "latin1" ||
         charset == "iso8859-1" || charset == "us-ascii" || charset == "ascii";
}

std::string decode_cp1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) text::append_utf8(out, text::cp1252_char(c));
  return out;
}

/// The page as UTF-8, and the encoding it was in.
std::pair<std::string, std::string> to_utf8(const std::string& bytes, const std::string& path) {
  if (bytes.compare(0, 3, "\xef\xbb\xbf") == 0) return {bytes.substr(3), "utf-8-bom"};
  if (bytes.compare(0, 2, "\xff\xfe") == 0 || bytes.compare(0, 2, "\xfe\xff") == 0)
    throw Error(ErrorKind::Input, path, "the HTML page is UTF-16; save it as UTF-8");
  std::string charset = meta_charset(bytes);
  if (charset.empty()) {
    if (text::valid_utf8(bytes)) return {bytes, "utf-8"};
    return {decode_cp1252(bytes), "windows-1252"};
  }
  if (charset == "utf-8" || charset == "utf8") {
    if (!text::valid_utf8(bytes))
      throw Error(ErrorKind::Input, path, "the HTML page says charset=utf-8 but is not valid UTF-8");
    return {bytes, "utf-8"};
  }
  if (cp1252_alias(charset)) return {decode_cp1252(bytes), "windows-1252"};
  throw Error(
      ErrorKind::Input, path,
      fmt::format("the HTML page's charset {} is not supported (only UTF-8 and Windows-1252)", charset));
}

enum class Kind { Inline, Skip, Paragraph, Block, Break, Table, Row, Cell, OrderedList, List, Item, Pre };

Kind classify(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_TITLE:
      return Kind::Skip;
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return Kind::Paragraph;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
      return Kind::Pre;
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
      return Kind::Block;
    case GUMBO_TAG_BR:
      return Kind::Break;
    case GUMBO_TAG_TABLE:
      return Kind::Table;
    case GUMBO_TAG_TR:
      return Kind::Row;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      return Kind::Cell;
    case GUMBO_TAG_OL:
      return Kind::OrderedList;
    case GUMBO_TAG_UL:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_DIR:
      return Kind::List;
    case GUMBO_TAG_LI:
      return Kind::Item;
    default:
      return Kind::Inline;
  }
}

const char* attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a == nullptr ? nullptr : a->value;
}

std::optional<int> int_attribute(const GumboElement& e, const char* name) {
  const char* v = attribute(e, name);
  if (v == nullptr) return std::nullopt;
  std::string_view s(v);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  int n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end == s.data()) return std::nullopt;
  return std::clamp(n, -1'000'000'000, 1'000'000'000);
}

std::string list_format(const GumboElement& ol) {
  const char* type = attribute(ol, "type");
  std::string_view t = type == nullptr ? "1" : type;
  if (t == "a") return "lowerLetter";
  if (t == "A") return "upperLetter";
  if (t == "i") return "lowerRoman";
  if (t == "I") return "upperRoman";
  return "decimal";
}

class Renderer {
 public:
  Renderer(const std::string& path, const Limits& limits) : path_(path), limits_(limits) {}

  std::vector<SourceLine> render(const GumboNode* root) {
    stack_.push_back({root, 0, Kind::Inline});
    while (!stack_.empty()) {
      Frame& f = stack_.back();
      const GumboVector& children =
          f.node->type == GUMBO_NODE_DOCUMENT ? f.node->v.document.children : f.node->v.element.children;
      if (f.next >= children.length) {
        Frame done = f;
        stack_.pop_back();
        leave(done);
        continue;
      }
      const auto* node = static_cast<const GumboNode*>(children.data[f.next++]);
      visit(node);
      if (out_.size() > limits_.max_part_bytes) {
        throw Error(ErrorKind::Input, path_,
                    fmt::format("the HTML page renders to more than {} MiB of text (limit --max-part-size)",
                                limits_.max_part_bytes >> 20));
      }
    }
    return out_.finish();
  }

 private:
  struct Frame {
    const GumboNode* node;
    unsigned next;
    Kind kind;
  };

  struct List {
    bool ordered;
    int next;
    std::string format;
  };

  void visit(const GumboNode* node) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        text(node->v.text.text);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        enter(node);
        return;
      default:
        return;
    }
  }

  void enter(const GumboNode* node) {
    const GumboElement& e = node->v.element;
    Kind kind = node->type == GUMBO_NODE_TEMPLATE ? Kind::Skip : classify(e.tag);
    if (stack_.size() > limits_.max_xml_depth) {
      throw Error(ErrorKind::Input, path_,
                  fmt::format("the HTML page nests elements more than {} deep (limit --max-xml-depth)",
                              limits_.max_xml_depth));
    }
    switch (kind) {
      case Kind::Skip:
        return;
      case Kind::Break:
        if (out_.in_paragraph()) pending_break_ = space_before_ = true;
        return;
      case Kind::Inline:
        if (e.tag == GUMBO_TAG_A) {
          if (const char* name = attribute(e, "name")) out_.bookmark(name);
        }
        break;
      case Kind::Paragraph:
      case Kind::Pre:
        start_paragraph();
        if (kind == Kind::Pre) ++pre_;
        break;
      case Kind::Block:
        end_paragraph();
        break;
      case Kind::Table:
        end_paragraph();
        out_.begin_table();
        break;
      case Kind::Row:
        out_.begin_row();
        break;
      case Kind::Cell:
        out_.begin_cell();
        break;
      case Kind::OrderedList:
      case Kind::List:
        end_paragraph();
        lists_.push_back({kind == Kind::OrderedList, int_attribute(e, "start").value_or(1), list_format(e)});
        break;
      case Kind::Item:
        end_paragraph();
        number_.clear();
        if (!lists_.empty() && lists_.back().ordered) {
          List& list = lists_.back();
          if (std::optional<int> v = int_attribute(e, "value")) list.next = *v;
          number_ = format_number(list.next, list.format) + ".";
          list.next = std::min(list.next, 999'999'999) + 1;
        }
        break;
      default:
        break;
    }
    stack_.push_back({node, 0, kind});
  }

  void leave(const Frame& f) {
    switch (f.kind) {
      case Kind::Paragraph:
      case Kind::Block:
      case Kind::Item:
        end_paragraph();
        break;
      case Kind::Pre:
        end_paragraph();
        --pre_;
        break;
      case Kind::Table:
        end_paragraph();
        out_.end_table();
        break;
      case Kind::Cell:
        end_paragraph();
        out_.end_cell();
        break;
      case Kind::OrderedList:
      case Kind::List:
        end_paragraph();
        lists_.pop_back();
        break;
      default:
        break;
    }
  }

  void start_paragraph() {
    end_paragraph();
    out_.begin_paragraph();
    if (!number_.empty()) out_.set_number(std::move(number_));
    number_.clear();
    space_before_ = true;
  }

  void end_paragraph() {
    out_.end_paragraph();
    pending_break_ = false;
  }

  void text(std::string_view s) {
    if (pre_ > 0) {
      if (!out_.in_paragraph()) start_paragraph();
      for (;;) {
        std::size_t cut = s.find('\n');
        flush_break();
        out_.text(s.substr(0, cut));
        if (cut == std::string_view::npos) return;
        pending_break_ = true;
        s.remove_prefix(cut + 1);
      }
    }
    std::string run;
    for (char c : s) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        if (!space_before_) run.push_back(' ');
        space_before_ = true;
      } else {
        run.push_back(c);
        space_before_ = false;
      }
    }
    if (run.empty() || run == " ") {
      if (run == " " && out_.in_paragraph() && !pending_break_) out_.text(run);
      return;
    }
    if (!out_.in_paragraph()) {
      start_paragraph();
      if (run.front() == ' ') run.erase(0, 1);
    }
    flush_break();
    out_.text(run);
  }

  void flush_break() {
    if (!pending_break_) return;
    pending_break_ = false;
    out_.line_break();
    space_before_ = true;
  }

  const std::string& path_;
  const Limits& limits_;
  LineBuilder out_;
  std::vector<Frame> stack_;
  std::vector<List> lists_;
  std::string number_;
  bool space_before_ = true;
  bool pending_break_ = false;
  int pre_ = 0;
};

}  // namespace

Source read_html_bytes(const std::string& bytes, const std::string& path, const Limits& limits) {
  auto [utf8, encoding] = to_utf8(bytes, path);
  if (utf8.size() > limits.max_part_bytes) {
    throw Error(ErrorKind::Input, path,
                fmt::format("the HTML page is larger than {} MiB (limit --max-part-size)",
                            limits.max_part_bytes >> 20));
  }
  Arena arena;
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::allocate;
  options.deallocator = &Arena::deallocate;
  options.userdata = &arena;
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, utf8.data(), utf8.size());
  Source source;
  source.path = path;
  source.format = "html";
  source.encoding = encoding;
  source.lines = Renderer(path, limits).render(output->document);
  return source;
}

}  // namespace nos::detail
