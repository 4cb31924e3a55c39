// The validator: runs the rules over a Document and returns their findings. It knows nothing of the
// command line, of readers or of output formats; `nos check` wires it to them.
#pragma once

#include <map>
#include <optional>
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
  /// Choice: one word of `choices`, the first by default, held as a one-word list in RuleSetting::words.
  enum class Kind { Number, Words, Choice };
  std::string_view name;
  Kind kind = Kind::Number;
  double default_number = 0;  ///< Number options only; Words options default to an empty list
  std::string_view help;
  double min = 0, max = 0;  ///< Number options: the values .nos.yaml may set (a rule casts them to counts)
  std::vector<std::string_view> choices = {};  ///< Choice options: the words .nos.yaml may set
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
/// the first are reported. Without `fixes` the findings carry no Fix, and the rules make none (a
/// renumbering fix holds an edit per item).
std::vector<Diagnostic> validate(const Document& document, const Grammar& grammar, const Source* source,
                                 const RuleSettings& settings, std::size_t per_rule, OmittedByRule& omitted,
                                 bool fixes = true);

/// What the suite rules need of one checked document, kept while the others are checked: a few strings
/// per document rather than the Document, so a run over 20,000 standards stays small.
struct DocumentSummary {
  /// A string of the document with where it stands; `subject` is an item id or a metadata key.
  struct Text {
    std::string text;
    SourceLocation location;
    std::string subject = {};
  };
  std::string path;  ///< as reported
  std::optional<Text> urn;
  std::optional<Text> original_urn;
  std::vector<Text> links;      ///< each URN named under "Links to other NOS", at its paragraph
  std::vector<Text> criteria;   ///< every item of every item section, in document order
  std::vector<bool> knowledge;  ///< beside criteria: the item is a knowledge item (its section's key says so)
  /// The metadata suite-metadata-outlier compares (suite, developer, originating organisation, version,
  /// the two dates), by grammar key, those present only.
  std::vector<Text> metadata;

  const Text* field(std::string_view key) const;
};

/// The summary of a parsed document; links are the tokens of the links section that match the
/// grammar's URN pattern.
DocumentSummary summarise(const Document& document, const Grammar& grammar, std::string path);

/// One document of a run as the suite rules see it.
struct SuiteDocument {
  DocumentSummary summary;
  const RuleSettings* settings = nullptr;  ///< the document's own, from its config; null for the defaults
  bool complete = false;  ///< its config says the run holds the whole suite (`suite: {complete: true}`)
};

/// Whether any suite rule is on in these settings (else a run need not keep summaries).
bool suite_rules_enabled(const RuleSettings& settings);

/// Runs the suite rules (those enabled for some document) over the documents of one run. Returns the
/// findings for each document, beside `documents`, at the rules' default severity: the caller passes
/// them through each file's own settings and suppressions like any other finding.
std::vector<std::vector<Diagnostic>> validate_suite(const std::vector<SuiteDocument>& documents);

}  // namespace nos
