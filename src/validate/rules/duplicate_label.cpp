// duplicate-label: a label or stem printed twice for one section or metadata row. A stem printed again
// after items is the next group's.
#include <fmt/format.h>

#include <map>
#include <utility>

#include "util/text.hpp"
#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

/// True when an item of `section` stands between the two places: a stem printed again after items
/// opens the next group ("You must be able to:" under each group heading), which is no second copy.
/// Compared by position in the document, not by location: a model's findings point into the YAML file,
/// where the labels are listed after every item.
bool items_between(const Section* section, const SourcePosition& from, const SourcePosition& to) {
  if (!section) return false;
  std::size_t index = 0;
  for (const auto& g : section->groups)
    for (const auto& item : g.items) {
      const SourcePosition at = section->item_position(index++, item);
      if (from < at && at < to) return true;
    }
  return false;
}

void check_labels(const RuleContext& ctx, const std::vector<LabelUse>& labels, const Section* section,
                  const std::string& key, const Report& report) {
  std::map<std::string, std::pair<const LabelUse*, const LabelUse*>> seen;  // first and last copy
  for (const auto& l : labels) {
    auto [it, fresh] = seen.emplace(normalise_label(l.text), std::pair{&l, &l});
    if (fresh) continue;
    auto& [first, last] = it->second;
    if (!l.stem || !items_between(section, last->position, l.position)) {
      // A label alone on its line (a DOCX paragraph) is mended by deleting the line.
      std::optional<Fix> fix;
      const SourceLine* line = ctx.line(l.location.line);
      if (line && fixable(ctx) && text::clean(line->text) == text::clean(l.text))
        fix = Fix{
            {{line->location.line, 1, static_cast<int>(text::length(line->text)) + 1, line->text, "", true}},
            false,
            fmt::format("Delete the second '{}'", l.text)};
      report({ctx.span(l.location, l.text),
              fmt::format("'{}' is printed twice (first at {})", l.text, place_of(first->location)), key,
              "delete the second one", fix});
    }
    last = &l;
  }
}

void check(const RuleContext& ctx, const Report& report) {
  for (const auto& s : ctx.doc.sections) check_labels(ctx, s.labels, &s, s.key, report);
  for (const auto& f : ctx.doc.metadata) check_labels(ctx, f.labels, nullptr, f.key, report);
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
second, empty section. A stem printed again after items, under the next group heading, is not
reported: some standards print it for every group.

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
