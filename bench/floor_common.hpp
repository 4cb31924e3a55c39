// Shared by the floor programs: collect the files of a tree, run a function over them on N threads,
// and optionally write one output file per input (temporary file, then rename). Independent of nos, so
// the floor measures only what any converter must do.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace floor_bench {

inline std::vector<std::string> collect(const std::string& root, const std::string& extension) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == extension) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// Writes `bytes` to DIR/INDEX.out through a temporary file and a rename, as a converter must.
inline void write_output(const std::string& dir, std::size_t index, const std::string& bytes) {
  std::string target = dir + "/" + std::to_string(index) + ".out";
  std::string tmp = dir + "/." + std::to_string(index) + ".out.tmp-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return;
  if (::write(fd, bytes.data(), bytes.size()) < 0) std::perror("write");
  ::close(fd);
  ::rename(tmp.c_str(), target.c_str());
}

// Runs work(path) over every file on `jobs` threads and returns the total size of what it extracted;
// with `out_dir`, also writes each extract to its own file there.
inline std::size_t run(const std::vector<std::string>& files, unsigned jobs, const std::string& out_dir,
                       const std::function<std::string(const std::string&)>& work) {
  std::atomic<std::size_t> next{0}, total{0};
  auto worker = [&] {
    std::size_t sum = 0;
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      std::string extract = work(files[i]);
      sum += extract.size();
      if (!out_dir.empty()) write_output(out_dir, i, extract);
    }
    total += sum;
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return total;
}

// floor_X DIR [-j N] [--write OUT_DIR]: prints "files N bytes B seconds S files/s R".
inline int main_with(int argc, char** argv, const char* extension,
                     const std::function<std::string(const std::string&)>& work) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [-j N] [--write OUT_DIR]\n", argv[0]);
    return 2;
  }
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::string out_dir;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "-j") jobs = static_cast<unsigned>(std::atoi(argv[i + 1]));
    if (std::string(argv[i]) == "--write") out_dir = argv[i + 1];
  }
  if (!out_dir.empty()) std::filesystem::create_directories(out_dir);
  auto start = std::chrono::steady_clock::now();
  auto files = collect(argv[1], extension);
  std::size_t bytes = run(files, jobs, out_dir, work);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("files %zu bytes %zu seconds %.3f files/s %.0f\n", files.size(), bytes, s,
              static_cast<double>(files.size()) / s);
  return 0;
}

}  // namespace floor_bench
