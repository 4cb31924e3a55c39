// bidi-control: Unicode bidirectional formatting controls in the text (U+202A–U+202E, U+2066–U+2069).
// They change the order in which the characters around them are displayed, so a reader can be shown
// one sentence while the file holds another ("Trojan Source"). English standards need none, and Word
// sets the direction of right-to-left text without them, so every one is reported.
#include <fmt/format.h>

#include "util/text.hpp"
#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

// The first bidi control in `s`, or 0, and where it starts. All of them are three bytes in UTF-8.
char32_t first_bidi_control(std::string_view s, std::size_t& at) {
  for (at = s.find('\xE2'); at != std::string_view::npos && at + 2 < s.size(); at = s.find('\xE2', at + 1)) {
    auto b1 = static_cast<unsigned char>(s[at + 1]);
    auto b2 = static_cast<unsigned char>(s[at + 2]);
    char32_t c = 0x2000 + ((b1 & 0x3Fu) << 6) + (b2 & 0x3Fu);
    if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && text::is_bidi_control(c)) return c;
  }
  return 0;
}

void check(const RuleContext& ctx, const Report& report) {
  for_each_text(ctx, [&](const TextRef& t) {
    std::size_t at = 0;
    char32_t control = first_bidi_control(t.text, at);
    if (control == 0) return;
    report({ctx.span(t.location, t.text.substr(at, 3)),
            fmt::format("bidirectional control U+{:04X} in {}: the text may display in another order than "
                        "it is stored",
                        static_cast<unsigned>(control), quoted(text::printable(t.text), 40)),
            t.subject, "delete the control character and retype the text around it"});
  });
}

}  // namespace

extern const Rule kBidiControl = {
    .info = {.id = "bidi-control",
             .severity = Severity::Error,
             .summary = "a bidirectional control character that can reorder how the text displays",
             .explanation =
                 R"(The Unicode characters U+202A to U+202E (embeddings and overrides) and U+2066 to U+2069
(isolates) change the direction in which the text around them is displayed. A line holding U+202E
(right-to-left override) shows its characters backwards, so a reader, a reviewer or a diff can see
one criterion while the file says another: the "Trojan Source" trick. English standards need none of
them, and Word marks right-to-left text without them, so each text holding one is reported once, at
the first. The report shows the control as U+FFFD.

Bad (U+202E before "tneilc"):
  - {id: P1, text: "agree the plan with the <U+202E>tneilc"}

Good:
  - {id: P1, text: "agree the plan with the client"})"},
    .check = check};

}  // namespace nos::rules
