// cross-duplicate-criterion: a criterion repeated word for word in another standard of the set.
#include "validate/suite.hpp"

namespace nos::rules {
namespace {

void check(const SuiteContext& ctx, const SuiteReport& report) {
  report_criterion_matches(ctx, report, false);
}

}  // namespace

extern const Rule kCrossDuplicateCriterion = {
    .info =
        {.id = "cross-duplicate-criterion",
         .severity = Severity::Info,
         .summary = "a criterion is repeated word for word in another standard of the set",
         .explanation =
             R"(A suite rule: it runs when `nos check` is given more than one document. A performance criterion
with the same wording (case, quotes and punctuation aside) as one in another standard of the set,
reported on the later standard with the first as the related location.

Suites share on purpose: a core of knowledge items in every standard, blocks of criteria in several.
So the rule is info, looks at knowledge items only with `knowledge: 1`, and reports a criterion only
when its wording is in the two standards alone (a wording in three or more is the suite's common text)
and it is the one criterion its standard shares with the other, identically or nearly; a criterion
pasted into the wrong standard comes alone. Items shorter than `min_words` words are not reported.
Every wording is stored once with its words as numbers, so 20,000 standards take seconds, not hours.

Options (.nos.yaml, rules: {cross-duplicate-criterion: {min_words: 6}}; read from the config of the
first document checked):
  min_words   report items of at least this many words (default 4)
  knowledge   1: knowledge items too (default 0)

Bad:
  SCDHSC0390 P3   agree the plan with the individual and key people
  SCDHSC0391 P7   agree the plan with the individual and key people

Good:
  SCDHSC0390 P3   agree the plan with the individual and key people
  SCDHSC0391 P7   agree how housing needs are met with the individual)",
         .options = {{"min_words", OptionSpec::Kind::Number, 4, "report items of at least this many words", 0,
                      1e6},
                     {"knowledge", OptionSpec::Kind::Number, 0, "1: knowledge items too", 0, 1}}},
    .check_suite = check};

}  // namespace nos::rules
