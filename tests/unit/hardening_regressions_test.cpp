// Regressions from fuzzing and the hostile-input suite: each case is the smallest input that showed a bug,
// with what it did before the fix. Only nos::Error may leave the library; anything else is a bug.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "docx_fixtures.hpp"
#include "nos/config.hpp"
#include "nos/model_loader.hpp"
#include "nos/nos.hpp"
#include "reader/readers.hpp"
#include "test_support.hpp"
#include "tokenizer/tokenizer.hpp"
#include "util/glob.hpp"

namespace {

using nos::test::error_of;

std::string builtin_grammar_with(const std::string& from, const std::string& to) {
  nos::Grammar g = nos::Grammar::builtin();  // only to be sure the built-in one loads
  std::string text = R"(name: t
urn_pattern: '[A-Z]{3}[0-9]{3}'
markers: {bookmark: '\[bookmark: ?([^\]]*)\]'}
plain_item_pattern: '(\d{1,3})[.)](?:\s+|$)'
sections:
  - {key: overview, kind: prose, labels: [Overview]}
  - {key: performance_criteria, kind: items, labels: [Performance criteria], items: [{pattern: 'P(\d{1,3})\s*', id: P}]}
)";
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("regression: UTF-16 with an unpaired surrogate gives U+FFFD, not invalid UTF-8") {
  // Was: the surrogate was encoded as UTF-8 bytes ED A0 80, and JSON output failed with an internal error.
  std::string bytes = "\xFF\xFE";
  for (char16_t c : std::u16string(u"Overview\nA") + char16_t(0xD800) + u"B " + char16_t(0xDC00) + u"C\n") {
    bytes.push_back(static_cast<char>(c & 0xFF));
    bytes.push_back(static_cast<char>(c >> 8));
  }
  nos::Document d = nos::parse(nos::read_source_bytes(bytes, "u16.txt"));
  CHECK(d.section("overview")->text() == "A\uFFFDB \uFFFDC");
  CHECK(nos::emit_model(d, nos::ModelFormat::Json).find("A\uFFFDB") != std::string::npos);
}

TEST_CASE("regression: a long line of '[' and unclosed markers is scanned in linear time") {
  // Was: each '[' was matched against the rest of the line; a 1 MiB line took minutes.
  std::string line;
  while (line.size() < (1u << 20) - 16) line += "[bookmark: ";
  nos::SourceLine source_line{.text = line};
  auto start = std::chrono::steady_clock::now();
  nos::Token t = nos::tokenize_line(source_line, nos::Grammar::builtin());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(t.extras().bookmarks.empty());
  CHECK(seconds < 30);  // well under a second; generous for sanitizer builds on a busy machine
}

TEST_CASE("regression: DOCX text that is not valid UTF-8 is refused") {
  // Was (fuzz_docx_xml): pugixml passes a UTF-8 part's bytes through unchecked; JSON output then failed.
  std::string docx = nos::test::make_docx(nos::test::para("ok") + nos::test::para("caf\xC3 \x9C"));
  CHECK(error_of([&] { nos::read_source_bytes(docx, "bad.docx"); }) ==
        "bad.docx: word/document.xml is not valid UTF-8 (paragraph 2); re-save the file in Word");
}

TEST_CASE("regression: grammar errors for missing keys and keys that are not strings") {
  // Was (fuzz_grammar): yaml-cpp's InvalidNode (a missing key has no mark) and TypedBadConversion escaped.
  CHECK(error_of([&] {
          nos::Grammar::load_string(builtin_grammar_with("{key: overview, kind: prose,", "{key: overview,"),
                                    "g.yaml");
        }) == "g.yaml: section kind must be a string");
  CHECK(error_of([&] { nos::Grammar::load_string("? [a, b]\n: c\n", "g.yaml"); }) ==
        "g.yaml:1:3: a key in the grammar must be a string");
  CHECK(error_of([&] { nos::Grammar::load_string("name: x\nmarkers: {[k]: v}\n", "g.yaml"); }) != "");
}

TEST_CASE("regression: an item pattern whose group is not a number, or too big, makes no item") {
  // Was: std::stoi threw std::invalid_argument or std::out_of_range from the tokenizer; and (fuzz_grammar)
  // an optional group that took no part in the match was read through a null pointer.
  for (const char* pattern : {"'P(x)\\s*'", "'P(\\d+)\\s*'", "'P(\\d*)\\s*'", "'P(\\d{1,3})?\\s*'"}) {
    INFO(pattern);
    nos::Grammar g = nos::Grammar::load_string(builtin_grammar_with("'P(\\d{1,3})\\s*'", pattern), "g.yaml");
    std::string text = "ABC123\nTitle\nPerformance criteria\nPx first\nP99999999999999 second\nP third\n";
    std::string message = error_of([&] {
      nos::emit_model(nos::parse(nos::read_source_bytes(text, "t.txt"), g), nos::ModelFormat::Json);
    });
    CHECK(message == "");
  }
}

TEST_CASE("regression: a grammar that is not valid UTF-8 is refused") {
  // Was (fuzz_grammar): a section key holding bytes that are not UTF-8 became a key of the model, and
  // JSON output failed with an internal error.
  CHECK(error_of([&] { nos::Grammar::load_string("name: caf\xC3\n", "g.yaml"); }) ==
        "g.yaml:1:10: not valid UTF-8; save the file as UTF-8");
  // Was (fuzz_grammar): the text is valid UTF-8, but yaml-cpp reads a NUL and "_" in a plain scalar as
  // YAML's "\_" escape and gives the single byte 0xA0, which reached the model; JSON output then failed.
  std::string grammar = builtin_grammar_with("key: overview", std::string("key: over\0_view", 15));
  CHECK(error_of([&] { nos::Grammar::load_string(grammar, "g.yaml"); }) ==
        "g.yaml:6:11: a string that is not valid UTF-8; save the file as UTF-8");
}

TEST_CASE("regression: a glob with many stars is matched in linear time") {
  // Was (fuzz_config timeout): backtracking tried every split of the path for every star, so a
  // 40-star ignore glob against a 100-character path did not finish.
  std::string glob;
  for (int i = 0; i < 40; ++i) glob += "*a";
  std::string path(100, 'a');
  auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(nos::glob_match(glob + "b", path));
  CHECK(nos::glob_match(glob, path));
  CHECK_FALSE(
      nos::glob_match("**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/x", std::string(200, '/')));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 30);  // microseconds; generous for sanitizer builds on a busy machine
}

