// The DOCX reader: renders word/document.xml as the lines an Apache Tika text export of it would have.
//
// Rendering rules (what a reader of the document sees in Word, in the order Tika writes it):
//  * One line per w:p, in document order; the body is walked iteratively (never recursively), through
//    tables (nested tables flattened in order), content controls (w:sdt), w:customXml, w:smartTag,
//    w:hyperlink, w:fldSimple, w:ins and w:moveTo. w:del, w:moveFrom, w:delText, w:instrText and
//    property elements (w:pPr, w:rPr, w:sdtPr, ...) are never entered.
//  * Complex fields: only the result (between w:fldChar separate and end) is shown; the field stack is
//    document-wide, since a field may span paragraphs.
//  * mc:AlternateContent: the first mc:Choice with text (a w:t) is used, else mc:Fallback; never both.
//  * Text boxes (w:txbxContent): their paragraphs become lines right after the paragraph anchoring them.
//  * w:tab and w:ptab -> "\t"; w:br and w:cr (any type) and a line end inside w:t start a new line of the
//    same paragraph; w:noBreakHyphen -> "-"; w:softHyphen -> nothing; w:sym -> its character, with the
//    common Symbol and Wingdings private-use characters (F0xx) mapped to Unicode and the others dropped.
//  * The first line of a table cell starts with "\t", as Tika puts a tab before each cell.
//  * w:bookmarkStart -> "[bookmark: NAME]" where it starts; one between paragraphs attaches to the start
//    of the next paragraph (after its list number), one after the last paragraph becomes a line of its
//    own. Names starting with "_" (_GoBack, _Toc..., _Hlk...: Word's hidden bookmarks) are skipped.
//  * Word list numbering (w:numPr on the paragraph or its style chain) is rendered as Word shows it:
//    lvlText with %1..%9 replaced, then one space, whatever w:suff says. Counters belong to the abstract
//    list, shared by every w:num pointing at it, except that a w:num with a w:startOverride keeps its
//    own counters starting at the override. Bullets (numFmt bullet) and empty numbers render nothing.
//    A paragraph whose mark is deleted (w:pPr/w:rPr/w:del) and which shows no text is not counted.
//  * A paragraph styled as a heading (a style named "heading", or one with an outline level) or whose
//    visible text is all bold is marked `heading_format`.
//  * Page headers and footers (word/header*.xml, word/footer*.xml, reached through each section's
//    w:headerReference/w:footerReference and word/_rels/document.xml.rels) are rendered the same way,
//    without bookmarks, into `Source::page_lines`, located as "header of section 1". Footnotes and
//    comments live in other parts and are never read.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <iterator>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "nos/error.hpp"
#include "reader/docx_trace.hpp"
#include "reader/line_builder.hpp"
#include "reader/list_number.hpp"
#include "reader/readers.hpp"
#include "reader/xml_part.hpp"
#include "reader/zip_archive.hpp"
#include "util/text.hpp"

