// The section parser: a state machine over tokens (parse_state.hpp), driven by the grammar.
//
// Content is placed by evidence strategies asked in the grammar's `placement` order (by default a label
// first, then a content cue or the item numbering, then a bookmark, since exports often misplace
// bookmarks, then the position); the first that speaks names the section and why, and the reason goes
// into the model's `structure`. Two export dialects are read alike: Tika text of a DOCX ("tika": one
// paragraph per line, so an unnumbered line inside a list is an unnumbered item) and PDF text ("pdf": running
// page headers and page numbers, which are dropped, and lines wrapped at the page width, which are joined).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "nos/parser.hpp"
#include "parser/page_headers.hpp"
#include "parser/parse_state.hpp"
#include "prepass/prepass.hpp"
#include "tokenizer/tokenizer.hpp"
#include "util/text.hpp"

namespace nos {

namespace {

bool looks_like_heading(std::string_view s) {
  if (s.empty() || s.size() > 160) return false;
  if (!text::starts_with_upper(s) && !(s[0] >= '0' && s[0] <= '9')) return false;
  char last = s.back();
  return last != '.' && last != ';' && last != ',';
}

bool ends_sentence(std::string_view s) {
  return !s.empty() && std::string_view(".;:!?").find(s.back()) != std::string_view::npos;
}

using parser::Event;
using parser::Mode;
using parser::Region;

/// The export dialect (above): set once, from the page furniture, before the first line is placed.
enum class Dialect { Tika, Pdf };

/// Where evidence puts a line: in `section` (the current one when the line goes on there) and why.
struct Placement {
  int section = -1;
  FoundBy found_by = FoundBy::Label;
  std::string reason;  ///< written only when the line opens a section other than the current one
};

bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

class SectionParser {
 public:
  SectionParser(const Source& source, ChunkedQueue<Token> tokens, const Grammar& grammar)
      : grammar_(grammar), patterns_(grammar.patterns()), tokens_(std::move(tokens)) {
    doc_.source = {source.path, source.format, source.encoding, "tika"};
    for (const auto& spec : grammar.sections) {
      Section s;
      s.key = spec.key;
      s.kind = spec.kind;
      s.required = spec.required;
      doc_.sections.push_back(std::move(s));
    }
    for (const auto& spec : grammar.metadata) {
      MetadataField f;
      f.key = spec.key;
      f.required = spec.required;
      f.is_list = spec.list_separator.has_value();
      doc_.metadata.push_back(std::move(f));
    }
    skip_.assign(tokens_.size(), false);
    for (FoundBy how : grammar.placement) strategies_.push_back(strategy(how));
  }

  Document run() {
    merge_split_labels();
    last_label_.assign(grammar_.sections.size(), kNone);
    for (std::size_t i = 0; i < tokens_.size(); ++i)
      if (int label = tokens_[i].label().index; tokens_[i].kind == TokenKind::Label && label >= 0)
        last_label_[static_cast<std::size_t>(label)] = i;
    find_head_and_page_furniture();
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (skip_[i]) continue;
      step(i);
      // Spent: the model has what it needs of the line, and steps only look ahead.
      tokens_.release_before(i + 1);
    }
    finish();
    return std::move(doc_);
  }

 private:
  // ---- pre-pass: split labels, URN, title, running headers and page numbers ------------------------

  // A narrow label column in a PDF wraps long labels ("Scope/range related to" / "performance criteria").
  // Up to three short consecutive lines that together spell a label become that label.
  void merge_split_labels() {
    constexpr std::size_t kMaxLabelLine = 60;
    for (std::size_t i = 0; i + 1 < tokens_.size(); ++i) {
      if (tokens_[i].kind != TokenKind::Text || tokens_[i].width() > kMaxLabelLine) continue;
      std::string joined(tokens_[i].text());
      for (std::size_t k = i + 1; k < tokens_.size() && k <= i + 2; ++k) {
        const Token& next = tokens_[k];
        if ((next.kind != TokenKind::Text && next.kind != TokenKind::Label) || next.width() > kMaxLabelLine)
          break;
        joined += ' ';
        joined += next.text();
        Token merged = tokenize_rest(joined, tokens_[i].location, grammar_);
        if (merged.kind != TokenKind::Label && merged.kind != TokenKind::Metadata &&
            merged.kind != TokenKind::Structural)
          continue;
        if (!merged.extras().rest.empty()) break;  // only whole labels
        merged.extras_to_fill().bookmarks = tokens_[i].extras().bookmarks;
        tokens_[i] = std::move(merged);
        for (std::size_t m = i + 1; m <= k; ++m) tokens_[m].kind = TokenKind::Blank;
        break;
      }
    }
  }

  std::size_t next_significant(std::size_t i) const {
    while (i < tokens_.size() &&
           (skip_[i] || tokens_[i].kind == TokenKind::Blank || tokens_[i].kind == TokenKind::Marker))
      ++i;
    return i;
  }

  // The URN a line holds: the whole line, or group 1 of a versioned header ("SCDHSC0031 v8 141011").
  std::optional<std::string> urn_of(const Token& t) const {
    if (t.kind != TokenKind::Text) return std::nullopt;
    if (RE2::FullMatch(t.text(), *patterns_.urn)) return std::string(t.text());
    std::string urn;
    if (patterns_.urn_header && RE2::FullMatch(t.text(), *patterns_.urn_header, &urn)) return urn;
    return std::nullopt;
  }

  bool is_urn_line(const Token& t) const { return urn_of(t).has_value(); }

  /// The head is among the first lines; a site may print a dozen of its own before it (its menu, the
  /// file's name, counts of views and pages, download and share buttons).
  static constexpr std::size_t kMaxLinesBeforeHead = 12;

  // True when token i directly follows a metadata label that has no value on its own line.
  bool awaits_metadata_value(std::size_t i) const {
    while (i > 0 && (skip_[i - 1] || tokens_[i - 1].kind == TokenKind::Blank)) --i;
    return i > 0 && tokens_[i - 1].kind == TokenKind::Metadata && tokens_[i - 1].extras().rest.empty();
  }

