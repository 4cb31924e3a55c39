// One way to read a YAML file, for the grammar, config and model loaders: every error is one line
// "FILE:LINE:COL: what" of the loader's ErrorKind, aliases may not expand the file past a limit, every
// string is checked for UTF-8 and an unknown key is named with a suggestion.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "nos/error.hpp"

namespace nos {

class YamlFile {
 public:
  /// What the expanded size counts for each node besides its text, so that a billion empty aliases
  /// weigh what they cost once loaded.
  static constexpr std::size_t kNodeBytes = 16;
  /// Deepest nesting with aliases expanded: yaml-cpp bounds the nesting it reads, not what aliases build.
  static constexpr std::size_t kMaxDepth = 1000;

  /// Parses `text`. Throws when it is not UTF-8 or not YAML, and when its expanded size (the bytes of
  /// every string reached, each alias counted every time it is used, plus kNodeBytes a node) passes
  /// `max_expanded_bytes` (aliases to one long string otherwise make a 1 MB file cost gigabytes), or when
  /// aliases nest it more than kMaxDepth levels deep.
  YamlFile(std::string_view text, std::string path, ErrorKind kind, std::size_t max_expanded_bytes);

  const YAML::Node& root() const { return root_; }
  const std::string& path() const { return path_; }

  /// Throws "FILE:LINE:COL: what" at `at`, or "FILE: what" for a node without a place (a missing key).
  [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const;

  /// The text of a scalar, refused at its place when it is not valid UTF-8. The check of the whole file
  /// is not enough: yaml-cpp decodes escapes such as "\_" into lone bytes.
  std::string string(const YAML::Node& scalar) const;

  /// A key that a map gives a second time, and what to say of it.
  struct RepeatedKey {
    YAML::Node key;       ///< the second one
    std::string message;  ///< "key 'X' is given twice in one map (first at line N)"
  };
  /// Every key that a map gives twice, at the second, in the order of the file. YAML forbids them and
  /// yaml-cpp keeps both: a lookup finds the first value, a walk over the map sees both, so a loader would
  /// take one or the other depending on how it reads the map.
  std::vector<RepeatedKey> repeated_keys() const;
  /// Throws "FILE:LINE:COL: key 'X' is given twice in one map (first at line N)" for the first of them.
  void refuse_repeated_keys() const;

  /// Refuses a key of `map` that is not in `allowed`, with the nearest allowed key (or all of them).
  void check_keys(const YAML::Node& map, const std::string& where,
                  const std::vector<std::string>& allowed) const;

 private:
  std::string path_;
  ErrorKind kind_;
  YAML::Node root_;
};

}  // namespace nos
