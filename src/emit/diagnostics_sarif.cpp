// Findings as SARIF 2.1.0, in the shape GitHub code scanning accepts: the rule table in
// tool.driver.rules, one result per finding with a relative artifact URI and a region (and the other
// documents a suite finding is about as relatedLocations). Files that could
// not be read are toolExecutionNotifications of an unsuccessful invocation (no invocation is written
// when every file was read).
#include <nlohmann/json.hpp>

#include "emit/diagnostics_formats.hpp"
#include "nos/validate.hpp"
#include "util/json_stream.hpp"

namespace nos {
namespace {

using Json = nlohmann::ordered_json;

const char* level(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "note";
}

// A relative path as a URI reference: unreserved characters and "/" kept, everything else %XX.
std::string uri_of(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::string_view("-._~/").find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Json rule_descriptor(const RuleInfo& r) {
  std::string explanation(r.explanation);
  return {{"id", r.id},
          {"shortDescription", {{"text", r.summary}}},
          {"fullDescription", {{"text", explanation.substr(0, explanation.find("\n\n"))}}},
          {"help", {{"text", explanation}}},
          {"defaultConfiguration", {{"level", level(r.severity)}}}};
}

Json physical_location(const std::string& path, const SourceLocation& l) {
  // GitHub needs a start line; a finding about the whole document points at line 1.
  Json region = {{"startLine", std::max(l.line, 1)}};
  if (l.column > 0) region["startColumn"] = l.column;
  if (l.end_column > 0) region["endColumn"] = l.end_column;
  if (l.in_docx() || l.in_pdf()) region["properties"] = document_location(l);
  return {{"artifactLocation", {{"uri", uri_of(path)}}}, {"region", region}};
}

Json result(const FileFindings& f, const Diagnostic& d, int rule_index) {
  std::string text = d.message + (d.hint.empty() ? "" : "\nhint: " + d.hint);
  Json out = {{"ruleId", d.rule},
              {"ruleIndex", rule_index},
              {"level", level(d.severity)},
              {"message", {{"text", text}}},
              {"locations", Json::array({{{"physicalLocation", physical_location(f.path, d.location)}}})}};
  Json related = Json::array();
  for (const auto& r : d.related)
    related.push_back({{"id", related.size()},
                       {"physicalLocation", physical_location(r.path, r.location)},
                       {"message", {{"text", r.message}}}});
  if (!related.empty()) out["relatedLocations"] = std::move(related);
  return out;
}

}  // namespace

void write_sarif_report(std::ostream& out, const std::vector<FileFindings>& files,
                        const std::vector<std::string>& configs) {
  const auto& catalogue = rule_catalogue();
  Json rules = Json::array();
  for (const auto& r : catalogue) rules.push_back(rule_descriptor(r));
  Json notifications = Json::array();
  for (const auto& f : files)
    if (!f.error.empty())
      notifications.push_back(
          {{"level", "error"},
           {"message", {{"text", f.error}}},
           {"locations",
            Json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", uri_of(f.path)}}}}}}})}});
  auto add_results = [&](JsonArrayStream& results) {
    for (const auto& f : files)
      for (const auto& d : f.diagnostics) {
        const RuleInfo* rule = find_rule(d.rule);
        results.add(result(f, d, rule ? static_cast<int>(rule - catalogue.data()) : -1));
      }
  };
  Json driver = {{"name", "nos"}, {"version", NOS_VERSION}, {"rules", rules}};
  Json run = {
      {"tool", {{"driver", driver}}}, {"columnKind", "unicodeCodePoints"}, {"results", kStreamedArray}};
  if (!notifications.empty())
    run["invocations"] = Json::array(
        {{{"executionSuccessful", false}, {"toolExecutionNotifications", std::move(notifications)}}});
  if (!configs.empty()) run["properties"] = {{"nosConfigs", configs}};
  Json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({run})}};
  // File names need not be UTF-8: a bad byte is replaced, not an error.
  write_json_streaming(out, log, add_results, Json::error_handler_t::replace);
}

}  // namespace nos
