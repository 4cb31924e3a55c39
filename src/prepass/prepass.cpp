#include "prepass/prepass.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <iterator>
#include <limits>
#include <optional>
#include <string_view>
#include <tuple>
#include <utility>

#include "grammar/criterion_verbs.hpp"
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
/// Longest group heading, in words when it ends a flattened piece and in code points on a line.
constexpr std::size_t kMaxHeadingWords = 12;
constexpr std::size_t kMaxHeadingLength = 120;
/// Room for the spaces and colon a label line may hold beyond twice the longest label.
constexpr std::size_t kLabelPadding = 8;
/// Most lines a narrow label column wraps one label over.
constexpr std::size_t kMaxLabelLines = 3;
/// Marks that open a sub-item under a numbered item (web pages print them as text).
constexpr std::string_view kBullets[] = {"•", "◦", "▪", "●", "○", "–", "-"};
/// Most words in a page footer's URN: "SCDHSC0031 v8 141011".
constexpr std::size_t kFooterWords = 3;
/// Fewest words in a text cut out of a column of texts ("hive pests" may be a line of its own).
constexpr std::size_t kMinColumnTextWords = 2;
/// Fewest words in a text cut out of one flattened line: no item there is shorter, and a shorter piece is
/// mostly the object cut off a verb ("what to do when a defect exceeds | your authority").
constexpr std::size_t kMinLineTextWords = 3;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\r'; }

bool is_blank(std::string_view s) { return std::all_of(s.begin(), s.end(), is_space); }

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

/// False when no marker can stand at byte `at` of `text`: none has a digit within its first bytes.
bool may_hold_marker(std::string_view text, std::size_t at) {
  return text::has_digit(text.substr(at, kMarkerDigitWithin));
}

/// What a page prints again: the title, or where the head has none, the URN of a page footer.
const std::string& printed_again(const RunningHeader& header) {
  return header.title.empty() ? header.urn : header.title;
}

/// True when the running header's copy stands inside `s` with more text around it.
bool holds_copy(const std::string& s, const RunningHeader& header) {
  const std::string& copy = printed_again(header);
  return !copy.empty() && s.size() > copy.size() && s.find(copy) != std::string::npos;
}

/// True when a marker may stand after the start of `text` (at a word start), so split_items could cut it:
/// a digit within kMarkerDigitWithin bytes of a word start after byte 0, that is, with white space in
/// the kMarkerDigitWithin bytes before it. Digits are few, so the search goes from digit to digit.
bool may_split(std::string_view text) {
  for (std::size_t at = text::find_digit(text, 1); at != std::string_view::npos;
       at = text::find_digit(text, at + 1)) {
    const std::size_t from = at > kMarkerDigitWithin ? at - kMarkerDigitWithin : 0;
    if (std::any_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                    text.begin() + static_cast<std::ptrdiff_t>(at), is_space))
      return true;
  }
  return false;
}

/// The marker at byte `at` of `text`, when one stands there and is followed by white space or the end.
std::optional<Marker> marker_at(std::string_view text, std::size_t at, const CompiledPatterns& p) {
  auto try_pattern = [&](const RE2& re, const FirstBytes& first, const std::string& family,
                         int section) -> std::optional<Marker> {
    if (!first.may_start(text.substr(at))) return std::nullopt;
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
    if (auto m = try_pattern(*item.re, item.first, item.id, item.section)) return m;
  return try_pattern(*p.plain_item, p.plain_item_first, "", -1);
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

std::string last_word(const std::string& s) {
  auto space = s.find_last_of(' ');
  return text::lower(space == std::string::npos ? s : s.substr(space + 1));
}

/// True when a line ends mid-phrase ("and", "when", a comma), so the text it belongs to goes on.
bool ends_mid_phrase(const std::string& line, const CompiledPatterns& p) {
  std::string last = last_word(line);
  return line.empty() || p.continuation_endings.count(last) > 0 || p.continuation_starts.count(last) > 0 ||
         (std::ispunct(static_cast<unsigned char>(line.back())) &&
          p.continuation_endings.count(std::string(1, line.back())) > 0);  // a comma, not "area"'s "a"
}

/// Case-insensitive search for `needle` (lower case) at a word start in `text`, from byte `from`.
std::size_t find_word(const std::string& lowered, const std::string& needle, std::size_t from) {
  for (std::size_t at = lowered.find(needle, from); at != std::string::npos;
       at = lowered.find(needle, at + 1))
    if (at == 0 || is_space(lowered[at - 1])) return at;
  return std::string::npos;
}

/// Byte range of a word.
struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
};

std::vector<Word> words_in(const std::string& s, std::size_t begin, std::size_t end) {
  std::vector<Word> words;
  for (std::size_t at = begin; at < end;) {
    while (at < end && is_space(s[at])) ++at;
    std::size_t word_end = at;
    while (word_end < end && !is_space(s[word_end])) ++word_end;
    if (word_end > at) words.push_back({at, word_end});
    at = word_end;
  }
  return words;
}

/// The most boundaries chosen together between the texts of one run; past it they are taken in order.
constexpr std::size_t kMaxBoundaryChoices = 1u << 20;

/// A word where a text may start, and how strongly (the larger, the stronger the evidence).
struct Boundary {
  std::size_t word = 0;
  int strength = 0;
};

/// Chooses up to `wanted` of `candidates` (in word order) as the starts of texts between word 0 and
/// word `end`, each text at least `min_words` long: as many as can be, the strongest, and among
/// those the ones that make the texts' lengths most even (the smallest sum of squared lengths).
std::vector<std::size_t> choose_boundaries(const std::vector<Boundary>& candidates, std::size_t wanted,
                                           std::size_t end, std::size_t min_words) {
  const std::size_t n = candidates.size();
  std::vector<std::size_t> chosen;
  if (wanted == 0 || n == 0) return chosen;
  if (n * n * wanted > kMaxBoundaryChoices) {
    for (const auto& c : candidates)
      if (chosen.size() < wanted && c.word >= (chosen.empty() ? 0 : chosen.back()) + min_words &&
          end - c.word >= min_words)
        chosen.push_back(c.word);
    return chosen;
  }
  // best[j][i]: the best score of j + 1 starts, the last at candidate i; score: strength, then -sum².
  // kNone, below any score a choice can have, marks no such choice.
  using Score = std::pair<long, long>;
  constexpr Score kNone{std::numeric_limits<long>::min(), std::numeric_limits<long>::min()};
  auto square = [](std::size_t x) { return static_cast<long>(x * x); };
  std::vector<std::vector<Score>> best(wanted, std::vector<Score>(n, kNone));
  std::vector<std::vector<std::size_t>> from(wanted, std::vector<std::size_t>(n, 0));
  for (std::size_t i = 0; i < n; ++i)
    if (candidates[i].word >= min_words) best[0][i] = {candidates[i].strength, -square(candidates[i].word)};
  for (std::size_t j = 1; j < wanted; ++j)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t k = 0; k < i; ++k) {
        if (best[j - 1][k] == kNone || candidates[i].word - candidates[k].word < min_words) continue;
        Score s{best[j - 1][k].first + candidates[i].strength,
                best[j - 1][k].second - square(candidates[i].word - candidates[k].word)};
        if (s > best[j][i]) {
          best[j][i] = s;
          from[j][i] = k;
        }
      }
  for (std::size_t j = wanted; j-- > 0;) {
    std::optional<std::size_t> last;
    Score top = kNone;
    for (std::size_t i = 0; i < n; ++i) {
      if (best[j][i] == kNone || end - candidates[i].word < min_words) continue;
      Score s{best[j][i].first, best[j][i].second - square(end - candidates[i].word)};
      if (s > top) {
        top = s;
        last = i;
      }
    }
    if (!last) continue;
    for (std::size_t k = j + 1, i = *last; k-- > 0; i = from[k][i]) chosen.push_back(candidates[i].word);
    std::reverse(chosen.begin(), chosen.end());
    return chosen;
  }
  return chosen;
}

