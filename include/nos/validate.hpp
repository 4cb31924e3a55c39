// The validator: runs the rules over a Document and returns their findings. It knows nothing of the
// command line, of readers or of output formats; `nos check` wires it to them.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "nos/diagnostic.hpp"
#include "nos/grammar.hpp"
#include "nos/model.hpp"
#include "nos/source.hpp"

namespace nos {

/// A setting a rule declares, with its default; `.nos.yaml` may change it (rules: {ID: {NAME: value}}).
struct OptionSpec {
  enum class Kind { Number, Words };
  std::string_view name;
  Kind kind = Kind::Number;
  double default_number = 0;  ///< Number options only; Words options default to an empty list
  std::string_view help;
  double min = 0, max = 0;  ///< Number options: the values .nos.yaml may set (a rule casts them to counts)
};

/// What a rule is, for `nos rules`, `nos explain`, SARIF's rule table and config validation.
struct RuleInfo {
  std::string_view id;                    ///< stable kebab-case id; never reused for another meaning
  Severity severity = Severity::Warning;  ///< default severity
  std::string_view summary;               ///< one line, lower-case start, no final full stop
  std::string_view explanation;           ///< paragraphs, then a bad and a good example
  std::vector<OptionSpec> options = {};
};

/// Every rule, sorted by id. Includes the two findings made outside the rule pass: `model-schema`
/// (a YAML model of the wrong shape, reported by the model loader) and `unused-suppression`.
const std::vector<RuleInfo>& rule_catalogue();
/// nullptr when no rule has this id.
const RuleInfo* find_rule(std::string_view id);

/// How one rule runs for one file: on or off, at which severity, with which option values.
struct RuleSetting {
  bool enabled = true;
  Severity severity = Severity::Warning;
  std::map<std::string, double, std::less<>> numbers;
  std::map<std::string, std::vector<std::string>, std::less<>> words;
};

/// Settings per rule id; `default_settings()` has every rule with its defaults.
using RuleSettings = std::map<std::string, RuleSetting, std::less<>>;
RuleSettings default_settings();

/// Runs every enabled rule. `source` (the lines the document was read from, or the YAML model's own
/// lines) may be null; with it, rules that look at the text as typed can run and every finding carries
/// its source line and the exact column span. Findings are sorted by line, column, then rule id.
std::vector<Diagnostic> validate(const Document& document, const Grammar& grammar, const Source* source,
                                 const RuleSettings& settings = default_settings());

/// The findings of one rule that a capped validate() left out.
struct OmittedFindings {
  std::size_t count = 0;
  Severity severity = Severity::Info;  ///< the most severe of them
};
using OmittedByRule = std::map<std::string, OmittedFindings, std::less<>>;

/// As above, but keeping only the first `per_rule` findings of each rule, in the order above (0: all),
/// and counting the others in `omitted`: a file with a million findings is never held whole when only
/// the first are reported.
std::vector<Diagnostic> validate(const Document& document, const Grammar& grammar, const Source* source,
                                 const RuleSettings& settings, std::size_t per_rule, OmittedByRule& omitted);

}  // namespace nos
