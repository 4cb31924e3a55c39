#include "validate/helpers.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <cctype>

#include "util/text.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

int month_number(std::string name) {
  static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
  name = text::lower(name);
  for (int i = 0; i < 12; ++i)
    if (name.size() >= 3 && name.compare(0, 3, kMonths[i]) == 0) return i + 1;
  return 0;
}

}  // namespace

// RE2 rather than std::regex, whose matcher recurses once per character and overflowed the stack on a
// long value.
std::optional<Date> parse_date(const std::string& s) {
  static const RE2 named(R"(^(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})\b)");
  static const RE2 numeric(R"(^(\d{1,2})[/\s.-](\d{1,2})[/\s.-](\d{4})\b)");
  static const RE2 iso(R"(^(\d{4})-(\d{2})-(\d{2})\b)");
  std::string a, b, c;  // strings, not ints: an optional group that took no part would fail the match
  Date d;
  if (RE2::PartialMatch(s, named, &a, &b, &c)) {
    d = {std::stoi(c), month_number(b), a.empty() ? 0 : std::stoi(a)};
  } else if (RE2::PartialMatch(s, numeric, &a, &b, &c)) {
    d = {std::stoi(c), std::stoi(b), std::stoi(a)};
  } else if (RE2::PartialMatch(s, iso, &a, &b, &c)) {
    d = {std::stoi(a), std::stoi(b), std::stoi(c)};
  } else {
    return std::nullopt;
  }
  if (d.month < 1 || d.month > 12 || d.day > 31) return std::nullopt;
  return d;
}

std::vector<ItemRef> all_items(const Document& doc) {
  std::vector<ItemRef> out;
  for (const auto& s : doc.sections) {
    if (s.kind != SectionKind::Items || !s.present) continue;
    for (const auto& g : s.groups)
      for (const auto& item : g.items) out.push_back({&s, &item});
  }
  return out;
}

std::string place_of(const SourceLocation& location) {
  if (location.in_pdf()) return fmt::format("page {}, line {}", location.page, location.page_line);
  if (!location.in_docx()) return "line " + std::to_string(location.line);
  std::string part = location.page_part();
  return "paragraph " + std::to_string(location.paragraph) + (part.empty() ? "" : " of the " + part);
}

void for_each_text(const RuleContext& ctx, const std::function<void(const TextRef&)>& visit) {
  const Document& doc = ctx.doc;
  if (doc.urn) visit({*doc.urn, doc.urn_location, "urn"});
  if (doc.title) visit({*doc.title, doc.title_location, "title"});
  for (const auto& s : doc.sections) {
    if (!s.present) continue;
    for (const auto& g : s.groups) {
      if (g.heading) visit({*g.heading, g.location, s.key, "heading"});
      for (const auto& item : g.items) visit({item.text(), item.location, std::string(item.id()), "text"});
    }
    for (const auto& e : s.entries) {
      if (e.term) visit({*e.term, e.location, s.key, "term"});
      visit({e.definition, e.location, s.key, "definition"});
    }
    std::size_t offset = 0;  // a model's prose section is one scalar, its paragraphs split at new lines
    for (std::size_t i = 0; i < s.paragraphs.size(); ++i) {
      visit({s.paragraphs[i], i < s.paragraph_locations.size() ? s.paragraph_locations[i] : s.location, s.key,
             "", offset});
      offset += s.paragraphs[i].size() + 1;
    }
  }
  for (const auto& f : doc.metadata) {
    if (f.value) visit({*f.value, f.location, f.key});
    for (std::size_t i = 0; i < f.values.size(); ++i)
      visit({f.values[i], f.location, f.key, f.value ? "" : std::to_string(i)});
  }
  for (const auto& u : doc.unplaced) visit({u.text, u.location, "", "text"});
}