namespace nos::detail {

namespace {

constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kWordNsStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr std::string_view kMcNs = "http://schemas.openxmlformats.org/markup-compatibility/2006";
constexpr std::string_view kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kRelNsStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships";
constexpr int kLevels = 9;
constexpr int kMaxCounter = 1'000'000'000;  ///< list counters saturate here instead of overflowing

// ---------------------------------------------------------------------------------------------------
// Small helpers

std::optional<int> parse_int(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

/// A WordprocessingML on/off property (w:b, w:isLgl): absent is unset; no w:val, or any value but
/// 0/false/off, is on.
std::optional<bool> on_off(pugi::xml_node property, const std::string& val) {
  if (!property) return std::nullopt;
  std::string_view v = property.attribute(val.c_str()).value();
  return !(v == "0" || v == "false" || v == "off");
}

/// The namespace a prefix is bound to, as far as the reader tells them apart.
enum class Space { Word, Mc, Other };

Space space_of(std::string_view uri) {
  if (uri == kWordNs || uri == kWordNsStrict) return Space::Word;
  return uri == kMcNs ? Space::Mc : Space::Other;
}

/// Spells every WordprocessingML and markup-compatibility name of a part with the prefix "w:" or "mc:",
/// so that the reader (and nos fix) match names as text. Word binds both prefixes on the root, but a part
/// may bind the namespaces to other prefixes, as the default namespace or on any descendant; a name in
/// another namespace under "w:" or "mc:" moves to "nos.w:" or "nos.mc:". Where a renamed name's new
/// prefix is not bound to its namespace, the binding is added, so a part written back means what it
/// meant; a part that already spells them so is left as it is. An undeclared "w:" or "mc:" is taken as
/// Word's, as some writers leave it.
class CanonicalPrefixes : public pugi::xml_tree_walker {
 public:
  bool for_each(pugi::xml_node& node) override {
    if (node.type() != pugi::node_element) return true;
    const int depth = this->depth();
    while (!bound_.empty() && bound_.back().depth >= depth) bound_.pop_back();
    while (!written_.empty() && written_.back().depth >= depth) written_.pop_back();
    for (pugi::xml_attribute a : node.attributes()) declare(a, depth);
    rename(node, node.name(), depth, [&](const std::string& name) { node.set_name(name.c_str()); });
    for (pugi::xml_attribute a : node.attributes()) {
      std::string_view name = a.name();
      if (name.find(':') == std::string_view::npos || name == "xmlns" || name.starts_with("xmlns:")) continue;
      rename(node, name, depth, [&](const std::string& renamed) { a.set_name(renamed.c_str()); });
    }
    return true;
  }

 private:
  struct Binding {
    int depth;
    std::string prefix;
    Space space;
    std::string uri;
  };
  struct Written {
    int depth;
    Space space;
  };

  /// The binding `prefix` has in scope, or none: "w" and "mc" are Word's when undeclared.
  const Binding* binding(std::string_view prefix) const {
    for (auto b = bound_.rbegin(); b != bound_.rend(); ++b)
      if (b->prefix == prefix) return &*b;
    return nullptr;
  }
  Space space(std::string_view prefix) const {
    if (const Binding* b = binding(prefix)) return b->space;
    return prefix == "w" ? Space::Word : prefix == "mc" ? Space::Mc : Space::Other;
  }
  static std::string_view canonical(Space s) { return s == Space::Word ? "w" : "mc"; }

  // Only bindings that name Word's namespaces, or hide one, are kept: any other prefix is Space::Other.
  void declare(pugi::xml_attribute a, int depth) {
    std::string_view name = a.name();
    if (name != "xmlns" && !name.starts_with("xmlns:")) return;
    std::string_view prefix = name.substr(std::min<std::size_t>(name.size(), 6));
    const Space s = space_of(a.value());
    if (s == Space::Other && space(prefix) == Space::Other) return;
    bound_.push_back({depth, std::string(prefix), s, a.value()});
    if (s != Space::Other && prefix == canonical(s)) written_.push_back({depth, s});
    if (s == Space::Other && (prefix == "w" || prefix == "mc"))
      a.set_name(("xmlns:nos." + std::string(prefix)).c_str());
  }

  template <class SetName>
  void rename(pugi::xml_node node, std::string_view name, int depth, SetName set_name) {
    const std::size_t colon = name.find(':');
    const std::string_view prefix =
        colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
    const std::string_view local = name.substr(colon == std::string_view::npos ? 0 : colon + 1);
    const Space s = space(prefix);
    if (s == Space::Other) {
      if (prefix == "w" || prefix == "mc") set_name("nos." + std::string(name));
      return;
    }
    if (prefix == canonical(s)) return;
    // `name` may be renamed in place: what it says is read first.
    const std::string& uri = binding(prefix)->uri;
    set_name(std::string(canonical(s)) + ":" + std::string(local));
    if (std::none_of(written_.begin(), written_.end(), [&](const Written& w) { return w.space == s; })) {
      node.append_attribute(("xmlns:" + std::string(canonical(s))).c_str()) = uri.c_str();
      written_.push_back({depth, s});
    }
  }

  std::vector<Binding> bound_;    ///< the declarations in scope that matter, innermost last
  std::vector<Written> written_;  ///< where "w" or "mc" is bound in the part as it is now
};

/// Spells the names of `document` as CanonicalPrefixes does.
void canonicalise_prefixes(pugi::xml_node document) {
  CanonicalPrefixes walker;
  document.traverse(walker);
}

/// Parses a part of the package as parse_part does, its names spelled as CanonicalPrefixes does.
void parse_word_part(pugi::xml_document& doc, std::string& data, const std::string& part,
                     const std::string& path, const Limits& limits, unsigned keep = 0) {
  parse_part(doc, data, part, path, limits, keep);
  canonicalise_prefixes(doc);
}

/// A WordprocessingML name: "w:" and `local`.
std::string word_name(std::string_view local) { return std::string(kWordPrefix) + std::string(local); }

/// The namespace `prefix` is bound to at `node`: by the nearest declaration on it or an ancestor; "" when
/// none binds it.
std::string_view namespace_at(pugi::xml_node node, std::string_view prefix) {
  const std::string declaration = "xmlns:" + std::string(prefix);
  for (; node; node = node.parent())
    if (pugi::xml_attribute a = node.attribute(declaration.c_str())) return a.value();
  return {};
}

/// A header or footer reference's relationship id: its `id` attribute in the relationships namespace,
/// under whatever prefix, declared wherever (an undeclared `r:`, as some writers leave it, too).
std::string relationship_id(pugi::xml_node reference) {
  for (pugi::xml_attribute a : reference.attributes()) {
    const std::string_view name = a.name();
    const std::size_t colon = name.find(':');
    if (colon == std::string_view::npos || name.substr(colon + 1) != "id") continue;
    const std::string_view prefix = name.substr(0, colon), ns = namespace_at(reference, prefix);
    if (ns == kRelNs || ns == kRelNsStrict || (ns.empty() && prefix == "r")) return a.value();
  }
  return {};
}

/// The local name of `name` when it is in the WordprocessingML namespace, else "".
std::string_view word_local(std::string_view name) {
  if (name.size() <= kWordPrefix.size() || !name.starts_with(kWordPrefix)) return {};
  return name.substr(kWordPrefix.size());
}

// ---------------------------------------------------------------------------------------------------
// Styles: list numbering, headings and bold that paragraph and character styles carry

struct StyleNumbering {
  std::optional<std::string> num_id;
  std::optional<int> ilvl;
};

class Styles {
 public:
  Styles() = default;

  explicit Styles(pugi::xml_node root) {
    const std::string style = word_name("style"), type = word_name("type"), id = word_name("styleId"),
                      def = word_name("default"), based = word_name("basedOn"), val = word_name("val"),
                      ppr = word_name("pPr"), numpr = word_name("numPr"), numid = word_name("numId"),
                      ilvl = word_name("ilvl"), name = word_name("name"), outline = word_name("outlineLvl"),
                      rpr = word_name("rPr"), b = word_name("b");
    for (pugi::xml_node s = root.child(style.c_str()); s; s = s.next_sibling(style.c_str())) {
      std::string_view t = s.attribute(type.c_str()).value();
      Entry e;
      e.based_on = s.child(based.c_str()).attribute(val.c_str()).value();
      e.bold = on_off(s.child(rpr.c_str()).child(b.c_str()), val);
      // "heading 3", "PC group heading": a style named so, or one giving its paragraphs an outline level.
      e.named_heading = text::lower(s.child(name.c_str()).attribute(val.c_str()).value()).find("heading") !=
                        std::string::npos;
      if (pugi::xml_attribute a = s.child(ppr.c_str()).child(outline.c_str()).attribute(val.c_str()))
        e.outline_level = parse_int(a.value());
      pugi::xml_node np = s.child(ppr.c_str()).child(numpr.c_str());
      if (pugi::xml_attribute a = np.child(numid.c_str()).attribute(val.c_str())) e.own.num_id = a.value();
      if (pugi::xml_attribute a = np.child(ilvl.c_str()).attribute(val.c_str()))
        e.own.ilvl = parse_int(a.value());
      std::string sid = s.attribute(id.c_str()).value();
      if (t == "numbering") {
        numbering_styles_[sid] = e.own.num_id.value_or("");
        continue;
      }
      if (t != "paragraph" && t != "character" && !t.empty()) continue;
      std::string_view d = s.attribute(def.c_str()).value();
      if (default_paragraph_.empty() && (d == "1" || d == "true" || d == "on")) default_paragraph_ = sid;
      entries_.emplace(std::move(sid), std::move(e));
    }
  }

  const std::string& default_paragraph() const { return default_paragraph_; }

  /// The numbering a paragraph style gives.
  StyleNumbering numbering(const std::string& id) const {
    StyleNumbering out;
    walk(id, [&](const Entry& e) {
      if (!out.num_id && e.own.num_id) out.num_id = e.own.num_id;
      if (!out.ilvl && e.own.ilvl) out.ilvl = e.own.ilvl;
      return out.num_id && out.ilvl;
    });
    return out;
  }

  /// Whether a paragraph style is a heading: named so, or giving an outline level (0-8: a heading level).
  bool heading(const std::string& id) const {
    bool out = false;
    walk(id, [&](const Entry& e) {
      if (!e.named_heading && !e.outline_level) return false;
      out = e.named_heading || (*e.outline_level >= 0 && *e.outline_level < kLevels);
      return true;
    });
    return out;
  }

  /// Whether a paragraph or character style sets its text in bold; unset when no style in its chain says.
  std::optional<bool> bold(const std::string& id) const {
    std::optional<bool> out;
    walk(id, [&](const Entry& e) {
      out = e.bold;
      return out.has_value();
    });
    return out;
  }

  /// The numId a numbering style (w:type="numbering") points at, for w:numStyleLink.
  std::string numbering_style_num(const std::string& id) const {
    auto it = numbering_styles_.find(id);
    return it == numbering_styles_.end() ? std::string() : it->second;
  }

 private:
  struct Entry {
    std::string based_on;
    StyleNumbering own;
    std::optional<bool> bold;
    bool named_heading = false;
    std::optional<int> outline_level;
  };

  /// Calls `visit` on style `id`, then on the styles it is based on, until `visit` returns true (at most
  /// 32 steps, so w:basedOn loops end).
  template <typename Visit>
  void walk(const std::string& id, Visit visit) const {
    const std::string* cur = &id;
    for (int hops = 0; hops < 32 && !cur->empty(); ++hops) {
      auto it = entries_.find(*cur);
      if (it == entries_.end() || visit(it->second)) return;
      cur = &it->second.based_on;
    }
  }
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<std::string, std::string> numbering_styles_;
  std::string default_paragraph_;
};

// ---------------------------------------------------------------------------------------------------
// Numbering: numbering.xml lists and the counters Word keeps while laying the document out

struct Level {
  bool defined = false;
  int start = 1;
  std::string format = "decimal";
  std::string text;
  int restart = -1;  ///< w:lvlRestart: -1 unset (restart after any higher level), 0 never, k after level k
  bool legal = false;
  std::string style;  ///< w:pStyle: paragraphs of that style are at this level
};

struct AbstractNum {
  std::array<Level, kLevels> levels;
  std::string num_style_link;
};

struct Num {
  std::string abstract_id;
  std::array<std::optional<int>, kLevels> start_override;
  std::array<Level, kLevels> level_override;
  bool restarts = false;
};

class Numbering {
 public:
  Numbering() = default;

  Numbering(pugi::xml_node root, const Styles* styles) : styles_(styles) {
    const std::string abstract = word_name("abstractNum"), abstract_id = word_name("abstractNumId"),
                      lvl = word_name("lvl"), ilvl = word_name("ilvl"), val = word_name("val"),
                      num = word_name("num"), num_id = word_name("numId"),
                      override_ = word_name("lvlOverride"), start_override = word_name("startOverride"),
                      num_style_link = word_name("numStyleLink");
    for (pugi::xml_node a = root.child(abstract.c_str()); a; a = a.next_sibling(abstract.c_str())) {
      AbstractNum& an = abstracts_[a.attribute(abstract_id.c_str()).value()];
      an.num_style_link = a.child(num_style_link.c_str()).attribute(val.c_str()).value();
      for (pugi::xml_node l = a.child(lvl.c_str()); l; l = l.next_sibling(lvl.c_str())) {
        std::optional<int> i = parse_int(l.attribute(ilvl.c_str()).value());
        if (i && *i >= 0 && *i < kLevels) an.levels[static_cast<std::size_t>(*i)] = read_level(l);
      }
    }
    for (pugi::xml_node m = root.child(num.c_str()); m; m = m.next_sibling(num.c_str())) {
      Num& nm = nums_[m.attribute(num_id.c_str()).value()];
      nm.abstract_id = m.child(abstract_id.c_str()).attribute(val.c_str()).value();
      for (pugi::xml_node o = m.child(override_.c_str()); o; o = o.next_sibling(override_.c_str())) {
        std::optional<int> i = parse_int(o.attribute(ilvl.c_str()).value());
        if (!i || *i < 0 || *i >= kLevels) continue;
        auto idx = static_cast<std::size_t>(*i);
        if (pugi::xml_node so = o.child(start_override.c_str())) {
          nm.start_override[idx] = parse_int(so.attribute(val.c_str()).value()).value_or(0);
          nm.restarts = true;
        }
        if (pugi::xml_node l = o.child(lvl.c_str())) {
          nm.level_override[idx] = read_level(l);
          if (nm.level_override[idx].defined) nm.restarts = true;
        }
      }
    }
  }

  bool empty() const { return nums_.empty(); }

  /// The level a paragraph of style `style` is at in list `num_id` when neither it nor its style says.
  int level_for_style(const std::string& num_id, const std::string& style) const {
    const Num* num = find_num(num_id);
    const AbstractNum* an = num ? resolve(*num) : nullptr;
    if (an == nullptr || style.empty()) return 0;
    for (int i = 0; i < kLevels; ++i) {
      if (an->levels[static_cast<std::size_t>(i)].style == style) return i;
    }
    return 0;
  }

  /// Counts one paragraph of list `num_id` at level `ilvl` and returns its number text with the trailing
  /// space, or "" for bullets, empty numbers and unknown lists.
  std::string next(const std::string& num_id, int ilvl) {
    if (num_id.empty() || num_id == "0") return "";
    const Num* num = find_num(num_id);
    if (num == nullptr) return "";
    const AbstractNum* an = resolve(*num);
    if (an == nullptr) return "";
    ilvl = std::clamp(ilvl, 0, kLevels - 1);
    auto level_of = [&](int i) -> const Level& {
      const Level& o = num->level_override[static_cast<std::size_t>(i)];
      return o.defined ? o : an->levels[static_cast<std::size_t>(i)];
    };
    auto start_of = [&](int i) {
      const auto& so = num->start_override[static_cast<std::size_t>(i)];
      return std::clamp(so ? *so : level_of(i).start, 0, kMaxCounter);
    };
    const Level& level = level_of(ilvl);
    if (!level.defined) return "";
    Counters& c = counters_[num->restarts ? "n" + num_id : "a" + resolved_id(*num)];
    auto i = static_cast<std::size_t>(ilvl);
    c.value[i] = c.used[i] ? std::min(c.value[i], kMaxCounter - 1) + 1 : start_of(ilvl);
    c.used[i] = true;
    for (int m = ilvl + 1; m < kLevels; ++m) {
      int r = level_of(m).restart;
      if (r < 0 || (r > 0 && ilvl < r)) c.used[static_cast<std::size_t>(m)] = false;
    }
    if (level.format == "bullet") return "";
    std::string out;
    const std::string& t = level.text;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (t[k] == '%' && k + 1 < t.size() && t[k + 1] >= '1' && t[k + 1] <= '9') {
        int ref = t[k + 1] - '1';
        auto r = static_cast<std::size_t>(ref);
        int value = c.used[r] ? c.value[r] : start_of(ref);
        out += format_number(value, level.legal && ref < ilvl ? "decimal" : level_of(ref).format);
        ++k;
      } else {
        out.push_back(t[k]);
      }
    }
    if (out.find_first_not_of(" \t") == std::string::npos) return "";
    out.push_back(' ');
    return out;
  }

 private:
  struct Counters {
    std::array<int, kLevels> value{};
    std::array<bool, kLevels> used{};
  };

  static Level read_level(pugi::xml_node l) {
    const std::string val = word_name("val");
    Level level;
    level.defined = true;
    if (pugi::xml_node s = l.child(word_name("start").c_str()))
      level.start = parse_int(s.attribute(val.c_str()).value()).value_or(1);
    if (pugi::xml_node f = l.child(word_name("numFmt").c_str()))
      level.format = f.attribute(val.c_str()).value();
    level.text = l.child(word_name("lvlText").c_str()).attribute(val.c_str()).value();
    if (pugi::xml_node r = l.child(word_name("lvlRestart").c_str())) {
      level.restart = parse_int(r.attribute(val.c_str()).value()).value_or(-1);
    }
    level.legal = on_off(l.child(word_name("isLgl").c_str()), val).value_or(false);
    level.style = l.child(word_name("pStyle").c_str()).attribute(val.c_str()).value();
    return level;
  }

  const Num* find_num(const std::string& num_id) const {
    auto it = nums_.find(num_id);
    return it == nums_.end() ? nullptr : &it->second;
  }

  /// The abstract list id of `num`, following w:numStyleLink through a numbering style (a few hops).
  std::string resolved_id(const Num& num) const {
    std::string id = num.abstract_id;
    for (int hops = 0; hops < 4; ++hops) {
      auto it = abstracts_.find(id);
      if (it == abstracts_.end() || it->second.num_style_link.empty() || styles_ == nullptr) break;
      const Num* linked = find_num(styles_->numbering_style_num(it->second.num_style_link));
      if (linked == nullptr || linked->abstract_id == id) break;
      id = linked->abstract_id;
    }
    return id;
  }

  const AbstractNum* resolve(const Num& num) const {
    auto it = abstracts_.find(resolved_id(num));
    return it == abstracts_.end() ? nullptr : &it->second;
  }

  const Styles* styles_ = nullptr;
  std::unordered_map<std::string, AbstractNum> abstracts_;
  std::unordered_map<std::string, Num> nums_;
  std::unordered_map<std::string, Counters> counters_;
};

// ---------------------------------------------------------------------------------------------------
// w:sym: characters of the symbol fonts

std::optional<char32_t> symbol_char(std::string_view font, char32_t code) {
  struct Entry {
    unsigned char from;
    char32_t to;
  };
  static constexpr std::array kSymbol = {
      Entry{0x2D, 0x2212}, Entry{0x44, 0x0394}, Entry{0x53, 0x03A3}, Entry{0x57, 0x03A9}, Entry{0x61, 0x03B1},
      Entry{0x62, 0x03B2}, Entry{0x64, 0x03B4}, Entry{0x6D, 0x03BC}, Entry{0x70, 0x03C0}, Entry{0xA3, 0x2264},
      Entry{0xA5, 0x221E}, Entry{0xA7, 0x2663}, Entry{0xA8, 0x2666}, Entry{0xA9, 0x2665}, Entry{0xAA, 0x2660},
      Entry{0xAB, 0x2194}, Entry{0xAC, 0x2190}, Entry{0xAD, 0x2191}, Entry{0xAE, 0x2192}, Entry{0xAF, 0x2193},
      Entry{0xB0, 0x00B0}, Entry{0xB1, 0x00B1}, Entry{0xB3, 0x2265}, Entry{0xB4, 0x00D7}, Entry{0xB7, 0x2022},
      Entry{0xB8, 0x00F7}, Entry{0xB9, 0x2260}, Entry{0xBB, 0x2248}, Entry{0xD2, 0x00AE}, Entry{0xD3, 0x00A9},
      Entry{0xD4, 0x2122}, Entry{0xD6, 0x221A}, Entry{0xD7, 0x22C5}, Entry{0xDB, 0x21D4}, Entry{0xDC, 0x21D0},
      Entry{0xDE, 0x21D2}, Entry{0xE0, 0x25CA}, Entry{0xE2, 0x00AE}, Entry{0xE3, 0x00A9}, Entry{0xE4, 0x2122},
  };
  static constexpr std::array kWingdings = {
      Entry{0x4A, 0x263A}, Entry{0x6C, 0x25CF}, Entry{0x6E, 0x25A0}, Entry{0x6F, 0x25A1},
      Entry{0x71, 0x2751}, Entry{0x76, 0x2756}, Entry{0xA7, 0x25AA}, Entry{0xA8, 0x25FB},
      Entry{0xD8, 0x27A2}, Entry{0xFB, 0x2717}, Entry{0xFC, 0x2713}, Entry{0xFE, 0x2611},
  };
  bool symbol_font = font == "Symbol";
  bool wingdings = font == "Wingdings";
  bool private_use = code >= 0xF000 && code <= 0xF0FF;
  if (private_use || ((symbol_font || wingdings) && code <= 0xFF)) {
    auto low = static_cast<unsigned char>(code & 0xFF);
    if (symbol_font) {
      for (const Entry& e : kSymbol) {
        if (e.from == low) return e.to;
      }
    } else if (wingdings) {
      for (const Entry& e : kWingdings) {
        if (e.from == low) return e.to;
      }
    }
    return std::nullopt;
  }
  if (code < 0x20 || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return std::nullopt;
  return code;
}

// ---------------------------------------------------------------------------------------------------
// The body walker

enum class Tag {
  Other,  // entered: runs, hyperlinks, content controls, insertions, fields, drawings, ...
  Skip,   // never entered: properties, deletions, field instructions
  P,
  Tbl,
  Tr,
  Tc,
  T,
  Tab,
  Br,
  NoBreakHyphen,
  Sym,
  FldChar,
  BookmarkStart,
  TxbxContent,
  AlternateContent,
};

Tag classify_local(std::string_view l) {
  switch (l.size()) {
    case 1:
      if (l == "p") return Tag::P;
      if (l == "t") return Tag::T;
      break;
    case 2:
      if (l == "tr") return Tag::Tr;
      if (l == "tc") return Tag::Tc;
      if (l == "br" || l == "cr") return Tag::Br;
      break;
    case 3:
      if (l == "tbl") return Tag::Tbl;
      if (l == "tab") return Tag::Tab;
      if (l == "sym") return Tag::Sym;
      if (l == "pPr" || l == "rPr" || l == "del") return Tag::Skip;
      break;
    case 4:
      if (l == "ptab") return Tag::Tab;
      if (l == "tcPr" || l == "trPr") return Tag::Skip;
      break;
    default:
      if (l == "fldChar") return Tag::FldChar;
      if (l == "bookmarkStart") return Tag::BookmarkStart;
      if (l == "txbxContent") return Tag::TxbxContent;
      if (l == "noBreakHyphen") return Tag::NoBreakHyphen;
      if (l == "tblPr" || l == "tblGrid" || l == "sectPr" || l == "delText" || l == "moveFrom" ||
          l == "instrText" || l == "delInstrText" || l == "sdtPr" || l == "sdtEndPr" || l == "tblPrEx" ||
          l == "customXmlPr" || l == "smartTagPr" || l == "fldData" || l == "softHyphen") {
        return Tag::Skip;
      }
      break;
  }
  return Tag::Other;
}

/// Renders the body, or a page header or footer (`part` other than Body: located in Word section
/// `word_section`, its lines numbered after `line_offset` lines, its bookmarks left out).
class BodyRenderer {
 public:
  BodyRenderer(Numbering& numbering, const Styles& styles, PagePart part = PagePart::Body,
               std::uint16_t word_section = 0, std::size_t line_offset = 0)
      : numbering_(numbering),
        styles_(styles),
        a_val_(word_name("val")),
        a_name_(word_name("name")),
        a_type_(word_name("fldCharType")),
        a_char_(word_name("char")),
        a_font_(word_name("font")),
        e_ppr_(word_name("pPr")),
        e_rpr_(word_name("rPr")),
        e_del_(word_name("del")),
        e_pstyle_(word_name("pStyle")),
        e_numpr_(word_name("numPr")),
        e_numid_(word_name("numId")),
        e_ilvl_(word_name("ilvl")),
        e_t_(word_name("t")),
        e_b_(word_name("b")),
        e_rstyle_(word_name("rStyle")),
        e_choice_("mc:Choice"),
        e_fallback_("mc:Fallback"),
        e_alternate_("mc:AlternateContent"),
        part_(part),
        word_section_(word_section),
        line_offset_(line_offset) {}

  /// Also records in `pieces`, line by line, where the text of each line comes from.
  BodyRenderer& trace(std::vector<std::vector<TextPiece>>* pieces) {
    trace_ = pieces;
    return *this;
  }

  std::vector<SourceLine> render(pugi::xml_node body) {
    stack_.push_back({body, body.first_child(), Tag::Other});
    walk_frames(
        stack_,
        [this](pugi::xml_node node) {
          if (node.type() == pugi::node_element) enter(node);
        },
        [this](const Frame& f) { leave(f); });
    if (!pending_bookmarks_.empty()) {
      SourceLine line;
      line.text = std::move(pending_bookmarks_);
      line.location.paragraph = std::max(paragraph_count_, 1);
      push_line(std::move(line));
      if (trace_) trace_->emplace_back();
    }
    return std::move(lines_);
  }

 private:
  struct Frame {
    pugi::xml_node node;
    pugi::xml_node next;
    Tag tag;
  };

  Tag classify(pugi::xml_node node) const {
    const char* name = node.name();
    std::string_view local = word_local(name);
    if (!local.empty()) return classify_local(local);
    if (e_alternate_ == name) return Tag::AlternateContent;
    return Tag::Other;
  }

  void descend(pugi::xml_node node, Tag tag) { stack_.push_back({node, node.first_child(), tag}); }

  void enter(pugi::xml_node node) {
    Tag tag = classify(node);
    switch (tag) {
      case Tag::Skip:
        return;
      case Tag::Other:
        descend(node, tag);
        return;
      case Tag::P:
        if (in_paragraph_) {  // not valid WordprocessingML; keep its text in the outer paragraph
          descend(node, Tag::Other);
        } else {
          begin_paragraph(node);
          descend(node, tag);
        }
        return;
      case Tag::Tbl:
        tables_.push_back(tables_.empty() && text_boxes_ == 0);
        if (tables_.back()) {
          location_ = {};
          location_.table = location_index(++table_count_);
        }
        descend(node, tag);
        return;
      case Tag::Tr:
        if (top_level_table()) {
          ++location_.row;
          location_.cell = 0;
        }
        descend(node, tag);
        return;
      case Tag::Tc:
        if (top_level_table()) location_.cell = location_index(location_.cell + 1);
        cell_start_ = true;
        descend(node, tag);
        return;
      case Tag::T:
        if (visible()) {
          bool shows = false;
          for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_pcdata && c.type() != pugi::node_cdata) continue;
            std::string_view text = c.value();
            append_text(text, c);
            shows = shows || text.find_first_not_of(" \t\r\n") != std::string_view::npos;
          }
          if (shows) (run_bold(node) ? bold_text_ : plain_text_) = true;
        }
        return;
      case Tag::Tab:
        if (visible()) append("\t");
        return;
      case Tag::Br:
        if (visible()) new_line();
        return;
      case Tag::NoBreakHyphen:
        if (visible()) append("-");
        return;
      case Tag::Sym:
        if (visible()) append_sym(node);
        return;
      case Tag::FldChar:
        field_char(node.attribute(a_type_.c_str()).value());
        return;
      case Tag::BookmarkStart:
        bookmark(node.attribute(a_name_.c_str()).value());
        return;
      case Tag::TxbxContent:
        if (in_paragraph_) {
          deferred_.push_back(node);
        } else {
          ++text_boxes_;
          descend(node, tag);
        }
        return;
      case Tag::AlternateContent:
        if (pugi::xml_node branch = choose_branch(node)) descend(branch, Tag::Other);
        return;
    }
  }