/// Which texts a run of numbers may hold: criteria, knowledge items, or (plain numbers) either.
struct TextKinds {
  bool criteria = true;
  bool knowledge = true;
};

TextKinds text_kinds(int section, const Grammar& grammar) {
  bool criteria = section < 0 ||
                  criterion_verbs().sections.count(grammar.sections[static_cast<std::size_t>(section)].key);
  return {criteria, section < 0 || !criteria};
}

/// How strongly `rest` (a text from word `w` on) looks like the start of a criterion or knowledge item:
/// 2 for a criterion's verb, 1 for a verb followed by a word that makes it a noun ("support is
/// available") or for a knowledge item's opening word, 0 for any other word that may open a text, -1 for
/// a word that goes on from the one before it ("and", "of").
int opening_strength(std::string_view rest, TextKinds kinds, const CompiledPatterns& p) {
  const CriterionVerbs& verbs = criterion_verbs();
  auto is_verb = [&](std::string_view w) { return verbs.is_verb(w); };
  std::string first = opening_word(rest);
  if (kinds.criteria && opens_with_verb(rest, is_verb, verbs.conditions)) {
    std::string_view after = rest.substr(std::min(rest.size(), rest.find(' ')));
    while (!after.empty() && is_space(after.front())) after.remove_prefix(1);
    // A criterion's verb takes an object, not another verb ("sheds | water clear away").
    std::string next = after.empty() ? std::string() : opening_word(after);
    return verbs.noun_signs.count(next) || verbs.is_verb(next) ? 1 : 2;
  }
  if (kinds.knowledge && verbs.knowledge_openers.count(first)) return 1;
  return p.continuation_starts.count(first) ? -1 : 0;
}

/// The first word of a group heading closing the lower-case text `words` of a flattened line ("rest the
/// dough under chilled conditions Laminate and shape"), words.size() when none: a capitalised phrase in
/// lower case after its first word, itself not the text's first word, whose first word does not go on
/// from the one before it. A capital after a word that leaves a phrase open ("the Code of Practice"), or
/// one followed by more ("money Laundering and Countering Terrorist Financing"), names something.
std::size_t closing_heading(std::string_view s, const std::vector<Word>& words, const CompiledPatterns& p) {
  auto word = [&](std::size_t w) { return s.substr(words[w].begin, words[w].end - words[w].begin); };
  if (words.empty() || !text::starts_with_lower(word(0))) return words.size();
  for (std::size_t w = words.size() - 1; w > 0 && words.size() - w <= kMaxHeadingWords; --w) {
    if (!text::starts_with_upper(word(w))) continue;
    if (text::starts_with_lower(word(w - 1)) && !ends_mid_phrase(std::string(word(w - 1)), p)) return w;
    break;
  }
  return words.size();
}

/// Appends the group heading between bytes `begin` and `end` of `piece` after a blank line, which sets it
/// apart from the item before it as a heading, not an item that lost its number.
void push_heading(std::vector<SourceLine>& out, const SourceLine& piece, std::size_t begin, std::size_t end) {
  SourceLine heading = piece_of(piece, begin, end);
  out.push_back({"", heading.location});
  out.push_back(std::move(heading));
}

