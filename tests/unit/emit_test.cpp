// The model emitters: YAML and JSON say the same thing, in the documented key order.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

#include "emit/model_tree.hpp"
#include "nos/nos.hpp"
#include "parse_helpers.hpp"

namespace {

using Json = nlohmann::ordered_json;

// Reads YAML back into JSON, typing scalars the way a YAML 1.2 core-schema reader does.
Json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      Json j = Json::object();
      for (const auto& kv : node) j[kv.first.as<std::string>()] = to_json(kv.second);
      return j;
    }
    case YAML::NodeType::Sequence: {
      Json j = Json::array();
      for (const auto& v : node) j.push_back(to_json(v));
      return j;
    }
    case YAML::NodeType::Scalar: {
      if (node.Tag() == "!") return node.as<std::string>();  // quoted: always a string
      const std::string s = node.as<std::string>();
      if (s == "true" || s == "false") return s == "true";
      if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos) return std::stoll(s);
      return s;
    }
    default:
      return nullptr;
  }
}

}  // namespace

TEST_CASE("the YAML model reads back as exactly the JSON model") {
  for (const char* sample : {"samples/construction-COSVR611.txt", "samples/docx/hospitality-PPLHSL12.docx",
                             "samples/water-EUSWWT05.txt"}) {
    nos::Document doc = nos::parse_file(std::string(NOS_SOURCE_DIR) + "/" + sample);
    Json from_yaml = to_json(YAML::Load(nos::emit_model(doc, nos::ModelFormat::Yaml)));
    Json from_json = Json::parse(nos::emit_model(doc, nos::ModelFormat::Json));
    CHECK_MESSAGE(from_yaml == from_json, sample);
  }
}

TEST_CASE("absent values are YAML nulls, not strings") {
  auto doc = nos::test::parse_text("Overview\nThis standard is about x.\n");
  YAML::Node y = YAML::Load(nos::emit_model(doc, nos::ModelFormat::Yaml));
  CHECK(y["urn"].IsNull());
  CHECK(y["values"].IsNull());
  CHECK(y["metadata"]["developed_by"].IsNull());
  CHECK(y["metadata"]["keywords"].IsSequence());
  CHECK(y["performance_criteria"].size() == 0);
}

TEST_CASE("top-level keys come in the documented order") {
  auto doc = nos::test::parse_text("Overview\nThis standard is about x.\n");
  const Json tree = nos::model_tree(doc);
  std::vector<std::string> keys;
  for (auto it = tree.begin(); it != tree.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"schema", "source", "urn", "title", "overview",
                                         "performance_criteria", "knowledge_and_understanding", "scope_range",
                                         "values", "behaviours", "skills", "glossary", "links",
                                         "external_links", "metadata", "unplaced", "structure"});
}

TEST_CASE("every string and key survives the YAML writer") {
  std::string all_bytes_below_0x80;
  for (int c = 1; c < 0x80; ++c) all_bytes_below_0x80 += static_cast<char>(c);
  const std::vector<std::string> strings = {"",
                                            " leading and trailing ",
                                            "quote \" and backslash \\",
                                            "a: b # c",
                                            "- dash",
                                            "[x]",
                                            "{y}",
                                            "*ref",
                                            "&anchor",
                                            "!tag",
                                            "%directive",
                                            "@at",
                                            "`tick`",
                                            "'single'",
                                            "null",
                                            "true",
                                            "123",
                                            "0x1F",
                                            "~",
                                            "line\nbreak\r\n",
                                            all_bytes_below_0x80,
                                            "C1 \u0080 \u0085 \u009f, NBSP \u00a0, \u00a1 é",
                                            "\ufeffBOM",
                                            "\u2028 \u2029 emoji \U0001F600"};
  Json tree = Json::object();
  Json list = Json::array();
  for (const auto& s : strings) {
    tree[s.empty() ? "k" : s] = s;
    list.push_back(Json{{"text", s}, {"n", 7}, {"flag", false}, {"none", nullptr}});
  }
  tree["entries"] = list;
  tree["nested"] = Json{{"deeper", Json{{"list", Json::array({"a", Json::array({"b", "c"})})}}}};
  tree["empty"] = Json{{"map", Json::object()}, {"list", Json::array()}};
  const std::string yaml = nos::tree_to_yaml(tree);
  Json back;
  REQUIRE_NOTHROW(back = to_json(YAML::Load(yaml)));
  CHECK(back == tree);
}

