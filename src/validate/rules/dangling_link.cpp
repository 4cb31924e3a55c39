// dangling-link: "Links to other NOS" names a URN no document of a complete suite has.
#include <fmt/format.h>

#include <set>

#include "validate/helpers.hpp"
#include "validate/suite.hpp"

namespace nos::rules {
namespace {

void check(const SuiteContext& ctx, const SuiteReport& report) {
  std::set<std::string> urns;
  for (const auto& d : ctx.documents)
    if (d.summary.urn) urns.insert(compared(d.summary.urn->text));
  for (std::size_t i = 0; i < ctx.documents.size(); ++i) {
    if (!ctx.documents[i].complete) continue;
    for (const auto& link : ctx.documents[i].summary.links)
      if (!urns.count(compared(link.text)))
        report(i,
               {link.location,
                fmt::format("the link to {} names no standard of the suite ({} documents checked)",
                            quoted(link.text), ctx.documents.size()),
                link.subject,
                "correct the URN, or add the standard; the set is complete by .nos.yaml (suite: {complete: "
                "true})"});
  }
}

}  // namespace

extern const Rule kDanglingLink = {
    .info =
        {.id = "dangling-link",
         .severity = Severity::Warning,
         .summary = "a link to other NOS names a URN that no document of a complete suite has",
         .explanation =
             R"(A suite rule, on only for documents whose .nos.yaml says the checked set is the whole suite:

  suite: {complete: true}

since most repositories link to standards they do not hold. Every word of "Links to other NOS" that
has the shape of a URN (the grammar's `urn_pattern`) must be the URN of a document checked in the
same run. A link to a URN nobody has is a typing error, or a standard that was renamed or withdrawn.

Bad (the suite has SCDHSC0390 and SCDHSC0391):
  Links to other NOS   SCDHSC0930, SCDHSC0391

Good:
  Links to other NOS   SCDHSC0390, SCDHSC0391)"},
    .check_suite = check};

}  // namespace nos::rules
