// "Did you mean …?" for a misspelt key, rule id or option, shared by every layer that names one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nos {

/// Levenshtein distance between two byte strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// " (did you mean 'X'?)" for the candidate nearest to `word` by edit distance, or "" when none is near.
/// A word of four or more characters that starts a candidate names it (an abbreviation).
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace nos
