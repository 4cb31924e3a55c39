// YAML models: shape errors at their YAML line; a valid model is checked by the same rules as a parsed
// document; `nos parse` output reads back.
#include <doctest/doctest.h>

#include <algorithm>
#include <utility>

#include "nos/model_loader.hpp"
#include "nos/nos.hpp"
#include "nos/validate.hpp"
#include "parse_helpers.hpp"
#include "test_support.hpp"

namespace {

const std::string kModel = R"(schema: nos/1
urn: SCDHSC0390
title: Promote effective communication
overview: This standard is about communication.
performance_criteria:
  - heading: null
    items:
      - {id: P1, text: agree the plan with the individual}
      - {id: P3, text: "record  the outcome "}
knowledge_and_understanding:
  - items:
      - {id: K1, text: "[bookmark: StartKU]legal requirements"}
metadata:
  developed_by: Skills for Care
)";

std::vector<std::string> rules_of(const std::vector<nos::Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(d.rule + "@" + std::to_string(d.location.line));
  return out;
}

}  // namespace

TEST_CASE("a model is told apart from a text export") {
  const nos::Grammar& grammar = nos::Grammar::builtin();
  CHECK(nos::load_model(kModel, "m.yaml", grammar));
  CHECK_FALSE(nos::load_model("Overview\nThis standard is about schema: nos/1\n", "m.txt", grammar));
  CHECK_FALSE(nos::load_model("schema: nos/2\n", "m.yaml", grammar));
  CHECK_FALSE(nos::load_model("settings:\n  schema: nos/1\n", "m.yaml", grammar));
  // Broken YAML that says it is a model is one, so the user hears what is wrong with its YAML.
  CHECK_THROWS_AS(nos::load_model("schema: nos/1\nurn: [unclosed\n", "m.yaml", grammar), nos::Error);
}

TEST_CASE("a hand-written model goes through the rules, located at its YAML lines") {
  auto m = nos::load_model(kModel, "m.yaml", nos::Grammar::builtin()).value();
  REQUIRE(m.problems.empty());
  auto ds = nos::validate(m.document, nos::Grammar::builtin(), &m.source);
  CHECK(rules_of(ds) == std::vector<std::string>{"missing-section@0", "whitespace@9", "whitespace@9",
                                                 "numbering-gap@9", "conversion-artifact@12"});
}

TEST_CASE("a wrong key or type is a model-schema error at its line") {
  std::string bad = kModel;
  bad.replace(bad.find("text: agree"), 4, "txt");
  bad.replace(bad.find("urn: SCDHSC0390"), 15, "urn: [SCDHSC0390]");
  bad += "overveiw: x\n";
  auto m = nos::load_model(bad, "m.yaml", nos::Grammar::builtin()).value();
  REQUIRE(m.problems.size() == 3);
  CHECK(m.problems[0].location.line == 2);
  CHECK(m.problems[1].message == "unknown key 'txt' in 'performance_criteria[0].items[0]'");
  CHECK(m.problems[1].location.line == 8);
  CHECK(m.problems[2].message ==
        "unknown key 'overveiw': not a section of the grammar (did you mean 'overview'?)");
}

TEST_CASE("a key given twice in one map is a model-schema error at the second, not two models in one") {
  // yaml-cpp finds the first `structure`, the schema's view the second: neither may be read as the model.
  auto m = nos::load_model(
               "schema: nos/1\nstructure:\n  - a scalar\nstructure:\n  - section: overview\n"
               "    location:\n",
               "m.yaml", nos::Grammar::builtin())
               .value();
  REQUIRE(m.problems.size() == 1);
  CHECK(m.problems[0].location.line == 4);
  CHECK(m.problems[0].message == "key 'structure' is given twice in one map (first at line 2)");
  // The first `source` a scalar, the second a map: the loader asked the scalar for its fields and threw.
  auto twice = nos::load_model("source: text\n" + kModel + "source:\n  path: a.txt\n  dialect: tika\n",
                               "m.yaml", nos::Grammar::builtin());
  REQUIRE(twice.has_value());
  REQUIRE(twice->problems.size() == 1);
  CHECK(twice->problems[0].message.starts_with("key 'source' is given twice in one map"));
}

