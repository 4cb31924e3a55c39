// .nos.yaml: keys, rule settings, overrides, errors that name the mistake; globs; the baseline.
#include "nos/config.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "nos/error.hpp"
#include "util/glob.hpp"

namespace {

std::string config_error(const std::string& yaml) {
  try {
    nos::Config::load_string(yaml, "dir/.nos.yaml");
  } catch (const nos::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("rules: off, severity, options; overrides by glob") {
  auto c = nos::Config::load_string(R"(
rules:
  whitespace: off
  criterion-verb: warning
  near-duplicate-criterion: {threshold: 0.9}
overrides:
  - files: ["legacy/**"]
    rules: {missing-label: off}
fail_on: warning
grammar: g/nos.yaml
)",
                                    "dir/.nos.yaml");
  auto s = c.settings_for("dir/a.txt");
  CHECK_FALSE(s["whitespace"].enabled);
  CHECK(s["criterion-verb"].severity == nos::Severity::Warning);
  CHECK(s["near-duplicate-criterion"].numbers["threshold"] == 0.9);
  CHECK(s["missing-label"].enabled);
  CHECK_FALSE(c.settings_for("dir/legacy/x/b.txt")["missing-label"].enabled);
  CHECK(c.fail_on == nos::Severity::Warning);
  CHECK(c.grammar == "dir/g/nos.yaml");
}

TEST_CASE("unknown keys, rule ids and options are errors with their line and a suggestion") {
  CHECK(config_error("rulez: {}\n") ==
        "dir/.nos.yaml:1:1: unknown key 'rulez' in the configuration (did you mean 'rules'?)");
  CHECK(config_error("rules:\n  numbering-gaps: off\n") ==
        "dir/.nos.yaml:2:3: unknown rule 'numbering-gaps' (did you mean 'numbering-gap'?)");
  CHECK(config_error("rules:\n  near-duplicate-criterion: {treshold: 1}\n") ==
        "dir/.nos.yaml:2:30: rule 'near-duplicate-criterion' has no setting 'treshold' (did you mean "
        "'threshold'?)");
  CHECK(config_error("rules:\n  whitespace: loud\n") ==
        "dir/.nos.yaml:2:15: expected off, on, error, warning or info, not 'loud'");
  CHECK(config_error("ignore_findings:\n  SCDHSC0390:\n    P14: [near-duplicate]\n") ==
        "dir/.nos.yaml:3:11: unknown rule 'near-duplicate' (did you mean 'near-duplicate-criterion'?)");
}

TEST_CASE("a rule option out of its range is an error, not a cast that overflows") {
  CHECK(config_error("rules:\n  near-duplicate-criterion: {threshold: 1.5}\n") ==
        "dir/.nos.yaml:2:41: 'threshold' of rule 'near-duplicate-criterion' must be a number from 0 to 1");
  CHECK(config_error("rules:\n  near-duplicate-criterion: {threshold: .nan}\n") ==
        "dir/.nos.yaml:2:41: 'threshold' of rule 'near-duplicate-criterion' must be a number from 0 to 1");
  CHECK(config_error("rules:\n  near-duplicate-criterion: {max_comparisons: -1}\n") ==
        "dir/.nos.yaml:2:47: 'max_comparisons' of rule 'near-duplicate-criterion' must be a number from 0 "
        "to 1000000000000000");
  CHECK(config_error("rules:\n  review-date: {min_years: many}\n") ==
        "dir/.nos.yaml:2:28: 'min_years' of rule 'review-date' must be a number from 0 to 100");
  CHECK(config_error("rules:\n  near-duplicate-criterion: {min_words: 1e300}\n") ==
        "dir/.nos.yaml:2:41: 'min_words' of rule 'near-duplicate-criterion' must be a number from 0 to "
        "1000000");
}

TEST_CASE("a choice option takes one of its words") {
  auto c = nos::Config::load_string("rules:\n  mixed-quotes: {style: curly}\n", "dir/.nos.yaml");
  CHECK(c.settings_for("dir/a.txt").at("mixed-quotes").words.at("style") ==
        std::vector<std::string>{"curly"});
  CHECK(nos::default_settings().at("mixed-quotes").words.at("style") == std::vector<std::string>{"majority"});
  CHECK(
      config_error("rules:\n  mixed-quotes: {style: curvy}\n") ==
      "dir/.nos.yaml:2:25: 'style' of rule 'mixed-quotes' must be one of majority, curly, straight (did you "
      "mean 'curly'?)");
  CHECK(config_error("rules:\n  mixed-quotes: {style: [curly]}\n") ==
        "dir/.nos.yaml:2:25: 'style' of rule 'mixed-quotes' must be one of majority, curly, straight");
}

TEST_CASE("ignore_findings: one rule without a list is taken; a value that names no rule is an error") {
  auto c =
      nos::Config::load_string("ignore_findings:\n  SCDHSC0390:\n    P14: mixed-quotes\n", "dir/.nos.yaml");
  REQUIRE(c.ignore_findings.size() == 1);
  CHECK(c.ignore_findings[0].rule == "mixed-quotes");
  CHECK(c.ignore_findings[0].line == 3);
  // Was: anything but a list was dropped without a word, so the finding it meant to hide still failed CI.
  CHECK(config_error("ignore_findings:\n  SCDHSC0390:\n    P14:\n") ==
        "dir/.nos.yaml:3:5: expected a rule id or a list of rule ids");
  CHECK(config_error("ignore_findings:\n  SCDHSC0390:\n    P14: {mixed-quotes: on}\n") ==
        "dir/.nos.yaml:3:10: expected a rule id or a list of rule ids");
}

TEST_CASE("a string that is not UTF-8 is refused at its place, not kept for the JSON output to choke on") {
  // Was: kept, and `nos check --format json` then ended with "internal error: json type_error.316".
  CHECK(config_error("ignore_findings:\n  SCDHSC0390:\n    P1\xFF: [whitespace]\n") ==
        "dir/.nos.yaml:3:7: not valid UTF-8; save the file as UTF-8");
  CHECK(config_error("ignore: [\"drafts/\xFF*\"]\n") ==
        "dir/.nos.yaml:1:18: not valid UTF-8; save the file as UTF-8");
  CHECK(config_error("baseline: \"b\\_.json\"\n") ==
        "dir/.nos.yaml:1:11: a string that is not valid UTF-8; save the file as UTF-8");
}

TEST_CASE("ignore globs and per-URN ignores") {
  auto c = nos::Config::load_string(R"(
ignore: ["drafts/**", "*.tmp.txt"]
ignore_findings:
  SCDHSC0390:
    P14: [near-duplicate-criterion]
    "*": [mixed-quotes]
)",
                                    "dir/.nos.yaml");
  CHECK(c.ignores("dir/drafts/a/b.txt"));
  CHECK(c.ignores("dir/x/y.tmp.txt"));
  CHECK_FALSE(c.ignores("dir/x/y.txt"));
  REQUIRE(c.ignore_findings.size() == 2);
  CHECK(c.ignore_findings[0].subject == "P14");
  CHECK(c.ignore_findings[0].line == 5);
}

TEST_CASE("find_config: the nearest .nos.yaml, not above the repository root, not another user's") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("nos-find-config-" + std::to_string(::getpid()));
  fs::create_directories(root / "repo/.git");
  fs::create_directories(root / "repo/docs/a");
  std::ofstream(root / ".nos.yaml") << "ignore: [\"**\"]\n";
  std::string doc = (root / "repo/docs/a/doc.txt").string();
  nos::ConfigLookup none = nos::find_config(doc);
  CHECK_FALSE(none.path);  // the one above .git is not this repository's
  CHECK(none.not_owned.empty());
  std::ofstream(root / "repo/docs/.nos.yaml") << "fail_on: warning\n";
  CHECK(nos::find_config(doc).path == (root / "repo/docs/.nos.yaml").string());
  if (::geteuid() == 0 && ::chown((root / "repo/docs/.nos.yaml").c_str(), 65534, 65534) == 0) {
    nos::ConfigLookup foreign = nos::find_config(doc);
    CHECK_FALSE(foreign.path);
    CHECK(foreign.not_owned == (root / "repo/docs/.nos.yaml").string());
  }
  fs::remove_all(root);
}

