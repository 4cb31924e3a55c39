// Text findings, as clang prints them: a location, the severity, the message and the rule id; then the
// source line with a caret and tildes under the span; then a hint; then a "note:" line for each other
// place the finding is about (a suite finding's other documents). DOCX findings name the paragraph (and
// table, row and cell) as a Word user finds them.
#include <fmt/format.h>

#include <algorithm>

#include "emit/diagnostics_formats.hpp"
#include "util/text.hpp"

namespace nos {
namespace {

constexpr int kWindow = 100;  // longest snippet printed, in characters; NOS paragraphs can run to 1,000

const char* colour_of(Severity s) {
  switch (s) {
    case Severity::Error:
      return "\033[1;31m";
    case Severity::Warning:
      return "\033[1;35m";
    case Severity::Info:
      return "\033[1;36m";
  }
  return "";
}

}  // namespace

std::string location_text(const std::string& path, const SourceLocation& loc) {
  if (loc.line <= 0) return path;
  if (loc.in_docx()) {
    std::string part = loc.page_part();
    std::string s = fmt::format("{}:{}para {}", path, part.empty() ? "" : part + ", ", loc.paragraph);
    if (loc.table > 0) s += fmt::format(" (table {}, row {}, cell {})", loc.table, loc.row, loc.cell);
    return s;
  }
  if (loc.in_pdf()) return fmt::format("{}:page {}, line {}", path, loc.page, loc.page_line);
  return loc.column > 0 ? fmt::format("{}:{}:{}", path, loc.line, loc.column)
                        : fmt::format("{}:{}", path, loc.line);
}

std::string related_note(const RelatedLocation& related) {
  return location_text(related.path, related.location) + ": note: " + related.message;
}

namespace {

// The byte offset of the code point after the one at `i`.
std::size_t next(std::string_view s, std::size_t i) {
  do ++i;
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
  return i;
}

// Code points [first, first + count) of `s`.
std::string slice(std::string_view s, int first, int count) {
  std::size_t begin = 0;
  for (int c = 0; begin < s.size() && c < first; ++c) begin = next(s, begin);
  std::size_t stop = begin;
  for (int c = 0; stop < s.size() && c < count; ++c) stop = next(s, stop);
  return std::string(s.substr(begin, stop - begin));
}

// The source line (tabs shown as one space, other controls as a visible character, so columns line up)
// and the caret line under the span.
void snippet(std::ostream& out, const Diagnostic& d, TextStyle style) {
  std::string line = d.source_line;
  for (char& c : line)
    if (c == '\t' || c == '\r' || c == '\f') c = ' ';
  line = text::printable(line);
  int length = static_cast<int>(text::length(line));
  int col = std::clamp(d.location.column, 1, std::max(1, length));
  int end = d.location.end_column > col ? d.location.end_column : col + 1;
  int first = 0;  // show a window around the span of a long line
  if (length > kWindow) first = std::clamp(col - 1 - kWindow / 3, 0, length - kWindow);
  std::string shown =
      (first > 0 ? "…" : "") + slice(line, first, kWindow) + (first + kWindow < length ? "…" : "");
  out << shown << "\n";
  if (d.location.column <= 0) return;
  int pad = col - 1 - first + (first > 0 ? 1 : 0);
  int tildes = std::min(end - col - 1, kWindow);
  std::string caret = std::string(static_cast<std::size_t>(std::max(pad, 0)), ' ') + "^" +
                      std::string(static_cast<std::size_t>(std::max(tildes, 0)), '~');
  out << (style.color ? "\033[1;32m" + caret + "\033[0m\n" : caret + "\n");
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string summary_line(const std::vector<FileFindings>& files) {
  std::size_t counts[3] = {0, 0, 0};
  std::size_t unreadable = 0;
  for (const auto& f : files) {
    unreadable += !f.error.empty();
    for (const auto& d : f.diagnostics) ++counts[static_cast<int>(d.severity)];
  }
  return fmt::format("{}, {}, {} info in {}{}", plural(counts[2], "error", "errors"),
                     plural(counts[1], "warning", "warnings"), counts[0],
                     plural(files.size() - unreadable, "file", "files"),
                     unreadable ? fmt::format("; {} could not be read", unreadable) : "");
}

// Everything taken from a document or a file name goes through text::printable: an escape sequence in
// a document must not reach the terminal that shows the report.
void write_text_report(std::ostream& out, const std::vector<FileFindings>& files, TextStyle style) {
  auto paint = [&](const char* code, const std::string& s) { return style.color ? code + s + "\033[0m" : s; };
  for (const auto& f : files)
    for (const auto& d : f.diagnostics) {
      out << paint("\033[1m", text::printable(location_text(f.path, d.location)) + ":") + " " +
                 paint(colour_of(d.severity), std::string(severity_name(d.severity)) + ":") + " " +
                 paint("\033[1m", text::printable(d.message)) + " [" + text::printable(d.rule) + "]\n";
      if (d.location.line > 0 && !d.source_line.empty()) snippet(out, d, style);
      if (!d.hint.empty()) out << paint("\033[1;36m", "hint:") + " " + text::printable(d.hint) + "\n";
      for (const auto& r : d.related)
        out << paint("\033[1m", text::printable(location_text(r.path, r.location)) + ":") + " " +
                   paint("\033[1;30m", "note:") + " " + text::printable(r.message) + "\n";
    }
  out << summary_line(files) << "\n";
}

}  // namespace nos
