// What the terminal is told: whether colour is wanted.
#pragma once

#include <cstdio>
#include <string>

namespace nos::cli {

/// `--color auto|always|never` as the user gave it. For auto: FORCE_COLOR (set and not "0") wins, then
/// NO_COLOR (set and not empty), then whether `stream` is a terminal.
bool colour_wanted(const std::string& choice, std::FILE* stream);

}  // namespace nos::cli
