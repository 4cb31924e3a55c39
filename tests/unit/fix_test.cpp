// nos fix's library stage: the findings' edits made in the file's bytes, and nothing else changed.
#include "nos/fix.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <string_view>
#include <utility>

#include "nos/model_loader.hpp"
#include "nos/validate.hpp"
#include "parse_helpers.hpp"

namespace {

// `text` with each (from, to) in turn: the first `from` replaced by `to`.
std::string replaced(std::string text,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> edits) {
  for (const auto& [from, to] : edits) text.replace(text.find(from), from.size(), to);
  return text;
}

// The document fixed as nos fix would fix it.
std::string fixed(const std::string& bytes, bool unsafe = true) {
  const nos::Source source = nos::test::source_of(bytes);
  const auto findings = nos::validate(nos::parse(source), nos::Grammar::builtin(), &source);
  nos::FixSettings settings;
  settings.unsafe = unsafe;
  return nos::apply_fixes(bytes, source, findings, settings).fixed;
}

const std::string kDoc =
    "ABC01\r\nServe customers at the counter\r\nOverview\r\nThis standard is about serving customers.\r\n"
    "Performance criteria\r\nYou must be able to:\r\nYou must be able to:\r\nGreet customers\r\n"
    "P1 greet each customer  politely as soon as they reach the counter\r\n"
    "P2 ask customers what they would like and listen to the answer\r\n"
    "Serve customers\r\n"
    "P4 take payment in the ways your organisation accepts\r\n"
    "P5 give customers the correct change and a receipt when they ask for one\r\n"
    "Knowledge and understanding\r\nYou need to know and understand:\r\n"
    "K1 the products your counter’s team sells and their prices\r\n"
    "K2 how to deal with a customer who is unhappy with the counter’s service\r\n"
    "K3 why customers' complaints are recorded\r\n"
    "Version number\r\n2\r\n";

}  // namespace

TEST_CASE("nos fix mends whitespace, a doubled stem, quotes and, when unsafe, numbering; nothing else") {
  const std::string want = replaced(kDoc, {{"You must be able to:\r\n", ""},
                                           {"customer  politely", "customer politely"},
                                           {"P4 take", "P3 take"},
                                           {"P5 give", "P4 give"},
                                           {"customers' complaints", "customers’ complaints"}});
  CHECK(fixed(kDoc) == want);
  CHECK(fixed(want) == want);  // idempotent
  CHECK(fixed(kDoc, false) == replaced(want, {{"P3 take", "P4 take"}, {"P4 give", "P5 give"}}));
}

TEST_CASE("a byte-order mark and bare CR line ends are kept") {
  std::string doc = "\xEF\xBB\xBF" + kDoc;
  for (std::size_t at = doc.find("\r\n"); at != std::string::npos; at = doc.find("\r\n", at))
    doc.erase(at + 1, 1);
  const std::string out = fixed(doc);
  CHECK(
      out.starts_with("\xEF\xBB\xBF"
                      "ABC01\rServe"));
  CHECK(out.find('\n') == std::string::npos);
  CHECK(out.find("customer politely") != std::string::npos);
}

TEST_CASE("an edit whose span no longer holds what the rule saw is not made; overlapping edits once") {
  const std::string bytes = "ABC01\nTitle here\nOverview\nA  b c.\n";
  const nos::Source source = nos::test::source_of(bytes);
  nos::Diagnostic stale, twice, overlap;
  stale.fix = nos::Fix{{{4, 1, 2, "X", "Y"}}};
  twice.fix = nos::Fix{{{4, 2, 4, "  ", " "}}};
  overlap.fix = nos::Fix{{{4, 3, 5, " b", "B"}}};
  const std::vector<nos::Diagnostic> findings{stale, twice, twice, overlap};
  const nos::FixResult r = nos::apply_fixes(bytes, source, findings, {});
  CHECK(r.fixed == "ABC01\nTitle here\nOverview\nA b c.\n");
  REQUIRE(r.applied.size() == 2);
  CHECK(r.applied[0] == &findings[1]);
  CHECK(r.applied[1] == &findings[2]);
  REQUIRE(r.not_made.size() == 2);  // stale, overlapping
  CHECK(r.not_made[0] == &findings[0]);
  CHECK(nos::unified_diff("f.txt", bytes, source, r) ==
        "--- f.txt\n+++ f.txt\n@@ -1,4 +1,4 @@\n ABC01\n Title here\n Overview\n-A  b c.\n+A b c.\n");
}

TEST_CASE("only text exports, DOCX and YAML models are rewritten") {
  nos::Source source = nos::test::source_of("ABC01\nTitle\n");
  source.format = "pdf";
  CHECK_THROWS_WITH(nos::apply_fixes("", source, {}, {}),
                    "test.txt: nos fix rewrites text exports, DOCX and YAML models only; this is pdf");
}

