// unrecognised-layout: a document whose layout the parser did not understand (much of its text placed in
// no section). Reported once, in place of the findings about the structure the parser had to guess.
#include <fmt/format.h>

#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check(const RuleContext& ctx, const Report& report) {
  if (ctx.doc.unplaced.empty()) return;
  std::size_t total = 0;
  for_each_text(ctx, [&](const TextRef& t) { total += t.text.size(); });
  std::size_t unplaced = 0;
  for (const auto& u : ctx.doc.unplaced) unplaced += u.text.size();
  double share = static_cast<double>(unplaced) / static_cast<double>(total);
  if (share <= ctx.number("max_unplaced")) return;
  const Unplaced& first = ctx.doc.unplaced.front();
  report(
      {first.location,
       fmt::format("the layout was not recognised: {:.0f}% of the text ({} passages, the first {}) is in no "
                   "section, so the findings about sections and items are left out",
                   share * 100, ctx.doc.unplaced.size(), quoted(first.text, 40)),
       "", "give each section its label (Overview, Performance criteria, Knowledge and understanding …)"});
}

}  // namespace

extern const Rule kUnrecognisedLayout = {
    .info =
        {.id = "unrecognised-layout",
         .severity = Severity::Warning,
         .summary = "the parser did not recognise the document's layout",
         .explanation =
             R"(When much of a document's text lands in no section (by default more than a fifth of it), the
parser has not understood its layout, and whatever it found of sections and items is a guess. Findings
about that guess (missing or empty sections, numbering, unnumbered items, unplaced text …) would
describe the parser's confusion rather than the document, so they are left out and this one finding
is reported instead. Findings about the text itself (whitespace, quotes, conversion artefacts, the
URN's format, the review date) are still reported.

Bad:
  Maintain the yard. Sweep the yard daily and empty the bins; report damage to the supervisor.
  Know why tidy yards matter and what the site rules say.

Good:
  Performance criteria
  P1 sweep the yard daily
  Knowledge and understanding
  K1 why tidy yards matter)",
         .options = {{"max_unplaced", OptionSpec::Kind::Number, 0.2,
                      "report when more than this share (0..1) of the text is in no section", 0, 1}}},
    .check = check,
    .reads_structure = false};

}  // namespace nos::rules
