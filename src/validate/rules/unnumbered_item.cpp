// unnumbered-item: a line inside a numbered list that has no number.
#include <fmt/format.h>

#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check(const RuleContext& ctx, const Report& report) {
  for (const auto& section : ctx.doc.sections) {
    const Item* previous = nullptr;
    for (const auto& g : section.groups)
      for (const auto& item : g.items) {
        if (item.numbered()) {
          previous = &item;
          continue;
        }
        std::string after = previous ? fmt::format(" after {}", previous->id()) : "";
        report({ctx.span(item.location, item.text()),
                fmt::format("line{} has no number: {}", after, quoted(item.text())),
                previous ? std::string(previous->id()) + "+" : "",
                "number it and renumber the items after it, or join it to the item it continues"});
      }
  }
}

}  // namespace

extern const Rule kUnnumberedItem = {
    .info =
        {.id = "unnumbered-item",
         .severity = Severity::Error,
         .summary = "a line inside a numbered list has no number",
         .explanation =
             R"(In a Word document every performance criterion and knowledge item is its own numbered paragraph.
A line without a number in the middle of a list is an item whose number was lost (the numbering
was typed rather than automatic, or the paragraph lost its list style), and it cannot be cited.
In text from a PDF a line that continues the item above is joined to it, so only a line that reads
as a separate item is reported.

Bad:
  K24 theories underpinning child development
  theories about attachment and its impact
  K25 factors that can affect communication

Good:
  K24 theories underpinning child development
  K25 theories about attachment and its impact
  K26 factors that can affect communication)"},
    .check = check};

}  // namespace nos::rules
