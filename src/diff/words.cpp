// Word-level diff: Hirschberg's longest common subsequence, which needs memory linear in the shorter
// text however long the prose, then the words outside it as deleted and inserted runs.
#include "diff/words.hpp"

#include <algorithm>

#include "nos/diff.hpp"
#include "util/text.hpp"

namespace nos {

std::vector<std::string_view> diff::split_words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = std::string_view::npos, len = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (text::space_at(s, i, len)) {
      if (start != std::string_view::npos) out.push_back(s.substr(start, i - start));
      start = std::string_view::npos;
      i += len;
    } else {
      if (start == std::string_view::npos) start = i;
      ++i;
    }
  }
  if (start != std::string_view::npos) out.push_back(s.substr(start));
  return out;
}

namespace {

using Words = std::vector<std::string_view>;

// LCS lengths of a[a0, a1) against every prefix (forward) or suffix (backward) of b[b0, b1): one row.
std::vector<int> lcs_row(const Words& a, std::size_t a0, std::size_t a1, const Words& b, std::size_t b0,
                         std::size_t b1, bool forward) {
  const std::size_t n = b1 - b0;
  std::vector<int> row(n + 1, 0), prev(n + 1, 0);
  for (std::size_t step = 0; step < a1 - a0; ++step) {
    std::swap(row, prev);
    if (forward) {
      const std::string_view w = a[a0 + step];
      row[0] = 0;
      for (std::size_t j = 1; j <= n; ++j)
        row[j] = w == b[b0 + j - 1] ? prev[j - 1] + 1 : std::max(row[j - 1], prev[j]);
    } else {
      const std::string_view w = a[a1 - 1 - step];
      row[n] = 0;
      for (std::size_t j = n; j-- > 0;)
        row[j] = w == b[b0 + j] ? prev[j + 1] + 1 : std::max(row[j + 1], prev[j]);
    }
  }
  return row;
}

// Marks the words of a[a0, a1) and b[b0, b1) that belong to one longest common subsequence.
void mark_lcs(const Words& a, std::size_t a0, std::size_t a1, const Words& b, std::size_t b0, std::size_t b1,
              std::vector<char>& in_a, std::vector<char>& in_b) {
  while (a0 < a1 && b0 < b1 && a[a0] == b[b0]) in_a[a0++] = in_b[b0++] = 1;
  while (a0 < a1 && b0 < b1 && a[a1 - 1] == b[b1 - 1]) in_a[--a1] = in_b[--b1] = 1;
  if (a0 == a1 || b0 == b1) return;
  if (a1 - a0 == 1) {
    for (std::size_t j = b0; j < b1; ++j)
      if (a[a0] == b[j]) {
        in_a[a0] = in_b[j] = 1;
        return;
      }
    return;
  }
  const std::size_t mid = a0 + (a1 - a0) / 2;
  const std::vector<int> head = lcs_row(a, a0, mid, b, b0, b1, true);
  const std::vector<int> tail = lcs_row(a, mid, a1, b, b0, b1, false);
  std::size_t split = 0;
  for (std::size_t j = 1; j < head.size(); ++j)
    if (head[j] + tail[j] > head[split] + tail[split]) split = j;
  mark_lcs(a, a0, mid, b, b0, b0 + split, in_a, in_b);
  mark_lcs(a, mid, a1, b, b0 + split, b1, in_a, in_b);
}

}  // namespace

std::vector<WordRun> diff_words(std::string_view old_text, std::string_view new_text) {
  const Words a = diff::split_words(old_text), b = diff::split_words(new_text);
  std::vector<char> in_a(a.size(), 0), in_b(b.size(), 0);
  mark_lcs(a, 0, a.size(), b, 0, b.size(), in_a, in_b);
  std::vector<WordRun> runs;
  auto add = [&](WordRun::Op op, std::string_view word) {
    if (runs.empty() || runs.back().op != op) {
      runs.push_back({op, std::string(word)});
    } else {
      runs.back().text += ' ';
      runs.back().text += word;
    }
  };
  // Words outside the subsequence between two of its words: the old ones first, then the new ones.
  for (std::size_t i = 0, j = 0; i < a.size() || j < b.size();) {
    if (i < a.size() && !in_a[i]) {
      add(WordRun::Op::Deleted, a[i++]);
    } else if (j < b.size() && !in_b[j]) {
      add(WordRun::Op::Inserted, b[j++]);
    } else {
      add(WordRun::Op::Same, a[i]);
      ++i, ++j;
    }
  }
  return runs;
}

}  // namespace nos
