// What changed between two versions of a standard: items aligned by their text, not by their ids, and
// the title, prose sections and metadata compared field by field. Reads only the Document model, so
// the two versions may come from any format nos reads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nos/model.hpp"

namespace nos {

/// A run of words that both texts share, or that only the old or only the new one has.
struct WordRun {
  enum class Op { Same, Deleted, Inserted };
  Op op = Op::Same;
  std::string text;  ///< the run's words, joined by single spaces
};

/// Word-level diff of two texts (words split at white space): a longest common subsequence in linear
/// memory. Deleted runs come before the inserted runs that replace them.
std::vector<WordRun> diff_words(std::string_view old_text, std::string_view new_text);

/// One item as one version prints it.
struct ItemSide {
  std::string section;  ///< grammar key, e.g. "performance_criteria"
  std::string group;    ///< the group heading; empty when the group has none
  std::string id;       ///< normalised id ("P3"); empty when unnumbered
  std::string text;
  SourceLocation location;
};

/// One item of either version. An item found in both may be reworded, renumbered and moved at once.
struct ItemDiff {
  std::optional<ItemSide> old_item;  ///< empty when added
  std::optional<ItemSide> new_item;  ///< empty when removed
  bool reworded = false;
  bool renumbered = false;
  bool moved = false;          ///< to another section or group
  std::vector<WordRun> words;  ///< when reworded
  bool added() const { return !old_item; }
  bool removed() const { return !new_item; }
  bool unchanged() const { return old_item && new_item && !reworded && !renumbered && !moved; }
};

/// A field that differs: "title", "urn", a prose or glossary section's key, or "metadata.KEY".
struct FieldDiff {
  std::string field;
  std::optional<std::string> old_value;  ///< empty when the old version does not have the field
  std::optional<std::string> new_value;
  std::vector<WordRun> words;  ///< when both versions have it
};

struct DocumentDiff {
  std::vector<FieldDiff> fields;  ///< title and urn, then sections and metadata in grammar order
  /// Every item of both versions, unchanged ones too, in the new version's order; a removed item
  /// comes where it stood in the old version.
  std::vector<ItemDiff> items;
  bool changed() const;
};

/// Aligns two versions. Items are matched first by identical text, then by word similarity (the pair
/// sharing the most words first, at least half of their distinct words), so a deletion that renumbers
/// the items after it is one removal and renumberings, and a reworded item is not a removal plus an
/// addition.
DocumentDiff diff_documents(const Document& old_doc, const Document& new_doc);

}  // namespace nos