/// How strongly word `w` of `words` (lower case, up to `end`), after a finished phrase, starts a knowledge
/// item that no verb opens, given `strength` from its opening word; none when it cannot start one. An
/// adverb in -ly ends an item ("eat and drink independently | signs …") and a determiner opens a noun
/// phrase ("each | one"); an opening word right after the verb of a clause ("customs that affect | what
/// people eat", "what to do | when") is its object, and a clause opener without "to" ("responsibility |
/// when defects are found") goes on from the noun before it: as weak as any word. A noun phrase opens before
/// its head noun ("infection control procedures"), not at the head ("handling methods for …"), nor at the
/// noun a word in -ing or -ed modifies, nor at the one an indirect question goes on from.
std::optional<int> knowledge_start(const std::vector<std::string>& words, std::size_t w, std::size_t end,
                                   int strength, const CompiledPatterns& p) {
  const CriterionVerbs& verbs = criterion_verbs();
  constexpr int kOpener = 3, kAnyWord = 1, kModified = 0;
  if (verbs.is_adverb(words[w]) || verbs.determiners.count(words[w - 1])) return std::nullopt;
  if (w >= 2 && verbs.determiners.count(words[w]) && verbs.object_words.count(words[w - 2]))
    return std::nullopt;
  // "how to", "what to" open an item even after a verb ("dangerous to fell | how to choose").
  bool to_next = w + 1 < end && words[w + 1] == "to";
  bool object = w >= 2 && verbs.clause_words.count(words[w - 2]) &&
                !(to_next && verbs.knowledge_openers.count(words[w]));
  bool clause = verbs.clause_openers.count(words[w]) && !to_next;
  if (object || clause) strength = std::min(strength, kAnyWord);
  if (verbs.knowledge_heads.count(words[w])) strength = std::min(strength, kAnyWord);
  bool head_next = w + 1 < end && verbs.knowledge_heads.count(words[w + 1]);
  bool head_after = w + 2 < end && verbs.knowledge_heads.count(words[w + 2]) &&
                    !p.continuation_starts.count(words[w + 1]) &&
                    !p.continuation_endings.count(words[w + 1]) && !verbs.is_adverb(words[w + 1]);
  if ((head_next || head_after) && !p.continuation_starts.count(words[w])) strength = kOpener;
  // A word in -ing or -ed after a preposition or conjunction modifies the noun after it ("with restricted
  // | clearance", "in controlling | the fall"); after a determiner it is mostly that noun ("the building"),
  // after a conjunction mostly a noun of a list ("inspection and testing").
  if (w >= 2 && verbs.has_modifier_ending(words[w - 1]) && p.continuation_endings.count(words[w - 2]) &&
      !verbs.determiners.count(words[w - 2]) && !verbs.conjunctions.count(words[w - 2]))
    strength = std::min(strength, kModified);
  // After a conjunction such a word is a noun of a list, but a plain word after it is the noun it
  // modifies ("lookouts and walking | inspections"), unless a head noun follows that word and so opens
  // a phrase of its own ("and testing | safe isolation procedures").
  bool plain = !verbs.knowledge_openers.count(words[w]) && !verbs.has_modifier_ending(words[w]);
  if (plain && w >= 2 && verbs.conjunctions.count(words[w - 2]) && verbs.has_modifier_ending(words[w - 1]) &&
      !head_next && !head_after)
    strength = std::min(strength, kModified);
  // A plain word before a conjunction and a question without "to" is what the question goes on from
  // ("in the dental | surgery and how they are controlled"), while an item often opens with one before
  // "how to" and the like ("hazards and how to report them").
  if (plain && w + 3 < end && verbs.conjunctions.count(words[w + 1]) &&
      verbs.question_words.count(words[w + 2]) && words[w + 3] != "to")
    strength = std::min(strength, kModified);
  return strength;
}

/// True when word `w` of `words` (lower case) follows two verbs joined by a conjunction ("clean and
/// disinfect | work surfaces"): it opens their shared object, not a criterion.
bool shared_object(const std::vector<std::string>& words, std::size_t w) {
  const CriterionVerbs& verbs = criterion_verbs();
  return w >= 3 && verbs.conjunctions.count(words[w - 2]) && verbs.is_verb(words[w - 1]) &&
         verbs.is_verb(words[w - 3]);
}

