// The one glob dialect of nos: `.nos.yaml`'s `ignore` and `overrides` globs and `nos convert`'s
// `--include` and `--exclude` all match with it.
#pragma once

#include <string_view>

namespace nos {

/// Glob match: `*` and `?` within a path segment, `**` across segments (`**/` also matches no directory);
/// no bracket classes. A pattern without "/" also matches the file's name alone, as in .gitignore.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace nos
