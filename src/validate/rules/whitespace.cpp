// whitespace: doubled spaces inside a sentence; in hand-written models also leading and trailing spaces.
//
// A parsed document's text has had its spaces collapsed, so for text and DOCX inputs the rule reads
// the source lines as typed (a DOCX's page headers and footers too). There it reports two or more spaces (or
// NBSPs) between a word and a following lower-case word: a typo inside a sentence. It leaves alone two spaces
// after a full stop (a typing convention), spaces before a capital (often a term and its definition), tabs
// and indentation (Tika's table cells) and trailing spaces (invisible in Word and present in nearly every
// export). Text from a PDF is not checked: pdftotext spaces it for layout. In a YAML model the text is
// exactly what the author typed, so every doubled, leading or trailing space in a value is reported.
#include <fmt/format.h>

#include "util/text.hpp"
#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

constexpr const char* kOneSpace = "Replace the spaces with one";

// The words either side of the byte range [from, to) of `s`, for the message.
std::string context(std::string_view s, std::size_t from, std::size_t to) {
  std::size_t start = s.rfind(' ', from - 1);
  start = start == std::string_view::npos ? 0 : start + 1;
  std::size_t end = s.find(' ', to);
  return std::string(s.substr(start, (end == std::string_view::npos ? s.size() : end) - start));
}

// Calls found(from, to) for every run of two or more spaces (no tab) in `s`.
template <typename Found>
void space_runs(std::string_view s, Found found) {
  for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
    if (!text::space_at(s, i, len)) continue;
    std::size_t end = i, n = 0, l = 0;
    bool tab = false;
    while (end < s.size() && text::space_at(s, end, l)) tab = tab || s[end] == '\t', end += l, ++n;
    if (n >= 2 && !tab) found(i, end);
    len = end - i;
  }
}

void check_source(const RuleContext& ctx, const Report& report) {
  for (const SourceLine* line : typed_lines(*ctx.source)) {
    std::string_view s = line->text;
    space_runs(s, [&](std::size_t from, std::size_t to) {
      if (from == 0 || to >= s.size() || !text::starts_with_lower(s.substr(to))) return;
      SourceLocation where = line->location;
      where.column = text::column_of(s, from);
      where.end_column = text::column_of(s, to);
      Fix fix{{{where.line, where.column, where.end_column, std::string(s.substr(from, to - from)), " "}},
              false,
              kOneSpace};
      report(
          {where, "double space in " + quoted(context(s, from, to)), "", "replace the spaces with one", fix});
    });
  }
}

// The fix of a model's value, when nos fix can make one: each span [from, to) replaced by `after`.
std::optional<Fix> model_fix(const RuleContext& ctx, const TextRef& t,
                             const std::vector<std::pair<std::size_t, std::size_t>>& spans,
                             const std::string& after, std::string title) {
  if (!fixable_model(ctx)) return std::nullopt;
  Fix fix{{}, false, std::move(title)};
  for (const auto& [from, to] : spans) fix.edits.push_back(model_edit(t, from, to, after));
  return fix;
}

void check_model(const RuleContext& ctx, const Report& report) {
  for_each_text(ctx, [&](const TextRef& t) {
    std::size_t len = 0, lead = 0;
    while (lead < t.text.size() && text::space_at(t.text, lead, len)) lead += len;
    const std::size_t trail = lead == t.text.size() ? lead : t.text.find_last_not_of(' ') + 1;
    if (lead > 0 || trail < t.text.size()) {
      std::vector<std::pair<std::size_t, std::size_t>> spans;  // both ends' spaces deleted
      if (lead > 0) spans.push_back({0, lead});
      if (trail < t.text.size()) spans.push_back({trail, t.text.size()});
      report({t.location,
              fmt::format("{} space in {}", lead > 0 ? "leading" : "trailing", quoted(t.text, 40)), t.subject,
              "delete it",
              model_fix(ctx, t, spans, "",
                        fmt::format("Delete the {} spaces", spans.size() == 2 ? "leading and trailing"
                                                            : lead > 0        ? "leading"
                                                                              : "trailing"))});
    }
    space_runs(t.text, [&](std::size_t from, std::size_t to) {
      if (from > 0 && to < t.text.size())
        report({t.location, "double space in " + quoted(context(t.text, from, to)), t.subject,
                "replace the spaces with one", model_fix(ctx, t, {{from, to}}, " ", kOneSpace)});
    });
  });
}

void check(const RuleContext& ctx, const Report& report) {
  if (ctx.doc.source.format == "yaml" || !ctx.source) return check_model(ctx, report);
  // pdftotext lays text out with spaces ("1.    check"); they say nothing about what was typed.
  if (ctx.doc.source.dialect != "pdf") check_source(ctx, report);
}

}  // namespace

extern const Rule kWhitespace = {
    .info =
        {.id = "whitespace",
         .severity = Severity::Warning,
         .summary = "a doubled space inside a sentence, or stray spaces in a model",
         .explanation =
             R"(Two spaces between words inside a sentence are a typo that shows in print. For a Word document or
its text export the rule reads the lines as typed and reports two or more spaces between a word and
a following lower-case word. It does not report two spaces after a full stop (a typing convention),
spaces before a capital letter (a term and its definition), tabs and indentation (how exports mark
table cells) or spaces at the end of a line (invisible in Word); text from a PDF, spaced by
pdftotext for layout, is not checked. In a YAML model, where the text is
exactly what was typed, it also reports spaces at the start or end of a value.

Bad:
  P12 support  the individual and key people in monitoring the service

Good:
  P12 support the individual and key people in monitoring the service)"},
    .check = check,
    .reads_structure = false};

}  // namespace nos::rules
