// The tokenizer: what each kind of line becomes.
#include "tokenizer/tokenizer.hpp"

#include <doctest/doctest.h>

#include "grammar/patterns.hpp"

namespace {

nos::Token tok(const std::string& line) {
  return nos::tokenize_line(nos::SourceLine{.text = line, .location = {.line = 7, .column = 1}},
                            nos::Grammar::builtin());
}

int section(const std::string& key) { return nos::Grammar::builtin().section_index(key); }

}  // namespace

TEST_CASE("blank lines and marker-only lines") {
  CHECK(tok("").kind == nos::TokenKind::Blank);
  CHECK(tok(" \t \u00A0").kind == nos::TokenKind::Blank);
  auto marker = tok("[bookmark: StartGlossary][bookmark: EndGlossary]");
  CHECK(marker.kind == nos::TokenKind::Marker);
  CHECK(marker.extras().bookmarks == std::vector<std::string>{"StartGlossary", "EndGlossary"});
  CHECK(marker.extras().leading_bookmarks == 2);
}

TEST_CASE("bookmarks are taken out of the text, and their position kept") {
  auto t = tok(" \t[bookmark: StartOverview]This standard is about [bookmark: _GoBack]cooking");
  CHECK(t.kind == nos::TokenKind::Text);
  CHECK(t.text() == "This standard is about cooking");
  CHECK(t.extras().bookmarks == std::vector<std::string>{"StartOverview", "_GoBack"});
  CHECK(t.extras().leading_bookmarks == 1);
  CHECK(t.location.column == 28);        // the first character after the marker
  const bool cell_start = t.cell_start;  // a bit-field: CHECK takes a reference
  CHECK(cell_start);
  CHECK(t.extras().cue_sections == std::vector<int>{section("overview")});
  CHECK(tok("[footnoteRef:1]text").text() == "text");
  CHECK(tok("a [bracketed] word").text() == "a [bracketed] word");
}

TEST_CASE("labels: case, spacing, colon and alias insensitive") {
  for (const char* line : {"Performance criteria", " \tPERFORMANCE  CRITERIA ", "performance criteria:"}) {
    auto t = tok(line);
    CHECK(t.kind == nos::TokenKind::Label);
    CHECK(t.label().index == section("performance_criteria"));
  }
  auto scope = tok("Scope / range related to Performance Criteria");
  CHECK(scope.kind == nos::TokenKind::Label);
  CHECK(scope.label().index == section("scope_range.performance_criteria"));
  CHECK(tok("Additional Information").kind == nos::TokenKind::Structural);
  CHECK(tok("Key words").kind == nos::TokenKind::Metadata);
}

TEST_CASE("stems carry the content that follows them on the line") {
  auto t = tok("You must be able to: Prepare the work area");
  CHECK(t.kind == nos::TokenKind::Label);
  CHECK(t.label().kind == nos::LabelRef::Kind::Stem);
  CHECK(t.extras().rest == "Prepare the work area");
}

TEST_CASE("a section label beside the first line of its text, as PDF text puts it") {
  auto t = tok("Overview This standard is about stock");
  CHECK(t.kind == nos::TokenKind::Label);
  CHECK(t.extras().rest == "This standard is about stock");
  // One-word labels that open ordinary sentences are not taken that way.
  CHECK(tok("Values are shared by the team").kind == nos::TokenKind::Text);
  CHECK(tok("Overview of the site layout").kind == nos::TokenKind::Text);
}

TEST_CASE("metadata labels, with the value on the line or not") {
  auto own_line = tok(" \tDeveloped by");
  CHECK(own_line.kind == nos::TokenKind::Metadata);
  CHECK(own_line.extras().rest.empty());
  auto inline_value = tok("Version Number 3");
  CHECK(inline_value.kind == nos::TokenKind::Metadata);
  CHECK(inline_value.extras().rest == "3");
  // "Status Original" is only a candidate: "Status" opens ordinary sentences too.
  auto status = tok("Status Original");
  CHECK(status.kind == nos::TokenKind::Text);
  CHECK(status.extras().inline_metadata_rest == "Original");
}

TEST_CASE("item numbers in every style the grammar knows") {
  struct Case {
    const char* line;
    const char* label;
    const char* prefix;
    int number;
    const char* text;
  };
  for (auto c : {Case{"P1 encourage participation", "P1", "P", 1, "encourage participation"},
                 Case{"K12\tthe law", "K12", "K", 12, "the law"},
                 Case{"PC3. check the area", "PC3.", "PC", 3, "check the area"},
                 Case{"KU 4 why it matters", "KU 4", "KU", 4, "why it matters"},
                 Case{"P10make sure", "P10", "P", 10, "make sure"},
                 Case{"10.  invite the audience", "10.", "", 10, "invite the audience"}}) {
    auto t = tok(c.line);
    CHECK_MESSAGE(t.kind == nos::TokenKind::Item, c.line);
    CHECK(t.number_label() == c.label);
    CHECK(t.number_prefix() == c.prefix);
    CHECK(t.number() == c.number);
    CHECK(t.text() == c.text);
  }
  CHECK(tok("P1 x").section(nos::Grammar::builtin().patterns()) == section("performance_criteria"));
  CHECK(tok("KU1 x").section(nos::Grammar::builtin().patterns()) == section("knowledge_and_understanding"));
  CHECK(tok("1. x").section(nos::Grammar::builtin().patterns()) == -1);
  CHECK(tok("Parents People with parental responsibility").kind == nos::TokenKind::Text);
  CHECK(tok("2024 was the year").kind == nos::TokenKind::Text);
  // Longer numbers than the pattern allows are not cut short into another item's number.
  CHECK(tok("P1000 review the plan").kind == nos::TokenKind::Text);
  CHECK(tok("K2024 guidance").kind == nos::TokenKind::Text);
}

