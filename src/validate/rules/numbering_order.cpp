// numbering-order: an item numbered lower than one before it (P4 before P3).
#include <fmt/format.h>

#include <set>

#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check(const RuleContext& ctx, const Report& report) {
  for (const auto& section : ctx.doc.sections) {
    FirstFindingRenumbering fix(ctx, section);
    const Item* highest = nullptr;
    std::set<int> seen;  // a repeated number is numbering-duplicate's finding
    for (const auto& [item, expected] : numbered_items(section)) {
      if (expected != item->number) continue;  // renumbered by mistake: numbering-gap says so
      if (highest && item->number < highest->number && !seen.count(item->number))
        report({ctx.span(item->location, item->label()),
                fmt::format("{} comes after {} ({})", item->id(), highest->id(), place_of(highest->location)),
                std::string(item->id()), "put the items in number order, or renumber them", fix.take()});
      seen.insert(item->number);
      if (!highest || item->number > highest->number) highest = item;
    }
  }
}

}  // namespace

extern const Rule kNumberingOrder = {
    .info =
        {.id = "numbering-order",
         .severity = Severity::Error,
         .summary = "an item is numbered lower than an item before it",
         .explanation =
             R"(Numbers run upwards through a list, across group headings. An item out of order was usually
moved without renumbering.

Bad:
  P4 record the outcome
  P3 agree the plan with the individual

Good:
  P3 agree the plan with the individual
  P4 record the outcome)"},
    .check = check};

}  // namespace nos::rules
