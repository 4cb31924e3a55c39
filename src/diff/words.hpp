// Splitting text into words, shared by the word diff and the item alignment.
#pragma once

#include <string_view>
#include <vector>

namespace nos::diff {

/// The words of `s`, split at ASCII and Unicode white space.
std::vector<std::string_view> split_words(std::string_view s);

}  // namespace nos::diff
