#include "util/suggest.hpp"

#include <algorithm>

namespace nos {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  for (const auto& c : candidates)  // an abbreviation ("near-dup") names the rule it starts
    if (word.size() >= 4 && c.starts_with(word)) return " (did you mean '" + c + "'?)";
  std::size_t best = std::string::npos;
  std::string nearest;
  for (const auto& c : candidates)
    if (std::size_t d = edit_distance(word, c); d < best) best = d, nearest = c;
  return best <= std::max<std::size_t>(2, word.size() / 3) ? " (did you mean '" + nearest + "'?)" : "";
}

}  // namespace nos
