// duplicate-urn: two documents of one run with the same URN.
#include "validate/suite.hpp"

namespace nos::rules {
namespace {

void check(const SuiteContext& ctx, const SuiteReport& report) {
  report_shared_value(
      ctx, report, [](const DocumentSummary& d) { return d.urn ? &*d.urn : nullptr; }, "URN",
      "a URN names one standard: give one of them its own, or delete the older copy");
}

}  // namespace

extern const Rule kDuplicateUrn = {
    .info =
        {.id = "duplicate-urn",
         .severity = Severity::Error,
         .summary = "two documents of the set have the same URN",
         .explanation =
             R"(A suite rule: it runs when `nos check` is given more than one document. The URN identifies a
standard; two files with one URN are usually an old copy left beside the new one, or a new standard
that was started from a copy and kept its URN. URNs are compared trimmed and in any case. The finding
is on each later file, with the first file as the related location.

Bad:
  standards/a.txt   SCDHSC0390  Support individuals to manage their finances
  standards/b.txt   SCDHSC0390  Support individuals to access housing

Good:
  standards/a.txt   SCDHSC0390  Support individuals to manage their finances
  standards/b.txt   SCDHSC0391  Support individuals to access housing)"},
    .check_suite = check};

}  // namespace nos::rules
