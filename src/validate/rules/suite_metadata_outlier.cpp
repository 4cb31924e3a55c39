// suite-metadata-outlier: one standard's metadata says otherwise than almost every sibling in its suite.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "util/text.hpp"
#include "validate/helpers.hpp"
#include "validate/suite.hpp"

namespace nos::rules {
namespace {

// The shape of a version number, each run of digits one '9': "1", "2" and "10" agree, "1.0" does not.
std::string version_pattern(std::string_view version) {
  std::string out;
  for (char c : text::clean(version))
    if (!std::isdigit(static_cast<unsigned char>(c)))
      out += c;
    else if (out.empty() || out.back() != '9')
      out += '9';
  return out;
}

struct Member {
  std::size_t document;
  const DocumentSummary::Text* field;
  std::string value;  ///< as compared
};

struct Suite {
  std::string name;  ///< as the first document prints it
  std::vector<std::size_t> documents;
};

// Siblings: the other documents of the suite that have the field. `agree` of them must say one thing.
bool almost_all(std::size_t agree, std::size_t siblings, const SuiteContext& ctx) {
  return siblings >= static_cast<std::size_t>(ctx.number("min_siblings")) &&
         static_cast<double>(agree) >= ctx.number("agreement") * static_cast<double>(siblings);
}

std::vector<RelatedLocation> examples(const SuiteContext& ctx, const std::vector<const Member*>& members,
                                      const std::string& what) {
  std::vector<RelatedLocation> out;
  for (const Member* m : members) {
    if (out.size() == 3) break;
    out.push_back({ctx.documents[m->document].summary.path, m->field->location,
                   fmt::format("{} {} here", what, quoted(m->field->text))});
  }
  return out;
}

// developed_by, originating_organisation, version: the value almost every sibling gives, when this one
// gives another.
void check_value(const SuiteContext& ctx, const SuiteReport& report, const Suite& suite, std::string_view key,
                 std::string_view what) {
  std::vector<Member> members;
  for (std::size_t d : suite.documents)
    if (const auto* f = ctx.documents[d].summary.field(key))
      members.push_back({d, f, key == "version" ? version_pattern(f->text) : comparable(f->text)});
  std::map<std::string, std::size_t> counts;
  for (const auto& m : members) ++counts[m.value];
  auto common = std::max_element(counts.begin(), counts.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
  if (common == counts.end()) return;
  std::vector<const Member*> saying;
  for (const auto& m : members)
    if (m.value == common->first) saying.push_back(&m);
  for (const auto& m : members) {
    if (m.value == common->first || !almost_all(saying.size(), members.size() - 1, ctx)) continue;
    const std::string form = key == "version" ? fmt::format(" (the form {})", m.value) : "";
    report(m.document,
           {m.field->location,
            fmt::format("{} {}{} differs from {} of the {} other standards of suite {}, which say {}", what,
                        quoted(m.field->text), form, saying.size(), members.size() - 1, quoted(suite.name),
                        quoted(saying.front()->field->text)),
            std::string(key), "check it against the suite's other standards", std::nullopt,
            examples(ctx, saying, std::string(what))});
  }
}

// The months from approval to the indicative review date, when both dates can be read.
std::optional<int> interval(const DocumentSummary& doc) {
  const auto* approved = doc.field("date_approved");
  const auto* review = doc.field("indicative_review_date");
  if (!approved || !review) return std::nullopt;
  auto a = parse_date(approved->text), r = parse_date(review->text);
  if (!a || !r) return std::nullopt;
  return (r->year - a->year) * 12 + r->month - a->month;
}

// Review intervals vary (three to five years is common), so "what every sibling says" is a range: this
// one is reported when almost every sibling's interval is at least twice as long (or at most half as
// long) and a year or more apart from it.
void check_interval(const SuiteContext& ctx, const SuiteReport& report, const Suite& suite) {
  std::vector<std::pair<std::size_t, int>> members;
  for (std::size_t d : suite.documents)
    if (auto months = interval(ctx.documents[d].summary)) members.emplace_back(d, *months);
  for (const auto& [d, x] : members) {
    std::vector<std::pair<std::size_t, int>> longer, shorter;
    for (const auto& other : members) {
      if (other.first == d) continue;
      const int y = other.second;
      if (y >= 2 * x && y - x >= 12) longer.push_back(other);
      if (2 * y <= x && x - y >= 12) shorter.push_back(other);
    }
    const auto& far = longer.size() >= shorter.size() ? longer : shorter;
    if (far.empty() || !almost_all(far.size(), members.size() - 1, ctx)) continue;
    auto [lo, hi] = std::minmax_element(far.begin(), far.end(),
                                        [](const auto& a, const auto& b) { return a.second < b.second; });
    const DocumentSummary& doc = ctx.documents[d].summary;
    const auto* review = doc.field("indicative_review_date");
    std::vector<RelatedLocation> related;
    for (std::size_t i = 0; i < far.size() && i < 3; ++i) {
      const auto* f = ctx.documents[far[i].first].summary.field("indicative_review_date");
      related.push_back({ctx.documents[far[i].first].summary.path, f->location,
                         fmt::format("reviewed {} months after approval here", far[i].second)});
    }
    report(d,
           {review->location,
            fmt::format("the indicative review date {} is {} months after approval, where {} of the {} other "
                        "standards of suite {} are reviewed {} months after",
                        quoted(review->text), x, far.size(), members.size() - 1, quoted(suite.name),
                        lo->second == hi->second ? std::to_string(lo->second)
                                                 : fmt::format("{} to {}", lo->second, hi->second)),
            review->subject, "check the year of the review date and of the approval date", std::nullopt,
            std::move(related)});
  }
}

void check(const SuiteContext& ctx, const SuiteReport& report) {
  std::map<std::string, Suite> suites;  // by the suite's name as compared
  for (std::size_t d = 0; d < ctx.documents.size(); ++d)
    if (const auto* s = ctx.documents[d].summary.field("suite")) {
      Suite& suite = suites[comparable(s->text)];
      if (suite.documents.empty()) suite.name = s->text;
      suite.documents.push_back(d);
    }
  for (const auto& [key, suite] : suites) {
    check_value(ctx, report, suite, "developed_by", "developed by");
    check_value(ctx, report, suite, "originating_organisation", "originating organisation");
    check_value(ctx, report, suite, "version", "version");
    check_interval(ctx, report, suite);
  }
}

}  // namespace

extern const Rule kSuiteMetadataOutlier = {
    .info =
        {.id = "suite-metadata-outlier",
         .severity = Severity::Warning,
         .summary = "a standard's metadata differs from what almost every other standard of its suite says",
         .explanation =
             R"(A suite rule: it runs when `nos check` is given more than one document. Standards of one suite
(the same "Suite" row) are developed by one body and reviewed on one cycle, so a value that almost every
sibling disagrees with is usually a typing error. Compared: "Developed by", "Originating organisation"
(case and punctuation aside), the form of the "Version number" (1, 2 and 10 have one form, 1.0
another), and the months from "Date approved" to "Indicative review date". A value is reported when at
least `min_siblings` other standards of the suite have the row and at least `agreement` of them agree
on another value; for the review interval, when that share of them have an interval at least twice as
long (or at most half as long) and a year or more apart, since intervals of three to five years are all
usual. Suites smaller than that, and standards with no "Suite" row, are not compared.

One published suite had an Indicative Review Date 15 days after approval, where every sibling's was
five years after.

Options (.nos.yaml, rules: {suite-metadata-outlier: {min_siblings: 10}}; read from the config of the
first document checked):
  min_siblings  compare only when at least this many other standards have the row (default 5)
  agreement     share of those that must agree (0..1, default 0.9)

Bad (19 other standards of the suite are reviewed 60 months after approval):
  Date approved            13 Feb 2024
  Indicative review date   28 Feb 2024

Good:
  Date approved            13 Feb 2024
  Indicative review date   28 Feb 2029)",
         .options = {{"min_siblings", OptionSpec::Kind::Number, 5,
                      "compare only when at least this many other standards have the row", 1, 1e6},
                     {"agreement", OptionSpec::Kind::Number, 0.9, "share of those that must agree (0..1)",
                      0.5, 1}}},
    .check_suite = check};

}  // namespace nos::rules