  bool is_title_line(std::size_t i) const {
    const Token& t = tokens_[i];
    return t.kind == TokenKind::Text && t.extras().cue_sections.empty() && !is_urn_line(t) &&
           looks_like_heading(t.text()) && t.width() <= 200;
  }

  // The title: the line after the URN, or a few lines when a long title wraps (PDF headers).
  std::vector<std::size_t> title_lines_after(std::size_t i) const {
    std::vector<std::size_t> lines;
    std::size_t t = next_significant(i);
    if (t >= tokens_.size() || !is_title_line(t)) return lines;
    lines.push_back(t);
    auto continues_title = [&](const Token& next) {
      return next.kind == TokenKind::Text && next.extras().cue_sections.empty() && !is_urn_line(next) &&
             !next.text().ends_with('.') && next.width() <= 200;
    };
    while (lines.size() < 3 && t + 1 < tokens_.size() && continues_title(tokens_[t + 1]))
      lines.push_back(++t);
    std::size_t after = next_significant(t + 1);
    bool ends_head = after >= tokens_.size() || tokens_[after].kind == TokenKind::Label ||
                     tokens_[after].kind == TokenKind::Structural || is_urn_line(tokens_[after]);
    if (lines.size() > 1 && !ends_head) lines.erase(lines.begin() + 1, lines.end());
    return lines;
  }

  // A first line shaped roughly like a URN ("SCD HSC0390") with a title after it.
  bool loose_urn_before_title(std::size_t first) const {
    const Token& t = tokens_[first];
    return patterns_.urn_head && t.kind == TokenKind::Text && t.extras().cue_sections.empty() &&
           RE2::FullMatch(t.text(), *patterns_.urn_head) && !title_lines_after(first + 1).empty();
  }

  void set_urn(std::size_t i) {
    doc_.urn = urn_of(tokens_[i]).value_or(std::string(tokens_[i].text()));
    doc_.urn_location = tokens_[i].location;
    skip_[i] = true;
  }

  void set_title(const std::vector<std::size_t>& lines) {
    std::string title;
    for (std::size_t i : lines) {
      text::append_wrapped(title, tokens_[i].text());
      skip_[i] = true;
    }
    doc_.title = title;
    doc_.title_location = tokens_[lines.front()].location;
  }

  // Index after the running header (the URN line, then the title lines) that starts at i, or i when none.
  // A versioned header ("SCDHSC0031 v8 141011") is one without the title after it, and so is the head's
  // line holding the URN and the title together (`title` is then that line).
  std::size_t header_at(std::size_t i, const std::vector<std::string>& title) const {
    // A header line starts with the URN: asked first, that spares the patterns on every other line.
    std::string_view text = tokens_[i].text();
    if (!doc_.urn || !text.starts_with(*doc_.urn)) return i;
    if (title.size() == 1 && text == title.front()) return i + 1;
    if (urn_of(tokens_[i]) != doc_.urn) return i;
    std::size_t alone = text == *doc_.urn ? i : i + 1, end = i + 1;
    for (const auto& line : title) {
      std::size_t t = next_significant(end);
      if (t >= tokens_.size() || tokens_[t].text() != line) return alone;
      end = t + 1;
    }
    return end;
  }

  // The URN a title-shaped line opens with ("UPHS3 Re-cover a seat", a page header printing both), as
  // the length of its first word; 0 when the line holds no title after a URN.
  std::size_t urn_before_title(const std::string& line) const {
    std::size_t space = line.find(' ');
    if (space == std::string::npos || !looks_like_heading(line.substr(space + 1)) ||
        !RE2::FullMatch(re2::StringPiece(line.data(), space), *patterns_.urn))
      return 0;
    return space;
  }

  // Lines from `first` up to `end` are the site's own text before the document (boilerplate, the file's
  // name): kept as unplaced text, never taken for the URN, the title or the overview.
  void set_aside(std::size_t first, std::size_t end) {
    for (std::size_t k = first; k < end; ++k)
      if (!skip_[k] && (tokens_[k].kind == TokenKind::Text || tokens_[k].kind == TokenKind::Item)) {
        unplaced(std::string(tokens_[k].text()), tokens_[k].location);
        skip_[k] = true;
      }
    unplaced_run_ = 0;  // never adopted by the section that follows
  }

  // The pre-pass puts a URN it read from a page footer before the first label, out of the source's order.
  bool from_footer(std::size_t i) const {
    std::size_t next = next_significant(i + 1);
    if (next >= tokens_.size()) return false;
    const SourceLocation &here = tokens_[i].location, &after = tokens_[next].location;
    return std::pair(here.line, here.column) > std::pair(after.line, after.column);
  }

