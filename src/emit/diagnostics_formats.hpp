// Renderers for findings: text like a compiler, JSON, SARIF 2.1.0, GitHub workflow commands, JUnit XML.
// They only read what they are given; deciding what to report and whether it fails is `nos check`'s job.
// Each writes to a stream as it goes, so a report of many findings is never held whole; the format_
// functions return the same text as a string.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "nos/diagnostic.hpp"

namespace nos {

struct TextStyle {
  bool color = false;
};

/// `path:line:col: severity: message [rule]`, the source line with a caret under the span, a hint line;
/// then the summary line "N errors, N warnings, N info in M files", and "; K could not be read" when
/// files were refused (their one-line errors are printed apart, on standard error).
void write_text_report(std::ostream& out, const std::vector<FileFindings>& files, TextStyle style);
/// The summary line alone (without a newline), as format_text ends.
std::string summary_line(const std::vector<FileFindings>& files);
/// `configs` (the configuration files used, or "built-in defaults") are the run's properties.nosConfigs.
void write_json_report(std::ostream& out, const std::vector<FileFindings>& files,
                       const std::vector<std::string>& configs = {});
/// A finding's place in a DOCX or PDF for JSON and SARIF: {part (a page header or footer), paragraph,
/// table, row, cell} or {page, page_line}, the keys that apply; null in a text file.
nlohmann::ordered_json document_location(const SourceLocation& location);
/// `configs` (the configuration files used, or "built-in defaults") go in the run's properties.
void write_sarif_report(std::ostream& out, const std::vector<FileFindings>& files,
                        const std::vector<std::string>& configs = {});
/// Where a finding or a related location is, as the text output prints it: "PATH:LINE:COL", a DOCX
/// paragraph ("PATH:para 12 (table 1, row 2, cell 2)"), a PDF line ("PATH:page 3, line 28"), or PATH.
std::string location_text(const std::string& path, const SourceLocation& location);
/// A related location as a line of the formats with no field for one: "PLACE: note: MESSAGE".
std::string related_note(const RelatedLocation& related);
/// Related locations go in the message, one note line each.
void write_github_report(std::ostream& out, const std::vector<FileFindings>& files);
/// Related locations go in the failure's body, one note line each.
void write_junit_report(std::ostream& out, const std::vector<FileFindings>& files);

/// What `write` writes to a stream, as a string.
template <class Write>
std::string written(Write&& write) {
  std::ostringstream out;
  write(out);
  return std::move(out).str();
}

inline std::string format_text(const std::vector<FileFindings>& files, TextStyle style) {
  return written([&](std::ostream& out) { write_text_report(out, files, style); });
}
inline std::string format_json(const std::vector<FileFindings>& files,
                               const std::vector<std::string>& configs = {}) {
  return written([&](std::ostream& out) { write_json_report(out, files, configs); });
}
inline std::string format_sarif(const std::vector<FileFindings>& files,
                                const std::vector<std::string>& configs = {}) {
  return written([&](std::ostream& out) { write_sarif_report(out, files, configs); });
}
inline std::string format_github(const std::vector<FileFindings>& files) {
  return written([&](std::ostream& out) { write_github_report(out, files); });
}
inline std::string format_junit(const std::vector<FileFindings>& files) {
  return written([&](std::ostream& out) { write_junit_report(out, files); });
}

}  // namespace nos