TEST_CASE("glob_match") {
  CHECK(nos::glob_match("*.txt", "a/b/c.txt"));
  CHECK(nos::glob_match("a/*.txt", "a/c.txt"));
  CHECK_FALSE(nos::glob_match("a/*.txt", "a/b/c.txt"));
  CHECK(nos::glob_match("a/**/c.txt", "a/c.txt"));
  CHECK(nos::glob_match("a/**/c.txt", "a/x/y/c.txt"));
  CHECK(nos::glob_match("**", "anything/at/all"));
  CHECK(nos::glob_match("?.txt", "a.txt"));
  CHECK_FALSE(nos::glob_match("?", "/"));
  CHECK_FALSE(nos::glob_match("a*c", "ab/c"));
  CHECK(nos::glob_match("a**c", "ab/c"));
  CHECK(nos::glob_match("**/c.txt", "c.txt"));
  CHECK(nos::glob_match("**/c.txt", "a/b/c.txt"));
  CHECK_FALSE(nos::glob_match("**/c.txt", "a/bc.txt/d"));
  CHECK(nos::glob_match("a/**/b/**/c", "a/b/c"));
  CHECK(nos::glob_match("a/**/b/**/c", "a/x/b/y/z/c"));
  CHECK_FALSE(nos::glob_match("a/**/b/**/c", "a/xb/c"));
  CHECK(nos::glob_match("legacy/**", "legacy/a/b.docx"));
  CHECK_FALSE(nos::glob_match("legacy/**", "legacyx/a.docx"));
  CHECK(nos::glob_match("*", ""));
  CHECK_FALSE(nos::glob_match("", "a"));
  CHECK(nos::glob_match("*.tmp.*", "d/x.tmp.txt"));
}

