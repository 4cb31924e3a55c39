#include "tokenizer/tokenizer.hpp"

#include <algorithm>
#include <charconv>

#include "util/text.hpp"

namespace nos {

namespace {

/// Longest Tika marker looked for: "[bookmark: NAME]" (a Word bookmark name has at most 40 characters),
/// "[image: NAME]", "[footnoteRef: N]".
constexpr std::size_t kMaxMarkerBytes = 512;

// Removes Tika markers from a raw line, collecting bookmark names, and returns the remaining text.
// `lead_column` receives the column (in the raw line) where the first real character stands.
std::string strip_markers(const std::string& raw, const CompiledPatterns& p,
                          std::vector<std::string>& bookmarks, std::size_t& leading, int& lead_column) {
  std::string out;
  out.reserve(raw.size());
  lead_column = 0;
  re2::StringPiece input(raw);
  std::size_t pos = 0;
  while (pos < raw.size()) {
    std::size_t next = raw.find('[', pos);
    if (next == std::string::npos) next = raw.size();
    // Copy text up to the next '[' and note where the first visible character is; once it is known,
    // the rest is copied whole.
    for (std::size_t i = pos; i < next;) {
      if (lead_column != 0) {
        out.append(raw, i, next - i);
        break;
      }
      std::size_t len;
      bool space = text::space_at(raw, i, len);
      if (!space && lead_column == 0) lead_column = text::column_of(raw, i);
      out.append(raw, i, len);
      i += len;
    }
    if (next >= raw.size()) break;
    // A marker is short; trying each '[' against the rest of a long line would be quadratic.
    std::size_t window = std::min(raw.size() - next, kMaxMarkerBytes);
    re2::StringPiece rest(raw.data() + next, window);
    re2::StringPiece name;
    std::size_t consumed = 0;
    if (RE2::Consume(&rest, *p.bookmark, &name)) {
      bookmarks.emplace_back(name.data(), name.size());
      if (lead_column == 0) leading = bookmarks.size();
      consumed = static_cast<std::size_t>(rest.data() - (raw.data() + next));
    } else {
      for (const auto& other : p.other_markers) {
        re2::StringPiece r(raw.data() + next, window);
        if (RE2::Consume(&r, *other)) {
          consumed = static_cast<std::size_t>(r.data() - (raw.data() + next));
          break;
        }
      }
    }
    if (consumed == 0) {
      if (lead_column == 0) lead_column = text::column_of(raw, next);
      out.push_back('[');
      consumed = 1;
    }
    pos = next + consumed;
  }
  if (lead_column == 0) lead_column = 1;
  return out;
}

// The item number group 1 of a pattern captured from `line`. A user's grammar may capture something
// else, too many digits, or nothing (an optional group). A digit right after it means the pattern took
// only the start of a longer number ("P1000" under P(\d{1,3})): that is no item number, not P100.
bool parse_number(re2::StringPiece digits, std::string_view line, int& value) {
  if (digits.data() == nullptr) return false;  // the group took no part in the match
  const char* after = digits.data() + digits.size();
  if (after < line.data() + line.size() && *after >= '0' && *after <= '9') return false;
  auto [end, ec] = std::from_chars(digits.data(), after, value);
  return ec == std::errc() && end == after && value >= 0;
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() <= 4 && s.find_first_not_of("0123456789") == std::string::npos;
}

// True when `s` starts with `prefix` (lower case) in any ASCII case, as text::lower(s) would.
bool starts_with_lowered(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (text::lower_ascii(s[i]) != prefix[i]) return false;
  return true;
}

// Matches "label" or "label: rest" (and, for stems and metadata, "label rest") at the start of `cleaned`.
const LabelRef* match_label(const std::string& cleaned, const CompiledPatterns& p, Token& t) {
  // Each way below needs the line to start with a label's first word.
  if (!p.label_first_words.may_start(cleaned)) return nullptr;
  if (const LabelRef* ref = find_label_past_first_word(cleaned, p)) {
    t.extras_to_fill().label_text = cleaned;
    return ref;
  }
  for (const auto& [label, ref] : p.inline_labels) {
    if (cleaned.size() <= label.size() || label[0] != text::lower_ascii(cleaned[0]) ||
        !starts_with_lowered(cleaned, label))
      continue;
    std::size_t after = label.size();
    char sep = cleaned[after];
    if (sep != ':' && sep != ' ') continue;
    std::size_t start = after;
    while (start < cleaned.size() && (cleaned[start] == ':' || cleaned[start] == ' ')) ++start;
    if (start >= cleaned.size()) continue;
    std::string rest = cleaned.substr(start);
    bool spaced = sep != ':';
    // "Overview This standard is about …" (PDF text that put a label and its first line side by side):
    // a section label shares its line only with text that starts a sentence, and only a label that
    // could not open ordinary prose (several words, or "Overview").
    if (spaced && (ref.kind == LabelRef::Kind::Section || ref.kind == LabelRef::Kind::Structural)) {
      bool opens_sentence = text::starts_with_upper(rest) || (rest[0] >= '0' && rest[0] <= '9');
      bool distinctive = label.find(' ') != std::string::npos || label == "overview";
      if (!opens_sentence || !distinctive) continue;
    }
    if (ref.kind == LabelRef::Kind::Metadata && spaced && label.find(' ') == std::string::npos) {
      // "Status Original": a one-word label is only a candidate; the parser accepts it inside the
      // metadata block.
      TokenExtras& extras = t.extras_to_fill();
      extras.inline_metadata = ref;
      extras.inline_metadata_rest = std::move(rest);
      return nullptr;
    }
    TokenExtras& extras = t.extras_to_fill();
    extras.label_text = cleaned.substr(0, after + (sep == ':' ? 1 : 0));
    extras.rest = std::move(rest);
    return &ref;
  }
  // "Overview: text" for any label, when the colon makes the intent plain.
  if (auto colon = cleaned.find(':'); colon != std::string::npos && colon + 1 < cleaned.size()) {
    // A colon ends a word, so the text before it keeps the first word `cleaned` was asked about.
    if (const LabelRef* ref = find_label_past_first_word(std::string_view(cleaned).substr(0, colon), p)) {
      TokenExtras& extras = t.extras_to_fill();
      extras.label_text = cleaned.substr(0, colon + 1);
      extras.rest = text::clean(cleaned.substr(colon + 1));
      return extras.rest.empty() ? nullptr : ref;
    }
  }
  return nullptr;
}

// Where the text after an item's number starts, in a line that is clean already: only a leading space to
// take off.
std::size_t text_start(const std::string& cleaned, re2::StringPiece rest) {
  std::size_t start = static_cast<std::size_t>(rest.data() - cleaned.data());
  return rest.starts_with(" ") ? start + 1 : start;
}

// An item: a line that opens with an item pattern's number. Every pattern captures the number's digits,
// so a line without a digit is none, and the patterns are not tried on it.
bool read_item(std::string& cleaned, const CompiledPatterns& p, Token& t) {
  if (!text::has_digit(cleaned)) return false;
  re2::StringPiece number;
  for (const auto& item : p.items) {
    if (!item.first.may_start(cleaned)) continue;
    re2::StringPiece in(cleaned);
    int value = 0;
    if (RE2::Consume(&in, *item.re, &number) && parse_number(number, cleaned, value)) {
      std::size_t start = text_start(cleaned, in);
      t.set_item(std::move(cleaned), start, value, &item - p.items.data());
      return true;
    }
  }
  re2::StringPiece in(cleaned);
  int value = 0;
  if (p.plain_item_first.may_start(cleaned) && RE2::Consume(&in, *p.plain_item, &number) &&
      parse_number(number, cleaned, value)) {
    std::size_t start = text_start(cleaned, in);
    t.set_item(std::move(cleaned), start, value, -1);
    return true;
  }
  return false;
}

// Classifies already-cleaned text (no markers) as an item or text, into `t`.
void classify_text(std::string cleaned, const CompiledPatterns& p, Token& t) {
  t.set_width(text::length(cleaned));
  if (read_item(cleaned, p, t)) return;
  t.kind = TokenKind::Text;
  t.bare_integer = all_digits(cleaned);
  for (const auto& cue : p.cues)
    if (starts_with_lowered(cleaned, cue.text)) t.extras_to_fill().cue_sections.push_back(cue.section);
  for (const auto& cue : p.cue_patterns)
    if (cue.first.may_start(cleaned) && RE2::FullMatch(cleaned, *cue.re))
      t.extras_to_fill().cue_sections.push_back(cue.section);
  t.set_text(std::move(cleaned));
}

// Tokenizes one line into `t`, which the caller made in place: a token is large, and moving it costs.
void read_line(const SourceLine& line, const CompiledPatterns& p, Token& t) {
  t.location = line.location;
  int lead_column = 1;
  bool marked = line.text.find('[') != std::string::npos;
  std::vector<std::string> bookmarks;
  std::size_t leading_bookmarks = 0;
  std::string cleaned =
      marked ? text::clean(strip_markers(line.text, p, bookmarks, leading_bookmarks, lead_column))
             : text::clean(line.text);
  if (!bookmarks.empty()) {
    TokenExtras& extras = t.extras_to_fill();
    extras.bookmarks = std::move(bookmarks);
    extras.leading_bookmarks = leading_bookmarks;
  }
  if (!marked) {
    std::size_t i = 0, len = 0;
    while (i < line.text.size() && text::space_at(line.text, i, len)) i += len;
    lead_column = text::column_of(line.text, i);
  }
  // A piece the pre-pass cut from a longer line counts its columns from where the piece starts.
  t.location.column = std::max(line.location.column, 1) - 1 + lead_column;
  t.page_break = line.text.find('\f') != std::string::npos;
  t.indented = !line.text.empty() && (line.text[0] == ' ' || line.text[0] == '\t');
  t.heading_format = line.heading_format;
  for (char c : line.text) {
    if (c == '\t') t.cell_start = true;
    if (c != ' ' && c != '\t') break;
  }
  if (cleaned.empty()) {
    t.kind = t.extras().bookmarks.empty() ? TokenKind::Blank : TokenKind::Marker;
    return;
  }
  if (const LabelRef* label = match_label(cleaned, p, t)) {
    t.set_width(text::length(cleaned));
    t.set_label(*label, std::move(cleaned));
    return;
  }
  classify_text(std::move(cleaned), p, t);
}

}  // namespace

void Token::set_width(std::size_t width) { set_narrow(width_, &TokenExtras::width, width); }

void Token::set_item(std::string line, std::size_t text_start, int number, std::ptrdiff_t pattern) {
  kind = TokenKind::Item;
  value_ = number;
  set_narrow(item_pattern_, &TokenExtras::item_pattern, static_cast<std::size_t>(pattern + 1));
  if (text_start <= UINT16_MAX) {
    text_offset_ = static_cast<std::uint16_t>(text_start);
  } else {
    // A label longer than the offset holds is kept apart.
    std::string_view label = std::string_view(line).substr(0, text_start);
    while (label.ends_with(' ')) label.remove_suffix(1);
    extras_to_fill().number_label = label;
    line.erase(0, text_start);
    text_offset_ = 0;
  }
  line_ = std::move(line);
}

void Token::set_label(const LabelRef& ref, std::string line) {
  kind = ref.kind == LabelRef::Kind::Metadata     ? TokenKind::Metadata
         : ref.kind == LabelRef::Kind::Structural ? TokenKind::Structural
                                                  : TokenKind::Label;
  label_kind_ = ref.kind;
  value_ = ref.index;
  set_text(std::move(line));
}

Token tokenize_line(const SourceLine& line, const Grammar& grammar) {
  Token t;
  read_line(line, grammar.patterns(), t);
  return t;
}

Token tokenize_rest(const std::string& rest, const SourceLocation& where, const Grammar& grammar) {
  SourceLine line{.text = rest, .location = where};
  Token t = tokenize_line(line, grammar);
  t.location.column = where.column;
  return t;
}

ChunkedQueue<Token> tokenize(ChunkedQueue<SourceLine> lines, const Grammar& grammar) {
  ChunkedQueue<Token> tokens;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    read_line(lines[i], grammar.patterns(), tokens.emplace_back());
    lines.release_before(i + 1);
  }
  return tokens;
}

}  // namespace nos
