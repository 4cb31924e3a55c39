// Glob matching (util/glob.hpp) in time linear in the pattern times the path.
#include "util/glob.hpp"

#include <array>
#include <string_view>
#include <vector>

namespace nos {
namespace {

// Dynamic programming from the end of the pattern: O(pattern x path) whatever the stars, where
// backtracking is exponential in their number. row(p)[s] says whether pattern[p..] matches path[s..];
// a row needs at most the three rows after it, so four are kept.
bool match(std::string_view pattern, std::string_view path) {
  const std::size_t n = path.size();
  std::array<std::vector<char>, 4> rows;
  auto row = [&](std::size_t p) -> std::vector<char>& { return rows[p % 4]; };
  row(pattern.size()).assign(n + 1, 0);
  row(pattern.size())[n] = 1;
  for (std::size_t p = pattern.size(); p-- > 0;) {
    std::string_view rest = pattern.substr(p);
    std::vector<char>& cur = row(p);
    cur.assign(n + 1, 0);
    if (rest.starts_with("**/")) {  // zero or more leading directories
      const std::vector<char>& next = row(p + 3);
      bool after_a_slash = false;  // next matches at some j > s with path[j - 1] == '/'
      for (std::size_t s = n + 1; s-- > 0;) {
        if (s < n && path[s] == '/' && next[s + 1]) after_a_slash = true;
        cur[s] = next[s] || after_a_slash;
      }
    } else if (rest.starts_with("**")) {  // anything, across directories
      const std::vector<char>& next = row(p + 2);
      for (std::size_t s = n + 1; s-- > 0;) cur[s] = next[s] || (s < n && cur[s + 1]);
    } else if (rest[0] == '*') {  // anything within one name
      const std::vector<char>& next = row(p + 1);
      for (std::size_t s = n + 1; s-- > 0;) cur[s] = next[s] || (s < n && path[s] != '/' && cur[s + 1]);
    } else {
      const std::vector<char>& next = row(p + 1);
      for (std::size_t s = 0; s < n; ++s)
        cur[s] = (rest[0] == '?' ? path[s] != '/' : rest[0] == path[s]) && next[s + 1];
    }
  }
  return row(0)[0];
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  std::size_t slash = path.rfind('/');
  if (pattern.find('/') == std::string_view::npos && slash != std::string_view::npos &&
      match(pattern, path.substr(slash + 1)))
    return true;
  return match(pattern, path);
}

}  // namespace nos
