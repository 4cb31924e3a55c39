// Making the findings' edits. Lines are split as the text reader splits them, so a finding's line and
// code-point columns name the same bytes here; a DOCX's lines are the rendered body's, then its page
// headers' and footers'.
#include "nos/fix.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "fix/edits.hpp"
#include "fix/model_fix.hpp"
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

bool is_text(const Source& source) { return source.format == "text"; }
bool is_cp1252(const Source& source) { return source.encoding == "windows-1252"; }

/// `utf8` in Windows-1252, or nullopt when it has a character that encoding lacks.
std::optional<std::string> encode_cp1252(std::string_view utf8) {
  static const std::map<std::string, char> kBytes = [] {
    std::map<std::string, char> out;
    for (int b = 0x80; b <= 0xFF; ++b) {
      std::string s;
      text::append_utf8(s, text::cp1252_char(static_cast<unsigned char>(b)));
      out.emplace(s, static_cast<char>(b));
    }
    return out;
  }();
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const std::size_t size = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (size == 1) {
      out.push_back(utf8[i++]);
      continue;
    }
    auto it = kBytes.find(std::string(utf8.substr(i, size)));
    if (it == kBytes.end()) return std::nullopt;
    out.push_back(it->second);
    i += size;
  }
  return out;
}

std::vector<LineBytes> text_lines(std::string_view bytes, const Source& source) {
  return split_lines(bytes, source.encoding == "utf-8-bom" ? 3 : 0);
}

/// The text of each line edits may name: a UTF-8 text export's lines, a Windows-1252 one's decoded, a
/// DOCX's rendered lines (the body's, then its page headers' and footers', numbered on from the body's).
std::vector<std::string_view> line_texts(std::string_view bytes, const Source& source) {
  std::vector<std::string_view> out;
  if (is_text(source) && !is_cp1252(source)) {
    for (const LineBytes& l : text_lines(bytes, source))
      out.push_back(bytes.substr(l.start, l.end - l.start));
  } else {
    for (const auto* lines : {&source.lines, &source.page_lines})
      for (const SourceLine& l : *lines) out.push_back(l.text);
  }
  return out;
}

// The byte offset of a 1-based code-point column in a line; 0 (to the end of the line) gives its length.
std::size_t byte_of(std::string_view line, int column) {
  return column <= 0 ? line.size() : text::byte_of(line, column);
}

/// The findings' edits that still hold what the rule saw, in order, each made once, none overlapping.
std::vector<fix::LineEdit> plan(const std::vector<std::string_view>& lines,
                                const std::vector<Diagnostic>& diagnostics, bool unsafe, FixResult& result) {
  std::vector<fix::LineEdit> wanted;
  fix::fixes_to_make(diagnostics, unsafe, result, [&](const Edit& e, const Diagnostic& d) {
    if (e.line < 1 || static_cast<std::size_t>(e.line) > lines.size()) return;
    const std::string_view text = lines[static_cast<std::size_t>(e.line) - 1];
    fix::LineEdit p{static_cast<std::size_t>(e.line) - 1,
                    0,
                    e.new_line ? 0 : std::string_view::npos,
                    e.after,
                    e.whole_line,
                    e.new_line,
                    {&d}};
    if (!e.whole_line && !e.new_line) {
      p.from = byte_of(text, e.column);
      p.to = byte_of(text, e.end_column);
    }
    if (p.from > p.to) return;
    const std::string_view held = e.whole_line ? text : text.substr(p.from, p.to - p.from);
    if (held == e.before) wanted.push_back(std::move(p));
  });
  std::stable_sort(wanted.begin(), wanted.end(), [](const fix::LineEdit& a, const fix::LineEdit& b) {
    return std::tie(a.line, a.from, a.to) < std::tie(b.line, b.from, b.to);
  });
  std::vector<fix::LineEdit> out;
  for (fix::LineEdit& p : wanted) {
    if (!out.empty()) {
      fix::LineEdit& last = out.back();
      if (p.line == last.line && p.from == last.from && p.to == last.to && p.after == last.after) {
        last.by.push_back(p.by.front());  // the same edit from another finding: made once
        continue;
      }
      if (p.line == last.line && p.from < last.to) continue;  // overlaps an edit already planned
    }
    out.push_back(std::move(p));
  }
  return out;
}

