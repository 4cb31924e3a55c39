// cross-near-duplicate-criterion: a criterion nearly repeated in another standard of the set. The
// search (validate/suite.cpp, near_wordings) never compares all pairs.
#include "validate/suite.hpp"

namespace nos::rules {
namespace {

void check(const SuiteContext& ctx, const SuiteReport& report) {
  report_criterion_matches(ctx, report, true);
}

}  // namespace

extern const Rule kCrossNearDuplicateCriterion = {
    .info =
        {.id = "cross-near-duplicate-criterion",
         .severity = Severity::Info,
         .summary = "a criterion is nearly repeated in another standard of the set",
         .explanation =
             R"(A suite rule: it runs when `nos check` is given more than one document. A performance criterion
whose wording differs by a word or two from one in another standard of the set: usually a criterion
copied into another standard and edited. Similarity is near-duplicate-criterion's: 1 - (words
inserted, deleted or replaced) / (words in the longer item), after ignoring case, quotes and
punctuation. Identical wordings are cross-duplicate-criterion's.

Suites share on purpose: a core of knowledge items in every standard, blocks of criteria in several.
So the rule is info, looks at knowledge items only with `knowledge: 1`, and reports a criterion only
when its wording is in the two standards alone (a wording in three or more is the suite's common text)
and it is the one criterion its standard shares with the other, identically or nearly; a criterion
pasted into the wrong standard comes alone.

Not every pair is compared: criteria are indexed under their rarest words, and an item is compared
only with those that share one of the few rarest words any item that similar must share. A word's list
is read up to `max_candidates` items, which bounds the time; a near duplicate made only of words that
hundreds of other criteria also use may be missed. The index is built with this rule's options.

Options (.nos.yaml, rules: {cross-near-duplicate-criterion: {threshold: 0.85}}; read from the config
of the first document checked):
  threshold       report pairs at least this similar (0..1, default 0.8)
  min_words       compare only items of at least this many words (default 4)
  max_candidates  items read from one word's list (default 64)
  knowledge       1: knowledge items too (default 0)

Bad:
  SCDHSC0390 P3   agree the care plan with the individual and key people
  SCDHSC0391 P7   agree the care plan with the individual and others

Good:
  SCDHSC0390 P3   agree the care plan with the individual and key people
  SCDHSC0391 P7   review the housing plan with the individual at agreed intervals)",
         .options = {{"threshold", OptionSpec::Kind::Number, 0.8, "report pairs at least this similar (0..1)",
                      0, 1},
                     {"min_words", OptionSpec::Kind::Number, 4,
                      "compare only items of at least this many words", 0, 1e6},
                     {"max_candidates", OptionSpec::Kind::Number, 64,
                      "items read from one word's list in the index (bounds the time)", 1, 1e6},
                     {"knowledge", OptionSpec::Kind::Number, 0, "1: knowledge items too", 0, 1}}},
    .check_suite = check};

}  // namespace nos::rules
