#include "parser/page_headers.hpp"

#include <re2/re2.h>

#include <string>

#include "grammar/patterns.hpp"
#include "util/text.hpp"

namespace nos {

namespace {

bool is_urn(const std::string& s, const Grammar& grammar) {
  return RE2::FullMatch(s, *grammar.patterns().urn);
}

// A title in a page header: capitalised, no final stop, not a URN, a page number or a placeholder.
bool title_shaped(const std::string& s, const Grammar& grammar) {
  static const RE2 page_number(R"((?i)(page\s*)?\d+(\s*(of|/)\s*\d+)?)");
  return !s.empty() && s.size() <= 300 && text::starts_with_upper(s) && s.back() != '.' &&
         !RE2::FullMatch(s, page_number) && !is_urn(s, grammar) && !find_placeholder(s);
}

}  // namespace

std::optional<std::pair<std::size_t, std::size_t>> find_placeholder(std::string_view text) {
  static const RE2 placeholder(
      R"((?i)(\[[^\[\]]*\pL[^\[\]]*\]|[^\s\[\]/\\]+\.(?:docx|docm|doc|dotx|dotm|dot|rtf|odt)\b|)"
      R"(\bdocument\d+\b|click (?:or tap )?here to enter text\.?))");
  re2::StringPiece found;
  if (!RE2::PartialMatch(text, placeholder, &found)) return std::nullopt;
  auto first = static_cast<std::size_t>(found.data() - text.data());
  return std::make_pair(first, first + found.size());
}

void take_head_from_page_headers(Document& doc, const Source& source, const Grammar& grammar) {
  const SourceLines& lines = source.page_lines;
  if (doc.urn && doc.title) return;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string line = text::clean(lines[i].text);
    std::string urn = line, rest;
    if (!is_urn(line, grammar)) {
      std::size_t space = line.find(' ');
      if (space == std::string::npos || !is_urn(line.substr(0, space), grammar)) continue;
      urn = line.substr(0, space);
      rest = line.substr(space + 1);
    }
    if (!doc.urn) {
      doc.urn = urn;
      doc.urn_location = lines[i].location;
    }
    if (doc.title) return;
    // The rest of the URN line, else the nearest title-shaped line of the same part after it, else before.
    std::optional<std::size_t> at;
    if (!rest.empty()) {
      at = i;
    } else {
      auto candidate = [&](std::size_t k) {
        const SourceLocation& where = lines[k].location;
        if (where.part != lines[i].location.part || where.word_section != lines[i].location.word_section)
          return false;
        rest = text::clean(lines[k].text);
        if (title_shaped(rest, grammar)) at = k;
        return true;
      };
      for (std::size_t k = i + 1; k < lines.size() && !at && candidate(k);) ++k;
      for (std::size_t k = i; k > 0 && !at && candidate(k - 1);) --k;
    }
    if (at && title_shaped(rest, grammar)) {
      doc.title = rest;
      doc.title_location = lines[*at].location;
    }
    return;
  }
}

}  // namespace nos
