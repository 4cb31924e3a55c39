// The tokenizer: classifies each line (blank, bookmark marker, label, numbered item, text) using the
// grammar, and cleans its text. It decides nothing about sections; that is the parser's job.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/patterns.hpp"
#include "nos/chunked_queue.hpp"
#include "nos/grammar.hpp"
#include "nos/source.hpp"

namespace nos {

enum class TokenKind : unsigned char {
  Blank,     ///< nothing but white space
  Marker,    ///< only Tika markers such as [bookmark: EndOverview]
  Label,     ///< a section label or stem; `rest` holds any content that follows it on the line
  Metadata,  ///< a metadata label; `rest` holds the value when it is on the same line
  Structural,
  Item,  ///< a numbered line
  Text,
};

/// What few lines carry (a label, bookmarks, content cues): kept apart, so the token of a plain line stays
/// small; a parse holds one token for every line of the document.
struct TokenExtras {
  std::string rest;                    ///< Label/Metadata: content after the label on the same line
  std::string label_text;              ///< the label as printed (cleaned)
  LabelRef inline_metadata;            ///< Text lines that open with a metadata label ("Status Original")
  std::string inline_metadata_rest;    ///< and the value after it
  std::vector<std::string> bookmarks;  ///< names of bookmarks starting on this line, in order
  std::size_t leading_bookmarks = 0;   ///< how many of them stand before the line's text
  std::vector<int> cue_sections;       ///< sections whose content cue this line opens with
  /// Item: a number label longer than the token's offset can hold; empty otherwise.
  std::string number_label;
  std::uint32_t width = 0;       ///< a width too large for the token's field
  std::size_t item_pattern = 0;  ///< 1 + an item pattern's index, too large for the token's field
};

/// A parse holds a token for every line until the line is placed, so the token is small: an item's
/// number label and text are two pieces of one string, the label's index and the item's number share a
/// field (no line is both), flags are bits, small numbers are 16 bits, and what few lines have (a label,
/// a very long line) is in the extras.
struct Token {
  using ItemPattern = CompiledPatterns::ItemPattern;

 private:
  std::string line_;  ///< the cleaned line without markers; an Item's number label is its start
  std::unique_ptr<TokenExtras> extras_;

 public:
  SourceLocation location;

 private:
  static constexpr std::uint16_t kInExtras = UINT16_MAX;  ///< a 16-bit field's value is in the extras
  /// A 16-bit `field`'s value: itself, or the extras' `wide` member when it says kInExtras.
  template <class Wide>
  std::size_t narrow(std::uint16_t field, Wide TokenExtras::*wide) const {
    return field == kInExtras ? extras().*wide : field;
  }
  /// Stores `value` in a 16-bit `field`, or kInExtras there and `value` in the extras' `wide` member.
  template <class Wide>
  void set_narrow(std::uint16_t& field, Wide TokenExtras::*wide, std::size_t value) {
    if (value < kInExtras) {
      field = static_cast<std::uint16_t>(value);
    } else {
      field = kInExtras;
      extras_to_fill().*wide = static_cast<Wide>(value);
    }
  }
  int value_ = 0;                  ///< Item: the number; Label, Metadata, Structural: the label's index
  std::uint16_t width_ = 0;        ///< or kInExtras
  std::uint16_t text_offset_ = 0;  ///< where the text starts in `line_`
  /// Item: 1 + the index of the grammar's pattern that matched (0 for a plain number), or kInExtras.
  std::uint16_t item_pattern_ = 0;

 public:
  TokenKind kind = TokenKind::Blank;
  bool bare_integer : 1 = false;
  bool cell_start : 1 = false;  ///< indented with a tab: Tika starts each table cell this way
  bool indented : 1 = false;    ///< starts with white space (Tika indents cells, nested ones with a space)
  /// DOCX: styled as a heading or bold throughout (SourceLine::heading_format).
  bool heading_format : 1 = false;
  bool page_break : 1 = false;  ///< holds a form feed, which pdftotext writes at each page end

