// Output never loses data: for every sample, the words of the input are the words of the model.
//
// Words are maximal runs of letters and digits (Unicode categories L*, M*, N*), so punctuation, quotes,
// the separators a glossary line or a keyword list is split at, and a hyphen that joins a word broken
// by a PDF line wrap ("self-" / "assessment") do not count.
//
// Input words: the lines as the tokenizer cleans them (Tika markers such as "[bookmark: X]" taken out,
// spaces normalised, NFC), in document order, except for structure the model records as structure:
//  * labels and stems: every Section::labels and MetadataField::labels entry (its words, at its line;
//    a label split over several lines is taken out across them);
//  * item numbers: every Item::label ("P3", "PC3", "3."), at the item's line;
//  * structural headings ("Additional Information"): tokens of kind Structural;
//  * PDF page furniture (dialect pdf only): lines repeating the URN and the title lines after it (the
//    running header), and bare page numbers (lines holding only a number that do not follow a
//    metadata label awaiting its value);
//  * page headers and footers (Source::page_lines, read from DOCX, ODT, RTF and .doc), but for the lines
//    the URN and the title were taken from.
//
// Model words: the URN, the title, every section's paragraphs, group headings, items and glossary
// terms and definitions, metadata values and list values, and unplaced text.
//
// Checks: (1) the two multisets are equal: nothing lost, nothing invented or doubled. (2) Each unit of
// the model (an item, a heading, a paragraph, a glossary entry, a metadata value, an unplaced line) is a
// contiguous run of the input words. (3) Units that carry a line (items, headings, glossary entries,
// unplaced text, and paragraphs through Section::paragraph_locations) start at that line, so they are in
// document order. A metadata value has only its label's line (the value may be on the next one), so it
// must be a run at or after it. Comparing whole sections as multisets would also pass, but would not see
// words moved between paragraphs of one section; (1) still guards against a word counted twice.
#include <doctest/doctest.h>
#include <utf8proc.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "nos/nos.hpp"
#include "tokenizer/tokenizer.hpp"

namespace {

namespace fs = std::filesystem;

struct Word {
  std::string text;
  int line = 0;
  bool structure = false;  ///< taken out: a label, an item number, page furniture
};

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  std::string current;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t c = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) break;
    utf8proc_category_t cat = utf8proc_category(c);
    bool word = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO);
    if (word) {
      current.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    } else if (!current.empty()) {
      out.push_back(std::move(current));
      current.clear();
    }
    p += n;
    left -= n;
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

/// The cleaned line without markers, number included.
std::string line_text(const nos::Token& t) {
  switch (t.kind) {
    case nos::TokenKind::Blank:
    case nos::TokenKind::Marker:
      return "";
    case nos::TokenKind::Item:
      return std::string(t.number_label()) + " " + std::string(t.text());
    default:
      return std::string(t.text());
  }
}

bool is_structural(const nos::Token& t) { return t.kind == nos::TokenKind::Structural; }

/// Marks the words of `label` as structure: the first unmarked run of them at or after `line`.
void take_out(std::vector<Word>& input, const std::string& label, int line, const std::string& what,
              std::vector<std::string>& problems) {
  std::vector<std::string> want = words_of(label);
  if (want.empty()) return;
  for (std::size_t i = 0; i + want.size() <= input.size(); ++i) {
    if (input[i].line < line) continue;
    bool match = true;
    for (std::size_t k = 0; k < want.size() && match; ++k)
      match = !input[i + k].structure && input[i + k].text == want[k];
    if (!match) continue;
    for (std::size_t k = 0; k < want.size(); ++k) input[i + k].structure = true;
    return;
  }
  problems.push_back(what + " '" + label + "' (line " + std::to_string(line) + ") is not in the input");
}

struct Unit {
  std::string what;
  std::string text;
  int line = 0;  ///< 0 for prose paragraphs: no line of their own
  int min_line = 0;
};

