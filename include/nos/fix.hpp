// Mending what the rules find: the edits their findings carry, made in the bytes of a text export so
// that nothing but the fixed spans changes (line ends, the byte-order mark and every other byte stay), or
// in the text runs of a DOCX's word/document.xml and its page header and footer parts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nos/diagnostic.hpp"
#include "nos/limits.hpp"
#include "nos/source.hpp"

namespace nos {

struct FixResult {
  std::string fixed;                       ///< the file's new bytes (the old ones when nothing applied)
  std::vector<const Diagnostic*> applied;  ///< findings whose edits were made
  std::vector<const Diagnostic*> unsafe;   ///< findings with an unsafe fix, left alone without `unsafe`
  /// Findings with a fix none of whose edits could be made: the text changed since the rule saw it, the
  /// edit overlaps another, or (DOCX) the span is text Word makes, such as an automatic list number.
  std::vector<const Diagnostic*> not_made;
  /// Per line of the old file (0-based): its new text, or nullopt when it was deleted; only lines that
  /// changed are listed.
  std::vector<std::pair<int, std::optional<std::string>>> changed_lines;
};

struct FixSettings {
  bool unsafe = false;           ///< also make unsafe fixes (renumbering)
  bool tracked_changes = false;  ///< DOCX: each fix a Word revision (w:del, w:ins) by author "nos"
  std::string date;              ///< DOCX revisions' w:date, e.g. "2026-11-30T12:00:00Z"
  Limits limits;                 ///< DOCX: for reading the container again
};

/// Makes the fixes of `diagnostics` (read from `source`, which was read from `bytes`) in `bytes`.
/// Identical edits that several findings carry are made once; an edit overlapping one already made, or
/// whose span no longer holds what the rule saw, is skipped. A DOCX is rewritten by editing the w:t text
/// of word/document.xml (or of the header or footer part a page line is in) behind each span; every other
/// part of the zip is copied as it is.
/// Throws nos::Error (Usage) unless the source is a UTF-8 text export or a DOCX.
FixResult apply_fixes(std::string_view bytes, const Source& source,
                      const std::vector<Diagnostic>& diagnostics, const FixSettings& settings);

/// The change as a unified diff of `path` (`--- path`, `+++ path`, hunks with three lines of context) in
/// the lines nos reads (a DOCX's rendered paragraphs); empty when nothing changed. `bytes` and `source`
/// as given to apply_fixes.
std::string unified_diff(const std::string& path, std::string_view bytes, const Source& source,
                         const FixResult& result);

}  // namespace nos