/// The findings fixed and not, and the lines changed, from the edits made.
void record(const std::vector<std::string_view>& lines, const std::vector<Diagnostic>& diagnostics,
            const std::vector<fix::LineEdit>& edits, const std::vector<bool>& made, FixResult& result) {
  std::set<const Diagnostic*> applied;
  std::map<std::size_t, std::vector<const fix::LineEdit*>> by_line;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    if (!made[i]) continue;
    applied.insert(edits[i].by.begin(), edits[i].by.end());
    by_line[edits[i].line].push_back(&edits[i]);
  }
  const std::set<const Diagnostic*> unsafe(result.unsafe.begin(), result.unsafe.end());
  for (const Diagnostic& d : diagnostics) {
    if (applied.count(&d))
      result.applied.push_back(&d);
    else if (d.fix && !unsafe.count(&d))
      result.not_made.push_back(&d);
  }
  for (const auto& [line, line_edits] : by_line) {
    std::string inserted;  // the new lines before it, each with "\n"
    bool deleted = false;
    const std::string_view old = lines[line];
    std::string text;
    std::size_t at = 0;
    for (const fix::LineEdit* p : line_edits) {
      if (p->new_line) {
        inserted.append(p->after).push_back('\n');
      } else if (p->whole_line) {
        deleted = true;
      } else {
        text.append(old.substr(at, p->from - at)).append(p->after);
        at = p->to;
      }
    }
    text.append(old.substr(at));
    if (deleted && inserted.empty()) {
      result.changed_lines.push_back({static_cast<int>(line), std::nullopt});
    } else {
      if (deleted) inserted.pop_back();
      result.changed_lines.push_back({static_cast<int>(line), inserted + (deleted ? "" : text)});
    }
  }
}

/// The line end of line `at`, for a line inserted before it: its own, else (the last line has none) the
/// line before's, else "\n".
std::string_view line_end(std::string_view bytes, const std::vector<LineBytes>& lines, std::size_t at) {
  for (std::size_t i = at + 1; i-- > 0;)
    if (lines[i].next > lines[i].end) return bytes.substr(lines[i].end, lines[i].next - lines[i].end);
  return "\n";
}

/// Makes the edits in a text export's bytes. In a Windows-1252 one, where `texts` are the decoded lines,
/// a character is a byte, and an edit whose new text that encoding cannot hold is not made.
std::string edit_text(std::string_view bytes, const Source& source,
                      const std::vector<std::string_view>& texts, const std::vector<fix::LineEdit>& edits,
                      std::vector<bool>& made) {
  const std::vector<LineBytes> lines = text_lines(bytes, source);
  const bool cp1252 = is_cp1252(source);
  auto byte = [&](const fix::LineEdit& p, std::size_t at) {
    return lines[p.line].start + (cp1252 ? text::length(texts[p.line].substr(0, at)) : at);
  };
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    const fix::LineEdit& p = edits[i];
    const std::optional<std::string> after = cp1252 ? encode_cp1252(p.after) : p.after;
    made[i] = after && p.line < lines.size();
    if (!made[i]) continue;
    const LineBytes& l = lines[p.line];
    if (p.new_line) {
      out.append(bytes.substr(copied, l.start - copied))
          .append(*after)
          .append(line_end(bytes, lines, p.line));
      copied = l.start;
      continue;
    }
    out.append(bytes.substr(copied, (p.whole_line ? l.start : byte(p, p.from)) - copied)).append(*after);
    copied = p.whole_line ? l.next : byte(p, p.to);
  }
  return out.append(bytes.substr(copied));
}