std::vector<Unit> model_units(const nos::Document& d) {
  std::vector<Unit> units;
  if (d.urn) units.push_back({"urn", *d.urn, d.urn_location.line, 0});
  if (d.title) units.push_back({"title", *d.title, d.title_location.line, 0});
  for (const auto& s : d.sections) {
    for (std::size_t k = 0; k < s.paragraphs.size(); ++k) {
      int line = k < s.paragraph_locations.size() ? s.paragraph_locations[k].line : 0;
      units.push_back({s.key + " paragraph", s.paragraphs[k], line, s.location.line});
    }
    for (const auto& g : s.groups) {
      if (g.heading) units.push_back({s.key + " heading", *g.heading, g.location.line, 0});
      for (const auto& i : g.items)
        units.push_back({s.key + " item " + std::string(i.id()), std::string(i.text()), i.location.line, 0});
    }
    for (const auto& e : s.entries)
      units.push_back({s.key + " entry", e.term.value_or("") + " " + e.definition, e.location.line, 0});
  }
  for (const auto& f : d.metadata) {
    if (f.value) units.push_back({"metadata " + f.key, *f.value, 0, f.location.line});
    for (const auto& v : f.values) units.push_back({"metadata " + f.key, v, 0, f.location.line});
  }
  for (const auto& u : d.unplaced) units.push_back({"unplaced", u.text, u.location.line, 0});
  return units;
}

/// What the model of `source` lost or added, by the rules at the top of this file; empty when nothing.
/// `words` receives the number of input words compared.
std::vector<std::string> word_problems(const nos::Source& source, const nos::Document& doc,
                                       std::size_t& words) {
  std::vector<std::string> problems;
  const nos::Grammar& grammar = nos::Grammar::builtin();
  std::vector<nos::Token> tokens;
  for (const auto& line : source.lines) tokens.push_back(nos::tokenize_line(line, grammar));
  bool pdf = doc.source.dialect == "pdf";

  std::vector<Word> input;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const nos::Token& t = tokens[i];
    bool furniture = is_structural(t);
    if (pdf && t.kind == nos::TokenKind::Text) {
      // Page numbers: bare numbers, except a metadata label's value on the next line.
      std::size_t k = i;
      while (k > 0 && tokens[k - 1].kind == nos::TokenKind::Blank) --k;
      bool awaits_value =
          k > 0 && tokens[k - 1].kind == nos::TokenKind::Metadata && tokens[k - 1].extras().rest.empty();
      if (t.bare_integer && !awaits_value) furniture = true;
      // The running header: the URN line again, then the title's lines.
      if (doc.urn && t.text() == *doc.urn && t.location.line != doc.urn_location.line && !awaits_value) {
        for (auto& w : words_of(std::string(t.text())))
          input.push_back({std::move(w), t.location.line, true});
        std::vector<std::string> title = words_of(doc.title.value_or(""));
        std::size_t at = 0;
        for (std::size_t n = i + 1; n < tokens.size() && at < title.size(); ++n) {
          if (tokens[n].kind == nos::TokenKind::Blank || tokens[n].kind == nos::TokenKind::Marker) continue;
          std::vector<std::string> w = words_of(line_text(tokens[n]));
          auto from = title.begin() + static_cast<std::ptrdiff_t>(at);
          if (w.empty() || at + w.size() > title.size() || !std::equal(w.begin(), w.end(), from)) break;
          for (auto& word : w) input.push_back({std::move(word), tokens[n].location.line, true});
          at += w.size();
          i = n;
        }
        continue;
      }
    }
    for (auto& w : words_of(line_text(t))) input.push_back({std::move(w), t.location.line, furniture});
  }
  for (const auto& l : source.page_lines) {
    int line = l.location.line;
    bool furniture = line != doc.urn_location.line && line != doc.title_location.line;
    for (auto& w : words_of(std::string(nos::tokenize_line(l, grammar).text())))
      input.push_back({std::move(w), line, furniture});
  }

  for (const auto& s : doc.sections)
    for (const auto& l : s.labels) take_out(input, l.text, l.location.line, s.key + " label", problems);
  for (const auto& f : doc.metadata)
    for (const auto& l : f.labels) take_out(input, l.text, l.location.line, f.key + " label", problems);
  for (const auto& s : doc.sections)
    for (const auto& g : s.groups)
      for (const auto& i : g.items)
        take_out(input, std::string(i.label()), i.location.line, "item number", problems);

  std::vector<Word> kept;
  for (const auto& w : input)
    if (!w.structure) kept.push_back(w);

  // (1) Same words, same counts.
  std::vector<Unit> units = model_units(doc);
  std::map<std::string, int> balance;
  for (const auto& w : kept) balance[w.text]++;
  for (const auto& u : units)
    for (const auto& w : words_of(u.text)) balance[w]--;
  for (const auto& [word, n] : balance) {
    if (n > 0)
      problems.push_back("'" + word + "' is in the input " + std::to_string(n) +
                         " more time(s) than in the model");
    if (n < 0)
      problems.push_back("'" + word + "' is in the model " + std::to_string(-n) +
                         " more time(s) than in the input");
  }

  // (2), (3) Each unit is a run of input words, at its own line when it has one.
  for (const auto& u : units) {
    std::vector<std::string> want = words_of(u.text);
    if (want.empty()) continue;
    bool found = false;
    for (std::size_t i = 0; i + want.size() <= kept.size() && !found; ++i) {
      if (u.line > 0 && kept[i].line != u.line) continue;
      if (u.line == 0 && kept[i].line < u.min_line) continue;
      found = std::equal(want.begin(), want.end(), kept.begin() + static_cast<std::ptrdiff_t>(i),
                         [](const std::string& a, const Word& b) { return a == b.text; });
    }
    if (!found)
      problems.push_back(u.what + " (line " + std::to_string(u.line) +
                         ") is not a run of input words: " + u.text);
  }
  words = kept.size();
  return problems;
}

