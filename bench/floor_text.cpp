// The floor for text exports: one process reading every file and splitting it into lines.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "floor_common.hpp"

int main(int argc, char** argv) {
  return floor_bench::main_with(argc, argv, ".txt", "lines", [](const std::string& path) -> std::size_t {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return 0;
    struct stat st {};
    ::fstat(fd, &st);
    std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
    ssize_t n = ::read(fd, bytes.data(), bytes.size());
    ::close(fd);
    if (n < 0) return 0;
    bytes.resize(static_cast<std::size_t>(n));
    std::vector<std::string_view> lines;
    std::string_view rest = bytes;
    while (!rest.empty()) {
      auto end = rest.find('\n');
      lines.push_back(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
    return lines.size();
  });
}
