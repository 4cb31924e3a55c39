// Making the findings' edits in the bytes of a text export. Lines are split as the text reader splits
// them, so a finding's line and code-point columns name the same bytes here.
#include "nos/fix.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "nos/error.hpp"
#include "util/text.hpp"

namespace nos {

namespace {

struct LineBytes {
  std::size_t start, end, next;  ///< the text is [start, end), its line end [end, next)
};

std::vector<LineBytes> split_lines(std::string_view bytes, std::size_t from) {
  std::vector<LineBytes> out;
  std::size_t start = from;
  for (std::size_t i = from; i < bytes.size(); ++i) {
    if (bytes[i] != '\n' && bytes[i] != '\r') continue;
    std::size_t end = i;
    if (bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
    out.push_back({start, end, i + 1});
    start = i + 1;
  }
  if (start < bytes.size()) out.push_back({start, bytes.size(), bytes.size()});
  return out;
}

// The byte offset of a 1-based code-point column in a line; 0 (to the end of the line) gives its length.
std::size_t byte_of(std::string_view line, int column) {
  return column <= 0 ? line.size() : text::byte_of(line, column);
}

struct Planned {
  std::size_t from, to;
  std::string after;
  std::size_t line;  ///< 0-based
  bool whole_line;
  const Diagnostic* diagnostic;
};

}  // namespace

FixResult apply_fixes(std::string_view bytes, const Source& source,
                      const std::vector<Diagnostic>& diagnostics, bool unsafe) {
  if (source.format != "text" || (source.encoding != "utf-8" && source.encoding != "utf-8-bom"))
    throw Error(
        ErrorKind::Usage, source.path,
        "nos fix rewrites UTF-8 text exports only; this is " + source.format + " (" + source.encoding + ")");
  const std::vector<LineBytes> lines = split_lines(bytes, source.encoding == "utf-8-bom" ? 3 : 0);
  FixResult result;
  std::vector<Planned> planned;
  for (const Diagnostic& d : diagnostics) {
    if (!d.fix) continue;
    if (d.fix->unsafe && !unsafe) {
      result.unsafe.push_back(&d);
      continue;
    }
    for (const Edit& e : d.fix->edits) {
      if (e.line < 1 || static_cast<std::size_t>(e.line) > lines.size()) continue;
      const LineBytes& l = lines[static_cast<std::size_t>(e.line) - 1];
      const std::string_view text = bytes.substr(l.start, l.end - l.start);
      Planned p{l.start, l.next, e.after, static_cast<std::size_t>(e.line) - 1, e.whole_line, &d};
      if (!e.whole_line) {
        p.from = l.start + byte_of(text, e.column);
        p.to = l.start + byte_of(text, e.end_column);
      }
      const std::string_view held = e.whole_line ? text : bytes.substr(p.from, p.to - p.from);
      if (held == e.before && p.from <= p.to) planned.push_back(std::move(p));
    }
  }
  std::stable_sort(planned.begin(), planned.end(), [](const Planned& a, const Planned& b) {
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  std::set<const Diagnostic*> applied;
  std::map<std::size_t, std::vector<const Planned*>> by_line;
  const Planned* last = nullptr;
  std::size_t copied = 0;
  for (const Planned& p : planned) {
    if (last && p.from == last->from && p.to == last->to && p.after == last->after) {
      applied.insert(p.diagnostic);  // the same edit from another finding: made once
      continue;
    }
    if (p.from < copied) continue;  // overlaps an edit already made
    result.fixed.append(bytes.substr(copied, p.from - copied)).append(p.after);
    copied = p.to;
    applied.insert(p.diagnostic);
    by_line[p.line].push_back(&p);
    last = &p;
  }
  result.fixed.append(bytes.substr(copied));
  for (const Diagnostic& d : diagnostics)
    if (applied.count(&d)) result.applied.push_back(&d);
  for (const auto& [line, edits] : by_line) {
    const LineBytes& l = lines[line];
    if (edits.front()->whole_line) {
      result.changed_lines.push_back({static_cast<int>(line), std::nullopt});
      continue;
    }
    std::string text;
    std::size_t at = l.start;
    for (const Planned* p : edits) {
      text.append(bytes.substr(at, p->from - at)).append(p->after);
      at = p->to;
    }
    text.append(bytes.substr(at, l.end - at));
    result.changed_lines.push_back({static_cast<int>(line), std::move(text)});
  }
  return result;
}

std::string unified_diff(const std::string& path, std::string_view bytes, const Source& source,
                         const FixResult& result) {
  const auto& changes = result.changed_lines;
  if (changes.empty()) return "";
  const std::vector<LineBytes> lines = split_lines(bytes, source.encoding == "utf-8-bom" ? 3 : 0);
  const int count = static_cast<int>(lines.size());
  auto text = [&](int i) {
    const LineBytes& l = lines[static_cast<std::size_t>(i)];
    return std::string(bytes.substr(l.start, l.end - l.start));
  };
  constexpr int kContext = 3;
  std::string out = "--- " + path + "\n+++ " + path + "\n";
  int deleted_before = 0;  // new line numbers run behind old ones by the lines deleted so far
  for (std::size_t first = 0; first < changes.size();) {
    std::size_t last = first;  // changes closer than twice the context share a hunk
    while (last + 1 < changes.size() && changes[last + 1].first - changes[last].first <= 2 * kContext) ++last;
    const int from = std::max(0, changes[first].first - kContext);
    const int to = std::min(count - 1, changes[last].first + kContext);
    int deleted = 0;
    for (std::size_t c = first; c <= last; ++c) deleted += !changes[c].second;
    out += "@@ -" + std::to_string(from + 1) + "," + std::to_string(to - from + 1) + " +" +
           std::to_string(from + 1 - deleted_before) + "," + std::to_string(to - from + 1 - deleted) +
           " @@\n";
    std::size_t c = first;
    for (int i = from; i <= to; ++i) {
      if (c <= last && changes[c].first == i) {
        out += "-" + text(i) + "\n";
        if (changes[c].second) out += "+" + *changes[c].second + "\n";
        ++c;
      } else {
        out += " " + text(i) + "\n";
      }
    }
    deleted_before += deleted;
    first = last + 1;
  }
  return out;
}

}  // namespace nos