std::vector<fs::path> samples() {
  std::vector<fs::path> out;
  const fs::path dir = fs::path(NOS_SOURCE_DIR) / "samples";
  // The text exports, then each format's twins, in a directory named after their extension.
  for (const std::string sub : {"", "docx", "odt", "rtf", "doc", "html", "pdf"})
    for (const auto& e : fs::directory_iterator(dir / sub))
      if (e.path().extension() == (sub.empty() ? ".txt" : "." + sub)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("words preserved: every word of every sample, in every format, is in its model, in order") {
  std::vector<fs::path> all = samples();
  REQUIRE(all.size() >= 14 + 5 * 9 + 8);  // text exports; DOCX and its four twins; PDFs
  for (const auto& path : all) {
    INFO("sample: " << path.filename().string());
    nos::Source source = nos::read_source(path.string());
    std::size_t words = 0;
    std::vector<std::string> problems = word_problems(source, nos::parse(source), words);
    CHECK(words > 100);
    for (const auto& p : problems) FAIL_CHECK(p);
  }
}

TEST_CASE("words preserved: the check finds a lost, a doubled and a moved word") {
  nos::Source source = nos::read_source(std::string(NOS_SOURCE_DIR) + "/samples/hospitality-PPLHSL12.txt");
  nos::Document doc = nos::parse(source);
  std::size_t words = 0;
  REQUIRE(word_problems(source, doc, words).empty());
  nos::Item& item = doc.section("performance_criteria")->groups.at(0).items.at(0);
  const std::string text(item.text());
  item.set_text(text.substr(text.find(' ') + 1));  // first word lost
  CHECK(!word_problems(source, doc, words).empty());
  item.set_text(text + " " + text.substr(0, text.find(' ')));  // first word doubled
  CHECK(!word_problems(source, doc, words).empty());
  item.set_text(text.substr(text.find(' ') + 1) + " " + text.substr(0, text.find(' ')));  // first word moved
  CHECK(!word_problems(source, doc, words).empty());
  doc.unplaced.push_back({"invented", item.location});
  item.set_text(text);
  CHECK(!word_problems(source, doc, words).empty());
}

TEST_CASE("words preserved: words are runs of letters and digits") {
  std::vector<std::string> a = words_of("Prepare the work area, safely (P1).");
  std::vector<std::string> b = {"Prepare", "the", "work", "area", "safely", "P1"};
  CHECK(a == b);
  CHECK(words_of("self-\u00a0assessment \u201cquoted\u201d caf\u00e9") ==
        std::vector<std::string>{"self", "assessment", "quoted", "caf\u00e9"});
}
