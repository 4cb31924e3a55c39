// Findings as JUnit XML: one test suite per file, one failing test case per finding, and one passing
// test case for a file without findings, so CI dashboards count clean files too. A file that could not
// be read is one test case with an <error>, counted in `errors` (written only when there are some, so
// the output of a run that read everything keeps its shape).
#include <fmt/format.h>

#include "emit/diagnostics_formats.hpp"
#include "emit/escape.hpp"
#include "nos/rule_ids.hpp"

namespace nos {

void write_junit_report(std::ostream& out, const std::vector<FileFindings>& files) {
  // The totals head the document, so they are counted before any suite is written.
  std::size_t tests = 0, failures = 0, errors = 0;
  for (const auto& f : files) {
    std::size_t n = f.diagnostics.size();
    tests += f.error.empty() ? std::max<std::size_t>(n, 1) : 1;
    failures += f.error.empty() ? n : 0;
    errors += !f.error.empty();
  }
  out << fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"nos check\" tests=\"{}\" "
      "failures=\"{}\"{}>\n",
      tests, failures, errors ? fmt::format(" errors=\"{}\"", errors) : "");
  for (const auto& f : files) {
    if (!f.error.empty()) {
      out << fmt::format(
          "  <testsuite name=\"{0}\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
          "    <testcase name=\"nos check\" classname=\"{0}\">\n      <error type=\"{2}\" "
          "message=\"{1}\">{1}</error>\n    </testcase>\n  </testsuite>\n",
          xml_escaped(f.path), xml_escaped(f.error), rule_ids::kUnreadable);
      continue;
    }
    std::size_t n = f.diagnostics.size();
    out << fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">\n", xml_escaped(f.path),
                       std::max<std::size_t>(n, 1), n);
    if (n == 0)
      out << fmt::format("    <testcase name=\"nos check\" classname=\"{}\"/>\n", xml_escaped(f.path));
    for (const auto& d : f.diagnostics) {
      std::string at =
          d.location.line > 0 ? fmt::format("{}:{}:{}", f.path, d.location.line, d.location.column) : f.path;
      std::string notes;
      for (const auto& r : d.related) notes += "\n" + related_note(r);
      out << fmt::format(
          "    <testcase name=\"{} at {}\" classname=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{}: "
          "{}: {} [{}]{}</failure>\n"
          "    </testcase>\n",
          xml_escaped(d.rule), xml_escaped(at), xml_escaped(f.path), severity_name(d.severity),
          xml_escaped(d.message), xml_escaped(at), severity_name(d.severity), xml_escaped(d.message),
          xml_escaped(d.rule), xml_escaped(notes));
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace nos
