// The Document model: what a NOS says, independent of where it was read from.
//
// The model is generic over the grammar: sections and metadata fields are stored under the keys the
// grammar gives them, in the grammar's order, present or not, so emitters can print every key and a
// user's own grammar can add sections without code changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nos/grammar.hpp"
#include "nos/source.hpp"

namespace nos {

/// One numbered (or, when the document forgot the number, unnumbered) criterion.
class Item {
 public:
  Item() = default;
  Item(std::string_view id, std::string_view label, std::string_view text, SourceLocation location = {},
       int number = 0);

  /// Normalised id, e.g. "P3", "K12"; empty when the line carried no number.
  std::string_view id() const { return std::string_view(chars_).substr(0, id_size_); }
  /// The number exactly as printed, e.g. "P3", "PC3", "3."; empty when none.
  std::string_view label() const { return std::string_view(chars_).substr(id_size_, label_size_); }
  /// Cleaned text, without the number.
  std::string_view text() const { return std::string_view(chars_).substr(id_size_ + label_size_); }
  bool numbered() const { return number > 0; }

  void set_text(std::string_view text);
  /// Joins a wrapped line's continuation to the text, as text::append_wrapped joins it.
  void append_wrapped(std::string_view tail);

 private:
  std::string chars_;  ///< the id, the label and the text, one after another: one string, not three

 public:
  SourceLocation location;
  int number = 0;  ///< 0 when unnumbered

 private:
  std::uint32_t id_size_ = 0;
  std::uint32_t label_size_ = 0;
};
// One per criterion, so its size counts: its id, label and text share one string's buffer and header.
static_assert(sizeof(Item) == 80);

/// Items under one group heading (the old element titles, or knowledge themes).
struct Group {
  std::optional<std::string> heading;
  SourceLocation location;  ///< of the heading, or of the first item when there is none
  std::vector<Item> items;
};

struct GlossaryEntry {
  std::optional<std::string> term;  ///< null when no term could be told apart from its definition
  std::string definition;
  SourceLocation location;
};

/// A label line as the document printed it; kept so a validator can report missing or doubled labels.
struct LabelUse {
  std::string text;
  SourceLocation location;
  bool stem = false;  ///< a stem such as "You must be able to:" rather than the field label itself
  /// Where it stands in the document it was parsed from: `location`'s line and column, or for a model
  /// checked as YAML (its locations the YAML file's) the ones the model records.
  SourcePosition position;
};

struct Section {
  std::string key;  ///< grammar key; a dot nests it ("scope_range.performance_criteria")
  SectionKind kind = SectionKind::Prose;
  bool required = false;
  bool present = false;
  FoundBy found_by = FoundBy::Label;
  /// The evidence that placed it, in words ("label \"Overview\" at line 3"); empty when not recorded.
  std::string reason;
  SourceLocation location;  ///< where its content (or its label) starts
  std::vector<LabelUse> labels;

  std::vector<std::string> paragraphs;              ///< Prose: one string per paragraph
  std::vector<SourceLocation> paragraph_locations;  ///< where each paragraph starts; empty for YAML models
  std::vector<Group> groups;                        ///< Items
  std::vector<GlossaryEntry> entries;               ///< Glossary
  /// A model checked as YAML (its locations the YAML file's): the positions the model records for its
  /// items, over all groups in order; empty when the items' locations say where they stand.
  std::vector<SourcePosition> recorded_item_positions;

  /// The prose as one string, paragraphs separated by "\n".
  std::string text() const;
  /// Number of items over all groups.
  std::size_t item_count() const;
  /// Where item `index` (counted over all groups) stands in the document it was parsed from, as
  /// LabelUse::position: `item`'s location, or the position the model records.
  SourcePosition item_position(std::size_t index, const Item& item) const {
    return recorded_item_positions.empty() ? item.location.position() : recorded_item_positions[index];
  }
};

struct MetadataField {
  std::string key;
  bool required = false;
  bool is_list = false;
  std::optional<std::string> value;  ///< scalar fields
  std::vector<std::string> values;   ///< list fields (keywords)
  SourceLocation location;
  std::vector<LabelUse> labels;
  bool present() const { return is_list ? !labels.empty() || !values.empty() : value.has_value(); }
};

/// Text the parser could not place in any section; kept so nothing of the document is lost.
struct Unplaced {
  std::string text;
  SourceLocation location;
};

struct Document {
  static constexpr const char* kSchema = "nos/1";

  struct SourceInfo {
    std::string path;
    std::string format;    ///< "text", "docx" or "yaml"
    std::string encoding;  ///< "utf-8", "utf-8-bom", "windows-1252"
    std::string dialect;   ///< "tika" (one paragraph per line) or "pdf" (wrapped, paged)
  } source;

  std::optional<std::string> urn;
  SourceLocation urn_location;
  std::optional<std::string> title;
  SourceLocation title_location;

  std::vector<Section> sections;  ///< every section of the grammar, in grammar order
  std::vector<MetadataField> metadata;
  std::vector<Unplaced> unplaced;

  const Section* section(const std::string& key) const;
  Section* section(const std::string& key);
  const MetadataField* field(const std::string& key) const;
};

}  // namespace nos
