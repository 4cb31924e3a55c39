// The grammar: section labels and their aliases, content cues, bookmark names, item number patterns and
// which parts are required. It is data (grammars/nos.yaml); the parser has no section-specific code.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nos/limits.hpp"

namespace nos {

/// What a section holds; the grammar says it, the model keeps it with each section.
enum class SectionKind { Prose, Items, Glossary };

/// How the parser decided where a section starts, strongest evidence first; the grammar orders them
/// (`placement`), the model keeps each section's.
enum class FoundBy { Label, Cue, Numbering, Bookmark, Position };

/// "label", "cue", "numbering", "bookmark", "position": a model's `found_by`.
const char* found_by_name(FoundBy found_by);
/// The inverse of found_by_name; nullopt for anything else.
std::optional<FoundBy> parse_found_by(std::string_view name);

struct ItemPatternSpec {
  std::string pattern;  ///< RE2, anchored at the start of the line; group 1 is the number
  std::string id;       ///< prefix of the normalised id ("P" gives P1, P2 …)
};

struct SectionSpec {
  std::string key;
  SectionKind kind = SectionKind::Prose;
  bool required = false;
  std::vector<std::string> labels;
  std::vector<std::string> stems;
  std::vector<std::string> bookmarks;
  std::vector<std::string> cues;
  std::vector<std::string> cue_patterns;  ///< RE2; a whole line matching one is a cue
  std::vector<ItemPatternSpec> items;
};

struct MetadataSpec {
  std::string key;
  std::vector<std::string> labels;
  bool required = false;
  std::optional<std::string> list_separator;  ///< set for list fields such as keywords
};

struct CompiledPatterns;  // RE2 objects; defined in src/grammar, not part of the API

class Grammar {
 public:
  /// Reads and checks a grammar file. Throws nos::Error (ErrorKind::Grammar) "FILE:LINE:COL: what is
  /// wrong"; `limits.max_yaml_bytes` bounds its size with aliases expanded.
  static Grammar load_file(const std::string& path, const Limits& limits = {});
  /// Same, from text; `origin` names it in errors.
  static Grammar load_string(std::string_view yaml, const std::string& origin, const Limits& limits = {});
  /// The grammar shipped with nos (grammars/nos.yaml, compiled in).
  static const Grammar& builtin();

  std::string name;
  int version = 1;
  std::string urn_pattern;
  std::string urn_head_pattern;     ///< looser shape accepted on the first line only; empty = urn_pattern
  std::string urn_header_pattern;   ///< a header line holding the URN in group 1 ("SCDHSC0031 v8 141011")
  std::string page_number_pattern;  ///< a page number printed as words ("Page 3 of 7"); empty = none
  std::vector<std::string> structural_labels;
  std::string bookmark_marker;
  std::vector<std::string> other_markers;
  std::string plain_item_pattern;
  std::vector<std::string> continuation_endings;
  std::vector<std::string> continuation_starts;
  /// The order in which evidence places a line in a section: the first kind that speaks wins.
  std::vector<FoundBy> placement = {FoundBy::Label, FoundBy::Cue, FoundBy::Numbering, FoundBy::Bookmark,
                                    FoundBy::Position};
  std::vector<SectionSpec> sections;
  std::vector<MetadataSpec> metadata;
  /// The text it was read from: `convert --incremental` hashes it, so any change to the grammar counts.
  std::string source_text;

  const CompiledPatterns& patterns() const { return *patterns_; }
  int section_index(std::string_view key) const;  ///< -1 when absent

 private:
  std::shared_ptr<const CompiledPatterns> patterns_;
};

/// A label as the parser compares it: lower case, single spaces, no space around "/", no final ":".
std::string normalise_label(std::string_view text);

}  // namespace nos
