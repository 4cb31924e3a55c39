// numbering-prefix: an item whose number belongs to another list (K3 among performance criteria), or a
// list that mixes numbering styles (P1 … PC4 …).
#include <fmt/format.h>

#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

/// A label's style: its number replaced by '#' ("P#", "PC#", "P #", "#.").
std::string shape(std::string_view label) {
  std::string out;
  for (char c : label)
    if (c < '0' || c > '9')
      out += c;
    else if (out.empty() || out.back() != '#')
      out += '#';
  return out;
}

/// The item relabelled in the list's style with its own number. Safe: the number stays, so a reference to
/// it still finds it. None when the item is also numbered out of place: the numbering rules' renumbering
/// gives it its style and its number at once, so the two fixes never compete for its label.
std::optional<Fix> restyling(const RuleContext& ctx, const Item& item, const Item& style, int position) {
  if (!fixable(ctx) || item.number != position) return std::nullopt;
  const SourceLocation at = ctx.span(item.location, item.label());
  const std::string label = numbered_as(style, item.number);
  return Fix{{{at.line, at.column, at.end_column, std::string(item.label()), label}},
             false,
             fmt::format("Relabel '{}' as '{}'", item.label(), label)};
}

void check(const RuleContext& ctx, const Report& report) {
  for (const auto& section : ctx.doc.sections) {
    int index = ctx.grammar.section_index(section.key);
    if (index < 0 || ctx.grammar.sections[static_cast<std::size_t>(index)].items.empty()) continue;
    const std::string& expected = ctx.grammar.sections[static_cast<std::size_t>(index)].items.front().id;
    const Item* first = list_style(ctx, section);  // the style the list set first
    int position = 0;  // as the numbering rules count: every numbered item, across groups
    for (const auto& g : section.groups)
      for (const auto& item : g.items) {
        if (!item.numbered()) continue;
        ++position;
        if (id_prefix(item) != expected) {
          report({ctx.span(item.location, item.label()),
                  fmt::format("{} is numbered as a {} item but stands in '{}'", item.label(), id_prefix(item),
                              section.key),
                  std::string(item.id()), "move it to its own list, or renumber it",
                  first ? restyling(ctx, item, *first, position) : std::nullopt});
        } else if (&item != first && shape(item.label()) != shape(first->label())) {
          report({ctx.span(item.location, item.label()),
                  fmt::format("'{}' is numbered in another style than '{}' ({})", item.label(),
                              first->label(), place_of(first->location)),
                  std::string(item.id()),
                  fmt::format("number every item of the list in one style, like '{}'", first->label()),
                  restyling(ctx, item, *first, position)});
        }
      }
  }
}

}  // namespace

extern const Rule kNumberingPrefix = {
    .info =
        {.id = "numbering-prefix",
         .severity = Severity::Warning,
         .summary = "an item's number has the wrong letter or another style than its list",
         .explanation =
             R"(Performance criteria are numbered P1, P2 … and knowledge items K1, K2 …; one list keeps one style
(P1 or PC1 or 1.). A K number among the performance criteria means an item landed in the wrong
list; mixed styles usually come from pasting items from another document. nos fix gives such an item
its list's style and keeps its number (K3 or PC3 among P1, P2 … becomes P3); an item also numbered
out of place is left to the renumbering of the numbering rules.

Bad:
  P1 agree the plan with the individual
  PC2 record the outcome

Good:
  P1 agree the plan with the individual
  P2 record the outcome)"},
    .check = check};

}  // namespace nos::rules
