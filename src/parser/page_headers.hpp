// Page headers and footers of a DOCX. The official template prints the URN and the title in the page
// header, not in the body; a header can also still hold the template's placeholder text.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

#include "nos/grammar.hpp"
#include "nos/model.hpp"
#include "nos/source.hpp"

namespace nos {

/// Fills the URN and the title from `source.page_lines` when the body gave none: the URN is a header or
/// footer line that is one (or starts with one, the title following on the line); the title is the rest
/// of that line, else the next (or, failing that, the previous) line of the same part shaped like one.
void take_head_from_page_headers(Document& doc, const Source& source, const Grammar& grammar);

/// The first template placeholder in `text`, as a byte range [first, second): bracketed words ("[URN]",
/// "[Unique Reference Number]"), a file name ("NOS draft.docx"), Word's "Document1", or a content
/// control's "Click or tap here to enter text.".
std::optional<std::pair<std::size_t, std::size_t>> find_placeholder(std::string_view text);

}  // namespace nos