  void leave(const Frame& f) {
    switch (f.tag) {
      case Tag::P:
        end_paragraph();
        break;
      case Tag::Tbl:
        if (tables_.back()) location_ = {};
        tables_.pop_back();
        break;
      case Tag::TxbxContent:
        --text_boxes_;
        break;
      case Tag::Tc:
        cell_start_ = false;
        break;
      default:
        break;
    }
  }

  bool top_level_table() const { return tables_.size() == 1 && tables_.front(); }
  bool visible() const { return in_paragraph_ && fields_in_instruction_ == 0; }

  /// The first mc:Choice that holds text, else mc:Fallback.
  pugi::xml_node choose_branch(pugi::xml_node alternate) const {
    for (pugi::xml_node c = alternate.child(e_choice_.c_str()); c; c = c.next_sibling(e_choice_.c_str())) {
      if (has_text(c)) return c;
    }
    if (pugi::xml_node fb = alternate.child(e_fallback_.c_str())) return fb;
    return alternate.child(e_choice_.c_str());
  }

  bool has_text(pugi::xml_node root) const {
    pugi::xml_node n = root.first_child();
    while (n && n != root) {
      if (n.type() == pugi::node_element && e_t_ == n.name()) return true;
      if (pugi::xml_node c = n.first_child()) {
        n = c;
        continue;
      }
      while (n != root && !n.next_sibling()) n = n.parent();
      if (n != root) n = n.next_sibling();
    }
    return false;
  }