  // The head of the document: the URN and the title, in either order. A site's transcript prints its
  // own text (boilerplate, the file's name) first: a URN line with a title after it within the first
  // lines before any label marks where the document starts, and what stands before it is set aside.
  // Returns the index after the head; `title` gets the title lines the running header repeats.
  std::size_t find_head(std::vector<std::size_t>& title) {
    std::size_t first = next_significant(0);
    if (first >= tokens_.size()) return first;
    std::size_t seen = 0, before = first;
    for (std::size_t i = first;
         i < tokens_.size() && tokens_[i].kind == TokenKind::Text && seen < kMaxLinesBeforeHead;
         before = i, i = next_significant(i + 1), ++seen) {
      bool urn = is_urn_line(tokens_[i]) || (i == first && loose_urn_before_title(i));
      if (!urn) continue;
      if (from_footer(i)) {
        // Only a footer gave the URN: the line before the first label is the title when site text
        // stands before it; a first line alone there is the site's (a flattened transcript has no title).
        bool titled = before != first && is_title_line(before);
        set_aside(first, titled ? before : i);
        if (titled) set_title({before});  // the footer repeats the URN alone: `title` stays empty
        set_urn(i);
        return i + 1;
      }
      title = title_lines_after(i + 1);
      if (title.empty() && i != first) continue;
      set_aside(first, i);
      set_urn(i);
      if (title.empty()) return i + 1;
      set_title(title);
      return title.back() + 1;
    }
    // A title, then the URN, the first label or the first metadata row (the NOS Finder header); site
    // text may stand before it.
    seen = 0;
    for (std::size_t i = first;
         i < tokens_.size() && tokens_[i].kind == TokenKind::Text && seen < kMaxLinesBeforeHead;
         i = next_significant(i + 1), ++seen) {
      std::size_t t = next_significant(i + 1);
      if (t >= tokens_.size()) break;
      const TokenKind next = tokens_[t].kind;
      if (!is_title_line(i) ||
          (next != TokenKind::Label && next != TokenKind::Metadata && !is_urn_line(tokens_[t])))
        continue;
      set_aside(first, i);
      set_title(title = {i});
      if (std::size_t urn = urn_before_title(*doc_.title); urn > 0 && !is_urn_line(tokens_[t])) {
        // The page header's one line: the URN, then the title.
        doc_.urn = doc_.title->substr(0, urn);
        doc_.urn_location = doc_.title_location;
        doc_.title->erase(0, urn + 1);
        doc_.title_location.column += static_cast<int>(urn + 1);
        return i + 1;
      }
      if (!is_urn_line(tokens_[t])) return i + 1;
      set_urn(t);
      return t + 1;
    }
    return first;
  }

  // A line the pages print again beside their running header or page number ("Final version approved
  // March 2019"): text standing next to the furniture, word for word, on two pages or more.
  void skip_repeated_beside_furniture(std::size_t from) {
    std::unordered_map<std::string_view, std::vector<std::size_t>> beside;
    auto note = [&](std::size_t k) {
      if (k < tokens_.size() && !skip_[k] && tokens_[k].kind == TokenKind::Text)
        beside[tokens_[k].text()].push_back(k);
    };
    for (std::size_t i = from; i < tokens_.size(); ++i) {
      if (!skip_[i] || tokens_[i].kind == TokenKind::Blank) continue;
      // The furniture's run (skipped lines and blank lines), and the lines on either side of it.
      std::size_t before = i, after = i;
      while (before > from && tokens_[before - 1].kind == TokenKind::Blank) --before;
      while (after < tokens_.size() && (skip_[after] || tokens_[after].kind == TokenKind::Blank)) ++after;
      if (before > from) note(before - 1);
      note(after);
      i = after;
    }
    for (const auto& [text, at] : beside)
      if (std::any_of(at.begin(), at.end(), [first = at.front()](std::size_t k) { return k != first; }))
        for (std::size_t k : at) skip_[k] = true;
  }

  void find_head_and_page_furniture() {
    std::vector<std::size_t> title;
    std::size_t after_head = find_head(title);
    std::vector<std::string> title_text;
    for (std::size_t i : title) title_text.emplace_back(tokens_[i].text());

    // PDF text: a running header repeats the URN line and the title lines on every page, sometimes
    // twice; pages end with a bare page number or a form feed.
    bool paged = false;
    for (std::size_t i = after_head; i < tokens_.size(); ++i) {
      // Not the URN as the value of "Original URN". Asked only of a header: the question looks back over
      // blank lines, and asked of every line it made a long run of them quadratic.
      std::size_t end = header_at(i, title_text);
      if (end == i || awaits_metadata_value(i)) continue;
      for (std::size_t k = i; k < end; ++k) skip_[k] = true;
      paged = true;
      i = end - 1;
    }
    // Bare page numbers: an increasing run of lines holding only a number, not a metadata value.
    std::vector<std::size_t> numbers;
    for (std::size_t i = after_head; i < tokens_.size(); ++i) {
      if (skip_[i] || !tokens_[i].bare_integer || awaits_metadata_value(i)) continue;
      numbers.push_back(i);
    }
    int increasing = 0;
    for (std::size_t k = 1; k < numbers.size(); ++k)
      increasing += std::stoi(std::string(tokens_[numbers[k]].text())) >
                    std::stoi(std::string(tokens_[numbers[k - 1]].text()));
    for (std::size_t i = 0; i < tokens_.size() && !paged; ++i) paged = tokens_[i].page_break;
    if (paged || increasing >= 1) {
      paged = true;
      for (std::size_t i : numbers) skip_[i] = true;
      skip_repeated_beside_furniture(after_head);
    }
    if (paged) {
      // Blank lines around the page furniture are part of the page break, not paragraph breaks.
      for (std::size_t i = 0; i < tokens_.size(); ++i) {
        if (!skip_[i]) continue;
        for (std::size_t k = i; k > 0 && tokens_[k - 1].kind == TokenKind::Blank && !skip_[k - 1]; --k)
          skip_[k - 1] = true;
        for (std::size_t k = i + 1; k < tokens_.size() && tokens_[k].kind == TokenKind::Blank && !skip_[k];
             ++k)
          skip_[k] = true;
      }
      doc_.source.dialect = "pdf";
      dialect_ = Dialect::Pdf;
      for (std::size_t i = 0; i < tokens_.size(); ++i)
        if (tokens_[i].kind == TokenKind::Item || tokens_[i].kind == TokenKind::Text)
          wrap_width_ = std::max<std::size_t>(wrap_width_, tokens_[i].width());
    }
  }

  // ---- the state machine ----------------------------------------------------------------------------

  void on(parser::Event event) { state_ = parser::transition(state_, event); }

  Section& sec(int index) { return doc_.sections[static_cast<std::size_t>(index)]; }
  bool is_items(int index) const {
    return index >= 0 && grammar_.sections[static_cast<std::size_t>(index)].kind == SectionKind::Items;
  }
  bool has_content(int index) {
    Section& s = sec(index);
    return !s.paragraphs.empty() || !s.groups.empty() || !s.entries.empty();
  }

