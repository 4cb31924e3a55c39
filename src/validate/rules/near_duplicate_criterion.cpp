// near-duplicate-criterion: two items whose wording differs by a word or two.
//
// Similarity is word-level: 1 - (word edit distance / words in the longer item), where the edit
// distance counts words inserted, deleted or replaced (Levenshtein over words of comparable() text).
// One word changed in a ten-word item gives 0.9. The default threshold, 0.8, sits above the most similar
// distinct pair in the seeds and samples (0.74: "complete records and reports about the outcomes from the
// monitoring activities …" against "… about the review and its results …").
#include <fmt/format.h>

#include <algorithm>

#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

std::size_t word_distance(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

void check(const RuleContext& ctx, const Report& report) {
  const double threshold = ctx.number("threshold");
  const auto min_words = static_cast<std::size_t>(ctx.number("min_words"));
  auto items = all_items(ctx.doc);
  std::vector<std::vector<std::string>> words;
  for (const auto& ref : items) words.push_back(words_of(ref.item->text));
  for (std::size_t j = 1; j < items.size(); ++j)
    for (std::size_t i = 0; i < j; ++i) {
      const auto &a = words[i], &b = words[j];
      std::size_t longer = std::max(a.size(), b.size()), shorter = std::min(a.size(), b.size());
      if (a == b || shorter < min_words) continue;  // identical text is duplicate-criterion's finding
      // The distance is at least the difference in length: skip pairs that cannot reach the threshold.
      if (1.0 - static_cast<double>(longer - shorter) / static_cast<double>(longer) < threshold) continue;
      double similarity = 1.0 - static_cast<double>(word_distance(a, b)) / static_cast<double>(longer);
      if (similarity < threshold) continue;
      const Item &earlier = *items[i].item, &item = *items[j].item;
      report({ctx.span(item.location, item.label.empty() ? item.text : item.label),
              fmt::format("{} is nearly the same as {} (line {}, {:.0f}% similar): {}", item_name(item),
                          item_name(earlier), earlier.location.line, similarity * 100, quoted(item.text)),
              item.id, "merge them, or make the difference between them clear"});
      break;  // one finding per item, against the first item it resembles
    }
}

}  // namespace

extern const Rule kNearDuplicateCriterion = {
    .info =
        {.id = "near-duplicate-criterion",
         .severity = Severity::Warning,
         .summary = "two items differ by only a word or two",
         .explanation =
             R"(Two items whose wording is almost the same: usually one was copied and edited, and either they
should be merged or the difference should be made clear. Similarity is measured on words, after
ignoring case, quotes and punctuation: 1 - (words inserted, deleted or replaced to turn one into the
other) / (words in the longer item). Items shorter than `min_words` words are not compared.

Options (.nos.yaml, rules: {near-duplicate-criterion: {threshold: 0.8}}):
  threshold   report pairs at least this similar (0..1, default 0.8)
  min_words   compare only items of at least this many words (default 4)

Bad:
  P3 agree the care plan with the individual and key people
  P7 agree the care plan with the individual and others

Good:
  P3 agree the care plan with the individual and key people
  P7 review the care plan with the individual at agreed intervals)",
         .options = {{"threshold", OptionSpec::Kind::Number, 0.8,
                      "report pairs at least this similar (0..1)"},
                     {"min_words", OptionSpec::Kind::Number, 4,
                      "compare only items of at least this many words"}}},
    .check = check};

}  // namespace nos::rules