  void begin_paragraph(pugi::xml_node p) {
    in_paragraph_ = true;
    paragraph_index_ = ++paragraph_count_;
    first_in_cell_ = cell_start_;
    cell_start_ = false;
    has_text_ = false;
    para_lines_.assign(1, std::move(pending_bookmarks_));
    pending_bookmarks_.clear();
    if (trace_) para_pieces_.assign(1, {});
    pugi::xml_node ppr = p.child(e_ppr_.c_str());
    std::string style = ppr.child(e_pstyle_.c_str()).attribute(a_val_.c_str()).value();
    if (style.empty()) style = styles_.default_paragraph();
    heading_style_ = styles_.heading(style);
    paragraph_bold_ = styles_.bold(style).value_or(false);
    bold_text_ = plain_text_ = false;
    // List numbering: the paragraph's own w:numPr, else its style's.
    num_id_.clear();
    ilvl_ = 0;
    mark_deleted_ = false;
    if (numbering_.empty()) return;
    mark_deleted_ = static_cast<bool>(ppr.child(e_rpr_.c_str()).child(e_del_.c_str()));
    pugi::xml_node numpr = ppr.child(e_numpr_.c_str());
    std::optional<std::string> num_id;
    std::optional<int> ilvl;
    if (pugi::xml_attribute a = numpr.child(e_numid_.c_str()).attribute(a_val_.c_str())) num_id = a.value();
    if (pugi::xml_attribute a = numpr.child(e_ilvl_.c_str()).attribute(a_val_.c_str()))
      ilvl = parse_int(a.value());
    if (!num_id || !ilvl) {
      StyleNumbering sn = styles_.numbering(style);
      if (!num_id) num_id = sn.num_id;
      if (!ilvl) ilvl = sn.ilvl;
    }
    if (!num_id) return;
    num_id_ = *num_id;
    ilvl_ = ilvl ? *ilvl : numbering_.level_for_style(num_id_, style);
  }