 private:
  LabelRef::Kind label_kind_ : 2 = LabelRef::Kind::Section;  ///< in the byte the flags leave

 public:
  /// The cleaned line without markers; for an Item, the text after the number.
  std::string_view text() const { return std::string_view(line_).substr(text_offset_); }
  /// Takes the text out of a token that is spent.
  std::string take_text() {
    // Cut in place and moved: a copy would leave the line's buffer a hole among the model's strings.
    line_.erase(0, text_offset_);
    text_offset_ = 0;
    return std::move(line_);
  }
  /// Frees the text of a token that is spent, whose text was copied.
  void free_text() {
    std::string().swap(line_);
    text_offset_ = 0;
  }
  /// Makes the token text (or a blank line, when `line` is empty): the whole cleaned line.
  void set_text(std::string line) {
    line_ = std::move(line);
    text_offset_ = 0;
  }

  /// Makes the token an item numbered `number`, matched by the grammar's item pattern `pattern` (an
  /// index; -1 for a plain "3." number), from the cleaned `line`, whose text starts at `text_start`. The
  /// number as printed is the line up to the text, without the spaces before it.
  void set_item(std::string line, std::size_t text_start, int number, std::ptrdiff_t pattern);
  /// Item: "P3", "PC3", "3.".
  std::string_view number_label() const {
    if (!extras().number_label.empty()) return extras().number_label;
    std::string_view label = std::string_view(line_).substr(0, text_offset_);
    while (label.ends_with(' ')) label.remove_suffix(1);
    return label;
  }
  /// The printed number's letters: "P", "PC", "" for "3.".
  std::string_view number_prefix() const {
    std::string_view label = number_label();
    return label.substr(0, label.find_first_of("0123456789 "));
  }
  int number() const { return kind == TokenKind::Item ? value_ : 0; }
  /// Item: the pattern of `p` that matched; null for a plain "3." number.
  const ItemPattern* item_pattern(const CompiledPatterns& p) const {
    const std::size_t stored = narrow(item_pattern_, &TokenExtras::item_pattern);
    return stored == 0 ? nullptr : &p.items[stored - 1];
  }
  /// Item: the section the number's prefix belongs to; -1 for a plain "3." number.
  int section(const CompiledPatterns& p) const {
    const ItemPattern* pattern = item_pattern(p);
    return pattern ? pattern->section : -1;
  }

  /// Length in characters of the cleaned line, number included; the input limits keep it far below 2^32.
  std::uint32_t width() const { return static_cast<std::uint32_t>(narrow(width_, &TokenExtras::width)); }
  void set_width(std::size_t width);

  /// Makes the token the label `ref` (a Label, Metadata or Structural token), the whole cleaned `line`.
  void set_label(const LabelRef& ref, std::string line);
  /// Label, Metadata, Structural: the label; none for any other kind.
  LabelRef label() const {
    bool labelled = kind == TokenKind::Label || kind == TokenKind::Metadata || kind == TokenKind::Structural;
    return labelled ? LabelRef{label_kind_, value_} : LabelRef{};
  }

  const TokenExtras& extras() const { return extras_ ? *extras_ : kNoExtras; }
  /// The extras, made on first use.
  TokenExtras& extras_to_fill() {
    if (!extras_) extras_ = std::make_unique<TokenExtras>();
    return *extras_;
  }

 private:
  static inline const TokenExtras kNoExtras{};
};

/// Tokenizes one line. Exposed for the parser, which re-tokenizes content found after a label.
Token tokenize_line(const SourceLine& line, const Grammar& grammar);

/// Tokenizes every line, freeing the lines as their tokens are made.
ChunkedQueue<Token> tokenize(ChunkedQueue<SourceLine> lines, const Grammar& grammar);

/// Tokenizes the content found after a label on the same line (it may hold another label or an item).
Token tokenize_rest(const std::string& rest, const SourceLocation& where, const Grammar& grammar);

}  // namespace nos