/// Where the texts after a run of numbers on one line end: the first word of each text after the first,
/// and the first word of a group heading closing the run (words.size() when none). Lower-case texts
/// closed by a capitalised phrase whose first word does not go on from the one before it end in the
/// next group's heading. A text starts where the one before it may end and, in the texts' case, a
/// criterion opens with its verb or a knowledge item with one of its opening words (`section`: the
/// numbers' section, -1 for plain numbers, which may be either). A verb after a word that leaves a
/// phrase open is the weakest evidence, taken only where the others leave texts unfound.
std::pair<std::vector<std::size_t>, std::size_t> text_starts(const std::string& s,
                                                             const std::vector<Word>& words,
                                                             std::size_t count, int section,
                                                             const Grammar& grammar) {
  const CompiledPatterns& p = grammar.patterns();
  auto word = [&](std::size_t w) { return s.substr(words[w].begin, words[w].end - words[w].begin); };
  bool lower = text::starts_with_lower(word(0));
  std::size_t heading = closing_heading(s, words, p);
  TextKinds kinds = text_kinds(section, grammar);
  auto is_determiner = [](const std::string& w) {
    return criterion_verbs().determiners.count(opening_word(w)) > 0;
  };
  std::vector<std::string> words_of;
  words_of.reserve(heading);
  for (std::size_t w = 0; w < heading; ++w) words_of.push_back(opening_word(word(w)));
  std::vector<Boundary> candidates;
  for (std::size_t w = 1; w < heading; ++w) {
    if (text::starts_with_lower(word(w)) != lower) continue;
    std::string_view rest(s.data() + words[w].begin, words[heading - 1].end - words[w].begin);
    int opening = opening_strength(rest, kinds, p);
    // After an open phrase only a criterion's verb may start a text, and more weakly than any word
    // after a finished one ("and | check" is mostly one criterion, "they can | watch" sometimes two).
    // Where the texts are criteria only, a word that is no verb ("respects | the") is weaker still,
    // unless a determiner follows it as a verb's object does ("comfortable | rinse the hair"), and a
    // verb after a determiner is a noun ("the | water").
    bool finished = !ends_mid_phrase(word(w - 1), p);
    if (!kinds.knowledge && shared_object(words_of, w)) {
      candidates.push_back({w, 0});
    } else if (kinds.knowledge && finished && opening < 2) {
      if (auto strength = knowledge_start(words_of, w, heading, 2 * opening + 1, p))
        candidates.push_back({w, *strength});
    } else if (!kinds.knowledge && finished && opening == 0)
      candidates.push_back({w, w + 1 < heading && is_determiner(word(w + 1)) ? 1 : 0});
    else if (!kinds.knowledge && !finished && opening == 2)
      candidates.push_back({w, is_determiner(word(w - 1)) ? 0 : 1});
    else if (finished)
      candidates.push_back({w, 2 * opening + 1});
    else if (opening == 2)
      candidates.push_back({w, 0});
  }
  return {choose_boundaries(candidates, count - 1, heading, kMinLineTextWords), heading};
}

/// The lines of a column of texts after which each of `count` texts ends (the last line ends the last
/// text). A text starts on a line that opens as a criterion or knowledge item does (opening_strength),
/// after a line short for the column (the column wrapped no text there, whatever its last word) or one
/// that does not leave a phrase open; the strongest such starts are taken, one fewer than the numbers.
/// As many lines as numbers hold one text each.
std::vector<std::size_t> text_line_ends(const std::vector<std::string>& texts, std::size_t count, int section,
                                        const Grammar& grammar) {
  const CompiledPatterns& p = grammar.patterns();
  std::vector<std::size_t> ends;
  if (texts.empty()) return ends;
  std::size_t width = 0;
  for (const auto& t : texts) width = std::max(width, text::length(t));
  TextKinds kinds = text_kinds(section, grammar);
  // Candidates are counted in words, so that choose_boundaries evens out the texts' lengths last of all.
  std::vector<std::size_t> first_word_of;
  std::size_t words = 0;
  for (const auto& t : texts) {
    first_word_of.push_back(words);
    words += words_in(t, 0, t.size()).size();
  }
  std::vector<Boundary> candidates;
  for (std::size_t k = 1; k < texts.size(); ++k) {
    int opening = opening_strength(texts[k], kinds, p);
    bool short_before = 4 * text::length(texts[k - 1]) < 3 * width;
    bool closed_before = !ends_mid_phrase(texts[k - 1], p);
    if (texts.size() == count)
      candidates.push_back({first_word_of[k], 0});
    else if (opening >= 0 && (short_before || closed_before))
      candidates.push_back(
          {first_word_of[k], 2 * opening + (short_before ? 2 : 0) + (closed_before ? 1 : 0)});
  }
  for (std::size_t start : choose_boundaries(candidates, count - 1, words, kMinColumnTextWords)) {
    auto line = std::upper_bound(first_word_of.begin(), first_word_of.end(), start) - first_word_of.begin();
    ends.push_back(static_cast<std::size_t>(line) - 2);
  }
  ends.push_back(texts.size() - 1);
  return ends;
}

/// Shares the text between bytes `begin` and `end` of `piece`, printed after the run of numbers
/// `numbers` ("P1 P2 P3 text text text"), out among them: "P1 text" pieces, then a closing group heading.
void pair_number_run(std::vector<SourceLine>& out, const SourceLine& piece,
                     const std::vector<Marker>& numbers, std::size_t begin, std::size_t end,
                     const Grammar& grammar) {
  const std::string& s = piece.text;
  std::vector<Word> words = words_in(s, begin, end);
  std::vector<std::size_t> starts;
  std::size_t heading = words.size();
  if (!words.empty())
    std::tie(starts, heading) = text_starts(s, words, numbers.size(), numbers.front().section, grammar);
  starts.insert(starts.begin(), 0);
  for (std::size_t n = 0; n < numbers.size(); ++n) {
    const Marker& m = numbers[n];
    if (n >= starts.size() || heading == 0) {
      push_piece(out, piece, m.begin, m.end);
      continue;
    }
    std::size_t last = n + 1 < starts.size() ? starts[n + 1] : heading;
    SourceLine item = piece_of(piece, words[starts[n]].begin, words[last - 1].end);
    item.text = s.substr(m.begin, m.end - m.begin) + " " + item.text;
    out.push_back(std::move(item));
  }
  if (heading < words.size()) push_heading(out, piece, words[heading].begin, end);
}

/// Appends the item of `marker`, its text ending at byte `end` of `piece`; in a flattened list
/// (`flattened`), a group heading closing the text is a piece of its own.
void push_item(std::vector<SourceLine>& out, const SourceLine& piece, const Marker& marker, std::size_t end,
               bool flattened, const CompiledPatterns& p) {
  std::vector<Word> words;
  if (flattened) words = words_in(piece.text, marker.end, end);
  std::size_t heading = closing_heading(piece.text, words, p);
  if (heading == words.size()) return push_piece(out, piece, marker.begin, end);
  push_piece(out, piece, marker.begin, words[heading - 1].end);
  push_heading(out, piece, words[heading].begin, end);
}

