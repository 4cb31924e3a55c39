// The incremental manifest in the output directory: for every model written, what it was made from
// (size, modification time and content hash of the input) and what was written (size and modification
// time of the output), under a fingerprint of everything else that shapes the bytes (nos version,
// format, grammar). An input is skipped only when all of it still holds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "nos/emit.hpp"
#include "nos/grammar.hpp"

namespace nos::batch {

struct ManifestEntry {
  std::string relative;  ///< the input, relative to its source argument (the model's source.path)
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t hash = 0;
  std::uint64_t output_size = 0;
  std::int64_t output_mtime_ns = 0;
  // What the report says about a skipped input, so totals do not depend on what was skipped.
  std::size_t performance_criteria = 0;
  std::size_t knowledge = 0;
  std::size_t unplaced = 0;
  std::size_t unnumbered = 0;
};

struct Manifest {
  std::string fingerprint;
  /// Keyed by the output's path relative to the output directory.
  std::unordered_map<std::string, ManifestEntry> entries;

  /// Reads `path`; an absent, unreadable or foreign file, or one with another fingerprint, gives an
  /// empty manifest (everything is converted again, which is always safe). Throws nos::Error
  /// (ErrorKind::Output) when `path` exists and is not a regular file (a FIFO, a device).
  static Manifest load(const std::string& path, const std::string& fingerprint);
  /// Deterministic JSON, entries sorted by key.
  std::string to_json() const;
};

/// `s` as a JSON string literal, quotes included.
std::string quote_json(std::string_view s);

/// What, besides the input, decides the bytes of a model: nos version, model format and grammar.
std::string run_fingerprint(const Grammar& grammar, ModelFormat format);

}  // namespace nos::batch
