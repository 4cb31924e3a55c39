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
    for (const auto& s : root["sections"]) out.sections.insert(s.as<std::string>());
    for (const auto& v : root["verbs"]) out.verbs.insert(v.as<std::string>());
    for (const auto& c : root["conditions"]) out.conditions.insert(c.as<std::string>());
    for (const auto& n : root["noun_signs"]) out.noun_signs.insert(n.as<std::string>());
    for (const auto& k : root["knowledge_openers"]) out.knowledge_openers.insert(k.as<std::string>());
    for (const auto& d : root["determiners"]) out.determiners.insert(d.as<std::string>());
    for (const auto& h : root["knowledge_heads"]) out.knowledge_heads.insert(h.as<std::string>());
    for (const auto& c : root["clause_words"]) out.clause_words.insert(c.as<std::string>());
    for (const auto& c : root["clause_openers"]) out.clause_openers.insert(c.as<std::string>());
    for (const auto& n : root["not_adverbs"]) out.not_adverbs.insert(n.as<std::string>());
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
