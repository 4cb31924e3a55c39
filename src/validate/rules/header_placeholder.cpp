// header-placeholder: a page header of a word-processor document still holds the template's placeholder text.
#include "parser/page_headers.hpp"
#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos::rules {
namespace {

void check(const RuleContext& ctx, const Report& report) {
  if (ctx.source == nullptr) return;
  for (const SourceLine& line : ctx.source->page_lines) {
    // Not footers: one may show the file name on purpose, for document control.
    PagePart part = line.location.part;
    if (part != PagePart::Header && part != PagePart::FirstHeader && part != PagePart::EvenHeader) continue;
    auto found = find_placeholder(line.text);
    if (!found) continue;
    std::string placeholder = line.text.substr(found->first, found->second - found->first);
    report(
        {ctx.span(line.location, placeholder),
         "the " + line.location.page_part() + " still holds the template placeholder " + quoted(placeholder),
         "", "put the standard's URN and title there, as the template asks"});
  }
}

}  // namespace

extern const Rule kHeaderPlaceholder = {
    .info =
        {.id = "header-placeholder",
         .severity = Severity::Warning,
         .summary = "a page header still holds template placeholder text",
         .explanation =
             R"(The official Word template prints the URN and the title in the page header, where they repeat on
every page. A header that still reads "[URN]" or "[Unique Reference Number]", shows a file name
("Document1", "SCDHSC0390 draft v2.docx") where a field was left in, or a content control's "Click
or tap here to enter text." was never filled in, and every printed page shows it. The parser takes
the URN and title from the page header when the body does not give them, so a placeholder there
usually also means the document has no URN. DOCX, ODT, RTF and .doc files have page headers; a PDF's
running header is page furniture.

Bad:
  (page header)  [URN]
                 [Title]

Good:
  (page header)  SCDHSC0390
                 Promote effective communication)"},
    .check = check};

}  // namespace nos::rules