TEST_CASE("the default config from --init loads") {
  auto c = nos::Config::load_string(nos::default_config_text(), ".nos.yaml");
  CHECK(c.fail_on == nos::Severity::Error);
}

namespace {

/// A finding the baseline keys by its subject: numbering-gap at P7.
nos::Diagnostic gap_at_p7() {
  nos::Diagnostic d;
  d.rule = "numbering-gap";
  d.subject = "P7";
  return d;
}

}  // namespace

TEST_CASE("baseline: counts per file, rule, URN and key; not lines") {
  nos::Diagnostic a = gap_at_p7();
  a.location.line = 10;
  nos::Diagnostic b;
  b.rule = "whitespace";
  b.message = "double space in 'support  the' (line 12)";
  nos::Baseline base(".");
  base.add("s/x.txt", "URN1", {a, b, b});
  REQUIRE(base.entries().size() == 2);
  CHECK(base.entries()[1].count == 2);
  CHECK(base.entries()[1].key == "double space in 'support  the' (line #)");

  a.location.line = 99;  // moved by an edit elsewhere: still the same finding
  nos::Diagnostic fresh = a;
  fresh.subject = "P9";
  std::vector<nos::Diagnostic> now = {a, fresh, b};
  base.suppress("s/x.txt", "URN1", now);
  REQUIRE(now.size() == 1);
  CHECK(now[0].subject == "P9");
  CHECK(base.entries()[1].matched == 1);  // one of the two whitespace findings is gone: stale
  std::ostringstream written;
  base.write_json(written);
  CHECK(written.str().find("\"key\": \"P7\"") != std::string::npos);
}

TEST_CASE("baseline: an entry a hand edit gives twice is counted once, with both counts") {
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / ("nos-baseline-" + std::to_string(::getpid()) + ".json");
  std::ofstream(file) << R"({"version": 1, "findings": [
    {"path": "x.txt", "rule": "numbering-gap", "urn": "U", "key": "P7", "count": 1},
    {"path": "x.txt", "rule": "numbering-gap", "urn": "U", "key": "P7", "count": 2}]})";
  nos::Baseline base = nos::Baseline::load(file.string());
  fs::remove(file);
  REQUIRE(base.entries().size() == 1);
  CHECK(base.entries()[0].count == 3);
  const nos::Diagnostic a = gap_at_p7();
  std::vector<nos::Diagnostic> now = {a, a, a, a};
  base.suppress((fs::path(base.dir()) / "x.txt").string(), "U", now);
  CHECK(now.size() == 1);  // three recorded, four found: one is new
}

TEST_CASE("baseline: a file name that is not UTF-8 is recorded with U+FFFD, and matches itself") {
  const nos::Diagnostic a = gap_at_p7();
  nos::Baseline base(".");
  base.add("s/caf\xe9.txt", "U", {a});
  CHECK(base.entries()[0].path == "s/caf\uFFFD.txt");
  std::ostringstream written;
  base.write_json(written);  // JSON holds UTF-8 only: nlohmann throws on the raw byte
  CHECK(written.str().find("caf\uFFFD.txt") != std::string::npos);
  std::vector<nos::Diagnostic> now = {a};
  base.suppress("s/caf\xe9.txt", "U", now);
  CHECK(now.empty());
  CHECK(base.stale().empty());

  nos::Baseline twice(".");
  twice.add("s/caf\xe9.txt", "U", {a, a});
  now = {a};  // one of the two fixed: the entry is stale
  twice.suppress("s/caf\xe9.txt", "U", now);
  REQUIRE(twice.stale().size() == 1);
  CHECK(twice.stale()[0]->path == "s/caf\uFFFD.txt");
}

TEST_CASE("baseline: only the entries of files checked against it can be stale") {
  const nos::Diagnostic a = gap_at_p7();
  nos::Baseline base(".");
  base.add("s/x.txt", "U", {a});
  base.add("s/y.txt", "U", {a});
  std::vector<nos::Diagnostic> none;
  base.suppress("./s/../s/x.txt", "U", none);  // P7 fixed in x.txt; y.txt not checked this run
  REQUIRE(base.stale().size() == 1);
  CHECK(base.stale()[0]->path == "s/x.txt");
}

TEST_CASE("suite: {complete: true} says the set checked together is the whole suite") {
  CHECK(nos::Config::load_string("suite: {complete: true}\n", "dir/.nos.yaml").suite_complete);
  CHECK_FALSE(nos::Config::load_string("suite: {complete: false}\n", "dir/.nos.yaml").suite_complete);
  CHECK_FALSE(nos::Config::load_string("fail_on: error\n", "dir/.nos.yaml").suite_complete);
  CHECK(config_error("suite: {complete: maybe}\n") == "dir/.nos.yaml:1:19: complete must be true or false");
  CHECK(config_error("suite: {complet: true}\n") ==
        "dir/.nos.yaml:1:9: unknown key 'complet' in suite (did you mean 'complete'?)");
}
