// "Did you mean …?" for a misspelt key, rule id or option, shared by every layer that names one.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nos {

/// Levenshtein distance between two sequences: the bytes of two strings, the words of two texts.
template <class Sequence>
std::size_t edit_distance(const Sequence& a, const Sequence& b) {
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

/// " (did you mean 'X'?)" for the candidate nearest to `word` by edit distance, or "" when none is near.
/// A word of four or more characters that starts a candidate names it (an abbreviation).
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace nos
