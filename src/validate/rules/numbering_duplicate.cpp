// numbering-duplicate: the same number used twice in one list (two K19).
#include <fmt/format.h>

#include <map>

#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check(const RuleContext& ctx, const Report& report) {
  for (const auto& section : ctx.doc.sections) {
    FirstFindingRenumbering fix(ctx, section);
    std::map<std::string, const Item*> first;
    for (const auto& [item, expected] : numbered_items(section)) {
      if (expected != item->number) continue;  // renumbered by mistake: numbering-gap says so
      auto [it, fresh] = first.emplace(item->id(), item);
      if (!fresh)
        report({ctx.span(item->location, item->label()),
                fmt::format("{} is numbered twice (first at {})", item->id(), place_of(it->second->location)),
                std::string(item->id()), "give each item its own number", fix.take()});
    }
  }
}

}  // namespace

extern const Rule kNumberingDuplicate = {
    .info =
        {.id = "numbering-duplicate",
         .severity = Severity::Error,
         .summary = "two items in one list have the same number",
         .explanation =
             R"(Each item's number identifies it in assessment records and in other standards that refer to it,
so a number may appear only once in its list.

Bad:
  K19 how to manage ethical conflicts
  K19 how to challenge poor practice

Good:
  K19 how to manage ethical conflicts
  K20 how to challenge poor practice)"},
    .check = check};

}  // namespace nos::rules