/// True when a label starts at line `at`: the line is one, or with the next line or two it spells one
/// (a narrow label column wraps "Knowledge and" / "understanding").
bool label_starts(const Lines& lines, std::size_t at, const CompiledPatterns& p) {
  std::string joined;
  for (std::size_t k = at; k < lines.size() && k < at + kMaxLabelLines; ++k) {
    std::string cleaned = text::clean(lines[k].text);
    if (cleaned.empty()) return false;
    joined = joined.empty() ? cleaned : joined + " " + cleaned;
    if (p.labels.count(normalise_label(joined))) return true;
  }
  return false;
}

/// True when `after`, the text after a page break, goes on with `before`: it opens in lower case and
/// `before` ends no sentence and no item number ("… children, pets" then "or other animals …").
bool continues_text(std::string_view before, std::string_view after) {
  if (before.empty() || !text::starts_with_lower(after)) return false;
  char last = before.back();
  return std::string_view(".;:!?").find(last) == std::string_view::npos && !(last >= '0' && last <= '9');
}

/// A line that only repeats the running header or numbers the page.
bool is_page_furniture(std::string_view line, const RunningHeader& header, const CompiledPatterns& p) {
  if (line.size() <= kPageNumberDigits &&
      std::all_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return true;
  // A page number holds a digit: only then is the pattern tried.
  if (p.page_number && text::has_digit(line) &&
      RE2::FullMatch(re2::StringPiece(line.data(), line.size()), *p.page_number))
    return true;
  if (header.urn.empty() && header.title.empty()) return false;
  return line == header.urn || line == header.title ||
         (line.size() == header.urn.size() + 1 + header.title.size() && line.starts_with(header.urn) &&
          line[header.urn.size()] == ' ' && line.ends_with(header.title));
}

// remove_page_numbers past its pre-filter, for a caller that has already asked it (run asks once a line).
std::vector<SourceLine> cut_page_numbers(const SourceLine& line, const CompiledPatterns& p) {
  const std::string& s = line.text;
  std::vector<SourceLine> out;
  std::size_t start = 0;
  re2::StringPiece match;
  for (std::size_t at = 0;
       at < s.size() && p.page_number->Match(s, at, s.size(), RE2::UNANCHORED, &match, 1);) {
    std::size_t begin = static_cast<std::size_t>(match.data() - s.data()), end = begin + match.size();
    at = std::max(end, begin + 1);
    if ((begin > 0 && !is_space(s[begin - 1])) || (end < s.size() && !is_space(s[end]))) continue;
    push_piece(out, line, start, begin);
    start = end;
  }
  if (start == 0) return {line};
  push_piece(out, line, start, s.size());
  return out;
}

}  // namespace

std::vector<SourceLine> join_across_page_breaks(std::vector<SourceLine> pieces) {
  std::vector<SourceLine> out;
  out.reserve(pieces.size());
  for (auto& piece : pieces) {
    if (!out.empty() && continues_text(out.back().text, piece.text)) {
      out.back().text += " " + piece.text;
      out.back().location.end_column = piece.location.end_column;
      continue;
    }
    out.push_back(std::move(piece));
  }
  return out;
}

