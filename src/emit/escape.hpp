// Document text inside markup: Markdown (nos diff --format markdown, nos export --to markdown) and XML
// or HTML (JUnit findings, nos export --to html).
#pragma once

#include <string>
#include <string_view>

namespace nos {

/// Printable text (util/text.hpp) with a backslash before every character CommonMark or a GFM table could
/// read as markup, so a document's text never turns into links, emphasis or table cells.
std::string markdown_escaped(std::string_view s);

/// Text for XML or HTML content and double-quoted attribute values: &, <, >, " and line feeds as
/// character references.
std::string xml_escaped(std::string_view s);

}  // namespace nos