  void open(int index, FoundBy how, const SourceLocation& where, const std::string& reason) {
    Section& s = sec(index);
    if (!s.present) {
      s.present = true;
      s.found_by = how;
      s.reason = reason;
      s.location = where;
    }
    current_ = index;
    meta_ = -1;
    on(Event::Opened);
  }

  void step(std::size_t i) { step_token(i, tokens_[i]); }

  void step_token(std::size_t i, Token& t) {
    switch (t.kind) {
      case TokenKind::Blank:
        on(Event::Blank);
        // A blank line ends a metadata value (what follows is not part of it), but may stand between a
        // label and its value.
        if (meta_ >= 0 && doc_.metadata[static_cast<std::size_t>(meta_)].value) meta_ = -1;
        return;
      case TokenKind::Marker: {
        const auto& bookmarks = t.extras().bookmarks;
        adopt_unplaced(bookmark_evidence(bookmarks).closed);
        close_on_end_bookmark(bookmarks);
        pending_bookmarks_.insert(pending_bookmarks_.end(), bookmarks.begin(), bookmarks.end());
        return;
      }
      case TokenKind::Structural:
        flush_headings();
        current_ = -1;
        meta_ = -1;
        return;
      case TokenKind::Metadata:
        start_metadata(t.label().index, t.extras().label_text, t.location, t.extras().rest);
        return;
      case TokenKind::Label:
        on_label(i, t);
        return;
      case TokenKind::Item:
        on_item(i, t);
        return;
      case TokenKind::Text:
        on_text(i, t);
        close_on_end_bookmark(t.extras().bookmarks);
        return;
    }
  }

  void start_metadata(int index, const std::string& label, const SourceLocation& where,
                      const std::string& rest) {
    flush_headings();
    MetadataField& f = doc_.metadata[static_cast<std::size_t>(index)];
    f.labels.push_back({label, where, false, where.position()});
    if (f.labels.size() == 1) f.location = where;
    meta_ = index;
    current_ = -1;
    on(Event::Metadata);
    if (!rest.empty()) add_metadata_text(rest);
  }

  void add_metadata_text(const std::string& value) {
    MetadataField& f = doc_.metadata[static_cast<std::size_t>(meta_)];
    if (f.value)
      text::append_wrapped(*f.value, value);
    else
      f.value = value;
  }

  void on_label(std::size_t i, Token& t) {
    flush_headings();
    const Placement placed = *place({i, t, {}});  // only a label speaks on a label's line
    int index = placed.section;
    Section& s = sec(index);
    s.labels.push_back(
        {t.extras().label_text, t.location, t.label().kind == LabelRef::Kind::Stem, t.location.position()});
    if (s.present && s.found_by != FoundBy::Label && s.labels.size() == 1) {
      s.found_by = FoundBy::Label;
      s.reason = placed.reason;
    }
    open(index, FoundBy::Label, t.location, placed.reason);
    on(Event::Section);
    if (!t.extras().rest.empty()) {
      SourceLocation where = t.location;
      where.column = t.location.column + static_cast<int>(text::length(t.extras().label_text)) + 1;
      Token content = tokenize_rest(t.extras().rest, where, grammar_);
      // Flattened stems put the first group heading on the stem's line.
      if (content.kind == TokenKind::Text && is_items(index) && looks_like_heading(content.text())) {
        pending_headings_.push_back({content.take_text(), content.location});
        return;
      }
      step_token(i, content);
    }
  }

  // Which items section an item belongs to.
  int item_target(std::size_t i, const Token& t) {
    if (t.section(patterns_) >= 0) {
      int own = t.section(patterns_);
      if (own == current_ || !is_items(current_)) return own;
      if (sec(own).groups.empty()) {
        // A new prefix switches lists, unless the next item goes back to the current one (a stray).
        for (std::size_t k = i + 1; k < tokens_.size(); ++k) {
          if (skip_[k] || tokens_[k].kind != TokenKind::Item) continue;
          if (tokens_[k].kind == TokenKind::Item && tokens_[k].section(patterns_) == current_)
            return current_;
          break;
        }
        return own;
      }
      return current_;  // a K item among performance criteria stays where it stands; the validator says so
    }
    if (is_items(current_)) {
      // A run that starts again at 1, or goes back below the last number (a flattened field whose
      // first items were lost), is the next list when that one is still empty.
      const Section& here = sec(current_);
      int last = here.item_count() > 0 ? here.groups.back().items.back().number : 0;
      if (here.item_count() > 0 && (t.number() == 1 || t.number() < last)) {
        for (int k = current_ + 1; k < static_cast<int>(doc_.sections.size()); ++k)
          if (is_items(k)) return t.number() == 1 || sec(k).groups.empty() ? k : current_;
      }
      return current_;
    }
    for (int k = 0; k < static_cast<int>(doc_.sections.size()); ++k)
      if (is_items(k) && sec(k).groups.empty()) return k;
    for (int k = static_cast<int>(doc_.sections.size()) - 1; k >= 0; --k)
      if (is_items(k)) return k;
    return -1;
  }

  // Labels first (by_label): an item under a prose label, or before the label of its own list, is prose.
  bool item_is_prose(std::size_t i, const Token& t) {
    if (t.section(patterns_) >= 0 || is_items(current_)) return false;
    if (current_ >= 0 && sec(current_).found_by == FoundBy::Label) return true;
    return (current_ < 0 || has_content(current_)) && labelled_after(item_target(i, t), i);
  }

