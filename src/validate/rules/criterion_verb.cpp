// criterion-verb: a performance criterion should open with a verb in the imperative ("agree the plan").
// The verbs and the sections they apply to are data: grammars/criterion-verbs.yaml, compiled in.
#include <fmt/format.h>

#include <algorithm>

#include "grammar/criterion_verbs.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check(const RuleContext& ctx, const Report& report) {
  const CriterionVerbs& list = criterion_verbs();
  const auto& extra = ctx.words("verbs");
  auto is_verb = [&](std::string_view w) {
    return list.is_verb(w) || std::find(extra.begin(), extra.end(), w) != extra.end();
  };
  for (const auto& section : ctx.doc.sections) {
    if (!list.sections.count(section.key)) continue;
    for (const auto& g : section.groups)
      for (const auto& item : g.items) {
        std::string first = opening_word(item.text());
        if (first.empty() || opens_with_verb(item.text(), is_verb, list.conditions)) continue;
        std::size_t end = item.text().find_first_of(" \t");
        report({ctx.span(item.location, item.text().substr(0, end)),
                fmt::format("{} does not open with a verb: '{}'",
                            item.numbered() ? item.id() : "the criterion", item.text().substr(0, end)),
                std::string(item.id()),
                fmt::format(
                    "start with what the person does (\"agree …\", \"check …\"); if '{}' is a verb, add it "
                    "under rules: {{criterion-verb: {{verbs: [{}]}}}} in .nos.yaml",
                    first, first)});
      }
  }
}

}  // namespace

extern const Rule kCriterionVerb = {
    .info =
        {.id = "criterion-verb",
         .severity = Severity::Info,
         .summary = "a performance criterion does not open with a verb",
         .explanation =
             R"(NOS writing guidance: each performance criterion states one observable outcome and opens with an
active verb in the imperative, lower case, continuing the stem "You must be able to:". The verbs known
to nos are listed in grammars/criterion-verbs.yaml (about 400, from real standards); an adverb ending
in -ly may come first ("actively support"), and so may a short condition closed by a comma ("where
necessary, seek advice"). A real verb missing from the list is a gap in the list, not in the
standard, so this rule reports at info level; add such verbs in .nos.yaml.

Options (.nos.yaml, rules: {criterion-verb: {verbs: [triage, upsell]}}):
  verbs   more verbs to accept, lower case

Bad:
  P4 the plan is agreed with the individual

Good:
  P4 agree the plan with the individual)",
         .options = {{"verbs", OptionSpec::Kind::Words, 0, "more verbs to accept, lower case"}}},
    .check = check};

}  // namespace nos::rules
