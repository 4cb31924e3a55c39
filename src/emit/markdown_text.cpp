#include "emit/markdown_text.hpp"

#include "util/text.hpp"

namespace nos {

std::string markdown_escaped(std::string_view s) {
  std::string out;
  for (char c : text::printable(s)) {
    if (std::string_view("\\`*_~[]<|#").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace nos