  void on_item(std::size_t i, Token& t) {
    std::optional<Placement> placed = place({i, t, {}});
    if (placed && placed->found_by == FoundBy::Label) return on_text(i, t, /*as_prose=*/true);
    if (!placed) {
      if (state_.region == Region::Metadata && meta_ >= 0 && t.section(patterns_) < 0)
        return add_metadata_text(fmt::format("{} {}", t.number_label(), t.text()));
      return unplaced(t.take_text(), t.location);
    }
    int target = placed->section;
    if (target != current_) open(target, FoundBy::Numbering, t.location, placed->reason);
    Section& s = sec(target);
    if (!pending_headings_.empty()) {
      for (std::size_t k = 0; k + 1 < pending_headings_.size(); ++k) new_group(s, pending_headings_[k]);
      new_group(s, pending_headings_.back());
      pending_headings_.clear();
    } else if (s.groups.empty()) {
      Group g;
      g.location = t.location;
      s.groups.push_back(std::move(g));
    }
    const CompiledPatterns::ItemPattern* own = t.item_pattern(patterns_);
    std::string id_prefix = own && !own->id.empty() ? own->id : default_id_prefix(target);
    last_text_ = t.text();
    make_room(s.groups.back().items, i);
    s.groups.back().items.emplace_back(id_prefix + std::to_string(t.number()), t.number_label(), t.text(),
                                       t.location, t.number());
    t.free_text();  // the token is spent: no step reads it again
    unplaced_run_ = 0;
    on(Event::Item);
    last_width_ = t.width();
    pending_bookmarks_.clear();
  }

  // Room in a full `items` for the run of items from token i on, blank lines between them included: a
  // long list goes into its vector at once, without the copies and the unused half of growing it by
  // doubling. Growth stays geometric, so a list broken by other lines is not copied item by item.
  void make_room(std::vector<Item>& items, std::size_t i) const {
    if (items.size() < items.capacity()) return;
    std::size_t run = 0;
    for (std::size_t k = i; k < tokens_.size(); ++k) {
      if (skip_[k] || tokens_[k].kind == TokenKind::Blank || tokens_[k].kind == TokenKind::Marker) continue;
      if (tokens_[k].kind != TokenKind::Item) break;
      ++run;
    }
    items.reserve(std::max(items.size() + run, 2 * items.size()));
  }

  // True when section `index` has a label (or stem) after token i.
  bool labelled_after(int index, std::size_t i) const {
    return index >= 0 && last_label_[static_cast<std::size_t>(index)] != kNone &&
           last_label_[static_cast<std::size_t>(index)] > i;
  }

  std::string default_id_prefix(int section) const {
    for (const auto& p : patterns_.items)
      if (p.section == section) return p.id;
    return "";
  }

  struct PendingHeading {
    std::string text;
    SourceLocation location;
  };

  void new_group(Section& s, const PendingHeading& h) {
    Group g;
    g.heading = h.text;
    g.location = h.location;
    s.groups.push_back(std::move(g));
  }

  // Headings seen but never followed by an item: keep their words as prose or unplaced text.
  void flush_headings() {
    for (auto& h : pending_headings_) unplaced(std::move(h.text), h.location);
    pending_headings_.clear();
  }

  void unplaced(std::string s, const SourceLocation& where) {
    doc_.unplaced.push_back({std::move(s), where});
    ++unplaced_run_;
  }

  // The next token that is an item, or a heading-like text directly followed by one; returns its index.
  std::optional<std::size_t> next_item_after(std::size_t i) {
    std::size_t k = next_significant(i + 1);
    if (k >= tokens_.size()) return std::nullopt;
    if (tokens_[k].kind == TokenKind::Item) return k;
    if (tokens_[k].kind == TokenKind::Text && looks_like_heading(tokens_[k].text())) {
      std::size_t k2 = next_significant(k + 1);
      if (k2 < tokens_.size() && tokens_[k2].kind == TokenKind::Item) return k2;
    }
    return std::nullopt;
  }

  bool previous_line_wrapped() const {
    if (dialect_ != Dialect::Pdf || state_.mode != Mode::Item) return false;
    return line_was_wrapped(last_text_, last_width_);
  }

  // A PDF line that ends mid-phrase, or runs to the page width, continues on the next line.
  bool line_was_wrapped(const std::string& line, std::size_t width) const {
    return ends_mid_phrase(line) || width + 12 >= wrap_width_;
  }

  // A line ending with a word or mark that leaves its phrase open ("and", "the", a comma).
  bool ends_mid_phrase(const std::string& line) const {
    std::string low = text::lower(line);
    auto space = low.find_last_of(' ');
    std::string last_word = space == std::string::npos ? low : low.substr(space + 1);
    return patterns_.continuation_endings.count(last_word) ||
           (!low.empty() && std::ispunct(static_cast<unsigned char>(low.back())) &&
            patterns_.continuation_endings.count(std::string(1, low.back())));
  }

  // True when page furniture (a running header, a page number) stands between token i and the line
  // before it.
  bool after_page_furniture(std::size_t i) const {
    bool furniture = false;
    for (; i > 0 && (skip_[i - 1] || tokens_[i - 1].kind == TokenKind::Blank); --i)
      furniture = furniture || tokens_[i - 1].kind != TokenKind::Blank;
    return furniture;
  }

  struct Bookmark {
    int section = -1;
    std::string name;  ///< as the document spells it
  };

  struct BookmarkEvidence {
    Bookmark open;                 ///< first section whose Start bookmark is on the line and not closed there
    std::vector<Bookmark> closed;  ///< sections whose Start and End bookmarks both sit here: an empty range
  };

  BookmarkEvidence bookmark_evidence(const std::vector<std::string>& marks) const {
    BookmarkEvidence ev;
    std::unordered_set<std::string> lowered;  // a line may hold thousands of bookmarks: no nested scan
    for (const auto& m : marks) lowered.insert(text::lower(m));
    for (const auto& name : marks) {
      std::string low = text::lower(name);
      auto it = patterns_.bookmarks.find(low);
      if (it == patterns_.bookmarks.end()) continue;
      std::string end = low.starts_with("start") ? "end" + low.substr(5) : "";
      bool closed = !end.empty() && lowered.count(end) > 0;
      if (closed)
        ev.closed.push_back({it->second, name});
      else if (ev.open.section < 0)
        ev.open = {it->second, name};
    }
    return ev;
  }

