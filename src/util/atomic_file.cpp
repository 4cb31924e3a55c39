#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <streambuf>

#include "nos/error.hpp"
#include "util/fd.hpp"

namespace nos {

namespace {

constexpr std::string_view kTempMark = ".tmp-";
constexpr std::size_t kTempSuffix = 6;
constexpr std::size_t kNameMax = NAME_MAX;

// Holds SIGINT, SIGTERM and SIGHUP (for this thread) while the temporary file exists, so Ctrl-C lands
// before the file is made or after the rename, never in between. SIGKILL cannot be held: `nos convert`
// removes what one leaves at its next run.
class StopSignalsHeld {
 public:
  StopSignalsHeld() {
    sigset_t stop;
    sigemptyset(&stop);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&stop, sig);
    ::pthread_sigmask(SIG_BLOCK, &stop, &old_);
  }
  ~StopSignalsHeld() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  StopSignalsHeld(const StopSignalsHeld&) = delete;
  StopSignalsHeld& operator=(const StopSignalsHeld&) = delete;

 private:
  sigset_t old_{};
};

[[noreturn]] void fail(const std::string& shown, std::string_view what, int err) {
  throw Error(ErrorKind::Output, shown, fmt::format("{}: {}", what, std::strerror(err)));
}

// An output stream's buffer writing to a file descriptor. A failed write is kept (errno) and ends the
// stream, whose writer's later output is then dropped; finish() reports it.
class FdBuffer : public std::streambuf {
 public:
  FdBuffer(int fd, const std::string& shown) : fd_(fd), shown_(shown) {
    setp(buffer_, buffer_ + sizeof buffer_);
  }
  // Writes what is buffered; throws nos::Error for a write that failed on the way.
  void finish() {
    sync();
    if (error_ != 0) fail(shown_, "write failed", error_);
  }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  int sync() override {
    for (const char* at = pbase(); error_ == 0 && at < pptr();) {
      ssize_t n = ::write(fd_, at, static_cast<std::size_t>(pptr() - at));
      if (n < 0 && errno != EINTR) error_ = errno;
      if (n > 0) at += n;
    }
    setp(buffer_, buffer_ + sizeof buffer_);
    return error_ == 0 ? 0 : -1;
  }

 private:
  int fd_;
  const std::string& shown_;
  int error_ = 0;
  char buffer_[1 << 16];
};

using Writer = std::function<void(std::ostream&)>;

// Writes `write`'s output to `fd`.
void write_all(int fd, const Writer& write, const std::string& shown) {
  FdBuffer buffer(fd, shown);
  std::ostream out(&buffer);
  write(out);
  buffer.finish();
}

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

// A device or FIFO target: written as it is. Opened without blocking, so a FIFO nobody reads is an
// error instead of a hang.
void write_through(int dir_fd, const std::string& name, int nofollow, const Writer& write,
                   const std::string& shown) {
  Fd out(::openat(dir_fd, name.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK | nofollow));
  if (out.get() < 0) {
    if (errno == ENXIO)
      throw Error(ErrorKind::Output, shown, "is a FIFO that nobody reads; refusing to wait for a reader");
    fail(shown, "cannot open", errno);
  }
  ::fcntl(out.get(), F_SETFL, ::fcntl(out.get(), F_GETFL) & ~O_NONBLOCK);
  write_all(out.get(), write, shown);
  if (::close(out.release()) != 0) fail(shown, "write failed", errno);
}

// ".NAME.tmp-" with NAME cut at the front (at a character boundary) when the name would not fit.
std::string temporary_prefix(const std::string& name) {
  std::size_t room = kNameMax - 1 - kTempMark.size() - kTempSuffix;
  std::size_t from = name.size() > room ? name.size() - room : 0;
  while (from < name.size() && (static_cast<unsigned char>(name[from]) & 0xC0) == 0x80) ++from;
  return fmt::format(".{}{}", std::string_view(name).substr(from), kTempMark);
}

// Creates the temporary file beside the target; O_EXCL and O_NOFOLLOW so it is always a new file.
int create_temporary(int dir_fd, const std::string& prefix, std::string& tmp, const std::string& shown) {
  static constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (int attempt = 0; attempt < 100; ++attempt) {
    unsigned char random[kTempSuffix];
    if (::getrandom(random, sizeof random, 0) != static_cast<ssize_t>(sizeof random))
      fail(shown, "cannot create a temporary file", errno);
    tmp = prefix;
    for (unsigned char r : random) tmp += kLetters[r % (sizeof kLetters - 1)];
    int fd = ::openat(dir_fd, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) return fd;
    if (errno != EEXIST) fail(shown, "cannot create a temporary file", errno);
  }
  fail(shown, "cannot create a temporary file", EEXIST);
}

// `nofollow`: 0 when a symlink at `name` may be followed to see what it leads to (a path the user
// typed, such as /dev/stdout), O_NOFOLLOW when it must not.
void write_at(int dir_fd, const std::string& name, const Writer& write, const std::string& shown,
              int nofollow) {
  struct stat st {};
  if (::fstatat(dir_fd, name.c_str(), &st, nofollow ? AT_SYMLINK_NOFOLLOW : 0) == 0 && !S_ISREG(st.st_mode) &&
      !S_ISLNK(st.st_mode)) {
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
      return write_through(dir_fd, name, nofollow, write, shown);
    throw Error(ErrorKind::Output, shown, fmt::format("is {}; refusing to replace it", kind_of(st.st_mode)));
  }
  StopSignalsHeld held;
  std::string tmp;
  Fd out(create_temporary(dir_fd, temporary_prefix(name), tmp, shown));
  auto undo = [&](std::string_view what, int err) {
    ::unlinkat(dir_fd, tmp.c_str(), 0);
    fail(shown, what, err);
  };
  try {
    write_all(out.get(), write, shown);
  } catch (...) {  // a failed write, or the writer's own error
    ::unlinkat(dir_fd, tmp.c_str(), 0);
    throw;
  }
  ::fchmod(out.get(), 0644);
  if (::close(out.release()) != 0) undo("write failed", errno);
  if (::renameat(dir_fd, tmp.c_str(), dir_fd, name.c_str()) != 0)
    undo("cannot move the output into place", errno);
}

Writer writing(std::string_view content) {
  return [content](std::ostream& out) {
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  };
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view content) {
  write_file_atomically(path, writing(content));
}

void write_file_atomically(const std::string& path, const Writer& write) {
  namespace fs = std::filesystem;
  fs::path target(path);
  std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  Fd dir_fd(::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() < 0) fail(path, "cannot create a temporary file", errno);
  write_at(dir_fd.get(), target.filename().string(), write, path, 0);
}

void write_file_atomically_at(int dir_fd, const std::string& name, std::string_view content,
                              const std::string& shown) {
  write_at(dir_fd, name, writing(content), shown, O_NOFOLLOW);
}

std::string_view temporary_file_target(std::string_view name) {
  auto pos = name.rfind(kTempMark);
  if (!name.starts_with('.') || pos == std::string_view::npos || pos < 2 ||
      name.size() - pos != kTempMark.size() + kTempSuffix)
    return {};
  return name.substr(1, pos - 1);
}

}  // namespace nos