  void end_paragraph() {
    in_paragraph_ = false;
    std::string prefix = first_in_cell_ ? "\t" : "";
    if (!num_id_.empty() && !(mark_deleted_ && !has_text_)) prefix += numbering_.next(num_id_, ilvl_);
    para_lines_.front().insert(0, prefix);
    if (trace_) {
      for (TextPiece& piece : para_pieces_.front()) piece.at += prefix.size();
      trace_->insert(trace_->end(), std::make_move_iterator(para_pieces_.begin()),
                     std::make_move_iterator(para_pieces_.end()));
      para_pieces_.clear();
    }
    bool heading = heading_style_ || (bold_text_ && !plain_text_);
    for (std::string& text : para_lines_) {
      SourceLine line;
      line.text = std::move(text);
      line.location = location_;
      line.location.paragraph = paragraph_index_;
      line.heading_format = heading;
      push_line(std::move(line));
    }
    para_lines_.clear();
    // Text boxes anchored in this paragraph follow it, in order.
    for (auto it = deferred_.rbegin(); it != deferred_.rend(); ++it) {
      ++text_boxes_;
      descend(*it, Tag::TxbxContent);
    }
    deferred_.clear();
  }

  void push_line(SourceLine line) {
    line.location.line = static_cast<int>(line_offset_ + lines_.size()) + 1;
    line.location.column = 1;
    line.location.part = part_;
    line.location.word_section = word_section_;
    lines_.push_back(std::move(line));
  }

