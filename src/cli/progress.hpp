// A single progress line on standard error, redrawn in place: only when standard error is a terminal.
// Other messages are printed above it, so errors and progress never interleave on one line.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace nos::cli {

class ProgressLine {
 public:
  /// Draws nothing unless `wanted` and standard error is a terminal.
  explicit ProgressLine(bool wanted);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool active() const { return active_; }

  /// "done/total, rate, ETA, failures"; redrawn at most ten times a second unless `force`.
  void update(std::size_t done, std::size_t total, std::size_t failed, double seconds, bool force = false);
  /// Prints a whole line (an error, say) on standard error, then redraws the progress line below it.
  void print(const std::string& line);
  /// Clears the progress line for good.
  void finish();

 private:
  void draw();
  void clear();

  bool active_;
  bool shown_ = false;
  std::string text_;
  std::chrono::steady_clock::time_point last_draw_{};
};

/// "1.2 s", "3 min 4 s", "1 h 02 min".
std::string format_duration(double seconds);

}  // namespace nos::cli
