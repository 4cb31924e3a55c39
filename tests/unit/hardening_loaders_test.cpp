// Hostile YAML for the three loaders (grammar, .nos.yaml, YAML model): not YAML, wrong types, alias
// bombs, numbers out of range. Each must end in nos::Error (or, for a model, model-schema findings), in
// bounded time and memory; any other exception is a bug (the CLI would print "internal error").
#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <string>

#include "nos/config.hpp"
#include "nos/model_loader.hpp"
#include "nos/nos.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define NOS_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NOS_TEST_ASAN 1
#endif
#endif

namespace {

/// What `f` did: "" when it returned, the message of a nos::Error, or "other exception: ..." otherwise.
std::string outcome(const std::function<void()>& f) {
  try {
    f();
  } catch (const nos::Error& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("other exception: ") + e.what();
  }
  return "";
}

/// A YAML billion-laughs: `levels` levels of ten aliases each, the last one under `key`.
std::string alias_bomb(const std::string& head, const std::string& key, int levels) {
  std::string s = head + "a0: &a0 [\"lol\"]\n";
  for (int i = 1; i < levels; ++i) {
    s += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) s += (k ? ", *a" : "*a") + std::to_string(i - 1);
    s += "]\n";
  }
  return s + key + ": *a" + std::to_string(levels - 1) + "\n";
}

/// About `size` bytes of YAML whose aliases all name one 1,000-byte string, the list under `key`.
std::string long_string_aliases(std::string head, const std::string& key, std::size_t size) {
  head += key + ": [&long " + std::string(1000, 'x');
  while (head.size() < size) head += ", *long";
  return head + "]\n";
}

/// Aliases that nest: each of `count` anchors wraps the one before in `levels` brackets, so the last is
/// levels x count deep once expanded although yaml-cpp reads no more than `levels` at a time.
std::string nested_aliases(std::string head, int levels, int count) {
  head += "b0: &a0 x\n";
  for (int i = 1; i < count; ++i)
    head += "b" + std::to_string(i) + ": &a" + std::to_string(i) + " " + std::string(levels, '[') + "*a" +
            std::to_string(i - 1) + std::string(levels, ']') + "\n";
  return head;
}

