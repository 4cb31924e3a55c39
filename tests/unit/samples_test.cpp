// Every sample against its hand-checked ground truth in samples/EXPECTED.yaml.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "nos/nos.hpp"
#include "test_support.hpp"

namespace {

const std::string kSamples = std::string(NOS_SOURCE_DIR) + "/samples/";

std::optional<std::string> opt(const YAML::Node& n) {
  if (!n || n.IsNull()) return std::nullopt;
  return n.as<std::string>();
}

// "P3" for normalised ids; PC/KU samples record the number as printed.
std::string printed_id(const nos::Item& item) {
  if (!item.numbered()) return "?";
  bool lettered = !item.label().empty() && item.label().find_first_of("0123456789 ") != 0;  // "PC3", not "3."
  if (!lettered) return std::string(item.id());
  std::string label(item.label());
  if (label.back() == '.') label.pop_back();
  return label;
}

void check_groups(const nos::Document& doc, const std::string& key, const YAML::Node& expected) {
  const nos::Section* s = doc.section(key);
  REQUIRE(s != nullptr);
  REQUIRE_MESSAGE(s->groups.size() == expected.size(), key << ": group count");
  for (std::size_t g = 0; g < expected.size(); ++g) {
    CHECK_MESSAGE(s->groups[g].heading == opt(expected[g]["heading"]),
                  key << " group " << g + 1 << " heading");
    std::vector<std::string> ids, want;
    for (const auto& item : s->groups[g].items) ids.push_back(printed_id(item));
    for (const auto& id : expected[g]["ids"]) want.push_back(id.as<std::string>());
    CHECK_MESSAGE(ids == want, key << " group " << g + 1 << " ids");
  }
}

}  // namespace

TEST_CASE("each sample parses to its ground truth in samples/EXPECTED.yaml") {
  YAML::Node expected = YAML::LoadFile(kSamples + "EXPECTED.yaml");
  REQUIRE(expected.size() >= 12);
  for (const auto& entry : expected) {
    const std::string name = entry.first.as<std::string>();
    const YAML::Node want = entry.second;
    SUBCASE(name.c_str()) {
      nos::Document doc = nos::parse_file(kSamples + name);
      CHECK(doc.source.dialect == want["dialect"].as<std::string>());
      CHECK(doc.source.encoding == want["encoding"].as<std::string>());
      CHECK(doc.urn == opt(want["urn"]));
      CHECK(doc.title == opt(want["title"]));
      check_groups(doc, "performance_criteria", want["performance_criteria"]);
      check_groups(doc, "knowledge_and_understanding", want["knowledge_and_understanding"]);

      std::vector<std::string> sections, missing, duplicated, unnumbered;
      for (const auto& s : doc.sections) {
        if (!s.present) continue;
        sections.push_back(s.key);
        bool labelled = std::any_of(s.labels.begin(), s.labels.end(), [](const auto& l) { return !l.stem; });
        if (!labelled) missing.push_back(s.key);
        for (std::size_t i = 0; i < s.labels.size(); ++i)
          for (std::size_t j = i + 1; j < s.labels.size(); ++j)
            if (nos::normalise_label(s.labels[i].text) == nos::normalise_label(s.labels[j].text))
              duplicated.push_back(s.labels[i].text);
        for (const auto& g : s.groups)
          for (const auto& item : g.items)
            if (!item.numbered()) unnumbered.emplace_back(item.text());
      }
      std::sort(sections.begin(), sections.end());
      auto want_sections = want["sections"].as<std::vector<std::string>>();
      std::sort(want_sections.begin(), want_sections.end());
      CHECK(sections == want_sections);
      auto want_missing = want["labels_missing"].as<std::vector<std::string>>();
      std::sort(missing.begin(), missing.end());
      std::sort(want_missing.begin(), want_missing.end());
      CHECK(missing == want_missing);
      CHECK(duplicated == want["labels_duplicated"].as<std::vector<std::string>>());
      CHECK(unnumbered == want["unnumbered_lines"].as<std::vector<std::string>>());
      CHECK(doc.unplaced.empty());

      std::vector<std::string> present;
      for (const auto& f : doc.metadata) {
        if (!f.present()) continue;
        present.push_back(f.key);
        const YAML::Node value = want["metadata"][f.key];
        REQUIRE_MESSAGE(value, "unexpected metadata " << f.key);
        if (f.is_list) {
          std::string joined;
          for (const auto& v : f.values) joined += (joined.empty() ? "" : "; ") + v;
          CHECK_MESSAGE(joined == value.as<std::string>(), f.key);
        } else {
          CHECK_MESSAGE(f.value == value.as<std::string>(), f.key);
        }
      }
      auto want_present = want["metadata_present"].as<std::vector<std::string>>();
      std::sort(present.begin(), present.end());
      std::sort(want_present.begin(), want_present.end());
      CHECK(present == want_present);

      if (want["wrapped_items"]) {
        for (const auto& w : want["wrapped_items"]) {
          std::string id = w.first.as<std::string>();
          const nos::Section* s =
              doc.section(id[0] == 'P' ? "performance_criteria" : "knowledge_and_understanding");
          std::string text = "<missing>";
          for (const auto& g : s->groups)
            for (const auto& item : g.items)
              if (item.id() == id) text = item.text();
          CHECK_MESSAGE(text == w.second.as<std::string>(), id);
        }
      }
      if (want["glossary_terms"]) {
        std::vector<std::string> terms;
        for (const auto& e : doc.section("glossary")->entries) terms.push_back(e.term.value_or("<none>"));
        CHECK(terms == want["glossary_terms"].as<std::vector<std::string>>());
      }
    }
  }
}
