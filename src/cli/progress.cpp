#include "cli/progress.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace nos::cli {

namespace {

std::size_t terminal_width() {
  winsize ws{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10) return ws.ws_col;
  return 80;
}

}  // namespace

std::string format_duration(double seconds) {
  if (seconds < 60) return fmt::format("{:.1f} s", seconds);
  auto s = static_cast<long>(std::lround(seconds));
  if (s < 3600) return fmt::format("{} min {} s", s / 60, s % 60);
  return fmt::format("{} h {:02} min", s / 3600, (s % 3600) / 60);
}

ProgressLine::ProgressLine(bool wanted) : active_(wanted && ::isatty(STDERR_FILENO) == 1) {}

ProgressLine::~ProgressLine() { finish(); }

void ProgressLine::update(std::size_t done, std::size_t total, std::size_t failed, double seconds,
                          bool force) {
  if (!active_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && shown_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  text_ = fmt::format("nos convert: {}/{} ({:.0f}%)  {:.0f} files/s", done, total,
                      total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0, rate);
  if (rate > 0 && done < total) text_ += "  ETA " + format_duration(static_cast<double>(total - done) / rate);
  if (failed > 0) text_ += fmt::format("  {} failed", failed);
  draw();
}

void ProgressLine::print(const std::string& line) {
  clear();
  std::fputs(line.c_str(), stderr);
  std::fputc('\n', stderr);
  if (active_ && !text_.empty()) draw();
  std::fflush(stderr);
}

void ProgressLine::finish() {
  clear();
  active_ = false;
}

void ProgressLine::draw() {
  std::string shown = text_.substr(0, terminal_width() - 1);
  std::fprintf(stderr, "\r%s\x1b[K", shown.c_str());
  std::fflush(stderr);
  shown_ = true;
}

void ProgressLine::clear() {
  if (!active_ || !shown_) return;
  std::fputs("\r\x1b[K", stderr);
  shown_ = false;
}

}  // namespace nos::cli