/// Runs `f` in a child process with a time limit (and, without AddressSanitizer, a memory limit), so a
/// loader that expands an alias bomb fails this test instead of hanging it. True when `f` returned true.
bool bounded(const std::function<bool()>& f, unsigned seconds) {
  pid_t pid = ::fork();
  if (pid == 0) {
#ifndef NOS_TEST_ASAN  // AddressSanitizer reserves terabytes of address space: no RLIMIT_AS under it
    rlimit mem{1u << 30, 1u << 30};
    ::setrlimit(RLIMIT_AS, &mem);
#endif
    std::freopen("/dev/null", "w", stderr);  // a loader that runs out of memory may abort noisily
    ::alarm(seconds);
    bool ok = false;
    try {
      ok = f();
    } catch (...) {
    }
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

// ---- all three: the expanded size (src/util/yaml_file.cpp) -------------------------------------------

TEST_CASE("hostile YAML: aliases to one long string are refused by their expanded size") {
  // Each loader once counted nodes, not bytes: a 1 MB model of such aliases took over 3 GB.
  const std::string refused = ": its YAML aliases expand it past 16 MiB (--max-yaml-size): refused";
  CHECK(bounded(
      [&] {
        return outcome([] {
                 nos::Grammar::load_string(long_string_aliases("name: g\n", "structural_labels", 1000000),
                                           "g.yaml");
               }) == "g.yaml" + refused;
      },
      10));
  CHECK(bounded(
      [&] {
        return outcome([] {
                 nos::Config::load_string(long_string_aliases("", "ignore", 1000000), "c/.nos.yaml");
               }) == "c/.nos.yaml" + refused;
      },
      10));
  CHECK(bounded(
      [&] {
        return outcome([] {
                 nos::load_model(long_string_aliases("schema: nos/1\n", "unplaced", 1000000), "m.yaml",
                                 nos::Grammar::builtin());
               }) == "m.yaml" + refused;
      },
      10));
  // 20 MB once expanded: over the default, read under a raised limit.
  const std::string config = long_string_aliases("", "ignore", 140000);
  CHECK(outcome([&] { nos::Config::load_string(config, "c/.nos.yaml"); }) == "c/.nos.yaml" + refused);
  nos::Limits raised;
  raised.max_yaml_bytes = 64u << 20;
  CHECK(nos::Config::load_string(config, "c/.nos.yaml", raised).ignore.size() == 19856);
}

TEST_CASE("hostile YAML: aliases that nest past any stack are refused") {
  // 400 levels a time, 150 times: 60,000 levels expanded; the walk that measures the size overflowed
  // the stack on it.
  const std::string refused = ": its YAML aliases nest it more than 1000 levels deep: refused";
  CHECK(outcome([] { nos::Grammar::load_string(nested_aliases("", 400, 150), "g.yaml"); }) ==
        "g.yaml" + refused);
  CHECK(outcome([] { nos::Config::load_string(nested_aliases("", 400, 150), "c/.nos.yaml"); }) ==
        "c/.nos.yaml" + refused);
  CHECK(outcome([] {
          nos::load_model(nested_aliases("schema: nos/1\n", 400, 150), "m.yaml", nos::Grammar::builtin());
        }) == "m.yaml" + refused);
  // 900 levels expanded is read: the schema then says what is wrong with it.
  CHECK_FALSE(nos::load_model(nested_aliases("schema: nos/1\n", 300, 4), "m.yaml", nos::Grammar::builtin())
                  .value()
                  .problems.empty());
}

// ---- grammar (src/grammar/grammar_loader.cpp) ---------------------------------------------------------

TEST_CASE("hostile grammar: not YAML, wrong types, an alias bomb") {
  auto load = [](const std::string& text) {
    return outcome([&] { nos::Grammar::load_string(text, "g.yaml"); });
  };
  CHECK(load("name: [unclosed\n") == "g.yaml:2:1: end of sequence flow not found");
  CHECK(load("- a list\n") == "g.yaml:1:1: the grammar must be a mapping");
  CHECK(load("name: [a]\n") == "g.yaml:1:7: name must be a string");
  CHECK(load("name: n\nurn_pattern: u\nmarkers: {bookmark: '(x)'}\nplain_item_pattern: p\nsections: 5\n") ==
        "g.yaml:1:1: 'sections' must be a non-empty list");
  CHECK(load(std::string(3000, '[')) == "g.yaml:1:1: nested more than 2,000 levels deep");
  CHECK(load("name: a\nname: b\n") == "g.yaml:2:1: key 'name' is given twice in one map (first at line 1)");
  CHECK(bounded(
      [&] {
        return load(alias_bomb("", "structural_labels", 9))
            .starts_with("g.yaml: its YAML aliases expand it past 16 MiB");
      },
      60));
}

// ---- .nos.yaml (src/config/config.cpp) ---------------------------------------------------------------

TEST_CASE("hostile config: not YAML, wrong types") {
  auto load = [](const std::string& text) {
    return outcome([&] { nos::Config::load_string(text, "c/.nos.yaml"); });
  };
  CHECK(load("rules: [unclosed\n") == "c/.nos.yaml:2:1: end of sequence flow not found");
  CHECK(load("rules: 5\n") == "c/.nos.yaml:1:8: expected a map of rule ids");
  CHECK(load("- a\n") == "c/.nos.yaml:1:1: expected a map of settings");
  CHECK(load("fail_on: [error]\n") == "c/.nos.yaml:1:10: fail_on must be error, warning or info");
  // yaml-cpp would read the first of two values and a walk over the map the last: neither is a safe guess.
  CHECK(load("fail_on: error\nfail_on: info\n") ==
        "c/.nos.yaml:2:1: key 'fail_on' is given twice in one map (first at line 1)");
  CHECK(load("suite:\n  complete: true\n  complete: false\n") ==
        "c/.nos.yaml:3:3: key 'complete' is given twice in one map (first at line 2)");
  CHECK(bounded([&] { return load(alias_bomb("", "ignore", 9)).starts_with("c/.nos.yaml:"); }, 60));
}

TEST_CASE("hostile config: an empty list where one path is expected") {
  auto load = [](const std::string& text) {
    return outcome([&] { nos::Config::load_string(text, "c/.nos.yaml"); });
  };
  CHECK(load("grammar: []\n").starts_with("c/.nos.yaml:1:"));
  CHECK(load("baseline: []\n").starts_with("c/.nos.yaml:1:"));
}

// ---- YAML models (src/model/model_loader.cpp) ------------------------------------------------------------

namespace {

/// "problems" when the model was refused with model-schema findings, "loaded" when it loaded, "not a model",
/// or outcome().
std::string load_model(const std::string& text) {
  std::string result;
  std::string error = outcome([&] {
    std::optional<nos::LoadedModel> m = nos::load_model(text, "m.yaml", nos::Grammar::builtin());
    result = !m ? "not a model" : m->problems.empty() ? "loaded" : "problems";
  });
  return error.empty() ? result : error;
}

}  // namespace

TEST_CASE("hostile model: not YAML, wrong types") {
  CHECK(load_model("schema: nos/1\noverview: [unclosed\n") == "m.yaml:3:1: end of sequence flow not found");
  CHECK(load_model("schema: nos/1\noverview: [1, 2]\n") == "problems");
  CHECK(load_model("schema: nos/1\nperformance_criteria: {a: b}\n") == "problems");
  CHECK(load_model("schema: nos/1\nurn: X1\n") == "loaded");
}

TEST_CASE("hostile model: a document that is not a map") {
  CHECK(load_model("- schema\n- nos/1\n") == "not a model");
  CHECK(load_model("just text\n") == "not a model");
}

TEST_CASE("hostile model: numbers out of range") {
  CHECK(load_model("schema: nos/1\nmetadata: {version: 99999999999999999999999}\n") != "");
  CHECK(load_model("schema: nos/1\nmetadata: {version: 99999999999999999999999}\n").find("other exception") ==
        std::string::npos);
  CHECK(load_model("schema: nos/1\nmetadata: {version: 1.5e999}\n").find("other exception") ==
        std::string::npos);
  CHECK(load_model(
            "schema: nos/1\nperformance_criteria: [{heading: null, items: [{id: P99999999999, text: x}]}]\n")
            .find("other exception") == std::string::npos);
}

TEST_CASE("hostile model: an alias bomb is refused quickly") {
  CHECK(bounded(
      [] { return load_model(alias_bomb("schema: nos/1\n", "unplaced", 9)).starts_with("m.yaml: "); }, 60));
}

TEST_CASE("hostile model: text that is not valid UTF-8") {
  std::string result = outcome([] {
    auto m = nos::load_model("schema: nos/1\ntitle: caf\xC3\n", "m.yaml", nos::Grammar::builtin());
    if (m && m->problems.empty()) nos::emit_model(m->document, nos::ModelFormat::Json);
  });
  CHECK(result == "m.yaml:2:11: not valid UTF-8; save the file as UTF-8");
  // Valid UTF-8 text, but yaml-cpp reads a NUL and "_" as YAML's "\_" escape, the lone byte 0xA0.
  CHECK(load_model(std::string("schema: nos/1\ntitle: caf\0_\n", 27)) ==
        "m.yaml:2:8: a string that is not valid UTF-8; save the file as UTF-8");
  CHECK(load_model(std::string("schema: nos/1\nca\0_f: x\n", 23)) ==
        "m.yaml:2:1: a string that is not valid UTF-8; save the file as UTF-8");
}
