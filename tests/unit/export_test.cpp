// The exports: UUID v5, CASE packages against the CASE 1.0 schema and their tree, escaping in Markdown
// and HTML.
#define VALIJSON_USE_EXCEPTIONS 1
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "emit/export_formats.hpp"
#include "nos/nos.hpp"
#include "parse_helpers.hpp"
#include "util/uuid.hpp"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Every sample in every format a reader takes.
std::vector<std::string> samples() {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(NOS_SOURCE_DIR "/samples")) {
    std::string ext = e.path().extension().string();
    if (e.is_regular_file() && nos::is_document_extension(ext)) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const valijson::Schema& case_schema() {
  static valijson::Schema schema;  // not copyable: filled in place, once
  static bool loaded = false;
  if (!loaded) {
    std::ifstream in(NOS_SOURCE_DIR "/schemas/third_party/case-v1p0-cfpackage.schema.json");
    std::stringstream s;
    s << in.rdbuf();
    json doc = json::parse(s.str());
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, schema);
    loaded = true;
  }
  return schema;
}

void check_package(const json& package, const std::string& name) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(package);
  bool valid = validator.validate(case_schema(), target, &results);
  for (const auto& e : results) {
    std::string where;
    for (const auto& c : e.context) where += c;
    MESSAGE(name << ": " << where << ": " << e.description);
  }
  CHECK_MESSAGE(valid, name);
  // The tree is whole: every item is one isChildOf's origin, and every isChildOf ends at the document
  // or an item of the package.
  std::set<std::string> nodes{package["CFDocument"]["identifier"]};
  for (const auto& item : package["CFItems"]) CHECK_MESSAGE(nodes.insert(item["identifier"]).second, name);
  std::multiset<std::string> children;
  for (const auto& a : package["CFAssociations"]) {
    if (a["associationType"] != "isChildOf") continue;
    children.insert(a["originNodeURI"]["identifier"].get<std::string>());
    CHECK_MESSAGE(nodes.count(a["destinationNodeURI"]["identifier"]) == 1, name);
  }
  for (const auto& item : package["CFItems"]) CHECK_MESSAGE(children.count(item["identifier"]) == 1, name);
}

}  // namespace

TEST_CASE("uuid_v5 gives RFC 9562's name-based UUIDs") {
  // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
  CHECK(nos::uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org") ==
        "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  CHECK(nos::uuid_v5(nos::kUuidUrlNamespace, "urn:nos:A1") ==
        nos::uuid_v5(nos::kUuidUrlNamespace, "urn:nos:A1"));
  CHECK(nos::uuid_v5(nos::kUuidUrlNamespace, "urn:nos:A1") !=
        nos::uuid_v5(nos::kUuidUrlNamespace, "urn:nos:A2"));
}

TEST_CASE("the CASE export of every sample validates against the CASE 1.0 schema, the same on every run") {
  const auto paths = samples();
  REQUIRE(paths.size() > 20);
  std::vector<nos::Document> all;
  for (const auto& path : paths) {
    all.push_back(nos::parse_file(path));
    auto files = nos::export_case({all.back()}, nos::Grammar::builtin());
    REQUIRE(files.size() == 1);
    json package = json::parse(files.front().content);
    check_package(package, path);
    CHECK(nos::export_case({all.back()}, nos::Grammar::builtin()).front().content == files.front().content);
    CHECK(package["CFItems"][0]["CFItemType"] == "Standard");
  }
  // All of them at once: one package per suite, and still valid.
  for (const auto& file : nos::export_case(all, nos::Grammar::builtin()))
    check_package(json::parse(file.content), file.name);
}

TEST_CASE(
    "CASE: links are isRelatedTo, the original URN exactMatchOf, to the identifier the other standard gets") {
  nos::Document a = nos::test::parse_text(
      "AB12\nFirst standard\nOverview\nThis standard is about a.\nPerformance criteria\nYou must be able "
      "to:\n"
      "P1 do a\nKnowledge and understanding\nYou need to know and understand:\nK1 a\nOriginal URN\nAB11\n"
      "Links to other NOS\nCD34, CD35\nSuite\nTest suite\n");
  nos::Document b = nos::test::parse_text(
      "CD34\nSecond standard\nOverview\nThis standard is about b.\nPerformance criteria\nYou must be able "
      "to:\n"
      "P1 do b\nKnowledge and understanding\nYou need to know and understand:\nK1 b\nSuite\nTest suite\n");
  auto files = nos::export_case({a, b}, nos::Grammar::builtin());
  REQUIRE(files.size() == 1);
  CHECK(files.front().name == "Test_suite.json");
  json package = json::parse(files.front().content);
  check_package(package, "suite");
  std::string b_id;
  for (const auto& item : package["CFItems"])
    if (item.value("humanCodingScheme", "") == "CD34") b_id = item["identifier"];
  std::vector<std::string> related, exact;
  for (const auto& x : package["CFAssociations"]) {
    if (x["associationType"] == "isRelatedTo") related.push_back(x["destinationNodeURI"]["identifier"]);
    if (x["associationType"] == "exactMatchOf") exact.push_back(x["destinationNodeURI"]["title"]);
  }
  REQUIRE(related.size() == 2);
  CHECK(related[0] == b_id);
  CHECK(exact == std::vector<std::string>{"AB11"});
}

TEST_CASE("Markdown and HTML escape the document's text") {
  nos::Document doc = nos::test::parse_text(
      "AB12\nA *bold* <script>alert(1)</script> title\nOverview\nThis standard is about [links](x) & "
      "\"quotes\".\n"
      "Performance criteria\nYou must be able to:\nP1 do <b>this</b> | that\n");
  std::string md = nos::export_markdown(doc, nos::Grammar::builtin());
  CHECK(md.find("# AB12 A \\*bold\\* \\<script>alert(1)\\</script> title\n") == 0);
  CHECK(md.find("\\[links\\](x)") != std::string::npos);
  CHECK(md.find("- **P1** do \\<b>this\\</b> \\| that\n") != std::string::npos);

  nos::FileFindings findings{doc.source.path, {}};
  nos::Diagnostic d;
  d.rule = "<rule>";
  d.message = "'<img src=x onerror=alert(1)>'";
  findings.diagnostics.push_back(d);
  for (const auto& page : nos::export_html({doc}, {findings}, nos::Grammar::builtin())) {
    CHECK_MESSAGE(page.content.find("<script") == std::string::npos, page.name);
    CHECK_MESSAGE(page.content.find("<img") == std::string::npos, page.name);
    CHECK_MESSAGE(page.content.find("<b>") == std::string::npos, page.name);
  }
}

TEST_CASE("export_stem: URN or file stem, safe characters, unique") {
  std::vector<std::string> taken;
  nos::Document a;
  a.urn = "AB/12";
  nos::Document b;
  b.source.path = "dir/../my file.txt";
  CHECK(nos::export_stem(a, taken) == "AB_12");
  CHECK(nos::export_stem(a, taken) == "AB_12-2");
  CHECK(nos::export_stem(b, taken) == "my_file");
  nos::Document dots;
  dots.urn = "..";
  CHECK(nos::export_stem(dots, taken) == "_.");
}