// A YAML model's lines are its bytes' own (UTF-8, its line ends kept); each fixed scalar's token is
// rewritten in its line, and the result is loaded back before it is returned.
FixResult fix_model(std::string_view bytes, const Source& source, const std::vector<std::string_view>& lines,
                    const std::vector<Diagnostic>& diagnostics, const FixSettings& settings) {
  FixResult result;
  const std::vector<fix::LineEdit> edits =
      fix::plan_model(bytes, source, diagnostics, settings.unsafe, settings.limits, result);
  std::vector<bool> made(edits.size(), false);
  result.fixed = edit_text(bytes, source, lines, edits, made);
  if (!edits.empty()) fix::check_model_written(result.fixed, source, edits, settings.limits);
  record(lines, diagnostics, edits, made, result);
  return result;
}

}  // namespace

FixResult apply_fixes(std::string_view bytes, const Source& source,
                      const std::vector<Diagnostic>& diagnostics, const FixSettings& settings) {
  if (!is_text(source) && source.format != "docx" && source.format != "yaml")
    throw Error(ErrorKind::Usage, source.path,
                "nos fix rewrites text exports, DOCX and YAML models only; this is " + source.format);
  const std::vector<std::string_view> lines = line_texts(bytes, source);
  if (source.format == "yaml") return fix_model(bytes, source, lines, diagnostics, settings);
  FixResult result;
  const std::vector<fix::LineEdit> edits = plan(lines, diagnostics, settings.unsafe, result);
  std::vector<bool> made(edits.size(), false);
  result.fixed = is_text(source) ? edit_text(bytes, source, lines, edits, made)
                                 : fix::edit_docx(bytes, source, edits, settings, made);
  record(lines, diagnostics, edits, made, result);
  return result;
}

std::string unified_diff(const std::string& path, std::string_view bytes, const Source& source,
                         const FixResult& result) {
  const auto& changes = result.changed_lines;
  if (changes.empty()) return "";
  const std::vector<std::string_view> lines = line_texts(bytes, source);
  const int count = static_cast<int>(lines.size());
  auto text = [&](int i) { return std::string(lines[static_cast<std::size_t>(i)]); };
  constexpr int kContext = 3;
  std::string out = "--- " + path + "\n+++ " + path + "\n";
  // A changed line's new text, one line or (a line inserted before it) several, or none (deleted).
  auto new_count = [](const std::optional<std::string>& t) {
    return t ? 1 + static_cast<int>(std::count(t->begin(), t->end(), '\n')) : 0;
  };
  int shift = 0;  // new line numbers run ahead of old ones by the lines inserted less those deleted so far
  for (std::size_t first = 0; first < changes.size();) {
    std::size_t last = first;  // changes closer than twice the context share a hunk
    while (last + 1 < changes.size() && changes[last + 1].first - changes[last].first <= 2 * kContext) ++last;
    const int from = std::max(0, changes[first].first - kContext);
    const int to = std::min(count - 1, changes[last].first + kContext);
    int added = 0;
    for (std::size_t c = first; c <= last; ++c) added += new_count(changes[c].second) - 1;
    out += "@@ -" + std::to_string(from + 1) + "," + std::to_string(to - from + 1) + " +" +
           std::to_string(from + 1 + shift) + "," + std::to_string(to - from + 1 + added) + " @@\n";
    std::size_t c = first;
    for (int i = from; i <= to; ++i) {
      if (c <= last && changes[c].first == i) {
        out += "-" + text(i) + "\n";
        if (changes[c].second) {
          std::string_view rest = *changes[c].second;
          for (std::size_t nl; (nl = rest.find('\n')) != std::string_view::npos; rest.remove_prefix(nl + 1))
            out += "+" + std::string(rest.substr(0, nl)) + "\n";
          out += "+" + std::string(rest) + "\n";
        }
        ++c;
      } else {
        out += " " + text(i) + "\n";
      }
    }
    shift += added;
    first = last + 1;
  }
  return out;
}

}  // namespace nos
