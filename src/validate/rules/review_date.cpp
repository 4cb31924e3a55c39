// review-date: the indicative review date is not after the date approved, or a date cannot be read.
#include <fmt/format.h>

#include <optional>

#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check(const RuleContext& ctx, const Report& report) {
  const MetadataField* approved = ctx.doc.field("date_approved");
  const MetadataField* review = ctx.doc.field("indicative_review_date");
  std::optional<Date> dates[2];
  const MetadataField* fields[2] = {approved, review};
  for (int i = 0; i < 2; ++i) {
    if (!fields[i] || !fields[i]->value) continue;
    dates[i] = parse_date(*fields[i]->value);
    if (!dates[i])
      report({ctx.span(fields[i]->location, *fields[i]->value),
              fmt::format("{} is not a date nos can read", quoted(*fields[i]->value)), fields[i]->key,
              "write it as '13 Feb 2024' or '13/02/2024'"});
  }
  if (!dates[0] || !dates[1]) return;
  const Date &a = *dates[0], &r = *dates[1];
  // With a month-only date ("March 2016") compare months, so the same month is not "after".
  bool days = a.day > 0 && r.day > 0;
  auto key = [&](const Date& d) { return d.year * 10000 + d.month * 100 + (days ? d.day : 0); };
  int months = (r.year - a.year) * 12 + r.month - a.month;
  std::string problem;
  if (key(r) <= key(a))
    problem = "is not after";
  else if (months < 12 * ctx.number("min_years"))
    problem = fmt::format("is only {} months after", months);
  if (problem.empty()) return;
  report({ctx.span(review->location, *review->value),
          fmt::format("the indicative review date {} {} the date approved {}", quoted(*review->value),
                      problem, quoted(*approved->value)),
          review->key, "reviews are usually due about five years after approval; check the year"});
}

}  // namespace

extern const Rule kReviewDate = {
    .info =
        {.id = "review-date",
         .severity = Severity::Warning,
         .summary = "the indicative review date is not after the approval date, or is too soon",
         .explanation =
             R"(A NOS is reviewed after it is approved, usually five years later. A review date on or before the
approval date is a typing error (one real standard was approved on 13 Feb 2024 with a review date of
28 Feb 2024). Dates are read as "13 Feb 2024", "13 February 2024", "March 2016", "13/02/2024" (with
or without a time), "13 02 2024" and "2024-02-13"; a date in none of these forms is reported too.
A review date less than `min_years` after approval is reported as well: it is usually the right day
with the wrong year.

Options (.nos.yaml, rules: {review-date: {min_years: 1}}):
  min_years   report review dates less than this many years after approval (default 1)

Bad:
  Date approved            13 Feb 2024
  Indicative review date   28 Feb 2024

Good:
  Date approved            13 Feb 2024
  Indicative review date   28 Feb 2029)",
         .options = {{"min_years", OptionSpec::Kind::Number, 1,
                      "report review dates less than this many years after approval", 0, 100}}},
    .check = check,
    .reads_structure = false};

}  // namespace nos::rules