namespace {

// The model fixed as nos fix would fix it, with `settings` for the rules.
std::string fixed_model(const std::string& yaml, const nos::RuleSettings& rules = nos::default_settings()) {
  auto model = nos::load_model(yaml, "m.yaml", nos::Grammar::builtin());
  REQUIRE(model);
  REQUIRE(model->problems.empty());
  const auto findings = nos::validate(model->document, nos::Grammar::builtin(), &model->source, rules);
  nos::FixSettings settings;
  settings.unsafe = true;
  return nos::apply_fixes(yaml, model->source, findings, settings).fixed;
}

}  // namespace

TEST_CASE("a model's scalars are fixed in their own quoting; comments, order and line ends stay") {
  const std::string yaml =
      "# written by hand\r\n"
      "schema: nos/1\r\n"
      "urn: ABC01\r\n"
      "title: 'Serve  customers'\r\n"
      "performance_criteria:\r\n"
      "  - items:\r\n"
      "      - {id: P1, text: greet each customer  politely}  # the first\r\n"
      "      - id: P3\r\n"
      "        label: \"P3.\"\r\n"
      "        text: \"take payment \\\"now\\\" \"\r\n";
  const std::string want = replaced(yaml, {{"Serve  customers", "Serve customers"},
                                           {"customer  politely", "customer politely"},
                                           {"id: P3", "id: P2"},
                                           {"\"P3.\"", "\"P2.\""},
                                           {"now\\\" \"", "now\\\"\""}});
  CHECK(fixed_model(yaml) == want);
  CHECK(fixed_model(want) == want);
}

TEST_CASE("a new value a plain scalar cannot hold is quoted; one that runs over lines is left") {
  // Straight quotes set by .nos.yaml: a plain title cannot start with '"', so it is double-quoted.
  nos::RuleSettings rules = nos::default_settings();
  rules["mixed-quotes"].words["style"] = {"straight"};
  const std::string yaml =
      "schema: nos/1\nurn: ABC01\ntitle: \u201cServe\u201d customers\n"
      "overview: the team\u2019s\n  work\n";
  const std::string out = fixed_model(yaml, rules);
  CHECK(out ==
        "schema: nos/1\nurn: ABC01\ntitle: \"\\\"Serve\\\" customers\"\noverview: the team\u2019s\n  work\n");
}

TEST_CASE("a Windows-1252 export is edited in its own encoding") {
  std::string doc = kDoc;
  for (std::size_t at = doc.find("’"); at != std::string::npos; at = doc.find("’", at))
    doc.replace(at, 3, "\x92");
  const std::string out = fixed(doc);
  CHECK(out.find("customer politely") != std::string::npos);
  CHECK(out.find("customers\x92 complaints") != std::string::npos);  // ’ is byte 0x92 in Windows-1252
  CHECK(out.find("P3 take") != std::string::npos);
  CHECK(fixed(out) == out);
}

TEST_CASE("an item numbered in another style than its list takes the list's style and keeps its number") {
  std::string doc = kDoc;
  doc.replace(doc.find("P2 ask"), 2, "PC2");
  doc.replace(doc.find("K2 how"), 2, "K2.");
  CHECK(fixed(doc, false) == fixed(kDoc, false));  // a safe fix: the numbers stay
  doc = kDoc;
  doc.replace(doc.find("P2 ask"), 2, "K2");
  CHECK(fixed(doc, false).find("\r\nP2 ask") != std::string::npos);
  // Also numbered out of place: renumbered in the list's style, with --unsafe only.
  doc = kDoc;
  doc.replace(doc.find("P4 take"), 2, "PC4");
  CHECK(fixed(doc, false).find("PC4 take") != std::string::npos);
  CHECK(fixed(doc).find("\r\nP3 take") != std::string::npos);
}

TEST_CASE("a missing label is added on a line of its own, with the file's line ends") {
  std::string doc = kDoc;
  doc.replace(doc.find("Knowledge and understanding\r\n"), 29, "");
  const nos::Source source = nos::test::source_of(doc);
  const auto findings = nos::validate(nos::parse(source), nos::Grammar::builtin(), &source);
  nos::FixSettings settings;
  settings.unsafe = true;
  const nos::FixResult r = nos::apply_fixes(doc, source, findings, settings);
  CHECK(r.fixed.find("one\r\nKnowledge and understanding\r\nYou need to know") != std::string::npos);
  CHECK(fixed(r.fixed) == r.fixed);
  const std::string diff = nos::unified_diff("f.txt", doc, source, r);
  CHECK(diff.find("-You need to know and understand:\n+Knowledge and understanding\n+You need to know and "
                  "understand:\n") != std::string::npos);
}

TEST_CASE("a list is not renumbered when an item out of place has no number in its label") {
  const std::string yaml =
      "schema: nos/1\nurn: ABC01\nperformance_criteria:\n  - items:\n"
      "      - {id: P1, text: greet each customer}\n      - {id: P3, label: \"(c)\", text: take payment}\n";
  CHECK(fixed_model(yaml) == yaml);
}