  void append(std::string_view s) {
    para_lines_.back() += s;
    has_text_ = true;
  }

  /// Whether the text of w:t `t` shows in bold: its run's own w:b, else its character style's, else the
  /// paragraph style's.
  bool run_bold(pugi::xml_node t) const {
    pugi::xml_node rpr = t.parent().child(e_rpr_.c_str());
    if (std::optional<bool> b = on_off(rpr.child(e_b_.c_str()), a_val_)) return *b;
    if (pugi::xml_attribute style = rpr.child(e_rstyle_.c_str()).attribute(a_val_.c_str())) {
      if (std::optional<bool> b = styles_.bold(style.value())) return *b;
    }
    return paragraph_bold_;
  }

  /// The text of `node`, a w:t's text node; a line end inside it (invalid in Word, possible from other
  /// writers) starts a new line.
  void append_text(std::string_view s, pugi::xml_node node) {
    for (std::size_t offset = 0;;) {
      std::size_t cut = s.find_first_of("\r\n");
      std::string_view part = s.substr(0, cut);
      if (trace_ && !part.empty())
        para_pieces_.back().push_back({para_lines_.back().size(), part.size(), node, offset});
      append(part);
      if (cut == std::string_view::npos) return;
      std::size_t skip = (s[cut] == '\r' && cut + 1 < s.size() && s[cut + 1] == '\n') ? 2 : 1;
      new_line();
      s.remove_prefix(cut + skip);
      offset += cut + skip;
    }
  }

  void new_line() {
    para_lines_.emplace_back();
    if (trace_) para_pieces_.emplace_back();
  }

