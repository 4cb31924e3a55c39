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

  double number(std::string_view option) const;
  const std::vector<std::string>& words(std::string_view option) const;
  /// The source line with this 1-based number, or nullptr.
  const SourceLine* line(int number) const;
  /// `where` narrowed to the first occurrence of `needle` on its source line (code-point columns);
  /// `where` unchanged when there is no source or the needle is not on the line.
  SourceLocation span(SourceLocation where, std::string_view needle) const;
};

/// How a rule reports a finding; the validator adds the rule id, severity and source line.
struct Finding {
  SourceLocation location;
  std::string message;
  std::string subject;  ///< item id or section key, when the finding is about one (see Diagnostic)
  std::string hint;
  std::optional<Fix> fix = {};
};
using Report = std::function<void(Finding)>;

struct Rule {
  RuleInfo info;
  /// nullptr for findings made outside the rule pass (model-schema, unused-suppression).
  void (*check)(const RuleContext&, const Report&) = nullptr;
  /// False for rules about the text as written (quotes, whitespace, the URN's format …), which still
  /// speak when unrecognised-layout has found that the parser did not understand the structure.
  bool reads_structure = true;
};

/// All rules, in the order of rules.def.
const std::vector<const Rule*>& all_rules();

}  // namespace nos::rules
