// duplicate-criterion: two items with the same text once case, spacing, quotes and punctuation are
// set aside; within and across performance criteria and knowledge.
#include <fmt/format.h>

#include <map>

#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check(const RuleContext& ctx, const Report& report) {
  std::map<std::string, const Item*> first;
  for (const auto& ref : all_items(ctx.doc)) {
    std::string key = comparable(ref.item->text());
    if (key.empty()) continue;
    auto [it, fresh] = first.emplace(key, ref.item);
    if (fresh) continue;
    const Item& earlier = *it->second;
    report({ctx.span(ref.item->location, ref.item->label().empty() ? ref.item->text() : ref.item->label()),
            fmt::format("{} repeats {} ({}): {}", item_name(*ref.item), item_name(earlier),
                        place_of(earlier.location), quoted(ref.item->text())),
            std::string(ref.item->id()), "delete one of them, or say what differs"});
  }
}

}  // namespace

extern const Rule kDuplicateCriterion = {
    .info =
        {.id = "duplicate-criterion",
         .severity = Severity::Error,
         .summary = "two items say the same thing",
         .explanation =
             R"(Two performance criteria or knowledge items (or one of each) with the same wording, once case,
spacing, quote style and punctuation are ignored. One of them is redundant, or was meant to say
something else. Identical items in different standards of a suite are normal; this rule looks inside
one document only.

Bad:
  P3 agree the plan with the individual
  P9 Agree the plan with the individual.

Good:
  P3 agree the plan with the individual
  P9 review the plan with the individual)"},
    .check = check};

}  // namespace nos::rules