TEST_CASE("a number label is printed as the pattern matched it, however long") {
  auto grammar = nos::Grammar::load_string(R"(name: t
urn_pattern: '[A-Z]{3}[0-9]{3}'
markers: {bookmark: '\[bookmark: ?([^\]]*)\]'}
plain_item_pattern: '\((\d+)\)\s+'
sections:
  - {key: tasks, kind: items, labels: [Tasks], items: [{pattern: 'T(\d+)-+\s*', id: T}]}
)",
                                           "t.yaml");
  auto tok_in = [&](const std::string& line) {
    return nos::tokenize_line(nos::SourceLine{.text = line, .location = {.line = 1, .column = 1}}, grammar);
  };
  auto plain = tok_in("(7) lift the box");  // the digits are not where the label starts
  CHECK(plain.number_label() == "(7)");
  CHECK(plain.number() == 7);
  CHECK(plain.text() == "lift the box");
  const std::string dashes(70000, '-');
  auto long_label = tok_in("T3" + dashes + " carry it");
  CHECK(long_label.number_label() == "T3" + dashes);
  CHECK(long_label.number() == 3);
  CHECK(long_label.width() == 2 + dashes.size() + 9);
  CHECK(long_label.text() == "carry it");
  CHECK(long_label.take_text() == "carry it");
}

TEST_CASE("text is cleaned: odd spaces, tabs and runs collapsed, NFC") {
  auto t = tok("\tadults.\u00A0 These\u2003include  the\trights ");
  CHECK(t.text() == "adults. These include the rights");
  CHECK(tok("Cafe\u0301").text() == "Caf\u00E9");
  CHECK(tok("\u201CCafe\u0301\u201D \u2013 na\u00EFve").text() == "\u201CCaf\u00E9\u201D \u2013 na\u00EFve");
  CHECK(tok("A\u030A and \u212B").text() == "\u00C5 and \u00C5");  // composed; the Angstrom sign's singleton
  CHECK(tok("42").bare_integer);
}

TEST_CASE("a pattern is run only on text that starts with a byte its match can start with") {
  auto first = [](const std::string& pattern) { return nos::FirstBytes(RE2(pattern)); };
  CHECK(first("P(\\d{1,3})").may_start("P12 text"));
  CHECK_FALSE(first("P(\\d{1,3})").may_start("K12 text"));
  CHECK_FALSE(first("P(\\d{1,3})").may_start(""));
  CHECK(first("(?i)p(\\d)").may_start("P1"));
  CHECK(first("(?i)p(\\d)").may_start("p1"));
  CHECK(first("(\\d{1,3})[.)]").may_start("9."));
  CHECK_FALSE(first("(\\d{1,3})[.)]").may_start("a."));
  CHECK(first("a*b").may_start("aab"));
  CHECK(first("a*b").may_start("b"));
  // A pattern that may match nothing, or start anywhere, lets every text through.
  CHECK(first("x?").may_start(""));
  CHECK(first("x?").may_start("y"));
  CHECK(first(".*P(\\d)").may_start("zz P1"));
}

TEST_CASE("a pattern is searched only in text that holds the strings its match needs") {
  nos::RequiredAtoms page("[Pp]age\\s+\\d{1,3}\\s+of\\s+\\d{1,3}");
  CHECK(page.may_match("lift the lid Page 2 of 9 smoke the bees"));
  CHECK(page.may_match("PAGE"));  // any ASCII case: the pattern decides
  CHECK_FALSE(page.may_match("P1 check the hive 2 of 3 times"));
  CHECK_FALSE(page.may_match(""));
  // Unicode case folding may turn a non-ASCII letter into an ASCII one: such text is searched.
  CHECK(page.may_match("caf\u00E9 2 of 3"));
  // A pattern whose match needs no string of three bytes or more lets every text through.
  CHECK(nos::RequiredAtoms("\\d+").may_match("a"));
  CHECK(nos::RequiredAtoms("(?i)page|\\d").may_match("7"));
}

TEST_CASE("a line is normalised to look for a label only when it starts with a label's first word") {
  const auto& p = nos::Grammar::builtin().patterns();
  CHECK(nos::find_label(" \tPERFORMANCE  CRITERIA :", p) != nullptr);
  CHECK(nos::find_label("Scope /range related to performance criteria", p) != nullptr);
  CHECK(nos::find_label("Performance\u00A0criteria", p) != nullptr);   // a space cleaning makes plain
  CHECK(nos::find_label("Perfor\u200Bmance criteria", p) != nullptr);  // a zero-width space it drops
  CHECK(nos::find_label("Cysylltiadau \u00E2 SGC eraill", p) != nullptr);
  CHECK_FALSE(p.label_first_words.may_start("P1 check the level of the tank"));
  CHECK_FALSE(p.label_first_words.may_start("Performances criteria"));
  CHECK_FALSE(p.label_first_words.may_start("Supercalifragilisticexpialidocious"));
  CHECK(p.label_first_words.may_start("you must be able to"));
  CHECK(p.label_first_words.may_start("Perfor\u200Bmance criteria"));
}
