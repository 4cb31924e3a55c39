// The verbs a performance criterion opens with (grammars/criterion-verbs.yaml, compiled in): read by the
// criterion-verb rule, and by the pre-pass to find where one criterion ends and the next begins when a
// flattened list lost its numbers' places.
#pragma once

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <string_view>

namespace nos {

struct CriterionVerbs {
  std::set<std::string, std::less<>> sections;           ///< grammar keys of the sections of criteria
  std::set<std::string, std::less<>> verbs;              ///< lower case
  std::set<std::string, std::less<>> conditions;         ///< words opening a condition before the verb
  std::set<std::string, std::less<>> noun_signs;         ///< words after a listed word that make it a noun
  std::set<std::string, std::less<>> knowledge_openers;  ///< words a knowledge item often opens with
  std::set<std::string, std::less<>> determiners;        ///< words that open a noun phrase ("the", "your")
  std::set<std::string, std::less<>> knowledge_heads;    ///< nouns heading a knowledge item's noun phrase
  std::set<std::string, std::less<>> clause_words;    ///< words whose next word is a verb awaiting its object
  std::set<std::string, std::less<>> clause_openers;  ///< wh-words opening an item mostly before "to"
  std::set<std::string, std::less<>> object_words;    ///< words whose next word is a verb taking an object
  std::set<std::string, std::less<>> not_adverbs;     ///< words in -ly that are no adverbs ("family")
  std::set<std::string, std::less<>> adverbs;         ///< adverbs not in -ly ("ahead")
  std::set<std::string, std::less<>> modifier_endings;  ///< endings of words modifying a noun ("-ing")
  std::set<std::string, std::less<>> conjunctions;      ///< words joining two verbs ("and")
  std::set<std::string, std::less<>> question_words;    ///< words opening an indirect question ("how")
  bool is_verb(std::string_view word) const { return verbs.count(word) > 0; }
  /// An adverb in -ly ("independently") or one of the list ("ahead"), lower case.
  bool is_adverb(std::string_view word) const {
    return (word.size() > 4 && word.ends_with("ly") && !not_adverbs.count(word)) || adverbs.count(word);
  }
  /// A word longer than a bare ending ("seed") with one of modifier_endings, lower case.
  bool has_modifier_ending(std::string_view word) const {
    return word.size() > kMinModifierLength &&
           std::any_of(modifier_endings.begin(), modifier_endings.end(),
                       [&](const std::string& e) { return word.ends_with(e); });
  }
  /// "feed", "bring": shorter words are rarely -ed or -ing forms.
  static constexpr std::size_t kMinModifierLength = 5;
};

/// The built-in list.
const CriterionVerbs& criterion_verbs();

/// The first word of `text`, lower case, without the punctuation around it ("Clean," gives "clean").
std::string opening_word(std::string_view text);

/// True when `text` opens as a criterion does: with a verb ("agree …"), an adverb in -ly and a verb
/// ("actively support …"), or a short condition closed by a comma and then a verb ("where necessary,
/// seek …"). `conditions` are the words that may open the condition.
bool opens_with_verb(std::string_view text, const std::function<bool(std::string_view)>& is_verb,
                     const std::set<std::string, std::less<>>& conditions);

}  // namespace nos