RunningHeader find_running_header(const Lines& lines, const Grammar& grammar) {
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

std::vector<SourceLine> remove_page_numbers(const SourceLine& line, const Grammar& grammar) {
  const CompiledPatterns& p = grammar.patterns();
  if (!p.page_number || !p.page_number_atoms.may_match(line.text)) return {line};
  return cut_page_numbers(line, p);
}

std::vector<SourceLine> remove_furniture(const SourceLine& line, const RunningHeader& header) {
  const std::string& s = line.text;
  bool title = !header.title.empty();
  const std::string& copy = printed_again(header);
  if (!holds_copy(s, header)) return {line};
  auto skip_spaces = [&](std::size_t at) {
    while (at < s.size() && is_space(s[at])) ++at;
    return at;
  };
  std::vector<SourceLine> out;
  std::size_t start = 0;
  std::pair<std::size_t, std::size_t> number;  // the last page number cut out, as a byte range
  for (std::size_t at = s.find(copy); at != std::string::npos; at = s.find(copy, at + 1)) {
    if (at > 0 && !is_space(s[at - 1])) continue;
    // A running header is the title printed twice, once with the page number after it, or once after
    // the URN; the title alone inside running text is not one.
    std::size_t end = at + copy.size();
    int copies = 1;
    while (s.compare(skip_spaces(end), copy.size(), copy) == 0) {
      end = skip_spaces(end) + copy.size();
      ++copies;
    }
    std::size_t digits = skip_spaces(end), number_end = digits;
    while (number_end < s.size() && s[number_end] >= '0' && s[number_end] <= '9') ++number_end;
    bool page_number = number_end > digits && number_end - digits <= kPageNumberDigits &&
                       (number_end == s.size() || is_space(s[number_end]));
    // "URN title": the URN printed just before the title belongs to the same header, and makes one.
    std::size_t cut = at, before = at;
    while (before > start && is_space(s[before - 1])) --before;
    if (title && !header.urn.empty() && before >= start + header.urn.size() &&
        s.compare(before - header.urn.size(), header.urn.size(), header.urn) == 0)
      cut = before - header.urn.size();
    if (copies < 2 && !page_number && cut == at) continue;
    push_piece(out, line, start, cut);
    start = page_number ? number_end : end;
    if (page_number) number = {digits, number_end};
    at = start - 1;
  }
  if (start == 0) return {line};
  push_piece(out, line, start, s.size());
  // A line that was only furniture leaves its page number, so that later steps still see the page break.
  if (out.empty() && number.second > 0) push_piece(out, line, number.first, number.second);
  return join_across_page_breaks(std::move(out));
}

std::optional<SourceLine> find_footer_urn(const Lines& lines, const Grammar& grammar) {
  const CompiledPatterns& p = grammar.patterns();
  std::size_t seen = 0;
  for (const auto& line : lines) {
    if (seen > kHeadLines) break;
    std::string cleaned = text::clean(line.text);
    if (cleaned.empty()) continue;
    if (RE2::FullMatch(cleaned, *p.urn) || (p.urn_header && RE2::FullMatch(cleaned, *p.urn_header)) ||
        (seen == 0 && p.urn_head && RE2::FullMatch(cleaned, *p.urn_head)))
      return std::nullopt;
    ++seen;
  }
  auto is_page_number = [](std::string_view w) {
    return w.size() <= kPageNumberDigits &&
           std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  for (const auto& line : lines) {
    // At the end of a line: the URN, then a page number ("… SCDHSC0021 1"), or a versioned footer
    // ("SCDHSC0021 v8 141011"), with or without a page number after it.
    // Only its last words count, read from the end of the line.
    const std::string& s = line.text;
    std::array<Word, kFooterWords + 1> words;
    std::size_t end = 0;
    for (std::size_t at = s.size(); end < words.size();) {
      while (at > 0 && is_space(s[at - 1])) --at;
      std::size_t word_begin = at;
      while (word_begin > 0 && !is_space(s[word_begin - 1])) --word_begin;
      if (word_begin == at) break;
      words[end++] = {word_begin, at};
      at = word_begin;
    }
    std::reverse(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(end));
    bool numbered = end > 1 && is_page_number(std::string_view(s).substr(
                                   words[end - 1].begin, words[end - 1].end - words[end - 1].begin));
    if (numbered) --end;
    for (std::size_t from = end; from-- > 0 && end - from <= kFooterWords;) {
      // Words hold no white space at their ends: the piece is its words as they stand.
      re2::StringPiece words_text(s.data() + words[from].begin, words[end - 1].end - words[from].begin);
      std::string_view first(words_text.data(), words_text.size());
      if ((numbered && from + 1 == end && p.urn_first.may_start(first) &&
           RE2::FullMatch(words_text, *p.urn)) ||
          (p.urn_header && p.urn_header_first.may_start(first) && RE2::FullMatch(words_text, *p.urn_header)))
        return piece_of(line, words[from].begin, words[end - 1].end);
    }
  }
  return std::nullopt;
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
  for (std::size_t at = 0; at < s.size(); ++at) {
    if (at > 0 && !is_space(s[at - 1])) continue;
    if (!may_hold_marker(s, at)) continue;
    if (auto m = marker_at(s, at, p)) found.push_back(*m);
  }
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
  for (std::size_t k = 0; k < chosen.size();) {
    // Numbers with nothing between them ("P1 P2 P3 text text text") share the texts after the last one.
    std::size_t last = k;
    while (last + 1 < chosen.size() &&
           std::all_of(s.begin() + static_cast<std::ptrdiff_t>(chosen[last].end),
                       s.begin() + static_cast<std::ptrdiff_t>(chosen[last + 1].begin), is_space))
      ++last;
    std::size_t end = last + 1 < chosen.size() ? chosen[last + 1].begin : s.size();
    if (last == k)
      push_item(out, piece, chosen[k], end, chosen.size() > 1, p);
    else
      pair_number_run(out, piece,
                      {chosen.begin() + static_cast<std::ptrdiff_t>(k),
                       chosen.begin() + static_cast<std::ptrdiff_t>(last) + 1},
                      chosen[last].end, end, grammar);
    k = last + 1;
  }
  return out;
}

Lines pair_number_columns(Lines lines, const Grammar& grammar, const RunningHeader& header) {
  const CompiledPatterns& p = grammar.patterns();
  // In place. A column's lines (its numbers, texts and furniture) are moved aside before any is written
  // back, and they become no more lines than they were: one per number or furniture line, and the blank
  // put after the column only when a text was read, which it outnumbers. So the lines kept move up over
  // those read, never past `end`, and nothing before `i` is looked at again.
  std::size_t kept = 0;
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
      if (kept != i) lines[kept] = std::move(lines[i]);
      ++kept;
      ++i;
      continue;
    }
    // The texts after it, over page breaks, up to a blank line, a label or another number. Lower-case
    // texts end at a capitalised line after one that ends a phrase: the next group's heading, or what
    // follows the list.
    std::vector<std::string> texts;
    std::vector<std::size_t> text_lines, furniture;
    std::size_t end = numbers.back().first + 1;
    bool capitalised = false;
    for (; end < lines.size(); ++end) {
      std::string cleaned = text::clean(lines[end].text);
      if (cleaned.empty() || label_starts(lines, end, p) || bare_marker(cleaned, p)) break;
      if (is_page_furniture(cleaned, header, p)) {
        furniture.push_back(end);
        continue;
      }
      capitalised = !texts.empty() && text::starts_with_lower(texts.front()) &&
                    text::starts_with_upper(cleaned) && !ends_mid_phrase(texts.back(), p);
      if (capitalised) break;
      texts.push_back(std::move(cleaned));
      text_lines.push_back(end);
    }
    std::vector<std::size_t> ends =
        text_line_ends(texts, numbers.size(), numbers.front().second.section, grammar);
    // Page furniture goes before the items, away from the blank line that may follow them (the parser
    // takes blank lines beside furniture for part of the page break). The column is made aside, since
    // its lines are read from where it is written.
    std::vector<SourceLine> column;
    for (std::size_t k : furniture) column.push_back(std::move(lines[k]));
    std::size_t text = 0;
    for (std::size_t n = 0; n < numbers.size(); ++n) {
      SourceLine& number = lines[numbers[n].first];
      if (n >= ends.size()) {
        column.push_back(std::move(number));
        continue;
      }
      SourceLine item = std::move(lines[text_lines[text]]);
      std::string joined;
      for (; text <= ends[n]; ++text) text::append_wrapped(joined, texts[text]);
      item.text = text::clean(number.text) + " " + joined;
      column.push_back(std::move(item));
    }
    // The column has ended: a blank line says so, where the parser would read the capitalised line after
    // it as the last text's wrapped tail.
    if (capitalised) column.push_back({"", lines[end].location});
    for (auto& line : column) lines[kept++] = std::move(line);
    i = end;
  }
  lines.truncate(kept);
  return lines;
}

