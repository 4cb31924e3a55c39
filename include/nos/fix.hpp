// Mending what the rules find: the edits their findings carry, made in the bytes of a text export so
// that nothing but the fixed spans changes (line ends, the byte-order mark and every other byte stay).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nos/diagnostic.hpp"
#include "nos/source.hpp"

namespace nos {

struct FixResult {
  std::string fixed;                       ///< the file's new bytes (the old ones when nothing applied)
  std::vector<const Diagnostic*> applied;  ///< findings whose edits were made
  std::vector<const Diagnostic*> unsafe;   ///< findings with an unsafe fix, left alone without `unsafe`
  /// Per line of the old file (0-based): its new text, or nullopt when it was deleted; only lines that
  /// changed are listed.
  std::vector<std::pair<int, std::optional<std::string>>> changed_lines;
};

/// Makes the fixes of `diagnostics` (read from `source`, which was read from `bytes`) in `bytes`.
/// Unsafe fixes are made only when `unsafe`. Identical edits that several findings carry are made once;
/// an edit overlapping one already made, or whose span no longer holds what the rule saw, is skipped.
/// Throws nos::Error (Usage) unless the source is a UTF-8 text export.
FixResult apply_fixes(std::string_view bytes, const Source& source,
                      const std::vector<Diagnostic>& diagnostics, bool unsafe);

/// The change as a unified diff of `path` (`--- path`, `+++ path`, hunks with three lines of context);
/// empty when nothing changed. `bytes` and `source` as given to apply_fixes.
std::string unified_diff(const std::string& path, std::string_view bytes, const Source& source,
                         const FixResult& result);

}  // namespace nos
