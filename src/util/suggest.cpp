#include "util/suggest.hpp"

#include <algorithm>

namespace nos {

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  for (const auto& c : candidates)  // an abbreviation ("near-dup") names the rule it starts
    if (word.size() >= 4 && c.starts_with(word)) return " (did you mean '" + c + "'?)";
  std::size_t best = std::string::npos;
  std::string nearest;
  for (const auto& c : candidates)
    if (std::size_t d = edit_distance(word, std::string_view(c)); d < best) best = d, nearest = c;
  return best <= std::max<std::size_t>(2, word.size() / 3) ? " (did you mean '" + nearest + "'?)" : "";
}

}  // namespace nos
