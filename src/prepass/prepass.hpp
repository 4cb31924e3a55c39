// The pre-pass: turns the lines a reader produced, whatever shape the document came in, into a clean
// stream of logical lines for the tokenizer. Each step is a small function, exposed for its tests:
//  * a line loses the page numbers printed in words ("Page 3 of 7"), and a flattened line (a whole PDF
//    page or field on one line) the running header glued into it (the title printed again, with or
//    without the URN, and the page number after it);
//  * its labels and stems, and its items ("1. text 2. text", "P1 text P2 text", or "text 1. text 2."
//    where the number column was read after the text), become lines of their own;
//  * a column of bare item numbers followed by their texts is re-paired, one text per number, and so is
//    a run of numbers printed on one line before their texts;
//  * a capitalised line after a page break that ends a phrase is set apart from the text before it;
//  * a line hanging under a numbered item's text, and a sub-bullet under the item, are joined to it;
//  * a URN printed only in the page footers is taken out of the text and opens the document;
//  * a group heading printed before its stem is moved after it.
// Pieces of a split line keep its line and get their columns; a joined line keeps the first line's place.
// Lines in the shapes the parser reads directly (Tika text of a DOCX, clean PDF text) pass unchanged.
// The lines are held in chunks (Lines), which each step changes in place or, where it adds lines, frees as
// it writes its own, the reader's lines included: a document of many short lines is held once, and a chunk.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "nos/grammar.hpp"
#include "nos/source.hpp"

namespace nos::prepass {

/// The lines between steps, in chunks that a step writing new lines frees as it reads them.
using Lines = SourceLines;

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
RunningHeader find_running_header(const Lines& lines, const Grammar& grammar);

/// The pieces of `line` left when the page numbers printed in words (the grammar's page_number_pattern,
/// "Page 3 of 7") are taken out; none when the line is only one.
std::vector<SourceLine> remove_page_numbers(const SourceLine& line, const Grammar& grammar);

/// The pieces of `line` left when the running header glued into it, and the page number after each copy,
/// are taken out; with no title, a copy is the URN with its page number (a page footer). A line with no
/// copy comes back whole; a line that was only a copy leaves its page number, and a text the copy
/// interrupted comes back as one piece (join_across_page_breaks).
std::vector<SourceLine> remove_furniture(const SourceLine& line, const RunningHeader& header);

/// Pieces a page break cut apart joined again: a piece that opens in lower case after one that ends no
/// sentence and no item number is the rest of its text ("… children, pets" | "or other animals …").
std::vector<SourceLine> join_across_page_breaks(std::vector<SourceLine> pieces);

/// When the head has no URN line: the URN a page footer prints at the end of a line, with its page
/// number ("… reports. SCDHSC0021 1") or versioned ("SCDHSC0021 v8 141011", a page number or not), as a
/// line of its own at its place in the footer.
std::optional<SourceLine> find_footer_urn(const Lines& lines, const Grammar& grammar);

/// A label or stem at the start of a flattened piece, and a stem ("You must be able to:") anywhere in it,
/// become pieces of their own.
std::vector<SourceLine> split_labels(const SourceLine& piece, const Grammar& grammar);

/// Splits a piece at the item markers in it that continue a sequence: numbers before their texts give
/// "P1 text" pieces (any text before the first number is a piece of its own); numbers after their texts
/// ("text 1. text 2.", the piece ending in a number) give "1. text" pieces. A run of numbers with nothing
/// between them ("P1 P2 P3 text text text") shares the text after it out, a text ending where the next
/// criterion opens with its verb, and a capitalised heading closing lower-case texts is a piece of its
/// own. Returns the piece whole when no marker continues a sequence.
std::vector<SourceLine> split_items(const SourceLine& piece, const Grammar& grammar,
                                    ItemSequences& sequences);

/// A run of lines each holding only a consecutive item number ("P1" … "P7"), then the texts wrapped over
/// the lines after it: each number gets one text. A text starts on a line that opens as a criterion (its
/// verb) or knowledge item (an opening word) does, after a line short for the column or one that does not
/// end mid-phrase; as many lines as numbers hold one text each. The texts go on over page furniture (`header`
/// printed again, a page number), which goes before the items; lower-case texts end at a capitalised line
/// after one that ends a phrase (a heading, or what follows the list: a blank line is put before it), and any
/// texts end at a label, even one wrapped over lines.
Lines pair_number_columns(Lines lines, const Grammar& grammar, const RunningHeader& header = {});

/// A capitalised line of text after page furniture (`header` printed again, a page number, a page footer),
/// where the text before the page break ends a phrase, is no wrapped tail of that text (a site's text
/// after the document, a group heading): it is put before the furniture, after a blank line. Labels and
/// numbered items are left where they are.
Lines set_apart_after_furniture(Lines lines, const Grammar& grammar, const RunningHeader& header);

/// A line indented to the column where the text of the numbered item line just above it starts ("  1. check
/// the level with your" then "     supervisor", a web page's wrapped item) is part of that item and is
/// joined to it, and so is each such line after it.
Lines join_hanging_lines(Lines lines, const Grammar& grammar);

/// A line opening with a bullet ("• bare-root stock") after a numbered item, or after another such
/// line, is part of that item and is joined to it.
Lines join_sub_bullets(Lines lines, const Grammar& grammar);

/// A line shaped like a group heading, after the first label, directly before the stem of an item
/// section ("Model practice …" then "You must be able to:", as a PDF's table prints them) changes places
/// with the stem, so that the heading stands before the items it opens.
Lines move_headings_after_stems(Lines lines, const Grammar& grammar);

/// All the steps, in order; the first frees each chunk of the input once it has read it.
Lines run(Lines lines, const Grammar& grammar);

}  // namespace nos::prepass
