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

void check(const RuleContext& ctx, const Report& report) {
  const double threshold = ctx.number("threshold");
  const auto min_words = static_cast<std::size_t>(ctx.number("min_words"));
  auto items = all_items(ctx.doc);
  // Each item's words are made when the comparisons reach it: past the budget the rest are not needed.
  std::vector<std::vector<std::string>> words, sorted_words;
  auto add_words = [&] {
    words.push_back(words_of(items[words.size()].item->text()));
    sorted_words.push_back(words.back());
    std::sort(sorted_words.back().begin(), sorted_words.back().end());
  };
  if (!items.empty()) add_words();
  // Every pair is compared, which is quadratic in the items; real documents have tens of items, but a
  // generated or damaged one can have thousands. Past the budget the rule stops and says so, rather than
  // hold up the whole run.
  auto budget = static_cast<std::size_t>(ctx.number("max_comparisons"));
  for (std::size_t j = 1; j < items.size(); ++j) {
    add_words();
    for (std::size_t i = 0; i < j; ++i) {
      const auto &a = words[i], &b = words[j];
      const std::size_t cost = 1 + a.size() + b.size() + a.size() * b.size();
      if (cost > budget) {
        const Item& item = *items[j].item;
        report({ctx.span(item.location, item.label().empty() ? item.text() : item.label()),
                fmt::format("stopped comparing items at {}: {} items are too many to compare every pair; "
                            "near duplicates from here on are not reported",
                            item_name(item), items.size()),
                std::string(item.id()),
                "check that the document was read as intended: a standard has tens of items"});
        return;
      }
      --budget;
      if (std::min(a.size(), b.size()) < min_words) continue;
      const Similarity similarity = word_similarity(a, b, sorted_words[i], sorted_words[j], threshold);
      budget -= similarity.work;
      if (similarity.value < threshold || a == b) continue;  // identical text is duplicate-criterion's
      const Item &earlier = *items[i].item, &item = *items[j].item;
      report({ctx.span(item.location, item.label().empty() ? item.text() : item.label()),
              fmt::format("{} is nearly the same as {} ({}, {:.0f}% similar): {}", item_name(item),
                          item_name(earlier), place_of(earlier.location), similarity.value * 100,
                          quoted(item.text())),
              std::string(item.id()), "merge them, or make the difference between them clear"});
      break;  // one finding per item, against the first item it resembles
    }
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
other) / (words in the longer item). Items shorter than `min_words` words are not compared. Every pair
is compared; in a document with thousands of items the rule stops after `max_comparisons` word
comparisons (under a second) and says where.

Options (.nos.yaml, rules: {near-duplicate-criterion: {threshold: 0.8}}):
  threshold   report pairs at least this similar (0..1, default 0.8)
  min_words   compare only items of at least this many words (default 4)
  max_comparisons  stop after this many word comparisons (default 100000000)

Bad:
  P3 agree the care plan with the individual and key people
  P7 agree the care plan with the individual and others

Good:
  P3 agree the care plan with the individual and key people
  P7 review the care plan with the individual at agreed intervals)",
         .options = {{"threshold", OptionSpec::Kind::Number, 0.8, "report pairs at least this similar (0..1)",
                      0, 1},
                     {"min_words", OptionSpec::Kind::Number, 4,
                      "compare only items of at least this many words", 0, 1e6},
                     {"max_comparisons", OptionSpec::Kind::Number, 1e8,
                      "stop after this many word comparisons (bounds the time on documents with thousands "
                      "of items)",
                      0, 1e15}}},
    .check = check};

}  // namespace nos::rules