Lines set_apart_after_furniture(Lines lines, const Grammar& grammar, const RunningHeader& header) {
  const CompiledPatterns& p = grammar.patterns();
  // Furniture is short: a longer line is text, and is not cleaned to find out.
  const std::size_t longest = std::max(header.urn.size() + header.title.size() + 1, kMaxBareMarker * 2);
  auto furniture = [&](const std::string& line) {
    if (line.size() > longest + kLabelPadding) return false;
    std::string_view view = line;
    while (!view.empty() && is_space(view.front())) view.remove_prefix(1);
    while (!view.empty() && is_space(view.back())) view.remove_suffix(1);
    // Plain ASCII with single spaces is already clean.
    bool plain = view.find("  ") == std::string_view::npos &&
                 std::all_of(view.begin(), view.end(), [](char c) { return c >= ' ' && c <= '~'; });
    if (plain) return !view.empty() && is_page_furniture(view, header, p);
    std::string cleaned = text::clean(view);
    return !cleaned.empty() && is_page_furniture(cleaned, header, p);
  };
  Lines out;
  std::optional<std::size_t> before;  // in `out`, the last line of text before the furniture
  for (std::size_t i = 0; i < lines.size();) {
    lines.release_before(i);
    if (!furniture(lines[i].text)) {
      if (!is_blank(lines[i].text)) before = out.size();
      out.emplace_back(std::move(lines[i++]));
      continue;
    }
    // The furniture and blank lines of the page break, then the first line of text after it.
    std::size_t next = i;
    while (next < lines.size() && (is_blank(lines[next].text) || furniture(lines[next].text))) ++next;
    bool apart = false;
    if (next < lines.size() && before) {
      std::string after = text::clean(lines[next].text);
      apart = !ends_mid_phrase(text::clean(out[*before].text), p) && text::starts_with_upper(after) &&
              !label_starts(lines, next, p) && !(may_hold_marker(after, 0) && marker_at(after, 0, p));
    }
    if (apart) {
      out.emplace_back().location = lines[next].location;
      out.emplace_back(std::move(lines[next]));
    }
    for (; i < next; ++i) out.emplace_back(std::move(lines[i]));
    if (apart) ++i;
  }
  return out;
}

Lines join_hanging_lines(Lines lines, const Grammar& grammar) {
  const CompiledPatterns& p = grammar.patterns();
  auto indent_of = [](std::string_view text) {
    std::size_t indent = 0;
    while (indent < text.size() && text[indent] == ' ') ++indent;
    return indent;
  };
  // In place, as join_sub_bullets.
  std::size_t kept = 0;
  std::size_t hang = 0;     // the column where the text of the item line above starts; 0 when none is
  bool head_clean = false;  // the item line above was cleaned when its first hanging line joined it
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view text = lines[i].text;
    std::size_t indent = indent_of(text);
    // Only a line with an indented line after it, or one that may hang, is looked at for a marker.
    bool hangs = hang > 0 && indent == hang && indent < text.size();
    bool before_indented = i + 1 < lines.size() && indent_of(lines[i + 1].text) > 0;
    std::optional<Marker> marker;
    if ((hangs || before_indented) && indent < text.size() && may_hold_marker(text, indent))
      marker = marker_at(text, indent, p);
    if (hangs && !marker) {
      std::string& head = lines[kept - 1].text;
      if (!head_clean) head = text::clean(head);  // once: cleaning it again at each line is quadratic
      head_clean = true;
      text::append_wrapped(head, text::clean(text));
      continue;
    }
    head_clean = false;
    hang = 0;
    if (marker) {
      hang = marker->end;
      while (hang < text.size() && text[hang] == ' ') ++hang;
      if (hang == text.size()) hang = 0;
    }
    if (kept != i) lines[kept] = std::move(lines[i]);
    ++kept;
  }
  lines.truncate(kept);
  return lines;
}

Lines join_sub_bullets(Lines lines, const Grammar& grammar) {
  const CompiledPatterns& p = grammar.patterns();
  // In place: a joined line is dropped, so the lines kept move up over it.
  std::size_t kept = 0;
  auto trimmed = [](std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    return text;
  };
  // Whether the last line kept is an item (or an item joined with its bullets), asked only when a
  // bullet follows it (`asked`): most lines are followed by none.
  bool after_item = false, asked = true;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view text = trimmed(lines[i].text);
    bool bullet = std::any_of(std::begin(kBullets), std::end(kBullets), [&](std::string_view b) {
      return text.size() > b.size() && text.starts_with(b) && is_space(text[b.size()]);
    });
    if (bullet && !asked) {
      std::string_view item = trimmed(lines[kept - 1].text);
      after_item = may_hold_marker(item, 0) && marker_at(item, 0, p);
      asked = true;
    }
    if (bullet && after_item) {
      lines[kept - 1].text = text::clean(lines[kept - 1].text) + " " + text::clean(text);
      continue;
    }
    after_item = false;
    asked = bullet;
    if (kept != i) lines[kept] = std::move(lines[i]);
    ++kept;
  }
  lines.truncate(kept);
  return lines;
}

