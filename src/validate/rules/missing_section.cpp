// missing-section: the URN, the title, a section the grammar marks required, or required metadata rows
// are absent.
#include <fmt/format.h>

#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check(const RuleContext& ctx, const Report& report) {
  const Document& doc = ctx.doc;
  if (!doc.urn)
    report({{}, "the document has no URN", "urn", "put the URN (such as SCDHSC0390) on the first line"});
  if (!doc.title)
    report({{}, "the document has no title", "title", "put the title on the line after the URN"});
  for (const auto& s : doc.sections) {
    int index = ctx.grammar.section_index(s.key);
    if (!s.required || s.present || index < 0) continue;
    const auto& spec = ctx.grammar.sections[static_cast<std::size_t>(index)];
    std::string label = spec.labels.empty() ? s.key : spec.labels.front();
    report({{},
            fmt::format("the required section '{}' is missing", label),
            s.key,
            fmt::format("add the '{}' label and its content", label)});
  }
  // One finding for all missing rows: a document without its metadata block should not get eleven.
  std::vector<std::string> missing;
  bool any_row = false;  // rows a grammar does not require count too: with one, the block is there
  for (std::size_t i = 0; i < doc.metadata.size() && i < ctx.grammar.metadata.size(); ++i) {
    const auto& f = doc.metadata[i];
    any_row = any_row || f.present() || !f.labels.empty();
    if (f.required && !f.present() && f.labels.empty())
      missing.push_back("'" + ctx.grammar.metadata[i].labels.front() + "'");
  }
  if (!any_row && !missing.empty())
    report({{},
            fmt::format("the metadata block is missing ({} required rows)", missing.size()),
            "metadata",
            "add the metadata table: Developed by, Version number, Date approved …"});
  else if (!missing.empty())
    report({{},
            fmt::format("required metadata {} missing: {}", missing.size() == 1 ? "row is" : "rows are",
                        fmt::join(missing, ", ")),
            "metadata",
            ""});
}

}  // namespace

extern const Rule kMissingSection = {
    .info =
        {.id = "missing-section",
         .severity = Severity::Error,
         .summary = "the URN, the title, a required section or required metadata is absent",
         .explanation =
             R"(Every NOS has a URN and a title, an Overview, Performance criteria and Knowledge and understanding,
and a metadata table (Developed by, Version number, Date approved, Indicative review date, Validity,
Status, Originating organisation, Original URN, Relevant occupations, Suite, Keywords). Which
sections and rows are required is data: `required: true` in the grammar (grammars/nos.yaml, or the
file named by `grammar:` in .nos.yaml). Missing metadata rows are reported together, once.

Bad:
  Overview
  This standard is about …
  (no Performance criteria section)

Good:
  Overview
  This standard is about …
  Performance criteria
  You must be able to:
  P1 …)"},
    .check = check};

}  // namespace nos::rules