TEST_CASE("the YAML layout: block mappings, list entries as one-line flow mappings") {
  Json tree = {
      {"schema", "nos/1"},
      {"items", Json::array({Json{{"id", "P1"}, {"line", 3}, {"location", Json{{"paragraph", 3}}}}})},
      {"groups", Json::array({Json{{"heading", "H"}, {"items", Json::array({"x"})}}})},
      {"none", nullptr},
      {"list", Json::array()}};
  CHECK(nos::tree_to_yaml(tree) ==
        "schema: \"nos/1\"\n"
        "items:\n"
        "  - {id: \"P1\", line: 3, location: {paragraph: 3}}\n"
        "groups:\n"
        "  - heading: \"H\"\n"
        "    items:\n"
        "      - \"x\"\n"
        "none: null\n"
        "list: []\n");
}

TEST_CASE("the JSON model is laid out as nlohmann::json's dump(2), every string escaped as it does") {
  std::string all_bytes_below_0x80;
  for (int c = 1; c < 0x80; ++c) all_bytes_below_0x80 += static_cast<char>(c);
  nos::Document doc =
      nos::parse_file(std::string(NOS_SOURCE_DIR) + "/samples/docx/hospitality-PPLHSL12.docx");
  nos::Item& item = doc.section("performance_criteria")->groups.front().items.front();
  item = nos::Item(item.id(), "PC \"1\"", all_bytes_below_0x80 + " \u0085 \u00a0 é \ufeff \u2028 \U0001F600",
                   item.location, item.number);
  CHECK(nos::emit_model(doc, nos::ModelFormat::Json) == nos::model_tree(doc).dump(2) + "\n");
}

TEST_CASE("a model written to a stream is the model written to a string") {
  const nos::Document doc = nos::parse_file(std::string(NOS_SOURCE_DIR) + "/samples/water-EUSWWT05.txt");
  for (auto format : {nos::ModelFormat::Yaml, nos::ModelFormat::Json}) {
    std::ostringstream out;
    nos::emit_model(doc, format, out);
    CHECK(out.str() == nos::emit_model(doc, format));
  }
}

TEST_CASE("invalid UTF-8 in a JSON model is refused as nlohmann::json refused it") {
  nos::Document doc = nos::test::parse_text("Overview\nThis standard is about x.\n");
  doc.title = "A\xff";
  CHECK_THROWS_AS(nos::emit_model(doc, nos::ModelFormat::Json), nlohmann::json::type_error);
}

TEST_CASE("dotted section keys nest under the first place their parent key takes") {
  nos::Document doc;
  for (const char* key :
       {"scope_range.performance_criteria", "overview", "scope_range.knowledge", "title.x"}) {
    nos::Section s;
    s.key = key;
    doc.sections.push_back(s);
  }
  const Json tree = nos::model_tree(doc);
  std::vector<std::string> keys;
  for (auto it = tree.begin(); it != tree.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"schema", "source", "urn", "title", "scope_range", "overview",
                                         "metadata", "unplaced", "structure"});
  CHECK(tree["scope_range"] == Json{{"performance_criteria", nullptr}, {"knowledge", nullptr}});
  CHECK(tree["title"] == Json{{"x", nullptr}});  // a value in the way of a dotted key becomes a mapping
  CHECK(nos::emit_model(doc, nos::ModelFormat::Yaml) == nos::tree_to_yaml(tree));
  CHECK(nos::emit_model(doc, nos::ModelFormat::Json) == tree.dump(2) + "\n");
}
