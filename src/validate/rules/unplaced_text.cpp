// unplaced-text: text the parser could not place in any section.
#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check(const RuleContext& ctx, const Report& report) {
  for (const auto& u : ctx.doc.unplaced)
    report({ctx.span(u.location, u.text), "text outside any section: " + quoted(u.text), "",
            "put it under the label of the section it belongs to, or delete it"});
}

}  // namespace

extern const Rule kUnplacedText = {
    .info =
        {.id = "unplaced-text",
         .severity = Severity::Warning,
         .summary = "text that belongs to no section",
         .explanation =
             R"(The parser keeps every line of the document. A line it cannot place (before the first label, a
group heading with no items after it, a stray paragraph between sections) is kept as unplaced text
and reported here, so nothing is lost silently. It is usually a missing label, or leftover text.

Bad:
  Performance criteria
  You must be able to:
  Prepare the work area
  Knowledge and understanding

Good:
  Performance criteria
  You must be able to:
  Prepare the work area
  P1 check the equipment is clean
  Knowledge and understanding)"},
    .check = check};

}  // namespace nos::rules
