// The documents in tests/shapes/, written in the shapes real NOS come in (flattened PDF text, a
// document-sharing site's transcript, a number column read before its texts, a NOS Finder web page),
// against tests/shapes/EXPECTED.yaml: the URN, the title, every item's id and text, and every finding of
// nos check, each read against the file by hand.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "nos/nos.hpp"
#include "nos/validate.hpp"
#include "test_support.hpp"

namespace {

const std::string kShapes = std::string(NOS_SOURCE_DIR) + "/tests/shapes/";

std::optional<std::string> opt(const YAML::Node& n) {
  if (!n || n.IsNull()) return std::nullopt;
  return n.as<std::string>();
}

// "id text" for every item of a section, in order.
std::vector<std::string> items_of(const nos::Document& doc, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& g : doc.section(key)->groups)
    for (const auto& item : g.items) out.push_back(std::string(item.id()) + " " + std::string(item.text()));
  return out;
}

std::vector<std::string> expected_items(const YAML::Node& list) {
  std::vector<std::string> out;
  for (const auto& item : list) out.push_back(item[0].as<std::string>() + " " + item[1].as<std::string>());
  return out;
}

}  // namespace

TEST_CASE("each document in tests/shapes reads as tests/shapes/EXPECTED.yaml says") {
  YAML::Node expected = YAML::LoadFile(kShapes + "EXPECTED.yaml");
  REQUIRE(expected.size() >= 4);
  for (const auto& entry : expected) {
    const std::string name = entry.first.as<std::string>();
    const YAML::Node want = entry.second;
    SUBCASE(name.c_str()) {
      nos::Source source = nos::read_source(kShapes + name);
      nos::Document doc = nos::parse(source);
      CHECK(doc.urn == opt(want["urn"]));
      CHECK(doc.title == opt(want["title"]));
      CHECK(items_of(doc, "performance_criteria") == expected_items(want["performance_criteria"]));
      CHECK(items_of(doc, "knowledge_and_understanding") ==
            expected_items(want["knowledge_and_understanding"]));
      std::vector<std::string> findings, want_findings;
      for (const auto& d : nos::validate(doc, nos::Grammar::builtin(), &source))
        findings.push_back(d.rule + "@" + std::to_string(d.location.line));
      for (const auto& f : want["findings"]) want_findings.push_back(f.as<std::string>());
      CHECK(findings == want_findings);
    }
  }
}
