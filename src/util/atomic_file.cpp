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

void write_all(int fd, std::string_view content, const std::string& shown) {
  for (std::size_t done = 0; done < content.size();) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(shown, "write failed", errno);
    done += static_cast<std::size_t>(n);
  }
}

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

// A device or FIFO target: written as it is. Opened without blocking, so a FIFO nobody reads is an
// error instead of a hang.
void write_through(int dir_fd, const std::string& name, int nofollow, std::string_view content,
                   const std::string& shown) {
  Fd out(::openat(dir_fd, name.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK | nofollow));
  if (out.get() < 0) {
    if (errno == ENXIO)
      throw Error(ErrorKind::Output, shown, "is a FIFO that nobody reads; refusing to wait for a reader");
    fail(shown, "cannot open", errno);
  }
  ::fcntl(out.get(), F_SETFL, ::fcntl(out.get(), F_GETFL) & ~O_NONBLOCK);
  write_all(out.get(), content, shown);
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
void write_at(int dir_fd, const std::string& name, std::string_view content, const std::string& shown,
              int nofollow) {
  struct stat st {};
  if (::fstatat(dir_fd, name.c_str(), &st, nofollow ? AT_SYMLINK_NOFOLLOW : 0) == 0 && !S_ISREG(st.st_mode) &&
      !S_ISLNK(st.st_mode)) {
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
      return write_through(dir_fd, name, nofollow, content, shown);
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
    write_all(out.get(), content, shown);
  } catch (const Error&) {
    ::unlinkat(dir_fd, tmp.c_str(), 0);
    throw;
  }
  ::fchmod(out.get(), 0644);
  if (::close(out.release()) != 0) undo("write failed", errno);
  if (::renameat(dir_fd, tmp.c_str(), dir_fd, name.c_str()) != 0)
    undo("cannot move the output into place", errno);
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  fs::path target(path);
  std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  Fd dir_fd(::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() < 0) fail(path, "cannot create a temporary file", errno);
  write_at(dir_fd.get(), target.filename().string(), content, path, 0);
}

void write_file_atomically_at(int dir_fd, const std::string& name, std::string_view content,
                              const std::string& shown) {
  write_at(dir_fd, name, content, shown, O_NOFOLLOW);
}

std::string_view temporary_file_target(std::string_view name) {
  auto pos = name.rfind(kTempMark);
  if (!name.starts_with('.') || pos == std::string_view::npos || pos < 2 ||
      name.size() - pos != kTempMark.size() + kTempSuffix)
    return {};
  return name.substr(1, pos - 1);
}

}  // namespace nos