  // The template closes each field with a point bookmark ("EndValues"): text after it, with nothing
  // to identify it, is not part of that field.
  void close_on_end_bookmark(const std::vector<std::string>& marks) {
    if (current_ < 0 || is_items(current_) || !has_content(current_)) return;
    for (const auto& name : marks) {
      std::string low = text::lower(name);
      if (!low.starts_with("end")) continue;
      auto it = patterns_.bookmarks.find("start" + low.substr(3));
      if (it != patterns_.bookmarks.end() && it->second == current_) {
        current_ = -1;
        return;
      }
    }
  }

  // Tika prints a bookmark where the next cell starts, so an empty-looking Start/End pair right after text
  // that nothing identified names the section that text belongs to.
  void adopt_unplaced(const std::vector<Bookmark>& closed) {
    for (const Bookmark& b : closed) {
      if (unplaced_run_ == 0 || sec(b.section).present) continue;
      int keep = current_;
      move_unplaced_run(b.section, FoundBy::Bookmark,
                        fmt::format("empty bookmark {}, after text nothing placed", b.name));
      current_ = keep;
      return;
    }
  }

  // Moves the text left unplaced since content was last placed into section s, which becomes current.
  void move_unplaced_run(int s, FoundBy how, const std::string& reason) {
    std::vector<Unplaced> run(doc_.unplaced.end() - static_cast<std::ptrdiff_t>(unplaced_run_),
                              doc_.unplaced.end());
    doc_.unplaced.resize(doc_.unplaced.size() - unplaced_run_);
    unplaced_run_ = 0;
    open(s, how, run.front().location, reason);
    for (const auto& u : run) add_prose(u.text, u.location);
  }

  // ---- placement: evidence strategies, asked in the grammar's order ------------------------------------

  /// What a line offers: the token, and for text the bookmarks in front of it.
  struct Evidence {
    std::size_t i;
    const Token& t;
    BookmarkEvidence marks;
    bool prose = t.kind == TokenKind::Text;  ///< text, or an item that a label made prose
  };

  using Strategy = std::optional<Placement> (SectionParser::*)(const Evidence&);

  static Strategy strategy(FoundBy how) {
    switch (how) {
      case FoundBy::Label:
        return &SectionParser::by_label;
      case FoundBy::Cue:
        return &SectionParser::by_cue;
      case FoundBy::Numbering:
        return &SectionParser::by_numbering;
      case FoundBy::Bookmark:
        return &SectionParser::by_bookmark;
      case FoundBy::Position:
        return &SectionParser::by_position;
    }
    return nullptr;
  }

  // The first strategy that speaks places the line; when none does, the list or prose around it decides.
  std::optional<Placement> place(const Evidence& e) {
    for (Strategy s : strategies_)
      if (auto placed = (this->*s)(e)) return placed;
    return std::nullopt;
  }

  // A label's line opens its section, and the label governs the content after it, whatever that looks
  // like: a plain "1." list under a prose label (a numbered scope list), or inside prose before the label
  // of the list it would otherwise open (a numbered list in an overview), is prose.
  std::optional<Placement> by_label(const Evidence& e) {
    const Token& t = e.t;
    if (t.kind == TokenKind::Label)
      return Placement{t.label().index, FoundBy::Label,
                       fmt::format("{} \"{}\"", t.label().kind == LabelRef::Kind::Stem ? "stem" : "label",
                                   t.extras().label_text)};
    if (t.kind == TokenKind::Item) {
      if (item_is_prose(e.i, t)) return Placement{current_, FoundBy::Label, {}};
      return std::nullopt;
    }
    if (current_ >= 0 && !has_content(current_) && sec(current_).found_by == FoundBy::Label)
      return Placement{current_, FoundBy::Label, {}};
    return std::nullopt;
  }

  // The opening words of a section with no label. Inside a labelled section that already has text, a cue
  // only counts at the start of a table cell or beside a bookmark, since the cue phrases also occur in
  // running prose.
  std::optional<Placement> by_cue(const Evidence& e) {
    const std::vector<int>& cues = e.t.extras().cue_sections;
    if (e.t.kind != TokenKind::Text || cues.empty()) return std::nullopt;
    bool settled = current_ >= 0 && !is_items(current_) && has_content(current_);
    bool bookmarked = e.marks.open.section >= 0 || !e.marks.closed.empty();
    if (settled && !e.t.cell_start && !bookmarked) return std::nullopt;
    if (contains(cues, current_) && !has_content(current_)) return Placement{current_, FoundBy::Cue, {}};
    int s = -1;
    if (e.marks.open.section >= 0 && !sec(e.marks.open.section).present &&
        contains(cues, e.marks.open.section))
      s = e.marks.open.section;
    for (std::size_t k = 0; s < 0 && k < cues.size(); ++k)
      if (!sec(cues[k]).present) s = cues[k];
    if (s < 0) return std::nullopt;
    return Placement{s, FoundBy::Cue, cue_reason(e.t, s)};
  }

  // "cue "This standard is about"": the phrase as the line prints it, or the pattern's mention.
  std::string cue_reason(const Token& t, int section) {
    for (const auto& cue : patterns_.cues)
      if (cue.section == section && text::lower(t.text()).starts_with(cue.text))
        return fmt::format("cue \"{}\"", t.text().substr(0, cue.text.size()));
    return fmt::format("a cue pattern of {}", sec(section).key);
  }

  // An item number: its own prefix names its list ("K1"), a plain one ("1.") goes by the list it is in.
  std::optional<Placement> by_numbering(const Evidence& e) {
    const Token& t = e.t;
    // In the metadata block a plain number belongs to the value ("Version 2.").
    if (t.kind != TokenKind::Item ||
        (state_.region == Region::Metadata && meta_ >= 0 && t.section(patterns_) < 0))
      return std::nullopt;
    int target = item_target(e.i, t);
    if (target < 0) return std::nullopt;
    Placement placed{target, FoundBy::Numbering, {}};
    if (target == current_) return placed;
    if (t.section(patterns_) >= 0)
      placed.reason = fmt::format("numbering {}", t.number_label());
    else if (is_items(current_))
      placed.reason =
          fmt::format("numbering {} starts again after the {}", t.number_label(), sec(current_).key);
    else
      placed.reason = fmt::format("numbering {}, outside any list", t.number_label());
    return placed;
  }

