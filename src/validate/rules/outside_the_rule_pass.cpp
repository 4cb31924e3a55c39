// Findings made outside the rule pass, listed here so they have an id, a severity that .nos.yaml can
// change, and an explanation like every rule: model-schema (by the YAML model loader) and
// unused-suppression (by `nos check` when it applies ignores and the baseline).
#include "validate/rule.hpp"

namespace nos::rules {

extern const Rule kModelSchema = {
    .info = {
        .id = "model-schema",
        .severity = Severity::Error,
        .summary = "a YAML model has a wrong key or a value of the wrong type",
        .explanation =
            R"(A YAML model (schema: nos/1, written by `nos parse` or by hand) is checked against the JSON Schema
schemas/nos-model.schema.json before its content is checked. A key the model does not have, a value of
the wrong type, or a missing required key is reported at the YAML line that holds it. A model with
such errors is not checked further.

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
        .id = "unused-suppression",
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

}  // namespace nos::rules
