#include "cli/terminal.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string_view>

namespace nos::cli {

bool colour_wanted(const std::string& choice, std::FILE* stream) {
  if (choice != "auto") return choice == "always";
  // FORCE_COLOR follows the convention of Node and many CI systems: any value but "0" forces colour.
  const char* force = std::getenv("FORCE_COLOR");
  if (force && std::string_view(force) != "0") return true;
  const char* no_color = std::getenv("NO_COLOR");  // no-color.org: set and not empty
  if (no_color && *no_color) return false;
  return isatty(fileno(stream)) == 1;
}

}  // namespace nos::cli
