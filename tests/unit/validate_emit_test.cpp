// The diagnostic formats: SARIF validates against the SARIF 2.1.0 schema; text, GitHub and JUnit
// output in the shapes their readers expect.
#define VALIJSON_USE_EXCEPTIONS 1
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "emit/diagnostics_formats.hpp"

namespace {

std::vector<nos::FileFindings> sample_findings() {
  nos::Diagnostic text;
  text.rule = "whitespace";
  text.severity = nos::Severity::Warning;
  text.message = "double space in 'support  the'";
  text.location.line = 20;
  text.location.column = 12;
  text.location.end_column = 14;
  text.hint = "replace the spaces with one";
  text.source_line = "P12 support  the individual";
  nos::Diagnostic whole;
  whole.rule = "missing-section";
  whole.severity = nos::Severity::Error;
  whole.message = "the document has no URN, title: none";
  nos::Diagnostic docx;
  docx.rule = "missing-label";
  docx.severity = nos::Severity::Info;
  docx.message = "label missing";
  docx.location = {.line = 33, .column = 1, .paragraph = 33, .row = 2, .table = 1, .cell = 2};
  return {{"standards/a b.txt", {whole, text}}, {"draft.docx", {docx}}, {"clean.txt", {}}};
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("SARIF output validates against the SARIF 2.1.0 schema") {
  nlohmann::json schema_doc =
      nlohmann::json::parse(read(NOS_SOURCE_DIR "/schemas/third_party/sarif-schema-2.1.0.json"));
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_doc);
  parser.populateSchema(schema_adapter, schema);

  nlohmann::json log = nlohmann::json::parse(nos::format_sarif(sample_findings()));
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(log);
  bool valid = validator.validate(schema, target, &results);
  for (const auto& e : results) {
    std::string where;
    for (const auto& c : e.context) where += c;
    MESSAGE(where << ": " << e.description);
  }
  CHECK(valid);
  const auto& result = log["runs"][0]["results"][1];
  CHECK(result["ruleId"] == "whitespace");
  CHECK(log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"].get<int>()]["id"] == "whitespace");
  CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "standards/a%20b.txt");
  CHECK(result["locations"][0]["physicalLocation"]["region"] ==
        nlohmann::json{{"startLine", 20}, {"startColumn", 12}, {"endColumn", 14}});
  CHECK(log["runs"][0]["results"][2]["level"] == "note");
}

TEST_CASE("text output: location, caret under the span, hint, DOCX places, summary") {
  std::string out = nos::format_text(sample_findings(), {false});
  CHECK(out ==
        "standards/a b.txt: error: the document has no URN, title: none [missing-section]\n"
        "standards/a b.txt:20:12: warning: double space in 'support  the' [whitespace]\n"
        "P12 support  the individual\n"
        "           ^~\n"
        "hint: replace the spaces with one\n"
        "draft.docx:para 33 (table 1, row 2, cell 2): info: label missing [missing-label]\n"
        "1 error, 1 warning, 1 info in 3 files\n");
  CHECK(nos::format_text(sample_findings(), {true}).find("\033[1;31merror:") != std::string::npos);
  auto with_unreadable = sample_findings();
  with_unreadable.push_back({"bad.docx", {}, "bad.docx: not a zip"});
  with_unreadable.push_back({"worse.docx", {}, "worse.docx: not a zip"});
  CHECK(nos::summary_line(with_unreadable) == "1 error, 1 warning, 1 info in 3 files; 2 could not be read");
}

TEST_CASE("text and JSON output: PDF places are a page and a line on it") {
  nos::Diagnostic d;
  d.rule = "unnumbered-item";
  d.severity = nos::Severity::Error;
  d.message = "no number";
  d.location.line = 140;
  d.location.column = 1;
  d.location.page = 3;
  d.location.page_line = 12;
  std::vector<nos::FileFindings> files = {{"standard.pdf", {d}}};
  CHECK(nos::format_text(files, {false}).rfind("standard.pdf:page 3, line 12: error: no number", 0) == 0);
  nlohmann::json json = nlohmann::json::parse(nos::format_json(files))["findings"];
  CHECK(json[0]["location"] == nlohmann::json{{"page", 3}, {"page_line", 12}});
}

TEST_CASE("GitHub workflow commands escape %, CR, LF, and : , in properties") {
  std::string out = nos::format_github(sample_findings());
  CHECK(out.find(
            "::error file=standards/a b.txt,title=missing-section::the document has no URN, title: none\n") !=
        std::string::npos);
  CHECK(out.find("::warning file=standards/a b.txt,line=20,col=12,endColumn=14,title=whitespace::double "
                 "space in 'support  the'%0Ahint: replace the spaces with one\n") != std::string::npos);
  CHECK(out.find("::notice file=draft.docx,line=33,col=1,title=missing-label::label missing") !=
        std::string::npos);
  auto odd = sample_findings();
  odd[0].path = "a,b:c%.txt";
  CHECK(nos::format_github(odd).find("file=a%2Cb%3Ac%25.txt,") != std::string::npos);
}

TEST_CASE("JSON and JUnit carry every finding") {
  auto report = nlohmann::json::parse(nos::format_json(sample_findings(), {"built-in defaults"}));
  CHECK(report["properties"]["nosConfigs"] == nlohmann::json{"built-in defaults"});
  const auto& json = report["findings"];
  REQUIRE(json.size() == 3);
  CHECK(json[0]["line"].is_null());
  CHECK(json[1]["end_column"] == 14);
  CHECK(json[2]["location"] == nlohmann::json{{"paragraph", 33}, {"table", 1}, {"row", 2}, {"cell", 2}});
  std::string junit = nos::format_junit(sample_findings());
  CHECK(junit.find("<testsuites name=\"nos check\" tests=\"4\" failures=\"3\">") != std::string::npos);
  CHECK(junit.find("<testcase name=\"nos check\" classname=\"clean.txt\"/>") != std::string::npos);
}

TEST_CASE("GitHub and JUnit name a finding's related locations, as the text output does") {
  auto files = sample_findings();
  files[0].diagnostics[1].related = {{"b.txt", {4, 2}, "the same URN, also here"},
                                     {"c.docx", {9, 1, 0, 9}, "and here"}};
  CHECK(
      nos::format_github(files).find(
          "title=whitespace::double space in 'support  the'%0Ahint: replace the spaces with one%0Ab.txt:4:2: "
          "note: the same URN, also here%0Ac.docx:para 9: note: and here\n") != std::string::npos);
  // In the body as in the message attribute, a line break is written &#10;.
  CHECK(nos::format_junit(files).find(
            "[whitespace]&#10;b.txt:4:2: note: the same URN, also here&#10;c.docx:para 9: "
            "note: and here</failure>") != std::string::npos);
  CHECK(nos::format_text(files, {}).find("hint: replace the spaces with one\nb.txt:4:2: note: the same URN, "
                                         "also here\nc.docx:para 9: note: and here\n") != std::string::npos);
}

TEST_CASE("every CI format names a file that could not be read") {
  std::vector<nos::FileFindings> files = {{"good.txt", {}},
                                          {"bad, one.docx", {}, "bad, one.docx: not a zip"}};
  CHECK(nos::format_github(files) ==
        "::error file=bad%2C one.docx,title=unreadable::bad, one.docx: not a zip\n");

  std::string junit = nos::format_junit(files);
  CHECK(junit.find("<testsuites name=\"nos check\" tests=\"2\" failures=\"0\" errors=\"1\">") !=
        std::string::npos);
  CHECK(junit.find("<error type=\"unreadable\" message=\"bad, one.docx: not a zip\">") != std::string::npos);
  CHECK(nos::format_junit({{"good.txt", {}}}).find("errors=") == std::string::npos);

  auto sarif = nlohmann::json::parse(nos::format_sarif(files));
  const auto& invocation = sarif["runs"][0]["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  const auto& note = invocation["toolExecutionNotifications"][0];
  CHECK(note["message"]["text"] == "bad, one.docx: not a zip");
  CHECK(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad%2C%20one.docx");
  CHECK(!nlohmann::json::parse(nos::format_sarif({{"good.txt", {}}}))["runs"][0].contains("invocations"));

  auto json = nlohmann::json::parse(nos::format_json(files))["findings"];
  REQUIRE(json.size() == 1);
  CHECK(json[0]["path"] == "bad, one.docx");
  CHECK(json[0]["rule"] == "unreadable");
  CHECK(json[0]["severity"] == "error");
  CHECK(json[0]["message"] == "bad, one.docx: not a zip");

  CHECK(nos::format_text(files, {false}) == "0 errors, 0 warnings, 0 info in 1 file; 1 could not be read\n");
}
