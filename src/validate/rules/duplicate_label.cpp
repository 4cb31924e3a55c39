// duplicate-label: a label or stem printed twice for one section or metadata row.
#include <fmt/format.h>

#include <map>

#include "util/text.hpp"
#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check_labels(const RuleContext& ctx, const std::vector<LabelUse>& labels, const std::string& key,
                  const Report& report) {
  std::map<std::string, const LabelUse*> first;
  for (const auto& l : labels) {
    auto [it, fresh] = first.emplace(normalise_label(l.text), &l);
    if (fresh) continue;
    // A label alone on its line in a text export is mended by deleting the line.
    std::optional<Fix> fix;
    const SourceLine* line = ctx.line(l.location.line);
    if (line && ctx.doc.source.format == "text" && text::clean(line->text) == text::clean(l.text))
      fix = Fix{
          {{line->location.line, 1, static_cast<int>(text::length(line->text)) + 1, line->text, "", true}}};
    report({ctx.span(l.location, l.text),
            fmt::format("'{}' is printed twice (first at {})", l.text, place_of(it->second->location)), key,
            "delete the second one", fix});
  }
}

void check(const RuleContext& ctx, const Report& report) {
  for (const auto& s : ctx.doc.sections) check_labels(ctx, s.labels, s.key, report);
  for (const auto& f : ctx.doc.metadata) check_labels(ctx, f.labels, f.key, report);
}

}  // namespace

extern const Rule kDuplicateLabel = {
    .info =
        {.id = "duplicate-label",
         .severity = Severity::Warning,
         .summary = "a label or stem is printed twice",
         .explanation =
             R"(A section label or stem such as "You must be able to:" belongs once at the head of its section.
A second copy is left over from editing the template, and in a converted document it can open a
second, empty section.

Bad:
  Performance criteria
  You must be able to:
  You must be able to:
  P1 …

Good:
  Performance criteria
  You must be able to:
  P1 …)"},
    .check = check};

}  // namespace nos::rules
