// numbering-start: a list whose first number is not 1.
#include <fmt/format.h>

#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

const Item* first_numbered(const Section& section) {
  for (const auto& g : section.groups)
    for (const auto& item : g.items)
      if (item.numbered()) return &item;
  return nullptr;
}

void check(const RuleContext& ctx, const Report& report) {
  for (const auto& section : ctx.doc.sections) {
    const Item* item = first_numbered(section);
    if (item && item->number != 1)
      report({ctx.span(item->location, item->label()),
              fmt::format("the list starts at {}, not {}1", item->id(), id_prefix(*item)),
              std::string(item->id()), "number the first item 1 and the rest in sequence"});
  }
}

}  // namespace

extern const Rule kNumberingStart = {
    .info =
        {.id = "numbering-start",
         .severity = Severity::Warning,
         .summary = "a numbered list does not start at 1",
         .explanation =
             R"(Performance criteria start at P1 and knowledge items at K1, independently of each other. A list
that starts higher has usually lost its first items, or was copied from a longer standard.

Bad:
  You must be able to:
  P3 agree the plan with the individual

Good:
  You must be able to:
  P1 agree the plan with the individual)"},
    .check = check};

}  // namespace nos::rules
