// The tokenizer: classifies each line (blank, bookmark marker, label, numbered item, text) using the
// grammar, and cleans its text. It decides nothing about sections; that is the parser's job.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/patterns.hpp"
#include "nos/grammar.hpp"
#include "nos/source.hpp"
#include "util/chunked_queue.hpp"

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
};

/// A parse holds a token for every line until the line is placed, so members are ordered to leave no
/// padding, and what few lines have is in the extras.
struct Token {
  std::string text;  ///< the cleaned line without markers; for Item, the text after the number
  // Item
  std::string number_label;  ///< "P3", "PC3", "3."
  /// "P", "K": the grammar's, which outlives the token; null for a plain "3." number.
  const std::string* id_prefix = nullptr;
  SourceLocation location;
  int section = -1;  ///< section the number's prefix belongs to; -1 for a plain "3." number
  int number = 0;

  LabelRef label;  ///< Label, Metadata, Structural
  /// Length in characters of the cleaned line, number included; the input limits keep it far below 2^32.
  std::uint32_t width = 0;
  TokenKind kind = TokenKind::Blank;
  bool bare_integer = false;
  bool cell_start = false;  ///< indented with a tab: Tika starts each table cell this way
  bool indented = false;    ///< starts with white space (Tika indents cells, nested ones with a space)
  /// DOCX: styled as a heading or bold throughout (SourceLine::heading_format).
  bool heading_format = false;
  bool page_break = false;  ///< holds a form feed, which pdftotext writes at each page end

  /// The printed number's letters: "P", "PC", "" for "3.".
  std::string_view number_prefix() const {
    return std::string_view(number_label).substr(0, number_label.find_first_of("0123456789 "));
  }
  const TokenExtras& extras() const { return extras_ ? *extras_ : kNoExtras; }
  /// The extras, made on first use.
  TokenExtras& extras_to_fill() {
    if (!extras_) extras_ = std::make_unique<TokenExtras>();
    return *extras_;
  }

 private:
  static inline const TokenExtras kNoExtras{};
  std::unique_ptr<TokenExtras> extras_;
};

/// Tokenizes one line. Exposed for the parser, which re-tokenizes content found after a label.
Token tokenize_line(const SourceLine& line, const Grammar& grammar);

/// Tokenizes every line, freeing the lines as their tokens are made.
ChunkedQueue<Token> tokenize(ChunkedQueue<SourceLine> lines, const Grammar& grammar);

/// Tokenizes the content found after a label on the same line (it may hold another label or an item).
Token tokenize_rest(const std::string& rest, const SourceLocation& where, const Grammar& grammar);

}  // namespace nos
