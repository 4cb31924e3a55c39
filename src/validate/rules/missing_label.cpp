// missing-label: a section whose content is there but whose label is not; the parser found it by other
// evidence (a stem, an opening phrase, the item numbering, a Word bookmark or its position).
#include <fmt/format.h>

#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

std::string evidence(const Section& s) {
  switch (s.found_by) {
    case FoundBy::Label:
      return s.labels.empty() ? "by its label" : fmt::format("by its stem '{}'", s.labels.front().text);
    case FoundBy::Cue:
      return fmt::format("by its opening words {}", quoted(s.text(), 40));
    case FoundBy::Numbering:
      for (const auto& g : s.groups)
        if (!g.items.empty()) return fmt::format("by its numbering ({})", g.items.front().label());
      return "by its numbering";
    case FoundBy::Bookmark:
      return "by a Word bookmark";
    case FoundBy::Position:
      return "by its position";
  }
  return "";
}

/// The label on a line of its own before the section, before its stem or first group heading. It adds words
/// but changes no item id, so it is safe, except for a section placed by its position alone, where the
/// parser's guess of where it starts may be wrong.
std::optional<Fix> labelling(const RuleContext& ctx, const Section& s, const std::string& label) {
  if (!fixable(ctx)) return std::nullopt;
  // Where the section begins: its stem, its first group heading (which the parser may place before the
  // numbered items that found the section) or its first paragraph, whichever comes first.
  int line = s.location.line;
  auto earlier = [&](const SourceLocation& at) {
    if (at.line > 0 && at.line < line) line = at.line;
  };
  for (const auto& l : s.labels) earlier(l.location);
  if (!s.groups.empty()) earlier(s.groups.front().location);
  if (!s.paragraph_locations.empty()) earlier(s.paragraph_locations.front());
  const SourceLine* at = ctx.line(line);
  if (!at || at->location.part != PagePart::Body) return std::nullopt;
  Edit edit;
  edit.line = line;
  edit.after = label;
  edit.new_line = true;
  const bool guess = s.found_by == FoundBy::Position;
  return Fix{{edit},
             guess,
             fmt::format("Add the label '{}' before the section{}", label,
                         guess ? " (unsafe: where the section starts is a guess)" : "")};
}

void check(const RuleContext& ctx, const Report& report) {
  for (const auto& s : ctx.doc.sections) {
    int index = ctx.grammar.section_index(s.key);
    if (!s.present || index < 0) continue;
    bool labelled = false;
    for (const auto& l : s.labels) labelled = labelled || !l.stem;
    const auto& spec = ctx.grammar.sections[static_cast<std::size_t>(index)];
    if (labelled || spec.labels.empty()) continue;
    report(
        {s.location,
         fmt::format("the '{}' label is missing; the section was found {}", spec.labels.front(), evidence(s)),
         s.key, fmt::format("add the label '{}' on its own line before the section", spec.labels.front()),
         labelling(ctx, s, spec.labels.front())});
  }
}

}  // namespace

extern const Rule kMissingLabel = {
    .info =
        {.id = "missing-label",
         .severity = Severity::Warning,
         .summary = "a section is present but its label is not",
         .explanation =
             R"(Each section of a NOS opens with its label ("Performance criteria", "Knowledge and understanding",
"Scope/range related to performance criteria", "Values" …). When a label is missing, the parser still
finds the section by weaker evidence: a stem such as "You need to know and understand:", an opening
phrase such as the scope disclaimer, the item numbering (K1 after P26), a Word bookmark or its
position. The message says which, so the finding can be checked. Readers, and tools less forgiving
than nos, need the label. nos fix adds the label on a line of its own before the section (in a DOCX,
a paragraph before it); only with --unsafe for a section placed by its position alone.

Bad:
  P26 distribute the results of the review
  Rights
  K1 legal and work setting requirements

Good:
  P26 distribute the results of the review
  Knowledge and understanding
  You need to know and understand:
  Rights
  K1 legal and work setting requirements)"},
    .check = check};

}  // namespace nos::rules
