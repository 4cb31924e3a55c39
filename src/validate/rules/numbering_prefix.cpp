// numbering-prefix: an item whose number belongs to another list (K3 among performance criteria), or a
// list that mixes numbering styles (P1 … PC4 …).
#include <fmt/format.h>

#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check(const RuleContext& ctx, const Report& report) {
  for (const auto& section : ctx.doc.sections) {
    int index = ctx.grammar.section_index(section.key);
    if (index < 0 || ctx.grammar.sections[static_cast<std::size_t>(index)].items.empty()) continue;
    const std::string& expected = ctx.grammar.sections[static_cast<std::size_t>(index)].items.front().id;
    const Item* first = nullptr;  // the style the list set first
    for (const auto& g : section.groups)
      for (const auto& item : g.items) {
        if (!item.numbered()) continue;
        if (id_prefix(item) != expected) {
          report({ctx.span(item.location, item.label),
                  fmt::format("{} is numbered as a {} item but stands in '{}'", item.label, id_prefix(item),
                              section.key),
                  item.id, "move it to its own list, or renumber it"});
        } else if (!first) {
          first = &item;
        } else if (item.prefix() != first->prefix()) {
          report({ctx.span(item.location, item.label),
                  fmt::format("'{}' is numbered in another style than '{}' ({})", item.label, first->label,
                              place_of(first->location)),
                  item.id,
                  fmt::format("number every item of the list in one style, like '{}'", first->label)});
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
list; mixed styles usually come from pasting items from another document.

Bad:
  P1 agree the plan with the individual
  PC2 record the outcome

Good:
  P1 agree the plan with the individual
  P2 record the outcome)"},
    .check = check};

}  // namespace nos::rules
