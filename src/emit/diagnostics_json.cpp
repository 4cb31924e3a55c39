// Findings as JSON: {"findings": [one object per finding, in input order], "properties": {"nosConfigs":
// [the configuration files used]}}, the run's properties named as in SARIF.
#include <nlohmann/json.hpp>

#include "emit/diagnostics_formats.hpp"
#include "nos/rule_ids.hpp"
#include "util/json_stream.hpp"

namespace nos {

namespace {
using Json = nlohmann::ordered_json;

Json number_or_null(int n) { return n > 0 ? Json(n) : Json(nullptr); }
}  // namespace

Json document_location(const SourceLocation& l) {
  if (l.in_pdf()) return {{"page", l.page}, {"page_line", l.page_line}};
  if (!l.in_docx()) return nullptr;
  Json where = Json::object();
  if (l.part != PagePart::Body) where["part"] = l.page_part();
  where["paragraph"] = l.paragraph;
  if (l.table > 0) where.update({{"table", l.table}, {"row", l.row}, {"cell", l.cell}});
  return where;
}

namespace {

// One object per finding, in input order; a file that could not be read is one finding.
void add_findings(JsonArrayStream& out, const std::vector<FileFindings>& files) {
  for (const auto& f : files) {
    if (!f.error.empty())
      out.add({{"path", f.path},
               {"line", nullptr},
               {"column", nullptr},
               {"end_line", nullptr},
               {"end_column", nullptr},
               {"severity", severity_name(Severity::Error)},
               {"rule", rule_ids::kUnreadable},
               {"message", f.error},
               {"hint", nullptr},
               {"location", nullptr}});
    for (const auto& d : f.diagnostics) {
      const SourceLocation& l = d.location;
      Json j;
      j["path"] = f.path;
      j["line"] = number_or_null(l.line);  // null: the finding is about the document as a whole
      j["column"] = number_or_null(l.column);
      j["end_line"] = number_or_null(l.line);
      j["end_column"] = number_or_null(l.end_column);
      j["severity"] = severity_name(d.severity);
      j["rule"] = d.rule;
      j["message"] = d.message;
      j["hint"] = d.hint.empty() ? Json(nullptr) : Json(d.hint);
      j["location"] = document_location(l);
      // Only on findings that have them (the suite rules'), so other findings keep their shape.
      for (const auto& r : d.related)
        j["related"].push_back({{"path", r.path},
                                {"line", number_or_null(r.location.line)},
                                {"column", number_or_null(r.location.column)},
                                {"message", r.message},
                                {"location", document_location(r.location)}});
      out.add(j);
    }
  }
}

}  // namespace

void write_json_report(std::ostream& stream, const std::vector<FileFindings>& files,
                       const std::vector<std::string>& configs) {
  Json report = {{"findings", kStreamedArray}, {"properties", {{"nosConfigs", configs}}}};
  // File names need not be UTF-8: a bad byte is replaced, not an error.
  write_json_streaming(
      stream, report, [&](JsonArrayStream& out) { add_findings(out, files); },
      Json::error_handler_t::replace);
}

}  // namespace nos
