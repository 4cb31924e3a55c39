// Shared by the floor programs: collect the files of a tree, run a function over them on N threads.
// Deliberately independent of nos, so the floor measures only what any converter must do.
#pragma once

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

// Runs work(path) over every file on `jobs` threads and returns the sum of what it returned.
inline std::size_t run(const std::vector<std::string>& files, unsigned jobs,
                       const std::function<std::size_t(const std::string&)>& work) {
  std::atomic<std::size_t> next{0}, total{0};
  auto worker = [&] {
    std::size_t sum = 0;
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) sum += work(files[i]);
    total += sum;
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return total;
}

// floor_X DIR [-j N]: prints "files N units U seconds S files/s R".
inline int main_with(int argc, char** argv, const char* extension, const char* unit,
                     const std::function<std::size_t(const std::string&)>& work) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [-j N]\n", argv[0]);
    return 2;
  }
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  if (argc >= 4 && std::string(argv[2]) == "-j") jobs = static_cast<unsigned>(std::atoi(argv[3]));
  auto start = std::chrono::steady_clock::now();
  auto files = collect(argv[1], extension);
  std::size_t units = run(files, jobs, work);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("files %zu %s %zu seconds %.3f files/s %.0f\n", files.size(), unit, units, s,
              static_cast<double>(files.size()) / s);
  return 0;
}

}  // namespace floor_bench
