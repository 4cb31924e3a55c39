#include "prepass/prepass.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include "grammar/patterns.hpp"
#include "util/text.hpp"

namespace nos::prepass {

namespace {

/// The head is among the first lines; a document-sharing site may print its own lines before it.
constexpr std::size_t kHeadLines = 6;
/// A page number printed after a running header has at most this many digits.
constexpr std::size_t kPageNumberDigits = 3;
/// An item marker ("PC 12", "KU3.") holds a digit within its first bytes; only there are the item
/// patterns tried, which keeps the scan of long lines cheap.
constexpr std::size_t kMarkerDigitWithin = 4;
/// Longest line that can hold only an item marker, white space included.
constexpr std::size_t kMaxBareMarker = 16;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\r'; }

/// The part of `line` between bytes `begin` and `end`, trimmed, at its own column.
SourceLine piece_of(const SourceLine& line, std::size_t begin, std::size_t end) {
  while (begin < end && is_space(line.text[begin])) ++begin;
  while (end > begin && is_space(line.text[end - 1])) --end;
  SourceLine piece{line.text.substr(begin, end - begin), line.location};
  int base = std::max(line.location.column, 1) - 1;
  piece.location.column = base + text::column_of(line.text, begin);
  piece.location.end_column = base + text::column_of(line.text, end);
  return piece;
}

/// Appends the piece of `line` between `begin` and `end` when it holds anything but white space.
void push_piece(std::vector<SourceLine>& out, const SourceLine& line, std::size_t begin, std::size_t end) {
  SourceLine piece = piece_of(line, begin, end);
  if (!piece.text.empty()) out.push_back(std::move(piece));
}

bool is_label(const std::string& text, const CompiledPatterns& p) {
  const LabelRef* ref = find_label(text, p);
  return ref && ref->kind != LabelRef::Kind::Metadata;
}

/// An item number standing at the start of `text`: its family ("P", "K"; "" for a plain "3."), value,
/// and the byte length of the marker without the spaces after it.
struct Marker {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string family;
  int number = 0;
  int section = -1;
};

bool read_number(re2::StringPiece digits, std::string_view text, int& value) {
  if (digits.data() == nullptr) return false;
  const char* after = digits.data() + digits.size();
  if (after < text.data() + text.size() && *after >= '0' && *after <= '9') return false;
  auto [end, ec] = std::from_chars(digits.data(), after, value);
  return ec == std::errc() && end == after;
}

/// The marker at byte `at` of `text`, when one stands there and is followed by white space or the end.
std::optional<Marker> marker_at(std::string_view text, std::size_t at, const CompiledPatterns& p) {
  auto try_pattern = [&](const RE2& re, const std::string& family, int section) -> std::optional<Marker> {
    re2::StringPiece in(text.data() + at, text.size() - at);
    re2::StringPiece digits;
    int value = 0;
    if (!RE2::Consume(&in, re, &digits) || !read_number(digits, text, value)) return std::nullopt;
    std::size_t end = static_cast<std::size_t>(in.data() - text.data());
    std::size_t mark_end = end;
    while (mark_end > at && is_space(text[mark_end - 1])) --mark_end;
    if (mark_end == end && end < text.size()) return std::nullopt;  // "P1text": no marker
    return Marker{at, mark_end, family, value, section};
  };
  for (const auto& item : p.items)
    if (auto m = try_pattern(*item.re, item.id, item.section)) return m;
  return try_pattern(*p.plain_item, "", -1);
}

/// The marker that is a line's whole text ("P3", "12."), if it is one.
std::optional<Marker> bare_marker(const std::string& line, const CompiledPatterns& p) {
  // Every item pattern captures digits: a line without one (blank lines too) is no marker.
  if (line.size() > kMaxBareMarker || !text::has_digit(line)) return std::nullopt;
  std::string cleaned = text::clean(line);
  auto m = marker_at(cleaned, 0, p);
  if (m && m->end == cleaned.size()) return m;
  return std::nullopt;
}

std::string first_word(const std::string& s) { return text::lower(s.substr(0, s.find(' '))); }

std::string last_word(const std::string& s) {
  auto space = s.find_last_of(' ');
  return text::lower(space == std::string::npos ? s : s.substr(space + 1));
}

/// True when a line ends mid-phrase ("and", "when", a comma), so the text it belongs to goes on.
bool ends_mid_phrase(const std::string& line, const CompiledPatterns& p) {
  std::string last = last_word(line);
  return line.empty() || p.continuation_endings.count(last) > 0 || p.continuation_starts.count(last) > 0 ||
         p.continuation_endings.count(std::string(1, line.back())) > 0;
}

/// Case-insensitive search for `needle` (lower case) at a word start in `text`, from byte `from`.
std::size_t find_word(const std::string& lowered, const std::string& needle, std::size_t from) {
  for (std::size_t at = lowered.find(needle, from); at != std::string::npos;
       at = lowered.find(needle, at + 1))
    if (at == 0 || is_space(lowered[at - 1])) return at;
  return std::string::npos;
}

/// True when the running header's title stands inside `s` with more text around it.
bool holds_title(const std::string& s, const RunningHeader& header) {
  return !header.title.empty() && s.size() > header.title.size() && s.find(header.title) != std::string::npos;
}

/// True when an item marker may stand at byte `at` of `s`: at a word start, with a digit soon after.
bool marker_candidate(std::string_view s, std::size_t at) {
  if (at > 0 && !is_space(s[at - 1])) return false;
  return text::has_digit(s.substr(at, kMarkerDigitWithin));
}

/// True when a marker may stand after the start of `s`, so that split_items could cut it.
bool may_split(std::string_view s) {
  for (std::size_t at = 1; at < s.size(); ++at)
    if (is_space(s[at - 1]) && marker_candidate(s, at)) return true;
  return false;
}

}  // namespace

RunningHeader find_running_header(const std::vector<SourceLine>& lines, const Grammar& grammar) {
  const CompiledPatterns& p = grammar.patterns();
  std::vector<std::string> head;
  for (const auto& line : lines) {
    std::string cleaned = text::clean(line.text);
    if (!cleaned.empty()) head.push_back(std::move(cleaned));
    if (head.size() > kHeadLines) break;
  }
  for (std::size_t i = 0; i + 1 < head.size(); ++i) {
    if (!RE2::FullMatch(head[i], *p.urn)) continue;
    if (is_label(head[i + 1], p) || bare_marker(head[i + 1], p)) return {};
    return {head[i], head[i + 1]};
  }
  return {};
}

std::vector<SourceLine> remove_furniture(const SourceLine& line, const RunningHeader& header) {
  const std::string& s = line.text;
  const std::string& title = header.title;
  if (!holds_title(s, header)) return {line};
  auto skip_spaces = [&](std::size_t at) {
    while (at < s.size() && is_space(s[at])) ++at;
    return at;
  };
  std::vector<SourceLine> out;
  std::size_t start = 0;
  for (std::size_t at = s.find(title); at != std::string::npos; at = s.find(title, at + 1)) {
    // A running header is the title printed twice, or once with the page number after it; the title
    // alone inside running text is not one.
    std::size_t end = at + title.size();
    int copies = 1;
    while (s.compare(skip_spaces(end), title.size(), title) == 0) {
      end = skip_spaces(end) + title.size();
      ++copies;
    }
    std::size_t digits = skip_spaces(end), number_end = digits;
    while (number_end < s.size() && s[number_end] >= '0' && s[number_end] <= '9') ++number_end;
    bool page_number = number_end > digits && number_end - digits <= kPageNumberDigits &&
                       (number_end == s.size() || is_space(s[number_end]));
    if (copies < 2 && !page_number) continue;
    // "URN title": the URN printed just before the title belongs to the same header.
    std::size_t cut = at, before = at;
    while (before > start && is_space(s[before - 1])) --before;
    if (!header.urn.empty() && before >= start + header.urn.size() &&
        s.compare(before - header.urn.size(), header.urn.size(), header.urn) == 0)
      cut = before - header.urn.size();
    push_piece(out, line, start, cut);
    start = page_number ? number_end : end;
    at = start - 1;
  }
  if (start == 0) return {line};
  push_piece(out, line, start, s.size());
  return out;
}

std::vector<SourceLine> split_labels(const SourceLine& piece, const Grammar& grammar) {
  const CompiledPatterns& p = grammar.patterns();
  std::vector<SourceLine> out;
  std::string lowered = text::lower(piece.text);
  // Stems anywhere, where a colon closes them ("… in the sector You need to know and understand: …").
  std::vector<std::pair<std::size_t, std::size_t>> cuts;  // [begin, end) of each stem
  for (const auto& [label, ref] : p.inline_labels) {
    if (ref.kind != LabelRef::Kind::Stem) continue;
    std::string needle = label + ":";
    for (std::size_t at = find_word(lowered, needle, 0); at != std::string::npos;
         at = find_word(lowered, needle, at + needle.size())) {
      bool inside = std::any_of(cuts.begin(), cuts.end(),
                                [&](const auto& c) { return at < c.second && at + needle.size() > c.first; });
      if (!inside) cuts.emplace_back(at, at + needle.size());
    }
  }
  std::sort(cuts.begin(), cuts.end());
  std::size_t start = 0;
  auto labels_at_start = [&](std::size_t begin, std::size_t end) {
    // A section label, then perhaps a stem, at the start of the piece: "Performance criteria You must …".
    for (bool found = true; found && begin < end;) {
      found = false;
      for (const auto& [label, ref] : p.inline_labels) {
        if (ref.kind == LabelRef::Kind::Metadata || begin + label.size() > end) continue;
        if (lowered.compare(begin, label.size(), label) != 0) continue;
        std::size_t after = begin + label.size();
        if (after < end && lowered[after] == ':') ++after;
        if (after < end && !is_space(lowered[after])) continue;
        push_piece(out, piece, begin, after);
        begin = after;
        while (begin < end && is_space(lowered[begin])) ++begin;
        found = true;
        break;
      }
    }
    push_piece(out, piece, begin, end);
  };
  for (const auto& [begin, end] : cuts) {
    labels_at_start(start, begin);
    push_piece(out, piece, begin, end);
    start = end;
  }
  labels_at_start(start, piece.text.size());
  return out;
}

std::vector<SourceLine> split_items(const SourceLine& piece, const Grammar& grammar,
                                    ItemSequences& sequences) {
  const CompiledPatterns& p = grammar.patterns();
  const std::string& s = piece.text;
  std::vector<Marker> found;
  for (std::size_t at = 0; at < s.size(); ++at)
    if (marker_candidate(s, at))
      if (auto m = marker_at(s, at, p)) found.push_back(*m);
  // The markers that continue a sequence: one that goes on from the last number of its family, starts
  // at 1 or at the start of the piece, or is followed by its successor; then each next number.
  std::vector<Marker> chosen;
  for (std::size_t k = 0; k < found.size(); ++k) {
    const Marker& m = found[k];
    if (!chosen.empty()) {
      if (m.family == chosen.back().family && m.number == chosen.back().number + 1) chosen.push_back(m);
      continue;
    }
    bool successor =
        std::any_of(found.begin() + static_cast<std::ptrdiff_t>(k) + 1, found.end(),
                    [&](const Marker& n) { return n.family == m.family && n.number == m.number + 1; });
    auto last = sequences.last.find(m.family);
    bool continues = last != sequences.last.end() && m.number == last->second + 1;
    if (successor || continues || m.begin == 0) chosen.push_back(m);
  }
  if (chosen.empty()) return {piece};
  sequences.last[chosen.front().family] = chosen.back().number;
  std::vector<SourceLine> out;
  bool numbers_after = chosen.front().begin > 0 && chosen.back().end == s.size();
  if (numbers_after) {
    std::size_t start = 0;
    for (const auto& m : chosen) {
      SourceLine item = piece_of(piece, start, m.begin);
      item.text = s.substr(m.begin, m.end - m.begin) + " " + item.text;
      out.push_back(std::move(item));
      start = m.end;
    }
    return out;
  }
  push_piece(out, piece, 0, chosen.front().begin);
  for (std::size_t k = 0; k < chosen.size(); ++k)
    push_piece(out, piece, chosen[k].begin, k + 1 < chosen.size() ? chosen[k + 1].begin : s.size());
  return out;
}

std::vector<SourceLine> pair_number_columns(std::vector<SourceLine> lines, const Grammar& grammar) {
  const CompiledPatterns& p = grammar.patterns();
  std::vector<SourceLine> out;
  std::size_t i = 0;
  while (i < lines.size()) {
    // A run of at least two consecutive bare numbers.
    std::vector<std::pair<std::size_t, Marker>> numbers;
    for (std::size_t k = i; k < lines.size(); ++k) {
      auto m = bare_marker(lines[k].text, p);
      if (!m || (!numbers.empty() && (m->family != numbers.back().second.family ||
                                      m->number != numbers.back().second.number + 1)))
        break;
      numbers.emplace_back(k, *m);
    }
    if (numbers.size() < 2) {
      out.push_back(std::move(lines[i++]));  // never looked at again: the scan only goes forward
      continue;
    }
    // The texts after it, up to a blank line, a label or another number.
    std::size_t first = numbers.back().first + 1;
    std::vector<std::string> texts;
    std::size_t end = first;
    for (; end < lines.size(); ++end) {
      std::string cleaned = text::clean(lines[end].text);
      if (cleaned.empty() || is_label(cleaned, p) || bare_marker(cleaned, p)) break;
      texts.push_back(std::move(cleaned));
    }
    std::size_t heading = texts.size();
    if (texts.size() >= 2 && end < lines.size() && !text::clean(lines[end].text).empty() &&
        text::starts_with_upper(texts.back()) && text::starts_with_lower(texts.front()) &&
        !ends_mid_phrase(texts[texts.size() - 2], p))
      heading = texts.size() - 1;
    // Where each text ends: after the lines shortest for the column, never mid-phrase.
    std::size_t width = 0;
    for (std::size_t k = 0; k < heading; ++k) width = std::max(width, text::length(texts[k]));
    std::vector<std::pair<long, std::size_t>> breaks;  // score, line after which a text ends
    for (std::size_t k = 0; k + 1 < heading; ++k) {
      if (ends_mid_phrase(texts[k], p)) continue;
      long score = static_cast<long>(width) - static_cast<long>(text::length(texts[k]));
      if (p.continuation_starts.count(first_word(texts[k + 1]))) score -= static_cast<long>(width / 2);
      breaks.emplace_back(score, k);
    }
    std::stable_sort(breaks.begin(), breaks.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::size_t wanted = std::min(numbers.size() - 1, breaks.size());
    std::vector<std::size_t> ends;
    for (std::size_t k = 0; k < wanted; ++k) ends.push_back(breaks[k].second);
    std::sort(ends.begin(), ends.end());
    if (heading > 0) ends.push_back(heading - 1);
    std::size_t line = first;
    for (std::size_t n = 0; n < numbers.size(); ++n) {
      const SourceLine& number = lines[numbers[n].first];
      if (n >= ends.size()) {
        out.push_back(number);
        continue;
      }
      std::size_t last = first + ends[n];
      SourceLine item = lines[line];
      std::string joined;
      for (std::size_t k = line; k <= last; ++k) joined = text::join_wrapped(joined, texts[k - first]);
      item.text = text::clean(number.text) + " " + joined;
      out.push_back(std::move(item));
      line = last + 1;
    }
    i = line;
  }
  return out;
}

std::vector<SourceLine> run(const std::vector<SourceLine>& lines, const Grammar& grammar) {
  const CompiledPatterns& p = grammar.patterns();
  RunningHeader header = find_running_header(lines, grammar);
  std::vector<SourceLine> out;
  out.reserve(lines.size());
  ItemSequences sequences;
  bool in_items = true;  // before any label, numbers may open the criteria
  for (const auto& line : lines) {
    // Most lines hold neither a running header nor a marker after their start: they pass as they are.
    bool furniture = holds_title(line.text, header);
    if (!furniture && !may_split(line.text)) {
      out.push_back(line);
      continue;
    }
    std::vector<SourceLine> pieces = remove_furniture(line, header);
    bool flattened = pieces.size() != 1 || pieces.front().text != line.text;
    if (!flattened) {
      ItemSequences probe = sequences;
      flattened = split_items(line, grammar, probe).size() >= 2;
    }
    if (!flattened) {
      out.push_back(line);
      continue;
    }
    for (const auto& piece : pieces) {
      for (auto& part : split_labels(piece, grammar)) {
        const LabelRef* label = find_label(part.text, p);
        if (label && label->index >= 0 && label->kind != LabelRef::Kind::Metadata) {
          in_items = grammar.sections[static_cast<std::size_t>(label->index)].kind == SectionKind::Items;
          out.push_back(std::move(part));
          continue;
        }
        if (!in_items) {
          out.push_back(std::move(part));
          continue;
        }
        for (auto& item : split_items(part, grammar, sequences)) out.push_back(std::move(item));
      }
    }
  }
  return pair_number_columns(std::move(out), grammar);
}

}  // namespace nos::prepass
