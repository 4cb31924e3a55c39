// The floor for text exports: one process reading every file and splitting it into lines.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "floor_common.hpp"

int main(int argc, char** argv) {
  return floor_bench::main_with(argc, argv, ".txt", [](const std::string& path) -> std::string {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return {};
    struct stat st {};
    ::fstat(fd, &st);
    std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
    ssize_t n = ::read(fd, bytes.data(), bytes.size());
    ::close(fd);
    bytes.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    std::vector<std::string_view> lines;
    std::string_view rest = bytes;
    while (!rest.empty()) {
      auto end = rest.find('\n');
      lines.push_back(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
    std::string extract;
    extract.reserve(bytes.size());
    for (auto line : lines) (extract += line) += '\n';
    return extract;
  });
}
