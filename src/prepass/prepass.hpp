// The pre-pass: turns the lines a reader produced, whatever shape the document came in, into a clean
// stream of logical lines for the tokenizer. Each step is a small function, exposed for its tests:
//  * a flattened line (a whole PDF page or field on one line) loses the running header glued into it
//    (the title printed again, with or without the URN, and the page number after it);
//  * its labels and stems, and its items ("1. text 2. text", "P1 text P2 text", or "text 1. text 2."
//    where the number column was read after the text), become lines of their own;
//  * a column of bare item numbers followed by their texts is re-paired, one text per number.
// Pieces of a split line keep its line and get their columns; a joined line keeps the first line's place.
// Lines in the shapes the parser reads directly (Tika text of a DOCX, clean PDF text) pass unchanged.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "nos/grammar.hpp"
#include "nos/source.hpp"

namespace nos::prepass {

/// The head's URN line and title line, whose copies are the running header of a paged document.
struct RunningHeader {
  std::string urn;
  std::string title;
};

/// Where the last item number of each family ("P", "K", "" for plain numbers) stood, so that a marker
/// inside a line counts only when it continues a sequence.
struct ItemSequences {
  std::map<std::string, int> last;
};

/// The URN line among the first lines and the title line after it; empty when the head is not there.
RunningHeader find_running_header(const std::vector<SourceLine>& lines, const Grammar& grammar);

/// The pieces of `line` left when the running header glued into it, and the page number after each copy,
/// are taken out. A line with no copy comes back whole.
std::vector<SourceLine> remove_furniture(const SourceLine& line, const RunningHeader& header);

/// A label or stem at the start of a flattened piece, and a stem ("You must be able to:") anywhere in it,
/// become pieces of their own.
std::vector<SourceLine> split_labels(const SourceLine& piece, const Grammar& grammar);

/// Splits a piece at the item markers in it that continue a sequence: numbers before their texts give
/// "P1 text" pieces (any text before the first number is a piece of its own); numbers after their texts
/// ("text 1. text 2.", the piece ending in a number) give "1. text" pieces. Returns the piece whole when
/// no marker continues a sequence.
std::vector<SourceLine> split_items(const SourceLine& piece, const Grammar& grammar,
                                    ItemSequences& sequences);

/// A run of lines each holding only a consecutive item number ("P1" … "P7"), then the texts wrapped over
/// the lines after it: each number gets one text. A text ends at a line that is short for the column and
/// does not end or open mid-phrase; the line after the last text, capitalised where the texts are not
/// and followed by a label or numbers, is a heading and stays a line of its own.
std::vector<SourceLine> pair_number_columns(std::vector<SourceLine> lines, const Grammar& grammar);

/// All the steps, in order.
std::vector<SourceLine> run(const std::vector<SourceLine>& lines, const Grammar& grammar);

}  // namespace nos::prepass