  void append_sym(pugi::xml_node sym) {
    std::string_view hex = sym.attribute(a_char_.c_str()).value();
    std::uint32_t code = 0;
    auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), code, 16);
    if (ec != std::errc() || end != hex.data() + hex.size()) return;
    if (std::optional<char32_t> c = symbol_char(sym.attribute(a_font_.c_str()).value(), code)) {
      std::string s;
      text::append_utf8(s, *c);
      append(s);
    }
  }

  void field_char(std::string_view type) {
    if (type == "begin") {
      fields_.push_back(false);
      ++fields_in_instruction_;
    } else if (type == "separate") {
      if (!fields_.empty() && !fields_.back()) {
        fields_.back() = true;
        --fields_in_instruction_;
      }
    } else if (type == "end") {
      if (!fields_.empty()) {
        if (!fields_.back()) --fields_in_instruction_;
        fields_.pop_back();
      }
    }
  }

  void bookmark(std::string_view name) {
    if (name.empty() || name.front() == '_' || part_ != PagePart::Body) return;
    std::string& target = in_paragraph_ ? para_lines_.back() : pending_bookmarks_;
    target += "[bookmark: ";
    target += name;
    target += ']';
  }

  Numbering& numbering_;
  const Styles& styles_;
  const std::string a_val_, a_name_, a_type_, a_char_, a_font_;
  const std::string e_ppr_, e_rpr_, e_del_, e_pstyle_, e_numpr_, e_numid_, e_ilvl_, e_t_, e_b_, e_rstyle_;
  const std::string e_choice_, e_fallback_, e_alternate_;
  const PagePart part_;
  const std::uint16_t word_section_;
  const std::size_t line_offset_;

  std::vector<Frame> stack_;
  std::vector<SourceLine> lines_;

  // The paragraph being rendered.
  bool in_paragraph_ = false;
  int paragraph_count_ = 0;
  int paragraph_index_ = 0;
  bool first_in_cell_ = false;
  bool has_text_ = false;
  bool mark_deleted_ = false;
  bool heading_style_ = false;
  bool paragraph_bold_ = false;
  bool bold_text_ = false;   ///< some visible text of the paragraph is bold
  bool plain_text_ = false;  ///< some is not
  std::string num_id_;
  int ilvl_ = 0;
  std::vector<std::string> para_lines_;
  std::vector<std::vector<TextPiece>> para_pieces_;  ///< when tracing: the pieces of each of para_lines_
  std::vector<std::vector<TextPiece>>* trace_ = nullptr;
  std::vector<pugi::xml_node> deferred_;

  // Document-wide state.
  std::string pending_bookmarks_;
  std::vector<bool> fields_;  ///< open complex fields: true once past "separate"
  int fields_in_instruction_ = 0;
  std::vector<bool> tables_;  ///< open tables: true for a top-level one
  int table_count_ = 0;
  int text_boxes_ = 0;
  bool cell_start_ = false;
  SourceLocation location_;
};

// What a DOCX whose text is not UTF-8 can do about it.
constexpr std::string_view kResaveInWord = "; re-save the file in Word";

// ---------------------------------------------------------------------------------------------------
// Page headers and footers: parts reached through each section's w:headerReference/w:footerReference

/// The part a relationship of word/document.xml targets: relative to word/, or absolute from the root.
std::string part_of_target(std::string_view target) {
  std::vector<std::string_view> parts;
  if (!target.starts_with('/')) parts.push_back("word");
  while (!target.empty()) {
    std::size_t slash = target.find('/');
    std::string_view seg = target.substr(0, slash);
    target = slash == std::string_view::npos ? std::string_view() : target.substr(slash + 1);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
  }
  std::string out;
  for (std::string_view seg : parts) out += (out.empty() ? "" : "/") + std::string(seg);
  return out;
}

/// word/_rels/document.xml.rels: the part each internal relationship id targets.
std::unordered_map<std::string, std::string> document_relationships(const ZipArchive& zip,
                                                                    const std::string& path,
                                                                    const Limits& limits) {
  std::unordered_map<std::string, std::string> out;
  const std::string part = "word/_rels/document.xml.rels";
  std::optional<std::string> data = zip.read(part, limits.max_part_bytes);
  if (!data) return out;
  pugi::xml_document doc;
  parse_part(doc, *data, part, path, limits);
  for (pugi::xml_node r = doc.document_element().first_child(); r; r = r.next_sibling()) {
    if (std::string_view(r.attribute("TargetMode").value()) == "External") continue;
    out.emplace(r.attribute("Id").value(), part_of_target(r.attribute("Target").value()));
  }
  return out;
}

/// The lines of every page header and footer, section by section (headers first), each part read once
/// and located in the first section that uses it. Their lines are numbered after the body's `body_lines`.
/// With `traces`, each part is kept there, parsed to be written back, with where its lines come from.
std::vector<SourceLine> read_page_lines(const ZipArchive& zip, pugi::xml_node body, Numbering& numbering,
                                        const Styles& styles, std::size_t body_lines, const std::string& path,
                                        const Limits& limits,
                                        std::vector<std::unique_ptr<PageTrace>>* traces = nullptr) {
  std::vector<SourceLine> out;
  // Each w:sectPr ends a section: those in a paragraph's properties in order, then the body's own.
  const std::string p = word_name("p"), ppr = word_name("pPr"), sect = word_name("sectPr");
  std::vector<pugi::xml_node> sections;
  for (pugi::xml_node c = body.child(p.c_str()); c; c = c.next_sibling(p.c_str())) {
    if (pugi::xml_node s = c.child(ppr.c_str()).child(sect.c_str())) sections.push_back(s);
  }
  if (pugi::xml_node s = body.child(sect.c_str())) sections.push_back(s);
  if (sections.empty()) return out;
  const auto relationships = document_relationships(zip, path, limits);
  const std::string type = word_name("type");
  std::unordered_set<std::string> read;
  std::size_t inflated = 0;
  for (std::size_t k = 0; k < sections.size(); ++k) {
    for (bool header : {true, false}) {
      const std::string ref = word_name(header ? "headerReference" : "footerReference");
      for (pugi::xml_node r = sections[k].child(ref.c_str()); r; r = r.next_sibling(ref.c_str())) {
        auto target = relationships.find(relationship_id(r));
        if (target == relationships.end() || !read.insert(target->second).second) continue;
        std::optional<std::string> data = zip.read(target->second, limits.max_part_bytes);
        if (!data) continue;  // a dangling reference: Word shows no header
        auto page = std::make_unique<PageTrace>();
        page->part = target->second;
        page->data = std::move(*data);
        inflated += page->data.size();
        if (inflated > limits.max_part_bytes) {
          throw Error(ErrorKind::Input, path,
                      fmt::format("the page headers and footers inflate to more than {} together (limit "
                                  "--max-part-size): refusing a possible zip bomb",
                                  describe_byte_count(limits.max_part_bytes)));
        }
        parse_word_part(page->doc, page->data, page->part, path, limits, traces ? kKeepXml : 0);
        pugi::xml_node root = page->doc.document_element();
        std::string_view kind = word_local(root.name());
        if (kind != "hdr" && kind != "ftr") continue;
        std::string_view which = r.attribute(type.c_str()).value();
        int offset = which == "first" ? 1 : which == "even" ? 2 : 0;
        auto part = static_cast<PagePart>(
            static_cast<int>(kind == "hdr" ? PagePart::Header : PagePart::Footer) + offset);
        std::vector<SourceLine> lines =
            BodyRenderer(numbering, styles, part, word_section_index(static_cast<int>(k) + 1, path),
                         body_lines + out.size())
                .trace(traces ? &page->lines : nullptr)
                .render(root);
        check_utf8(lines, target->second, path, kResaveInWord);
        page->first_line = out.size();
        out.insert(out.end(), std::make_move_iterator(lines.begin()), std::make_move_iterator(lines.end()));
        if (traces) traces->push_back(std::move(page));
      }
    }
  }
  return out;
}

