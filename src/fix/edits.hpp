// The edits nos fix makes, planned once over the lines nos reads and then made in a text export's bytes
// or in a DOCX's word/document.xml.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "nos/fix.hpp"

namespace nos::fix {

/// One edit to make: bytes [from, to) of a line's text, the whole line with its line end, or (`new_line`,
/// from = to = 0) a new line `after` before it.
struct LineEdit {
  std::size_t line = 0;  ///< 0-based
  std::size_t from = 0, to = 0;
  std::string after;
  bool whole_line = false;
  bool new_line = false;
  std::vector<const Diagnostic*> by;  ///< the findings carrying this edit
};

/// Calls `each(edit, finding)` for every edit of the findings' fixes that nos fix is to make: an unsafe
/// fix's only with `unsafe`, else the finding is listed in result.unsafe.
template <typename Each>
void fixes_to_make(const std::vector<Diagnostic>& diagnostics, bool unsafe, FixResult& result, Each each) {
  for (const Diagnostic& d : diagnostics) {
    if (!d.fix) continue;
    if (d.fix->unsafe && !unsafe) {
      result.unsafe.push_back(&d);
      continue;
    }
    for (const Edit& e : d.fix->edits) each(e, d);
  }
}

/// Makes `edits` (in order, none overlapping) in the DOCX `bytes` read as `source`; sets made[i] for each
/// edit made and returns the new container (`bytes` when none was).
std::string edit_docx(std::string_view bytes, const Source& source, const std::vector<LineEdit>& edits,
                      const FixSettings& settings, std::vector<bool>& made);

}  // namespace nos::fix
