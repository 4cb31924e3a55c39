// What nos spends on each document once its bytes are in memory: reading (decoding into lines),
// parsing (pre-pass, tokenizer, section parser) and emitting the YAML model, timed apart over every file
// of a folder; the fastest of RUNS passes. Run it under `valgrind --tool=callgrind
// --toggle-collect='nos::parse(*'` (or 'nos::emit_model*') for instruction counts, which the load of a
// shared machine does not change.
//   parse_cost DIR [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "nos/nos.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double micros(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::micro>(b - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: parse_cost DIR [RUNS]\n");
    return 2;
  }
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    files.emplace_back(entry.path().string(), bytes.str());
  }
  if (files.empty()) {
    std::fprintf(stderr, "parse_cost: no files in %s\n", argv[1]);
    return 2;
  }
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  double best_read = 1e300, best_parse = 1e300, best_emit = 1e300;
  std::size_t bytes_out = 0;
  for (int run = 0; run < runs; ++run) {
    double read = 0, parse = 0, emit = 0;
    for (const auto& [path, bytes] : files) {
      try {
        auto t0 = Clock::now();
        nos::Source source = nos::read_source_bytes(bytes, path);
        auto t1 = Clock::now();
        nos::Document doc = nos::parse(source);
        auto t2 = Clock::now();
        bytes_out += nos::emit_model(doc, nos::ModelFormat::Yaml).size();
        auto t3 = Clock::now();
        read += micros(t0, t1);
        parse += micros(t1, t2);
        emit += micros(t2, t3);
      } catch (const nos::Error& e) {
        std::fprintf(stderr, "parse_cost: %s\n", e.what());
      }
    }
    best_read = std::min(best_read, read);
    best_parse = std::min(best_parse, parse);
    best_emit = std::min(best_emit, emit);
  }
  const double n = static_cast<double>(files.size());
  std::printf("%zu documents, µs each: read %.1f, parse %.1f, emit %.1f (%zu bytes of YAML)\n", files.size(),
              best_read / n, best_parse / n, best_emit / n, bytes_out);
  return 0;
}