/// What an OpenDocument file that was not told as an ODT is, by its `mimetype` entry.
std::string opendocument_kind(const ZipArchive& zip, std::size_t max_bytes) {
  const std::string mime = zip.read("mimetype", max_bytes).value_or("");
  const std::string prefix = "application/vnd.oasis.opendocument.";
  if (mime == prefix + "text") {
    // ODT is told by the mimetype stored uncompressed as the first entry, as ODF requires.
    return "it is an OpenDocument text whose mimetype is not its first entry, stored uncompressed, as ODF "
           "requires; save it again in LibreOffice";
  }
  for (std::string_view kind : {"spreadsheet", "presentation", "graphics"}) {
    if (mime == prefix + std::string(kind))
      return fmt::format("it is an OpenDocument {}, not a text document", kind);
  }
  return "it is an OpenDocument file, not a text document";
}

/// What a zip without a Word document is, for the error message.
std::string missing_document_reason(const ZipArchive& zip, bool has_types, bool has_document,
                                    std::size_t max_bytes) {
  std::string missing = !has_types && !has_document ? "[Content_Types].xml and word/document.xml"
                        : !has_types                ? "[Content_Types].xml"
                                                    : "word/document.xml";
  std::string what = "not a Word document";
  if (!has_document) {
    if (zip.contains("xl/workbook.xml")) what = "it is an Excel workbook (.xlsx), not a Word document";
    if (zip.contains("ppt/presentation.xml"))
      what = "it is a PowerPoint presentation (.pptx), not a Word document";
    if (zip.contains("content.xml") && zip.contains("mimetype")) what = opendocument_kind(zip, max_bytes);
  }
  return fmt::format("the zip file has no {}: {}", missing, what);
}

/// styles.xml (numbering through a paragraph style, heading styles and bold) and numbering.xml.
void read_lists(const ZipArchive& zip, const std::string& path, const Limits& limits, Styles& styles,
                Numbering& numbering) {
  std::string numbering_data, styles_data;
  pugi::xml_document numbering_doc, styles_doc;
  if (std::optional<std::string> s = zip.read("word/styles.xml", limits.max_part_bytes)) {
    styles_data = std::move(*s);
    parse_word_part(styles_doc, styles_data, "word/styles.xml", path, limits);
    styles = Styles(styles_doc.document_element());
  }
  if (std::optional<std::string> data = zip.read("word/numbering.xml", limits.max_part_bytes)) {
    numbering_data = std::move(*data);
    parse_word_part(numbering_doc, numbering_data, "word/numbering.xml", path, limits);
    numbering = Numbering(numbering_doc.document_element(), &styles);
  }
}

pugi::xml_node document_body(const pugi::xml_document& document, const std::string& path) {
  pugi::xml_node root = document.document_element();
  pugi::xml_node body = root.child(word_name("body").c_str());
  if (word_local(root.name()) != "document" || !body)
    throw Error(ErrorKind::Input, path, "word/document.xml has no w:document/w:body: not a Word document");
  return body;
}

}  // namespace

DocxTrace trace_docx_body(const ZipArchive& zip, const pugi::xml_document& document, const std::string& path,
                          const Limits& limits) {
  Styles styles;
  Numbering numbering;
  read_lists(zip, path, limits, styles, numbering);
  canonicalise_prefixes(document);
  DocxTrace trace;
  const pugi::xml_node body = document_body(document, path);
  for (SourceLine& line : BodyRenderer(numbering, styles).trace(&trace.lines).render(body))
    trace.texts.push_back(std::move(line.text));
  read_page_lines(zip, body, numbering, styles, trace.texts.size(), path, limits, &trace.pages);
  return trace;
}

Source read_docx_bytes(const std::string& bytes, const std::string& path, const Limits& limits) {
  if (bytes.empty()) throw Error(ErrorKind::Input, path, "the file is empty, not a DOCX");
  if (std::string foreign = describe_foreign_format(bytes); !foreign.empty()) {
    throw Error(ErrorKind::Input, path, foreign);
  }
  ZipArchive zip(bytes, path, limits.max_zip_entries, "DOCX");
  const std::string document_part = "word/document.xml";
  bool has_types = zip.contains("[Content_Types].xml");
  bool has_document = zip.contains(document_part);
  if (!has_types || !has_document) {
    throw Error(ErrorKind::Input, path,
                missing_document_reason(zip, has_types, has_document, limits.max_part_bytes));
  }

  Styles styles;
  Numbering numbering;
  read_lists(zip, path, limits, styles, numbering);
  std::string document_data = part_bytes(zip, document_part, path, limits);
  pugi::xml_document document;
  parse_word_part(document, document_data, document_part, path, limits);
  pugi::xml_node body = document_body(document, path);

  Source source;
  source.path = path;
  source.format = "docx";
  source.encoding = "utf-8";
  source.lines = BodyRenderer(numbering, styles).render(body);
  check_utf8(source.lines, document_part, path, kResaveInWord);
  source.page_lines = read_page_lines(zip, body, numbering, styles, source.lines.size(), path, limits);
  return source;
}

}  // namespace nos::detail
