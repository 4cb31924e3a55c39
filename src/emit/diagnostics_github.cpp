// Findings as GitHub Actions workflow commands (::error file=…,line=…::message), which the runner turns
// into annotations on the pull request.
#include <fmt/format.h>

#include "emit/diagnostics_formats.hpp"
#include "nos/rule_ids.hpp"

namespace nos {
namespace {

// The escaping the runner expects: % CR LF in the message, and also : and , in property values.
std::string escape(const std::string& s, bool property) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

const char* command(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "notice";
  }
  return "notice";
}

}  // namespace

void write_github_report(std::ostream& out, const std::vector<FileFindings>& files) {
  for (const auto& f : files) {
    if (!f.error.empty())
      out << fmt::format("::error file={},title={}::{}\n", escape(f.path, true), rule_ids::kUnreadable,
                         escape(f.error, false));
    for (const auto& d : f.diagnostics) {
      const SourceLocation& l = d.location;
      std::string props = "file=" + escape(f.path, true);
      if (l.line > 0) props += fmt::format(",line={}", l.line);
      if (l.column > 0) props += fmt::format(",col={}", l.column);
      if (l.end_column > 0) props += fmt::format(",endColumn={}", l.end_column);
      props += ",title=" + escape(d.rule, true);
      std::string message = d.message + (d.hint.empty() ? "" : "\nhint: " + d.hint);
      for (const auto& r : d.related) message += "\n" + related_note(r);
      out << fmt::format("::{} {}::{}\n", command(d.severity), props, escape(message, false));
    }
  }
}

}  // namespace nos
