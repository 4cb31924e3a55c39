// duplicate-original-urn: two documents of one run with the same Original URN.
#include "util/text.hpp"
#include "validate/suite.hpp"

namespace nos::rules {
namespace {

// A value with no digit ("N/A", "None") is not a URN and says nothing shared.
const DocumentSummary::Text* original_urn(const DocumentSummary& d) {
  return d.original_urn && text::has_digit(d.original_urn->text) ? &*d.original_urn : nullptr;
}

void check(const SuiteContext& ctx, const SuiteReport& report) {
  report_shared_value(ctx, report, original_urn, "original URN",
                      "each standard descends from its own original; check which one this was copied from",
                      same_urn);  // two files with one URN are duplicate-urn's finding
}

}  // namespace

extern const Rule kDuplicateOriginalUrn = {
    .info =
        {.id = "duplicate-original-urn",
         .severity = Severity::Warning,
         .summary = "two documents of the set have the same Original URN",
         .explanation =
             R"(A suite rule: it runs when `nos check` is given more than one document. The "Original URN" row
names the standard a NOS was first published as; two standards of one set descending from one original
usually means one was started from a copy of the other and kept its row. It is a warning, since a
standard split in two may honestly name one original. Values are compared trimmed and in any case; a
value with no digit ("N/A") is not compared, nor two files that also share their URN (duplicate-urn
reports those). The finding is on each later file, with the first file as
the related location.

Bad:
  a.txt   URN SCDHSC0390   Original URN SCDHSC0390
  b.txt   URN SCDHSC0391   Original URN SCDHSC0390

Good:
  a.txt   URN SCDHSC0390   Original URN SCDHSC0390
  b.txt   URN SCDHSC0391   Original URN SCDHSC0391)"},
    .check_suite = check};

}  // namespace nos::rules
