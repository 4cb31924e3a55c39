// Batch conversion: many documents to many models, in parallel, with nothing half-written.
//
// Two steps. plan_conversion() walks the sources, applies the filters, maps every input to its output
// under the output directory and checks the whole plan (collisions, writes outside the directory,
// inputs overwritten) before anything is written. run_conversion() then converts the plan on a worker
// pool, each output written atomically, and reports every finished input to an observer. Nothing here
// knows about terminals or the command line.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "nos/emit.hpp"
#include "nos/grammar.hpp"
#include "nos/limits.hpp"

namespace nos {

struct ConvertOptions {
  /// Files and directories. A directory is walked (sorted, hidden entries skipped) and mirrored under
  /// out_dir; a file is converted whatever its extension and lands at the top of out_dir.
  std::vector<std::string> sources;
  /// Paths read from a list (`nos convert -`). Each is mirrored under out_dir as given, so it must be
  /// relative and must not climb out with "..".
  std::vector<std::string> listed;
  std::string out_dir;
  /// The --report file, if any: only checked here (it must be neither an input nor a model).
  std::string report;
  /// Globs for files found by walking a directory. Without `include`, only *.txt, *.docx and *.pdf are taken
  /// (any case); `include` replaces that filter. A glob without "/" matches the name, one with "/" the
  /// path relative to the source directory ("*" also matches "/"). `exclude` also prunes directories.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  ModelFormat format = ModelFormat::Yaml;
  const Grammar* grammar = nullptr;  ///< nullptr: the built-in grammar
  Limits limits;
  unsigned jobs = 0;         ///< 0: one per core
  bool incremental = false;  ///< skip inputs the manifest in out_dir says are done and unchanged
  bool fail_fast = false;    ///< start no new input after the first failure
};

/// One input and where its model goes.
struct ConvertInput {
  std::string path;      ///< the file to read, as found (the source argument joined with `relative`)
  std::string relative;  ///< relative to its source argument: mirrored under out_dir and used as source.path
  std::string output;    ///< out_dir joined with `relative`, extension replaced by .yaml or .json
};

struct ConvertPlan {
  std::string out_dir;               ///< as given, lexically normalised
  std::vector<ConvertInput> inputs;  ///< sources in the order given, each directory walked in name order
  /// Faults that forbid the run, each "PATH: what is wrong" (collisions, unsafe outputs, missing
  /// sources). The run must not start when this is not empty; nothing has been written.
  std::vector<std::string> errors;
  /// Things skipped while walking that a user may want to know about (symlink loops, broken links).
  std::vector<std::string> notes;
  std::size_t ignored = 0;  ///< files in walked directories that the include filter left out
};

/// Walks and checks. Throws nos::Error (ErrorKind::Usage) when the options themselves are unusable,
/// such as an output directory inside a source tree that is not excluded.
ConvertPlan plan_conversion(const ConvertOptions& options);

enum class ConvertStatus { Pending, Converted, Failed, Skipped };

/// "converted", "failed", "skipped" or "pending" (not run: interrupted, or stopped by --fail-fast).
const char* status_name(ConvertStatus status);

struct ConvertResult {
  ConvertStatus status = ConvertStatus::Pending;
  std::string error;                     ///< for Failed: "PATH: reason", one line
  std::size_t performance_criteria = 0;  ///< items in each Items section of the grammar
  std::size_t knowledge = 0;
  std::size_t unplaced = 0;    ///< unplaced text blocks in the model
  std::size_t unnumbered = 0;  ///< list items without a number
  double milliseconds = 0;
  /// A converted document with text the parser could not place, or list items without a number.
  bool has_warnings() const { return status == ConvertStatus::Converted && (unplaced > 0 || unnumbered > 0); }
};

struct ConvertCounts {
  std::size_t total = 0;
  std::size_t done = 0;  ///< converted + failed + skipped
  std::size_t converted = 0;
  std::size_t with_warnings = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;
  double seconds = 0;          ///< since the run started
  bool interrupted = false;    ///< the stop flag was raised from outside before every input ran
  bool stopped_early = false;  ///< --fail-fast stopped the run
};

/// Called once per finished input, never from two threads at once.
using ConvertObserver =
    std::function<void(const ConvertInput& input, const ConvertResult& result, const ConvertCounts& so_far)>;

struct ConvertRun {
  std::vector<ConvertResult> results;  ///< one per plan input, same order
  ConvertCounts counts;
};

/// Converts the plan. `stop`, when given, may be raised at any time (from a signal handler, say): no new
/// input starts, running ones finish their atomic writes, and the manifest is saved. Throws nos::Error
/// (ErrorKind::Output) when the output directory cannot be created or is in use by another run.
ConvertRun run_conversion(const ConvertPlan& plan, const ConvertOptions& options,
                          const ConvertObserver& observer = {}, std::atomic<bool>* stop = nullptr);

/// Writes the run report as JSON: one entry per input (path, status, output, items, diagnostics, error,
/// ms) and the totals.
void write_conversion_report(std::ostream& out, const ConvertPlan& plan, const ConvertRun& run);

/// The manifest's name inside the output directory.
inline constexpr const char* kManifestName = ".nos-manifest.json";

/// FNV-1a, 64 bits: the content hash the manifest records.
std::uint64_t content_hash(std::string_view bytes);

}  // namespace nos
