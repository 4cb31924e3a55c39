#include "grammar/criterion_verbs.hpp"

#include <yaml-cpp/yaml.h>

#include "util/text.hpp"

namespace nos {

namespace {

/// Longest condition before the verb, in words ("where a colony is known to be defensive,").
constexpr int kMaxConditionWords = 8;

/// The lower-case word at `from`, without the punctuation around it ("clean," gives "clean"); `from`
/// moves past it and `comma` says whether a comma closed it.
std::string word_at(std::string_view text, std::size_t& from, bool& comma) {
  while (from < text.size() && (text[from] == ' ' || text[from] == '\t')) ++from;
  std::size_t end = text.find_first_of(" \t", from);
  if (end == std::string_view::npos) end = text.size();
  std::string word = text::lower(text.substr(from, end - from));
  from = end;
  comma = word.ends_with(',');
  while (!word.empty() && std::string_view(",;:.()\"'").find(word.back()) != std::string_view::npos)
    word.pop_back();
  return word;
}

}  // namespace

std::string opening_word(std::string_view text) {
  std::size_t at = 0;
  bool comma = false;
  return word_at(text, at, comma);
}

const CriterionVerbs& criterion_verbs() {
  static const CriterionVerbs list = [] {
    static const char kYaml[] =
#include "criterion_verbs.inc"
        ;
    YAML::Node root = YAML::Load(kYaml);
    CriterionVerbs out;
    // Every list is a set of words under its own key.
    auto words = [&](const char* key, auto& set) {
      for (const auto& word : root[key]) set.insert(word.as<std::string>());
    };
    words("sections", out.sections);
    words("verbs", out.verbs);
    words("conditions", out.conditions);
    words("noun_signs", out.noun_signs);
    words("knowledge_openers", out.knowledge_openers);
    words("determiners", out.determiners);
    words("knowledge_heads", out.knowledge_heads);
    words("clause_words", out.clause_words);
    words("clause_openers", out.clause_openers);
    words("object_words", out.object_words);
    words("not_adverbs", out.not_adverbs);
    words("adverbs", out.adverbs);
    words("modifier_endings", out.modifier_endings);
    words("conjunctions", out.conjunctions);
    words("question_words", out.question_words);
    return out;
  }();
  return list;
}

bool opens_with_verb(std::string_view text, const std::function<bool(std::string_view)>& is_verb,
                     const std::set<std::string, std::less<>>& conditions) {
  std::size_t at = 0;
  bool comma = false;
  std::string first = word_at(text, at, comma);
  if (first.empty()) return false;
  if (is_verb(first)) return true;
  if (first.size() > 2 && first.ends_with("ly")) return is_verb(word_at(text, at, comma));
  if (!conditions.count(first)) return false;
  for (int words = 1; words < kMaxConditionWords && !comma && at < text.size(); ++words)
    word_at(text, at, comma);
  return comma && is_verb(word_at(text, at, comma));
}

}  // namespace nos
