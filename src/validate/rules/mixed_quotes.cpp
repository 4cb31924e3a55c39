// mixed-quotes: straight and curly apostrophes or quotes in one document, or (with the `style` setting)
// quotes not of the style .nos.yaml sets. Reported once per kind (single, double), at the first quote of
// the wrong style, with the counts of both.
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
  SourceLocation first;  ///< where the first mark stands (valid when count > 0)
  std::string_view first_mark;
  void add(const TextRef& t, std::string_view mark) {
    for (std::size_t at = t.text.find(mark); at != std::string_view::npos; at = t.text.find(mark, at + 1)) {
      if (!count) first = t.location, first_mark = mark;
      ++count;
    }
  }
};

// Calls found(from, to, new mark) for each mark of `s` of the style being replaced. A straight mark
// becomes an opening curly one at the start of a word, a closing one (an apostrophe) elsewhere.
template <typename Found>
void marks_to_change(std::string_view s, const Family& f, bool to_curly, Found found) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::string_view mark;
    if (to_curly && s.substr(i).starts_with(f.straight)) mark = f.straight;
    for (auto curly : f.curly)
      if (!to_curly && s.substr(i).starts_with(curly)) mark = curly;
    if (mark.empty()) continue;
    bool opening = i == 0 || std::string_view(" \t([").find(s[i - 1]) != std::string_view::npos;
    found(i, i + mark.size(), std::string(to_curly ? f.curly[opening ? 0 : 1] : f.straight));
    i += mark.size() - 1;
  }
}

// The fix: every mark of the other style made this one, in the text as typed, or in a model's values.
std::optional<Fix> to_one_style(const RuleContext& ctx, const Family& f, bool to_curly) {
  Fix fix{{}, false, fmt::format("Make the {} {}", f.name, to_curly ? "curly" : "straight")};
  if (fixable_model(ctx)) {
    for_each_text(ctx, [&](const TextRef& t) {
      marks_to_change(t.text, f, to_curly, [&](std::size_t from, std::size_t to, std::string after) {
        fix.edits.push_back(model_edit(t, from, to, std::move(after)));
      });
    });
    return fix;
  }
  if (!fixable(ctx)) return std::nullopt;
  for (const SourceLine* line : typed_lines(*ctx.source)) {
    const std::string_view s = line->text;
    marks_to_change(s, f, to_curly, [&](std::size_t from, std::size_t to, std::string after) {
      fix.edits.push_back({line->location.line, text::column_of(s, from), text::column_of(s, to),
                           std::string(s.substr(from, to - from)), std::move(after)});
    });
  }
  return fix;
}

void check(const RuleContext& ctx, const Report& report) {
  const auto& setting = ctx.words("style");
  const std::string style = setting.empty() ? "majority" : setting.front();
  for (const Family& f : kFamilies) {
    Tally straight, curly;
    for_each_text(ctx, [&](const TextRef& t) {
      straight.add(t, f.straight);
      for (auto mark : f.curly) curly.add(t, mark);
    });
    // The style the document should have: the one set in .nos.yaml, else the more common one.
    const bool to_curly = style == "majority" ? straight.count <= curly.count : style == "curly";
    const Tally& wrong = to_curly ? straight : curly;
    if (!wrong.count || (style == "majority" && !(to_curly ? curly : straight).count)) continue;
    const char* wrong_name = to_curly ? "straight" : "curly";
    std::string message =
        style == "majority"
            ? fmt::format("{} are mixed: {} straight and {} curly in this document; this is the first {} one",
                          f.name, straight.count, curly.count, wrong_name)
            : fmt::format(
                  "{} should be {} (.nos.yaml): {} straight and {} curly in this document; this is "
                  "the first {} one",
                  f.name, style, straight.count, curly.count, wrong_name);
    report({ctx.span(wrong.first, wrong.first_mark), std::move(message),
            f.straight == "'" ? "single" : "double",
            fmt::format("use {} {} throughout", to_curly ? "curly" : "straight", f.name),
            to_one_style(ctx, f, to_curly)});
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
so a search and replace can fix them all. With the setting `style: curly` (or `straight`) in
`.nos.yaml` every quote of the other style is reported, mixed or not, and `nos fix` makes them that
style; the default, `majority`, asks only that the document use one style, its more common one.

Bad:
  P2 assess provision against the child’s and parents' requirements

Good:
  P2 assess provision against the child’s and parents’ requirements)",
         .options = {{"style",
                      OptionSpec::Kind::Choice,
                      0,
                      "the quotes a document should use: majority (its more common style), curly or straight",
                      0,
                      0,
                      {"majority", "curly", "straight"}}}},
    .check = check,
    .reads_structure = false};

}  // namespace nos::rules
