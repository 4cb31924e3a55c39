// Findings made outside the rule pass, listed here so they have an id, a severity that .nos.yaml can
// change, and an explanation like every rule: model-schema (by the YAML model loader),
// unused-suppression (by `nos check` when it applies ignores and the baseline) and too-many-findings
// (by `nos check` when it caps a file's findings).
#include "nos/rule_ids.hpp"
#include "validate/rule.hpp"

namespace nos::rules {

extern const Rule kModelSchema = {
    .info = {
        .id = rule_ids::kModelSchema,
        .severity = Severity::Error,
        .summary = "a YAML model has a wrong key or a value of the wrong type",
        .explanation =
            R"(A YAML model (schema: nos/1, written by `nos parse` or by hand) is checked against the JSON Schema
schemas/nos-model.schema.json before its content is checked. A key the model does not have, a value of
the wrong type, or a missing required key is reported at the YAML line that holds it. So is a key given
twice in one map, at the second: YAML forbids it, and which of the two values counts would be a guess.
A model with such errors is not checked further.

Bad:
  schema: nos/1
  urn: SCDHSC0390
  performance_criteria:
    - items:
        - {id: P1, txt: "agree the plan"}

Good:
  schema: nos/1
  urn: SCDHSC0390
  performance_criteria:
    - items:
        - {id: P1, text: "agree the plan"})"}};

extern const Rule kUnusedSuppression = {
    .info = {
        .id = rule_ids::kUnusedSuppression,
        .severity = Severity::Info,
        .summary = "an ignore in .nos.yaml or a baseline entry matches nothing",
        .explanation =
            R"(A suppression that no longer matches any finding is stale: the defect was fixed, the item was
renumbered, or the rule id is misspelt. Stale suppressions hide future findings, so they are reported
and should be deleted (for a baseline, write it again with --write-baseline).

Bad (.nos.yaml, when SCDHSC0390 has no near duplicate at P14 any more):
  ignore_findings:
    SCDHSC0390:
      P14: [near-duplicate-criterion]

Good:
  (the entry deleted))"}};

extern const Rule kTooManyFindings = {
    .info = {
        .id = rule_ids::kTooManyFindings,
        .severity = Severity::Info,
        .summary = "a file's findings were cut at --max-findings-per-rule or --max-findings",
        .explanation =
            R"(A damaged or generated file can have hundreds of thousands of findings, and a report of them all
costs gigabytes. `nos check` reports at most --max-findings-per-rule findings of one rule (200 by
default) and --max-findings in all (1000) for each file, then one finding per cut saying how many
more there were. Its severity is that of the most severe finding left out, so a cut never changes
the exit code. Fix what is shown and check again, or raise the limits (0: no limit).

Bad (200 numbering-gap findings shown, then):
  doc.txt: error: … and 199800 more numbering-gap findings not shown (--max-findings-per-rule 200)

Good:
  (the document's numbering repaired))"}};

}  // namespace nos::rules
