#include "reader/list_number.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace nos::detail {

namespace {

std::string roman(int n, bool upper) {
  static constexpr std::array<std::pair<int, std::string_view>, 13> kTable = {{{1000, "m"},
                                                                               {900, "cm"},
                                                                               {500, "d"},
                                                                               {400, "cd"},
                                                                               {100, "c"},
                                                                               {90, "xc"},
                                                                               {50, "l"},
                                                                               {40, "xl"},
                                                                               {10, "x"},
                                                                               {9, "ix"},
                                                                               {5, "v"},
                                                                               {4, "iv"},
                                                                               {1, "i"}}};
  std::string out;
  for (const auto& [value, digits] : kTable) {
    for (; n >= value; n -= value) out += digits;
  }
  if (upper) {
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

std::string format_number(int n, std::string_view format) {
  if (n <= 0) return std::to_string(n);
  if (format == "lowerLetter" || format == "upperLetter") {
    // Word goes a..z, aa..zz, aaa..: the letter repeated, not base 26.
    char letter = static_cast<char>((format == "lowerLetter" ? 'a' : 'A') + (n - 1) % 26);
    return std::string(static_cast<std::size_t>(std::min((n - 1) / 26 + 1, 64)), letter);
  }
  if ((format == "lowerRoman" || format == "upperRoman") && n < 4000) return roman(n, format == "upperRoman");
  if (format == "decimalZero" && n < 10) return "0" + std::to_string(n);
  if (format == "ordinal") {
    int mod100 = n % 100;
    std::string_view suffix = (mod100 >= 11 && mod100 <= 13) ? "th"
                              : n % 10 == 1                  ? "st"
                              : n % 10 == 2                  ? "nd"
                              : n % 10 == 3                  ? "rd"
                                                             : "th";
    return std::to_string(n) + std::string(suffix);
  }
  if (format == "none") return "";
  return std::to_string(n);  // decimal and every format we do not spell out
}

}  // namespace nos::detail