TEST_CASE("a location index past the 16 bits a SourceLocation keeps it in is a model-schema error") {
  std::string big = kModel;
  big.replace(big.find("{id: P1,"), 8, "{id: P1, line: 3, location: {page: 65536, page_line: 1},");
  auto m = nos::load_model(big, "m.yaml", nos::Grammar::builtin()).value();
  REQUIRE(m.problems.size() == 1);
  CHECK(m.problems[0].location.line == 8);
  CHECK(m.problems[0].message.find("65535") != std::string::npos);
}

TEST_CASE("the model nos parse writes reads back with the same findings") {
  std::string text =
      "SCDHSC0390\nPromote effective communication\nOverview\nThis standard is about care.\n"
      "Performance criteria\nYou must be able to:\nP1 agree the plan\nP3 record the outcome\n";
  nos::Source source = nos::test::source_of(text);
  nos::Document parsed = nos::parse(source);
  auto m = nos::load_model(nos::emit_model(parsed, nos::ModelFormat::Yaml), "m.yaml", nos::Grammar::builtin())
               .value();
  REQUIRE(m.problems.empty());
  auto from_text = nos::validate(parsed, nos::Grammar::builtin(), &source);
  auto from_model = nos::validate(m.document, nos::Grammar::builtin(), &m.source);
  REQUIRE(from_text.size() == from_model.size());
  for (std::size_t i = 0; i < from_text.size(); ++i) CHECK(from_text[i].rule == from_model[i].rule);
}

TEST_CASE("a stem printed again for the next group is told from a doubled one in the model too") {
  // The model lists labels after every item; the order of the document is what it records, with a column
  // where pieces share a line (a flattened list).
  const std::string head =
      "SCDHSC0390\nPromote effective communication\nOverview\nThis standard is about care.\n";
  const std::pair<const char*, int> cases[] = {
      {"Performance criteria\nYou must be able to:\nPlan\nP1 agree the plan\nYou must be able to:\nReview\n"
       "P2 record the outcome\n",
       0},
      {"Performance criteria You must be able to: P1 agree the plan You must be able to: P2 record the "
       "outcome\n",
       0},
      {"Performance criteria\nYou must be able to:\nYou must be able to:\nP1 agree the plan\nP2 record it\n",
       1},
  };
  for (const auto& [body, doubled] : cases) {
    CAPTURE(body);
    nos::Source source = nos::test::source_of(head + body);
    const nos::Document parsed = nos::parse(source);
    const std::string yaml = nos::emit_model(parsed, nos::ModelFormat::Yaml);
    auto m = nos::load_model(yaml, "m.yaml", nos::Grammar::builtin()).value();
    REQUIRE(m.problems.empty());
    auto count = [](const std::vector<nos::Diagnostic>& ds) {
      return std::count_if(ds.begin(), ds.end(), [](const auto& d) { return d.rule == "duplicate-label"; });
    };
    CHECK(count(nos::validate(parsed, nos::Grammar::builtin(), &source)) == doubled);
    CHECK(count(nos::validate(m.document, nos::Grammar::builtin(), &m.source)) == doubled);
  }
}

TEST_CASE("a model loaded with its recorded locations is written again byte for byte") {
  // DOCX and PDF models record Word and page locations beside each line; a text model only lines.
  for (const char* sample : {"samples/docx/hospitality-PPLHSL12.docx", "samples/pdf/water-EUSWWT05.pdf",
                             "samples/hospitality-PPLHSL12.txt"}) {
    CAPTURE(sample);
    const nos::Document parsed = nos::parse_file(std::string(NOS_SOURCE_DIR) + "/" + sample);
    for (auto format : {nos::ModelFormat::Yaml, nos::ModelFormat::Json}) {
      const std::string model = nos::emit_model(parsed, format);
      auto loaded = nos::load_model(model, "m", nos::Grammar::builtin(), {}, nos::ModelLocations::Recorded);
      REQUIRE(loaded);
      REQUIRE(loaded->problems.empty());
      CHECK(nos::emit_model(loaded->document, format) == model);
      CHECK(loaded->document.source.path == parsed.source.path);
    }
  }
}
