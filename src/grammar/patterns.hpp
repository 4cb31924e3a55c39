// The grammar compiled for matching: RE2 programs and label tables. Internal to the library.
#pragma once

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "nos/grammar.hpp"

namespace nos {

/// What a label line names.
struct LabelRef {
  enum class Kind { Section, Stem, Metadata, Structural } kind = Kind::Section;
  int index = -1;  ///< section or metadata index; -1 for structural labels
};

/// The bytes a match of a pattern, anchored at the start of text, can start with (from
/// RE2::PossibleMatchRange): text that starts with any other byte is not run through the pattern.
struct FirstBytes {
  bool known = false;  ///< false when RE2 cannot tell, or the pattern may match nothing at all
  unsigned char min = 0;
  unsigned char max = 0xFF;

  FirstBytes() = default;
  explicit FirstBytes(const RE2& re);
  bool may_start(std::string_view text) const {
    if (!known) return true;
    auto c = static_cast<unsigned char>(text.empty() ? 0 : text.front());
    return !text.empty() && c >= min && c <= max;
  }
};

/// The literal strings an unanchored search of a pattern cannot match without (from re2::FilteredRE2,
/// "page" for "[Pp]age\s+\d+…"): text that holds none of them, in any ASCII case, is not searched.
class RequiredAtoms {
 public:
  RequiredAtoms() = default;
  explicit RequiredAtoms(const std::string& pattern);
  /// False when `text` cannot hold a match; true when it may, or when the pattern has no such strings.
  bool may_match(std::string_view text) const;

 private:
  std::unique_ptr<re2::FilteredRE2> filter_;  ///< null when any text may match
  std::vector<std::string> atoms_;            ///< lower case, ASCII
};

/// The first words of a grammar's normalised labels ("performance", "you", "overview"): a line whose
/// first word, in plain ASCII, is none of them names no label, which is cheaper to learn than
/// normalising the line.
class LabelFirstWords {
 public:
  void add(std::string_view normalised_label);
  /// False when `text` cannot normalise to a label (nor start with one); true when it may, or when its
  /// first word is not plain ASCII (a byte that cleaning changes or drops: left to normalise_label).
  bool may_start(std::string_view text) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> words_;
  std::size_t longest_ = 0;
};

struct CompiledPatterns {
  struct ItemPattern {
    std::unique_ptr<RE2> re;
    int section = -1;
    std::string id;
    FirstBytes first;
  };
  struct Cue {
    std::string text;  ///< lower case
    int section = -1;
  };
  struct CuePattern {
    std::unique_ptr<RE2> re;  ///< matched against a whole line
    int section = -1;
    FirstBytes first;
  };

  std::unique_ptr<RE2> urn;
  FirstBytes urn_first;
  std::unique_ptr<RE2> urn_head;    ///< null when the grammar has no urn_head_pattern
  std::unique_ptr<RE2> urn_header;  ///< null when the grammar has no urn_header_pattern
  FirstBytes urn_header_first;
  std::unique_ptr<RE2> page_number;  ///< null when the grammar has no page_number_pattern
  RequiredAtoms page_number_atoms;
  std::unique_ptr<RE2> bookmark;
  std::vector<std::unique_ptr<RE2>> other_markers;
  std::unique_ptr<RE2> plain_item;
  FirstBytes plain_item_first;
  std::vector<ItemPattern> items;
  std::unordered_map<std::string, LabelRef> labels;             ///< normalised label -> what it names
  std::vector<std::pair<std::string, LabelRef>> inline_labels;  ///< every label, longest first
  LabelFirstWords label_first_words;
  std::vector<Cue> cues;
  std::vector<CuePattern> cue_patterns;
  std::unordered_map<std::string, int> bookmarks;  ///< lower-case bookmark name -> section
  std::unordered_set<std::string> continuation_endings;
  std::unordered_set<std::string> continuation_starts;
};

/// False when `text` cannot normalise to a label of at most `longest` bytes: normalising keeps every
/// visible ASCII character but a colon, so text with more of them names none. Cheaper than normalising.
bool may_be_label(std::string_view text, std::size_t longest);

/// What `text` names when the whole of it, normalised, is a label; null otherwise. Text too long to be
/// any label is refused before it is normalised, which keeps the question cheap for every line.
const LabelRef* find_label(std::string_view text, const CompiledPatterns& p);

/// find_label for text whose first word p.label_first_words.may_start has already let through (or for a
/// prefix of such text that keeps its first word), so the tokenizer asks that once a line.
const LabelRef* find_label_past_first_word(std::string_view text, const CompiledPatterns& p);

}  // namespace nos