std::string comparable(std::string_view text) {
  std::string plain;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // U+2018/2019/201C/201D (quotes) and U+2013/2014 (dashes) are E2 80 xx in UTF-8: punctuation here.
    if (static_cast<unsigned char>(text[i]) == 0xE2 && i + 2 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) == 0x80) {
      plain += ' ';
      i += 2;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    plain += c < 0x80 && !std::isalnum(c) ? ' ' : static_cast<char>(c);
  }
  return text::lower(text::clean(plain));
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string all = comparable(text);
  for (std::size_t start = 0; start < all.size();) {
    std::size_t end = all.find(' ', start);
    if (end == std::string::npos) end = all.size();
    out.push_back(all.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string quoted(std::string_view text, std::size_t max) {
  if (text.size() <= max) return "'" + std::string(text) + "'";
  std::size_t cut = text::valid_prefix(text, max);
  std::size_t space = text.rfind(' ', cut);
  if (space != std::string_view::npos && space > max / 2) cut = space;
  return "'" + std::string(text.substr(0, cut)) + "…'";
}

std::string id_prefix(const Item& item) {
  std::size_t end = item.id().find_first_of("0123456789");
  return std::string(item.id().substr(0, end));
}

std::vector<NumberedItem> numbered_items(const Section& section) {
  std::vector<NumberedItem> out;
  for (const auto& g : section.groups)
    for (const auto& item : g.items)
      if (item.numbered()) out.push_back({&item, item.number});
  for (std::size_t k = 1; k + 1 < out.size(); ++k) {
    int before = out[k - 1].expected;
    if (out[k].expected != before + 1 && out[k + 1].expected == before + 2) out[k].expected = before + 1;
  }
  return out;
}

std::string item_name(const Item& item) {
  return item.numbered() ? std::string(item.id()) : "unnumbered item " + quoted(item.text(), 30);
}

std::vector<const SourceLine*> typed_lines(const Source& source) {
  std::vector<const SourceLine*> out;
  for (const auto* lines : {&source.lines, &source.page_lines})
    for (const SourceLine& l : *lines) out.push_back(&l);
  return out;
}

bool fixable(const RuleContext& ctx) {
  return ctx.fixes && ctx.source && (ctx.doc.source.format == "text" || ctx.doc.source.format == "docx");
}

bool fixable_model(const RuleContext& ctx) {
  return ctx.fixes && ctx.source && ctx.doc.source.format == "yaml";
}

Edit model_edit(const TextRef& t, std::size_t from, std::size_t to, std::string after) {
  return {t.location.line,
          static_cast<int>(t.offset + from),
          static_cast<int>(t.offset + to),
          std::string(t.text.substr(from, to - from)),
          std::move(after),
          false,
          false,
          ScalarRef{t.location.column, t.key}};
}

namespace {

// `text` with its first run of digits made `number`; nullopt when it has none.
std::optional<std::string> renumbered(std::string text, int number) {
  const std::size_t digits = text.find_first_of("0123456789");
  if (digits == std::string::npos) return std::nullopt;
  text.replace(digits, text.find_first_not_of("0123456789", digits) - digits, std::to_string(number));
  return text;
}

}  // namespace

const Item* list_style(const RuleContext& ctx, const Section& section) {
  const int index = ctx.grammar.section_index(section.key);
  if (index < 0 || ctx.grammar.sections[static_cast<std::size_t>(index)].items.empty()) return nullptr;
  const std::string& letter = ctx.grammar.sections[static_cast<std::size_t>(index)].items.front().id;
  for (const auto& group : section.groups)
    for (const auto& item : group.items)
      if (item.numbered() && id_prefix(item) == letter) return &item;
  return nullptr;
}

std::string numbered_as(const Item& style, int number) {
  const std::string label(style.label());
  return renumbered(label, number).value_or(label);
}

std::optional<Fix> renumbering(const RuleContext& ctx, const Section& section) {
  const bool model = fixable_model(ctx);
  if (!fixable(ctx) && !model) return std::nullopt;
  Fix fix{{}, true, "Renumber the section's items from 1 (unsafe: changes their ids)"};
  const Item* style = list_style(ctx, section);
  std::size_t items = 0;  // an edit per item at most (two in a model): no doubling's spare capacity
  for (const auto& group : section.groups) items += group.items.size();
  fix.edits.reserve(model ? 2 * items : items);
  int number = 0;
  for (const auto& group : section.groups)
    for (const auto& item : group.items) {
      if (!item.numbered() || item.number == ++number) continue;
      // A label with no number to change ("(c)" from a lettered Word list) leaves the list as it is.
      if (item.label().find_first_of("0123456789") == std::string::npos) return std::nullopt;
      if (model) {  // the item's id, and its label when the model has one (an edit of no key is not made)
        for (const auto& [key, value] : {std::pair{"id", item.id()}, std::pair{"label", item.label()}})
          if (auto after = renumbered(std::string(value), number))
            fix.edits.push_back(
                model_edit({value, item.location, std::string(item.id()), key}, 0, value.size(), *after));
        continue;
      }
      const SourceLocation at = ctx.span(item.location, item.label());
      fix.edits.push_back({at.line, at.column, at.end_column, std::string(item.label()),
                           numbered_as(style ? *style : item, number)});
    }
  if (fix.edits.empty()) return std::nullopt;
  return fix;
}

}  // namespace nos::rules