  // A Start bookmark in front of the text, for a section not yet found, once the current one has content.
  std::optional<Placement> by_bookmark(const Evidence& e) {
    int s = e.marks.open.section;
    if (e.t.kind != TokenKind::Text || s < 0 || s == current_ || sec(s).present ||
        (current_ >= 0 && !has_content(current_)))
      return std::nullopt;
    return Placement{s, FoundBy::Bookmark, fmt::format("bookmark {}", e.marks.open.name)};
  }

  // The first text with nothing else to go by, before any section, is the overview; a heading-like line
  // right before a list is not (it heads the list).
  std::optional<Placement> by_position(const Evidence& e) {
    if (!e.prose || current_ >= 0 || opens_list(e.i, e.t)) return std::nullopt;
    int overview = grammar_.section_index("overview");
    if (overview < 0 || sec(overview).present) return std::nullopt;
    return Placement{overview, FoundBy::Position, std::string("first text, before any label")};
  }

  void on_text(std::size_t i, Token& t, bool as_prose = false) {
    std::string content = as_prose ? fmt::format("{} {}", t.number_label(), t.text()) : std::string(t.text());
    if (state_.region == Region::Metadata) {
      if (t.extras().inline_metadata.index >= 0)
        return start_metadata(
            t.extras().inline_metadata.index,
            std::string(t.text().substr(0, t.text().size() - t.extras().inline_metadata_rest.size())),
            t.location, t.extras().inline_metadata_rest);
      if (meta_ >= 0) return add_metadata_text(content);
    }
    std::optional<Placement> placed;
    if (as_prose) {
      placed = by_position({i, t, {}, true});  // its label already spoke: only the position is left
    } else {
      // Only bookmarks in front of the text say where it starts; one after it marks the next place.
      std::vector<std::string> marks = pending_bookmarks_;
      const TokenExtras& extras = t.extras();
      marks.insert(marks.end(), extras.bookmarks.begin(),
                   extras.bookmarks.begin() + static_cast<std::ptrdiff_t>(extras.leading_bookmarks));
      Evidence e{i, t, bookmark_evidence(marks)};
      adopt_unplaced(e.marks.closed);
      placed = place(e);
    }
    pending_bookmarks_.clear();
    if (placed && placed->section != current_) {
      int s = placed->section;
      if (placed->found_by != FoundBy::Position) {
        flush_headings();
        on(Event::Section);
        // Text that nothing identified, right before the evidence, belongs to the same field.
        if (unplaced_run_ > 0 && sec(s).kind != SectionKind::Items)
          move_unplaced_run(s, placed->found_by, placed->reason);
      }
      open(s, placed->found_by, t.location, placed->reason);
      return add_prose(content, t.location);
    }
    if (is_items(current_)) return on_list_text(i, t);
    if (opens_list(i, t)) {  // the first group heading of a list whose label is missing
      pending_headings_.push_back({t.take_text(), t.location});
      return;
    }
    if (current_ < 0) return unplaced(std::move(content), t.location);
    add_prose(content, t.location);
  }

  // A heading-like line directly before an item that will open a list (one that is not prose).
  bool opens_list(std::size_t i, const Token& t) {
    std::size_t next = next_significant(i + 1);
    return looks_like_heading(t.text()) && next < tokens_.size() && tokens_[next].kind == TokenKind::Item &&
           !item_is_prose(next, tokens_[next]);
  }

  // Text inside a numbered list: a group heading, the tail of a wrapped item (PDF text), or a paragraph
  // that lost its number (Tika text). Anything else is kept as unplaced text.
  void on_list_text(std::size_t i, Token& t) {
    Section& s = sec(current_);
    bool after_item =
        (state_.mode == Mode::Item || state_.mode == Mode::ItemAfterBlank) && s.item_count() > 0;
    bool blank_since_item = state_.mode == Mode::ItemAfterBlank;
    bool pdf = dialect_ == Dialect::Pdf;
    std::size_t direct = next_significant(i + 1);
    bool heading =
        looks_like_heading(t.text()) && direct < tokens_.size() && tokens_[direct].kind == TokenKind::Item;
    // Tika sets a group heading off with blank lines or starts it in a cell of its own (indented); a
    // capitalised line wedged between two items is an item that lost its number. python-docx, pandoc
    // and LibreOffice put no empty paragraph around a heading in a cell: there a heading style or bold
    // says so, or the shape: a short line after an item written in lower case.
    constexpr std::size_t kShortHeading = 80;
    bool shaped = t.location.in_docx() && t.width() <= kShortHeading && text::starts_with_lower(last_text_);
    bool set_off = !after_item || blank_since_item || t.indented || t.heading_format || shaped ||
                   (i + 1 < tokens_.size() && tokens_[i + 1].kind == TokenKind::Blank);
    if (!pdf && !set_off) heading = false;
    // An item wrapped across a blank line (web pages, page breaks): a lower-case line after an item that
    // has not ended its sentence continues it, whatever the dialect.
    bool wrapped_across_blank = after_item && blank_since_item && text::starts_with_lower(t.text()) &&
                                !ends_sentence(s.groups.back().items.back().text());
    // After a page break, a capitalised line where the item before ended its phrase is no wrapped tail
    // (whatever the width of that item's line): a group heading, a footer, or the site's text after the
    // document. A name running on across the break ("the Health and Safety" | "Executive …") is one.
    auto last_space = last_text_.find_last_of(' ');
    bool new_page_text =
        pdf && after_item && !blank_since_item && text::starts_with_upper(t.text()) &&
        after_page_furniture(i) && !ends_mid_phrase(last_text_) &&
        !text::starts_with_upper(last_space == std::string::npos ? last_text_
                                                                 : last_text_.substr(last_space + 1));
    if (wrapped_across_blank ||
        (after_item && pdf && !blank_since_item && !new_page_text && (!heading || previous_line_wrapped()))) {
      s.groups.back().items.back().append_wrapped(t.text());
      last_width_ = t.width();
      last_text_ = t.text();
      return;
    }
    if (heading) {
      pending_headings_.push_back({t.take_text(), t.location});
      on(Event::Heading);
      return;
    }
    if (after_item && !pdf && (next_item_after(i) || text::starts_with_lower(t.text()))) {
      s.groups.back().items.emplace_back("", "", t.text(), t.location);
      t.free_text();
      return;
    }
    unplaced(t.take_text(), t.location);
    // Text set apart from the item closes it as a blank line would: only a lower-case line goes on with it.
    if (new_page_text) on(Event::Blank);
  }

