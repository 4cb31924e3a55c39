// Questions several rules ask of the model or of text, answered once.
#pragma once

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nos/diagnostic.hpp"
#include "nos/model.hpp"
#include "util/suggest.hpp"

namespace nos::rules {

/// An item with the section and group it sits in.
struct ItemRef {
  const Section* section;
  const Item* item;
};

/// Every item of every present item section (performance criteria, knowledge …), in document order.
std::vector<ItemRef> all_items(const Document& doc);

/// One string of the model's text with where it stands and what it belongs to.
struct TextRef {
  std::string_view text;
  SourceLocation location;
  std::string subject;  ///< item id, section or field key
  /// In a YAML model, where the text stands: the key (or index) under the node at `location` that holds
  /// it ("" the node itself), and its byte offset in that scalar's value (a prose section's paragraphs).
  std::string key = {};
  std::size_t offset = 0;
};

/// A date as a NOS prints it.
struct Date {
  int year = 0, month = 0, day = 0;  ///< day 0: only the month is known ("March 2016")
};

/// "13 Feb 2024", "13 February 2024", "March 2016", "13/02/2024" (also with a time), "13 02 2024",
/// "13-02-2024", "2024-02-13"; nullopt for anything else.
std::optional<Date> parse_date(const std::string& s);

struct RuleContext;

/// "line 12", or for DOCX "paragraph 12": how a message refers to another place in the document.
std::string place_of(const SourceLocation& location);

/// Calls `visit` with every string of the document's content in document order: URN, title, group
/// headings, items, glossary entries, prose paragraphs, metadata values and unplaced text. One at a
/// time, not as a list: a list of 800,000 short lines' pieces cost more than the document's items.
void for_each_text(const RuleContext& ctx, const std::function<void(const TextRef&)>& visit);

/// Text as compared for duplicates: lower case, curly quotes and dashes made plain, punctuation
/// dropped, one space between words ("Carry out  the “check”." and "carry out the 'check'" are equal).
std::string comparable(std::string_view text);

/// The words of comparable(text).
std::vector<std::string> words_of(std::string_view text);

/// How alike two items' words are, as near-duplicate-criterion measures it: 1 - (words inserted, deleted
/// or replaced to turn one into the other) / (words in the longer), and the word comparisons spent. The
/// cheap bounds come first: when the lengths, or the words shared (`sorted_a`, `sorted_b`: the same
/// words sorted), show the similarity is under `threshold`, the distance is not computed and 0 returned.
/// Words are strings, or ids of interned strings.
struct Similarity {
  double value = 0;
  std::size_t work = 0;
};
template <class Words>
Similarity word_similarity(const Words& a, const Words& b, const Words& sorted_a, const Words& sorted_b,
                           double threshold) {
  const double longer = static_cast<double>(std::max(a.size(), b.size()));
  if (longer == 0 || static_cast<double>(std::min(a.size(), b.size())) / longer < threshold) return {};
  Similarity out{0, a.size() + b.size()};
  if (a == b) return {1, out.work};
  // Words shared, counted with repetition: the edit distance is at least the longer length minus this.
  std::size_t shared = 0;
  for (std::size_t i = 0, j = 0; i < sorted_a.size() && j < sorted_b.size();) {
    shared += sorted_a[i] == sorted_b[j];
    bool a_first = !(sorted_b[j] < sorted_a[i]), b_first = !(sorted_a[i] < sorted_b[j]);
    i += a_first;
    j += b_first;
  }
  if (static_cast<double>(shared) / longer < threshold) return out;
  out.work += a.size() * b.size();
  out.value = 1.0 - static_cast<double>(edit_distance(a, b)) / longer;
  return out;
}

/// `text` in single quotes for a message, cut at about `max` characters with "…".
std::string quoted(std::string_view text, std::size_t max = 60);

/// The letter part of an item's normalised id: "P" for P12.
std::string id_prefix(const Item& item);

/// A numbered item of a section, with the number it should carry.
struct NumberedItem {
  const Item* item;
  int expected;  ///< its own number, or the one its neighbours call for when it alone breaks their run
};

/// The numbered items of a section in order. An item whose neighbours are consecutive around it (K8,
/// K19, K10) was renumbered by mistake: it is expected to be K9, so the numbering rules report that one
/// item once instead of a gap before it and every later item as out of order.
std::vector<NumberedItem> numbered_items(const Section& section);

/// Every line of the source as typed: the body's, then (DOCX) its page headers' and footers'.
std::vector<const SourceLine*> typed_lines(const Source& source);

/// Whether nos fix can make a fix in the document's source, a text export or a DOCX, whose lines'
/// text is the text as typed (a DOCX's automatic list numbers aside, which nos fix leaves alone); false
/// when the findings carry no fixes (RuleContext::fixes).
bool fixable(const RuleContext& ctx);

/// Whether nos fix can make a fix in the document's YAML model, each edit naming a scalar of it.
bool fixable_model(const RuleContext& ctx);

/// In a YAML model, the edit replacing bytes [from, to) of `t`'s text with `after`.
Edit model_edit(const TextRef& t, std::size_t from, std::size_t to, std::string after);
/// The item whose numbering style the section's list keeps: its first numbered item with the letter
/// the grammar gives the list (P for performance criteria); nullptr when it has none.
const Item* list_style(const RuleContext& ctx, const Section& section);

/// `number` printed in the style of `style`'s label: "P12" for P3, "PC12" for PC3, "12." for 3.
std::string numbered_as(const Item& style, int number);

/// The numbering rules' fix: every numbered item of the section renumbered from 1 in document order,
/// across group headings, in the list's style (list_style; each label keeping its own letters when the
/// list has none). Unsafe (ids change); none when nothing would
/// change or the document is not fixable. A rule
/// attaches it to its first finding in the section only, so thousands of findings hold one copy.
std::optional<Fix> renumbering(const RuleContext& ctx, const Section& section);

/// The renumbering fix for a section's first finding, made only when that finding is: it holds an edit
/// per item, and a rule that finds nothing in a long list should not build one.
class FirstFindingRenumbering {
 public:
  FirstFindingRenumbering(const RuleContext& ctx, const Section& section) : ctx_(ctx), section_(section) {}
  /// The fix on the first call, nullopt after.
  std::optional<Fix> take() {
    return std::exchange(taken_, true) ? std::nullopt : renumbering(ctx_, section_);
  }

 private:
  const RuleContext& ctx_;
  const Section& section_;
  bool taken_ = false;
};

/// The item's name in messages: its id, or "unnumbered item" with its first words.
std::string item_name(const Item& item);

}  // namespace nos::rules
