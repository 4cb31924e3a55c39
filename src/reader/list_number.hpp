// List numbers as word processors print them, shared by the readers that render numbering themselves.
#pragma once

#include <string>
#include <string_view>

namespace nos::detail {

/// One counter value in a WordprocessingML w:numFmt ("decimal", "lowerLetter", "upperRoman", "bullet"...),
/// as Word prints it. Formats of other writers are named by their WordprocessingML equivalent.
std::string format_number(int n, std::string_view format);

}  // namespace nos::detail
