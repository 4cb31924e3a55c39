// What a rule is made of, and what it may use. A rule is one file in src/validate/rules/ defining
//
//   extern const Rule kNumberingGap = {{"numbering-gap", Severity::Error, "summary", R"(explanation)"},
//                                      check_function};
//
// plus one line in src/validate/rules/rules.def. Rules read the Document (and, for the text as typed,
// the Source lines); they never print and never see the command line or the configuration file.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "nos/validate.hpp"

namespace nos::rules {

/// Everything a rule's check may read.
struct RuleContext {
  const Document& doc;
  const Grammar& grammar;
  const Source* source;  ///< may be null (a Document built in memory)
  const RuleSetting& setting;
  bool fixes = true;  ///< whether findings carry fixes: none are made without (fixable() is false)

  double number(std::string_view option) const;
  const std::vector<std::string>& words(std::string_view option) const;
  /// The source line with this 1-based number, or nullptr.
  const SourceLine* line(int number) const;
  /// `where` narrowed to the first occurrence of `needle` on its source line (code-point columns);
  /// `where` unchanged when there is no source or the needle is not on the line.
  SourceLocation span(SourceLocation where, std::string_view needle) const;
};

/// A Number option's value in a setting; 0 when it has none.
double number_of(const RuleSetting& setting, std::string_view option);

/// How a rule reports a finding; the validator adds the rule id, severity and source line.
struct Finding {
  SourceLocation location;
  std::string message;
  std::string subject;  ///< item id or section key, when the finding is about one (see Diagnostic)
  std::string hint;
  std::optional<Fix> fix = {};
  std::vector<RelatedLocation> related = {};  ///< suite rules: the places in the other documents
};
using Report = std::function<void(Finding)>;

struct CriteriaIndex;

/// Everything a suite rule's check may read: a summary of every document of the run, in input order.
struct SuiteContext {
  const std::vector<SuiteDocument>& documents;
  /// The rule's setting in the first document's config: a suite rule's options hold for the whole set.
  const RuleSetting& setting;
  /// Every criterion's words (validate/suite.hpp), built once for the rules that read it.
  const std::function<const CriteriaIndex&()>& criteria;

  double number(std::string_view option) const;
};

/// How a suite rule reports a finding about `documents[document]`.
using SuiteReport = std::function<void(std::size_t document, Finding)>;

struct Rule {
  RuleInfo info;
  /// nullptr for findings made outside the rule pass (model-schema, unused-suppression) and for suite rules.
  void (*check)(const RuleContext&, const Report&) = nullptr;
  /// Suite rules instead look at every document of a run together (their `check` is nullptr).
  void (*check_suite)(const SuiteContext&, const SuiteReport&) = nullptr;
  /// False for rules about the text as written (quotes, whitespace, the URN's format …), which still
  /// speak when unrecognised-layout has found that the parser did not understand the structure.
  bool reads_structure = true;
};

/// All rules, in the order of rules.def.
const std::vector<const Rule*>& all_rules();

}  // namespace nos::rules
