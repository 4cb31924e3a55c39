// conversion-artifact: traces of a conversion left in the model's text: Tika markers such as
// "[bookmark: StartValues]", tab characters, and U+FFFD where a character could not be decoded.
//
// On a parsed document the tokenizer has already taken markers and tabs out, so the only thing that can
// fire there is U+FFFD (a damaged character the reader had to replace); that is a real defect. Markers
// and tabs are found in models written or edited by hand, where they were pasted from an export.
#include <fmt/format.h>
#include <re2/re2.h>

#include <memory>

#include "grammar/patterns.hpp"
#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

void check(const RuleContext& ctx, const Report& report) {
  const CompiledPatterns& p = ctx.grammar.patterns();
  // The grammar's marker patterns, wrapped in a group so the whole marker can be quoted.
  std::vector<std::unique_ptr<RE2>> markers;
  markers.push_back(std::make_unique<RE2>("(" + p.bookmark->pattern() + ")"));
  for (const auto& m : p.other_markers) markers.push_back(std::make_unique<RE2>("(" + m->pattern() + ")"));
  for_each_text(ctx, [&](const TextRef& t) {
    for (const auto& re : markers) {
      re2::StringPiece found;
      if (RE2::PartialMatch(t.text, *re, &found))
        report({ctx.span(t.location, std::string(found)),
                fmt::format("leftover export marker '{}'", std::string(found)), t.subject,
                "delete the marker; it is not part of the text"});
    }
    if (t.text.find('\t') != std::string_view::npos)
      report({t.location, "tab character in the text " + quoted(t.text, 40), t.subject,
              "replace it with a space"});
    if (t.text.find(kReplacement) != std::string_view::npos)
      report({ctx.span(t.location, kReplacement),
              "a character could not be decoded and was replaced by '\xEF\xBF\xBD' in " + quoted(t.text, 40),
              t.subject, "retype the character in the source document"});
  });
}

}  // namespace

extern const Rule kConversionArtifact = {
    .info = {.id = "conversion-artifact",
             .severity = Severity::Warning,
             .summary = "a marker, tab or undecodable character left over from a conversion",
             .explanation =
                 R"(Text exported from Word by Apache Tika carries markers such as "[bookmark: StartValues]",
"[footnoteRef:1]" and "[image: …]", and tabs where table cells start. nos takes them out when it
parses an export, so in a parsed document this rule only reports U+FFFD, the character a reader puts
where the file's bytes could not be decoded. In a YAML model written or edited by hand it also reports
markers and tabs pasted in from an export.

Bad:
  - {id: P1, text: "[bookmark: StartPC]agree the plan with the individual"}

Good:
  - {id: P1, text: "agree the plan with the individual"})"},
    .check = check,
    .reads_structure = false};

}  // namespace nos::rules
