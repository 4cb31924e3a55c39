// What several suite rules share: the document names in messages, the repeated-value check of the two
// URN rules, and the index of every criterion's words that the two cross-document criterion rules read.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "validate/rule.hpp"

namespace nos::rules {

/// The metadata keys suite-metadata-outlier compares (and DocumentSummary keeps).
inline constexpr std::array<std::string_view, 6> kOutlierFields = {
    "suite",   "developed_by",  "originating_organisation",
    "version", "date_approved", "indicative_review_date"};

/// "SCDHSC0390 (standards/a.txt)", or the path alone when the document has no URN.
std::string document_name(const DocumentSummary& summary);

/// A criterion in messages: its id, or "unnumbered item".
std::string criterion_name(const DocumentSummary::Text& criterion);

/// Reports every document whose `value` (compared trimmed, in any case) an earlier document already
/// has, once, against the first document with it, unless `reported(earlier, later)` says another rule
/// has. `what` names the value in the message ("URN").
using Value = const DocumentSummary::Text* (*)(const DocumentSummary&);
void report_shared_value(const SuiteContext& ctx, const SuiteReport& report, Value value,
                         std::string_view what, std::string_view hint,
                         bool (*reported)(const DocumentSummary&, const DocumentSummary&) = nullptr);

/// A URN or other value as the suite rules compare it: trimmed, spaces collapsed, lower case.
std::string compared(std::string_view value);

/// Whether two documents have one URN, as duplicate-urn compares them.
bool same_urn(const DocumentSummary& a, const DocumentSummary& b);

/// Every criterion of the run as words, each distinct wording once (after comparable()), words interned
/// as numbers so 20,000 standards' criteria fit in a few tens of MiB; and each criterion's match in
/// another document, for the two cross-document criterion rules.
struct CriteriaIndex {
  static constexpr std::uint32_t kNone = UINT32_MAX;
  struct Place {
    std::uint32_t document = kNone, criterion = kNone;
  };
  struct Wording {
    std::vector<std::uint32_t> words;  ///< in text order
    Place first;                       ///< where it first appears
    Place other;                       ///< where it first appears in another document than `first`'s
    std::uint32_t documents = 0;       ///< how many documents say it
    std::uint32_t last = kNone;        ///< the last document counted
  };
  struct Match {
    Place place;                    ///< the criterion it repeats in another document; document kNone: none
    std::uint32_t wording = kNone;  ///< its own wording
    std::uint32_t near = kNone;     ///< the similar wording it nearly repeats; kNone: it repeats it exactly
    std::uint32_t shared = 0;       ///< criteria of this document matched in place.document, this one too
  };
  std::vector<Wording> wordings;            ///< in order of first appearance
  std::vector<std::vector<Match>> matches;  ///< per document, per criterion
  std::size_t vocabulary = 0;               ///< distinct words
};

/// The index, near matches found with cross-near-duplicate-criterion's options (`near`).
CriteriaIndex index_criteria(const std::vector<SuiteDocument>& documents, const RuleSetting& near);

/// Reports each criterion matched in another document, exactly (`near` false) or nearly: only a
/// performance criterion (a knowledge item too with the rule's `knowledge` option) of at least
/// `min_words` words, only when its wording is in these two documents alone (in one each, nearly) and
/// only when it is the one criterion its document shares with that other: suites share their core
/// knowledge, common criteria and blocks of criteria on purpose, while a criterion pasted into the
/// wrong standard comes alone.
void report_criterion_matches(const SuiteContext& ctx, const SuiteReport& report, bool near);

}  // namespace nos::rules
