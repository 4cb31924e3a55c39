// mixed-quotes: straight and curly apostrophes or quotes in one document. Reported once per kind
// (single, double), at the first use of the less common style, with the counts of both.
#include <fmt/format.h>

#include "util/text.hpp"
#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

struct Family {
  const char* name;
  std::string_view straight;
  std::string_view curly[2];
};
constexpr Family kFamilies[] = {{"apostrophes and single quotes", "'", {"\u2018", "\u2019"}},
                                {"double quotes", "\"", {"\u201C", "\u201D"}}};

struct Tally {
  int count = 0;
  const TextRef* first = nullptr;
  std::string_view first_mark;
  void add(const TextRef& t, std::string_view mark) {
    for (std::size_t at = t.text.find(mark); at != std::string_view::npos; at = t.text.find(mark, at + 1)) {
      if (!first) first = &t, first_mark = mark;
      ++count;
    }
  }
};

// The fix: every mark of the less common style in the text as typed made the other style. A straight
// mark becomes an opening curly one at the start of a word, a closing one (an apostrophe) elsewhere.
std::optional<Fix> to_one_style(const RuleContext& ctx, const Family& f, bool to_curly) {
  if (!fixable(ctx)) return std::nullopt;
  Fix fix;
  for (const SourceLine* line : typed_lines(*ctx.source)) {
    const std::string_view s = line->text;
    for (std::size_t i = 0; i < s.size(); ++i) {
      std::string_view mark;
      if (to_curly && s.substr(i).starts_with(f.straight)) mark = f.straight;
      for (auto curly : f.curly)
        if (!to_curly && s.substr(i).starts_with(curly)) mark = curly;
      if (mark.empty()) continue;
      bool opening = i == 0 || std::string_view(" \t([").find(s[i - 1]) != std::string_view::npos;
      fix.edits.push_back({line->location.line, text::column_of(s, i), text::column_of(s, i + mark.size()),
                           std::string(mark), std::string(to_curly ? f.curly[opening ? 0 : 1] : f.straight)});
      i += mark.size() - 1;
    }
  }
  return fix;
}

void check(const RuleContext& ctx, const Report& report) {
  const auto texts = all_text(ctx);
  for (const Family& f : kFamilies) {
    Tally straight, curly;
    for (const auto& t : texts) {
      straight.add(t, f.straight);
      for (auto mark : f.curly) curly.add(t, mark);
    }
    if (!straight.count || !curly.count) continue;
    bool straight_fewer = straight.count <= curly.count;
    const Tally& minority = straight_fewer ? straight : curly;
    report({ctx.span(minority.first->location, minority.first_mark),
            fmt::format("{} are mixed: {} straight and {} curly in this document; this is the first {} one",
                        f.name, straight.count, curly.count, straight_fewer ? "straight" : "curly"),
            f.straight == "'" ? "single" : "double",
            fmt::format("use {} {} throughout", straight_fewer ? "curly" : "straight", f.name),
            to_one_style(ctx, f, straight_fewer)});
  }
}

}  // namespace

extern const Rule kMixedQuotes = {
    .info =
        {.id = "mixed-quotes",
         .severity = Severity::Warning,
         .summary = "straight and curly quotes are mixed in one document",
         .explanation =
             R"(A document should use one style of apostrophe and quotation mark: straight (' ") or curly (’ “ ”).
A mix comes from text pasted from several sources and shows in print. The finding is made once per
kind (single, double) at the first use of the less common style, and says how many of each there are,
so a search and replace can fix them all.

Bad:
  P2 assess provision against the child’s and parents' requirements

Good:
  P2 assess provision against the child’s and parents’ requirements)"},
    .check = check,
    .reads_structure = false};

}  // namespace nos::rules
