// The check pipeline: documents and YAML models checked against their configs, every finding through
// one chain.
//
// Two steps. plan_check() expands the paths (directories recursed, sorted) and finds each input's
// `.nos.yaml` and grammar, each loaded once. run_check() checks the inputs on a worker pool (results kept
// by index, so the report is in input order whatever `jobs`), runs the suite rules over the summaries
// the documents left when there is more than one (validate_suite), and then passes every finding, in input
// order, through one chain: the file's rule settings (enabled, severity), the config's ignore_findings,
// the baseline, the per-file caps. Suppressions that matched nothing become `unused-suppression`
// findings, which pass the same chain. Nothing here knows about terminals or the command line.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nos/config.hpp"
#include "nos/diagnostic.hpp"
#include "nos/grammar.hpp"
#include "nos/limits.hpp"
#include "nos/model.hpp"
#include "nos/source.hpp"

namespace nos {

struct InputDocument;  // nos/parser.hpp

struct CheckOptions {
  std::vector<std::string> paths;    ///< files and directories; "-" is standard input, read once
  std::string stdin_filename;        ///< names standard input for the report, the config and its globs
  std::string config;                ///< used for every input instead of the nearest .nos.yaml
  bool no_config = false;            ///< the built-in defaults for every input; no .nos.yaml is read
  const Grammar* grammar = nullptr;  ///< used instead of the configured or built-in grammar (--grammar)
  std::string baseline;              ///< used instead of the config's `baseline:`
  /// When set, findings are recorded into CheckRun::recorded (for this file, written by the caller)
  /// instead of reported, and no baseline is read.
  std::string write_baseline;
  bool follow_symlinks = false;             ///< check file symlinks in a tree that lead outside it
  std::size_t max_findings = 1000;          ///< per file; 0: no limit
  std::size_t max_findings_per_rule = 200;  ///< per file and rule; 0: no limit
  /// Whether findings carry their fixes (an editor's quick fixes); a report, which prints none, is
  /// lighter without them.
  bool fixes = true;
  unsigned jobs = 0;  ///< 0: one per core
  /// Files that are not NOS documents (YAML that is not a model; a file with no URN, no label of the
  /// grammar and no metadata row) are passed over and listed in CheckRun::passed_over, even when named in
  /// the paths: pre-commit hands a hook every file its pattern matches.
  bool only_standards = false;
  Limits limits;
};

struct CheckInput {
  std::string path;           ///< as reported; for standard input, stdin_filename or "<stdin>"
  bool explicit_path = true;  ///< named in the paths, not found in a directory
  bool from_stdin = false;
  const Config* config = nullptr;
  const Grammar* grammar = nullptr;
  std::string error = {};  ///< why a directory met in a walk cannot be read; reported like an unreadable file
  /// The document's bytes when they are not to be read from the file: an editor's unsaved buffer (nos
  /// lsp), or bytes read already (the HTML export reads each input once, standard input only once can).
  std::optional<std::string> bytes = {};
  /// The input read already (the HTML export reads each input once, for its pages and for this
  /// check): checked as it is, and neither `bytes` nor the file is read.
  std::shared_ptr<const InputDocument> read = {};
};

struct CheckPlan {
  std::vector<CheckInput> inputs;  ///< without those the config's `ignore` globs leave out
  /// The configs the inputs use, in input order, each once, as printed ("built-in defaults" for none).
  std::vector<std::string> configs_used;
  std::map<std::string, std::unique_ptr<Config>> configs;  ///< by path, "" the built-in defaults
  std::map<std::string, std::unique_ptr<Grammar>> grammars;
};

/// Receives the warnings found while planning (a symlink skipped, a config another user owns), each a
/// line "PATH: what", as they are found.
using CheckWarning = std::function<void(const std::string& warning)>;

/// Expands the paths and loads the configs and grammars. Throws nos::Error: ErrorKind::Usage for "-"
/// given twice, ErrorKind::Config for a config or grammar that cannot be loaded.
CheckPlan plan_check(const CheckOptions& options, const CheckWarning& warn = {});

struct CheckRun {
  /// The checked inputs in order (YAML files found in a directory that are not models left out), then
  /// each config and the baseline with entries that matched nothing.
  std::vector<FileFindings> files;
  /// Beside files: the fail_on of the config that applies to the file; nullopt for the default.
  std::vector<std::optional<Severity>> fail_on;
  Baseline recorded;                     ///< with write_baseline: every finding, counted
  std::vector<std::string> passed_over;  ///< with only_standards: the files that are not NOS documents
};

/// Checks the plan. Throws nos::Error (ErrorKind::Config) when the baseline cannot be read.
CheckRun run_check(const CheckPlan& plan, const CheckOptions& options);

/// Whether the run fails: a finding at or above its file's fail_on (`fail_on`, when given, for every
/// file), or more warnings than `max_warnings` (negative: no limit). Unreadable files are not counted
/// here; they are an input error.
bool check_fails(const CheckRun& run, std::optional<Severity> fail_on, int max_warnings);

/// A path under the working directory relative to it, so reports read the same on every machine.
std::string display_path(const std::string& path);

}  // namespace nos
