// urn-format: a URN that does not have the usual shape (letters, digits, an optional suffix).
#include <re2/re2.h>

#include "grammar/patterns.hpp"
#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check(const RuleContext& ctx, const Report& report) {
  const auto& urn = ctx.doc.urn;
  if (!urn || RE2::FullMatch(*urn, *ctx.grammar.patterns().urn)) return;
  report({ctx.span(ctx.doc.urn_location, *urn), "the URN " + quoted(*urn) + " does not have the usual shape",
          "urn",
          "a URN is the developer's letters and a suite code, then digits, then an optional suffix, such as "
          "SCDHSC0390 or SEMEM3-07; no spaces, upper case"});
}

}  // namespace

extern const Rule kUrnFormat = {
    .info =
        {.id = "urn-format",
         .severity = Severity::Warning,
         .summary = "the URN does not have the usual shape",
         .explanation =
             R"(A URN (Unique Reference Number) is the developing organisation's letters and a suite code, then
digits, then an optional suffix: SCDHSC0390, INSSAL004, SEMEM3-07, IMPSD411S, EUSDSG3.1. The official
data contain odd ones (inner spaces, lower case, no digits), so this is a warning, not an error. The
expected shape is the grammar's `urn_pattern`. The parser only takes a line of that shape as the URN,
so in practice this rule checks YAML models and documents parsed with another grammar.

Bad:
  scd hsc0390

Good:
  SCDHSC0390)"},
    .check = check,
    .reads_structure = false};

}  // namespace nos::rules