TEST_CASE("regression: long runs of white space or digits are matched without recursion") {
  // Was: std::regex recursed once per character, and overflowed the stack: `nos check` on a text file
  // with a few hundred thousand blank lines (looking for a model's `schema:` line), and on a model with
  // a long number.
  std::string blank_lines = "SCDHSC0390\nTitle\n" + std::string(400000, '\n') + "Overview\n";
  CHECK_FALSE(nos::load_model(blank_lines, "m.txt", nos::Grammar::builtin()));
  CHECK(nos::load_model(std::string(400000, ' ') + "\nschema: nos/1\n", "m.yaml", nos::Grammar::builtin()));
  std::string model = "schema: nos/1\nurn: " + std::string(300000, '1') + "\n";
  nos::LoadedModel m = nos::load_model(model, "m.yaml", nos::Grammar::builtin()).value();
  CHECK(m.problems.empty());  // too long for a number, so it stays the string it was typed as
  CHECK(m.document.urn == std::string(300000, '1'));
}

TEST_CASE("regression: a long run of blank lines is parsed in linear time") {
  // Was: each line looked back over the blank lines before it for a metadata label; 80,000 blank lines
  // took 20 seconds.
  std::string text =
      "SCDHSC0390\nTitle\nOverview\nThis standard is about care.\n" + std::string(400000, '\n');
  auto start = std::chrono::steady_clock::now();
  nos::Document d = nos::parse(nos::read_source_bytes(text, "blank.txt"));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(d.section("overview")->text() == "This standard is about care.");
  CHECK(seconds < 30);  // a fraction of a second; generous for sanitizer builds on a busy machine
}

TEST_CASE("regression: an RTF document whose last paragraph has no \\par keeps that paragraph") {
  // Was: the text was added after the outermost group had closed, reading the properties of a group that
  // was no longer there (a heap-buffer-overflow under ASan).
  auto texts = [](const std::string& rtf) {
    std::vector<std::string> out;
    for (const auto& l : nos::detail::read_rtf_bytes(rtf, "t.rtf", nos::Limits{}).lines)
      out.push_back(l.text);
    return out;
  };
  CHECK(texts("{\\rtf1 \\pard first\\par last}") == std::vector<std::string>{"first", "last"});
  CHECK(texts("{\\rtf1 \\pard\\intbl cell}") == std::vector<std::string>{"\tcell"});
}

TEST_CASE("regression: a .doc whose OLE2 root entry has siblings is refused as damaged") {
  // Was: libgsf read the root's siblings, attached them to nothing and leaked them (LeakSanitizer).
  std::ifstream in(std::filesystem::path(NOS_SOURCE_DIR) / "samples" / "doc" / "hospitality-PPLHSL12.doc",
                   std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(bytes.size() > 1024);
  CHECK(nos::detail::read_doc_bytes(bytes, "t.doc", nos::Limits{}).lines.size() > 10);
  std::size_t sector = 512;
  std::size_t root = (static_cast<std::uint8_t>(bytes[0x30]) + 1) * sector;  // the directory's first sector
  REQUIRE(bytes.compare(root, 10, std::string("R\0o\0o\0t\0 \0", 10)) == 0);
  bytes[root + 0x44] = 1;  // the left sibling: the directory's second entry
  bytes[root + 0x45] = bytes[root + 0x46] = bytes[root + 0x47] = 0;
  CHECK(error_of([&] { nos::detail::read_doc_bytes(bytes, "t.doc", nos::Limits{}); }) ==
        "t.doc: the .doc file is damaged: its OLE2 compound file cannot be read (truncated or corrupt)");
}