  // In PDF text a line continues the paragraph above when that line was wrapped or this one starts
  // lower-case; a blank line always ends a paragraph. In Tika text every line is a paragraph.
  bool continues_paragraph(const std::string& content) const {
    return dialect_ == Dialect::Pdf && state_.mode == Mode::Paragraph &&
           (line_was_wrapped(last_prose_line_, text::length(last_prose_line_)) ||
            text::starts_with_lower(content));
  }

  void add_prose(const std::string& content, const SourceLocation& where) {
    Section& s = sec(current_);
    unplaced_run_ = 0;
    bool join = continues_paragraph(content);
    last_prose_line_ = content;
    on(Event::Prose);
    if (s.kind == SectionKind::Glossary) {
      if (join && !s.entries.empty())
        text::append_wrapped(s.entries.back().definition, content);
      else
        s.entries.push_back(split_glossary_line(content, where));
    } else if (join && !s.paragraphs.empty()) {
      text::append_wrapped(s.paragraphs.back(), content);
    } else {
      s.paragraphs.push_back(content);
      s.paragraph_locations.push_back(where);
    }
  }

  static std::string strip_quotes(std::string term) {
    for (const char* q : {"\"", "'", "\u201C", "\u201D", "\u2018", "\u2019"}) {
      std::string quote(q);
      if (term.starts_with(quote)) term.erase(0, quote.size());
      if (term.ends_with(quote)) term.erase(term.size() - quote.size());
    }
    return term;
  }

  // "Term definition": the term ends at a tab-made gap, a colon or dash, or where a capitalised word
  // starts the definition ("Carer Any person who ..."); otherwise it cannot be told apart.
  static GlossaryEntry split_glossary_line(const std::string& line, const SourceLocation& where) {
    GlossaryEntry e;
    e.location = where;
    for (const char* sep : {": ", " – ", " - ", " — "}) {
      auto pos = line.find(sep);
      if (pos != std::string::npos && pos > 0 && pos < 60) {
        e.term = line.substr(0, pos);
        e.definition = text::clean(line.substr(pos + std::string(sep).size()));
        return e;
      }
    }
    std::size_t start = 0;
    int word = 0;
    while (start < line.size()) {
      std::size_t space = line.find(' ', start);
      if (space == std::string::npos) break;
      std::size_t next = space + 1;
      ++word;
      if (word <= 4 && text::starts_with_upper(line.substr(next))) {
        e.term = strip_quotes(line.substr(0, space));
        e.definition = line.substr(next);
        return e;
      }
      if (word > 4) break;
      start = next;
    }
    e.definition = line;
    return e;
  }

  void finish() {
    flush_headings();
    for (std::size_t k = 0; k < doc_.metadata.size(); ++k) {
      MetadataField& f = doc_.metadata[k];
      const auto& spec = grammar_.metadata[k];
      if (!spec.list_separator || !f.value) continue;
      std::string value = *f.value;
      f.value.reset();
      std::size_t start = 0;
      while (start <= value.size()) {
        std::size_t end = value.find(*spec.list_separator, start);
        if (end == std::string::npos) end = value.size();
        std::string part = text::clean(value.substr(start, end - start));
        if (!part.empty()) f.values.push_back(part);
        start = end + spec.list_separator->size();
      }
    }
  }

  const Grammar& grammar_;
  const CompiledPatterns& patterns_;
  ChunkedQueue<Token> tokens_;  ///< released behind the token being placed
  std::vector<bool> skip_;
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> last_label_;  ///< per section, the index of its last label token, or kNone
  Document doc_;

  int current_ = -1;  ///< section receiving content; -1 before the first or after a structural heading
  int meta_ = -1;     ///< metadata field receiving its value
  parser::State state_;
  Dialect dialect_ = Dialect::Tika;
  std::size_t wrap_width_ = 0;
  std::size_t last_width_ = 0;
  std::string last_text_;
  std::string last_prose_line_;
  std::size_t unplaced_run_ = 0;  ///< unplaced entries since content was last placed
  std::vector<PendingHeading> pending_headings_;
  std::vector<std::string> pending_bookmarks_;
  std::vector<Strategy> strategies_;  ///< in the grammar's placement order
};

Document parse_tokens(const Source& source, ChunkedQueue<Token> tokens, const Grammar& grammar) {
  Document doc = SectionParser(source, std::move(tokens), grammar).run();
  take_head_from_page_headers(doc, source, grammar);
  return doc;
}

}  // namespace

Document parse(const Source& source, const Grammar& grammar) {
  // One stage to a statement: an argument is freed only where the statement that passes it ends.
  ChunkedQueue<Token> tokens = tokenize(prepass::run(source.lines, grammar), grammar);
  return parse_tokens(source, std::move(tokens), grammar);
}

Document parse(Source&& source, const Grammar& grammar) {
  // Each copy of a line goes as soon as the next stage has its own, which matters for a file of many
  // short lines: the reader's lines as the pre-pass reads them, the pre-pass's as their tokens are made,
  // the tokens as the model takes them. Each stage is a statement of its own, since an argument is freed
  // only where its statement ends.
  ChunkedQueue<Token> tokens = tokenize(prepass::run(std::move(source.lines), grammar), grammar);
  return parse_tokens(source, std::move(tokens), grammar);
}

}  // namespace nos
