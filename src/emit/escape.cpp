#include "emit/escape.hpp"

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

std::string xml_escaped(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\n':
        out += "&#10;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace nos
