// empty-section: a section or metadata row whose label is there but whose content is not.
#include <fmt/format.h>

#include "validate/rule.hpp"

namespace nos::rules {
namespace {

bool has_content(const Section& s) {
  switch (s.kind) {
    case SectionKind::Items:
      return s.item_count() > 0;
    case SectionKind::Glossary:
      return !s.entries.empty();
    case SectionKind::Prose:
      return !s.text().empty();
  }
  return true;
}

void check(const RuleContext& ctx, const Report& report) {
  for (const auto& s : ctx.doc.sections)
    if (s.present && !has_content(s)) {
      std::string label = s.labels.empty() ? s.key : s.labels.front().text;
      report({s.location, fmt::format("the section '{}' is empty", label), s.key,
              s.required ? "write its content" : "write its content, or remove the label"});
    }
  for (const auto& f : ctx.doc.metadata)
    if (!f.labels.empty() && !f.present())
      report({ctx.span(f.location, f.labels.front().text),
              fmt::format("the metadata row '{}' has no value", f.labels.front().text), f.key, ""});
}

}  // namespace

extern const Rule kEmptySection = {
    .info =
        {.id = "empty-section",
         .severity = Severity::Warning,
         .summary = "a section or metadata row has a label but no content",
         .explanation =
             R"(A label with nothing under it is usually a template field that was never filled in. Optional
sections that do not apply are better removed than left empty.

Bad:
  Values
  Behaviours

Good:
  Values
  Adherence to codes of practice or conduct where applicable to your role
  Behaviours
  …)"},
    .check = check};

}  // namespace nos::rules
