// numbering-gap: a number missing from a list (P6 then P8).
#include <fmt/format.h>

#include <algorithm>

#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check(const RuleContext& ctx, const Report& report) {
  for (const auto& section : ctx.doc.sections) {
    FirstFindingRenumbering fix(ctx, section);
    int highest = 0;  // a number below the highest so far is numbering-order's finding, not a gap
    for (const auto& [item, expected] : numbered_items(section)) {
      std::string p = id_prefix(*item);
      if (expected != item->number) {
        report({ctx.span(item->location, item->label()),
                fmt::format("{} should be {}{}", item->id(), p, expected), std::string(item->id()),
                "renumber the item", fix.take()});
      } else if (highest > 0 && item->number > highest + 1) {
        int from = highest + 1, to = item->number - 1;
        std::string missing =
            from == to ? fmt::format("{}{} is", p, from) : fmt::format("{}{}–{}{} are", p, from, p, to);
        report({ctx.span(item->location, item->label()),
                fmt::format("{} missing between {}{} and {}", missing, p, highest, item->id()),
                fmt::format("{}{}", p, from), "renumber the list, or restore the missing item", fix.take()});
      }
      highest = std::max(highest, expected);
    }
  }
}

}  // namespace

extern const Rule kNumberingGap = {
    .info =
        {.id = "numbering-gap",
         .severity = Severity::Error,
         .summary = "a number is missing from a numbered list",
         .explanation =
             R"(Performance criteria and knowledge items are numbered P1, P2 … and K1, K2 … without gaps, and
numbering continues across group headings. A gap usually means an item was deleted without
renumbering, or a line lost its number in conversion. Assessment records cite items by number, so a
gap makes every later reference ambiguous. One item numbered out of a run its neighbours continue
(K8, K19, K10) is reported once, as the number it should carry (K19 should be K9).

Bad:
  P6 agree the plan with the individual
  P8 record the outcome

Good:
  P6 agree the plan with the individual
  P7 record the outcome)"},
    .check = check};

}  // namespace nos::rules
