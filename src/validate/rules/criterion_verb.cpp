// criterion-verb: a performance criterion should open with a verb in the imperative ("agree the plan").
// The verbs and the sections they apply to are data: grammars/criterion-verbs.yaml, compiled in.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "util/text.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

struct VerbList {
  std::set<std::string, std::less<>> sections, verbs;
};

const VerbList& builtin_verbs() {
  static const VerbList list = [] {
    static const char kYaml[] =
#include "criterion_verbs.inc"
        ;
    YAML::Node root = YAML::Load(kYaml);
    VerbList out;
    for (const auto& s : root["sections"]) out.sections.insert(s.as<std::string>());
    for (const auto& v : root["verbs"]) out.verbs.insert(v.as<std::string>());
    return out;
  }();
  return list;
}

// The lower-case word at `from`, without the punctuation around it ("clean," gives "clean").
std::string word_at(const std::string& text, std::size_t& from) {
  std::size_t end = text.find_first_of(" \t", from);
  if (end == std::string::npos) end = text.size();
  std::string word = text::lower(text.substr(from, end - from));
  from = end + 1;
  while (!word.empty() && std::string_view(",;:.()\"'").find(word.back()) != std::string_view::npos)
    word.pop_back();
  return word;
}

void check(const RuleContext& ctx, const Report& report) {
  const VerbList& list = builtin_verbs();
  const auto& extra = ctx.words("verbs");
  auto is_verb = [&](const std::string& w) {
    return list.verbs.count(w) > 0 || std::find(extra.begin(), extra.end(), w) != extra.end();
  };
  for (const auto& section : ctx.doc.sections) {
    if (!list.sections.count(section.key)) continue;
    for (const auto& g : section.groups)
      for (const auto& item : g.items) {
        std::size_t at = 0;
        std::string first = word_at(item.text, at);
        // "actively support": an adverb may come before the verb.
        if (first.size() > 2 && first.ends_with("ly") && at < item.text.size() &&
            is_verb(word_at(item.text, at)))
          continue;
        if (first.empty() || is_verb(first)) continue;
        std::size_t end = item.text.find_first_of(" \t");
        report({ctx.span(item.location, item.text.substr(0, end)),
                fmt::format("{} does not open with a verb: '{}'", item.numbered() ? item.id : "the criterion",
                            item.text.substr(0, end)),
                item.id,
                fmt::format(
                    "start with what the person does (\"agree …\", \"check …\"); if '{}' is a verb, add it "
                    "under rules: {{criterion-verb: {{verbs: [{}]}}}} in .nos.yaml",
                    first, first)});
      }
  }
}

}  // namespace

extern const Rule kCriterionVerb = {
    .info =
        {.id = "criterion-verb",
         .severity = Severity::Info,
         .summary = "a performance criterion does not open with a verb",
         .explanation =
             R"(NOS writing guidance: each performance criterion states one observable outcome and opens with an
active verb in the imperative, lower case, continuing the stem "You must be able to:". The verbs known
to nos are listed in grammars/criterion-verbs.yaml (about 400, from real standards); an adverb ending
in -ly may come first ("actively support"). A real verb missing from the list is a gap in the list,
not in the standard, so this rule reports at info level; add such verbs in .nos.yaml.

Options (.nos.yaml, rules: {criterion-verb: {verbs: [triage, upsell]}}):
  verbs   more verbs to accept, lower case

Bad:
  P4 the plan is agreed with the individual

Good:
  P4 agree the plan with the individual)",
         .options = {{"verbs", OptionSpec::Kind::Words, 0, "more verbs to accept, lower case"}}},
    .check = check};

}  // namespace nos::rules