Lines move_headings_after_stems(Lines lines, const Grammar& grammar) {
  const CompiledPatterns& p = grammar.patterns();
  // A line much longer than the longest label (of the kind asked for) is none, and is not normalised
  // to find out.
  std::size_t longest = 0, longest_stem = 0;
  for (const auto& [label, ref] : p.inline_labels) {
    longest = std::max(longest, label.size());
    if (ref.kind == LabelRef::Kind::Stem) longest_stem = std::max(longest_stem, label.size());
  }
  auto label_of = [&](const std::string& text, std::size_t longest_kind) -> const LabelRef* {
    return text.size() > 2 * longest_kind + kLabelPadding ? nullptr : find_label(text, p);
  };
  bool labelled = false;  // not before the first label: there a line before a stem is the title
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (!labelled) {
      labelled = label_of(lines[i].text, longest) != nullptr;
      continue;
    }
    // A web page sets the heading off with blank lines: then the heading follows a blank line too.
    std::size_t next = i + 1;
    if (!is_blank(lines[i].text) && i > 0 && is_blank(lines[i - 1].text))
      while (next + 1 < lines.size() && is_blank(lines[next].text)) ++next;
    const LabelRef* stem = label_of(lines[next].text, longest_stem);
    if (is_blank(lines[i].text) || !stem || stem->kind != LabelRef::Kind::Stem ||
        grammar.sections[static_cast<std::size_t>(stem->index)].kind != SectionKind::Items ||
        label_of(lines[i].text, longest))
      continue;
    std::string heading = text::clean(lines[i].text);
    if (!text::starts_with_upper(heading) || text::length(heading) > kMaxHeadingLength ||
        std::string_view(".;,:").find(heading.back()) != std::string_view::npos || marker_at(heading, 0, p))
      continue;
    std::swap(lines[i], lines[next]);
    i = next;
  }
  return lines;
}

Lines run(Lines lines, const Grammar& grammar) {
  const CompiledPatterns& p = grammar.patterns();
  RunningHeader header = find_running_header(lines, grammar);
  std::optional<SourceLine> footer;
  if (header.urn.empty() && (footer = find_footer_urn(lines, grammar))) header.urn = footer->text;
  Lines out;
  // The footer's URN opens the document, as the head's URN line would: before its first label.
  auto push = [&](SourceLine&& line) {
    if (footer) {
      auto label = p.labels.find(normalise_label(line.text));
      if (label != p.labels.end() && label->second.kind != LabelRef::Kind::Metadata)
        out.emplace_back(*std::exchange(footer, std::nullopt));
    }
    out.emplace_back(std::move(line));
  };
  ItemSequences sequences;
  bool in_items = true;  // before any label, numbers may open the criteria
  for (std::size_t i = 0; i < lines.size(); ++i) {
    lines.release_before(i);
    SourceLine& line = lines[i];
    // Most lines hold no running header, no page number and no marker after their start: they pass as
    // they are.
    bool splits = may_split(line.text), copy = holds_copy(line.text, header);
    bool numbered = p.page_number && text::has_digit(line.text) && p.page_number_atoms.may_match(line.text);
    if (!copy && !splits && !numbered) {
      push(std::move(line));
      continue;
    }
    // A part of a line that holds no copy of the running header holds none either.
    std::vector<SourceLine> pieces = numbered ? cut_page_numbers(line, p) : std::vector{line};
    if (copy) {
      std::vector<SourceLine> parts = std::move(pieces);
      pieces.clear();
      for (const auto& part : parts)
        for (auto& piece : remove_furniture(part, header)) pieces.push_back(std::move(piece));
    }
    bool flattened = pieces.size() != 1 || pieces.front().text != line.text;
    // split_items cuts a line only at a marker after its start.
    if (!flattened && splits) {
      ItemSequences probe = sequences;
      flattened = split_items(line, grammar, probe).size() >= 2;
    }
    if (!flattened) {
      push(std::move(line));
      continue;
    }
    for (const auto& piece : pieces) {
      for (auto& part : split_labels(piece, grammar)) {
        const LabelRef* label = find_label(part.text, p);
        if (label && label->index >= 0 && label->kind != LabelRef::Kind::Metadata) {
          in_items = grammar.sections[static_cast<std::size_t>(label->index)].kind == SectionKind::Items;
          push(std::move(part));
          continue;
        }
        if (!in_items) {
          push(std::move(part));
          continue;
        }
        for (auto& item : split_items(part, grammar, sequences)) push(std::move(item));
      }
    }
  }
  lines = Lines();  // the input is spent: its last chunk is freed before the steps read `out`
  // A document with no label: the footer's URN goes at its end.
  if (footer) out.emplace_back(std::move(*footer));
  // One step to a statement: a step's argument is freed only where the statement that calls it ends, so
  // nested calls would hold every step's copy of the lines at once.
  out = pair_number_columns(std::move(out), grammar, header);
  out = set_apart_after_furniture(std::move(out), grammar, header);
  out = join_hanging_lines(std::move(out), grammar);
  out = join_sub_bullets(std::move(out), grammar);
  return move_headings_after_stems(std::move(out), grammar);
}

}  // namespace nos::prepass
