// Renderers for what `nos diff` found: text for a terminal, JSON for tools, Markdown for a pull-request
// comment. They only read the DocumentDiff.
#pragma once

#include <string>

#include "nos/diff.hpp"

namespace nos {

/// Changed fields, then changed items under their section, then a summary line. Words are marked
/// [-deleted-] {+inserted+}, or in red and green with `color`.
std::string format_diff_text(const DocumentDiff& diff, bool color);
/// No source locations or paths: the same two versions in any formats give the same JSON.
std::string format_diff_json(const DocumentDiff& diff);
std::string format_diff_markdown(const DocumentDiff& diff);

}  // namespace nos
