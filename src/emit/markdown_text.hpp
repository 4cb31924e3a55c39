// Document text inside Markdown (nos diff --format markdown, nos export --to markdown).
#pragma once

#include <string>
#include <string_view>

namespace nos {

/// Printable text (util/text.hpp) with a backslash before every character CommonMark or a GFM table could
/// read as markup, so a document's text never turns into links, emphasis or table cells.
std::string markdown_escaped(std::string_view s);

}  // namespace nos
