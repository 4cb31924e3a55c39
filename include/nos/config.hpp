// `.nos.yaml`: which rules run, at which severity and with which options; per-path overrides; paths to
// skip; findings to ignore per URN and item; the baseline file. And the baseline itself: findings
// recorded once so that only new ones fail.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "nos/diagnostic.hpp"
#include "nos/limits.hpp"
#include "nos/validate.hpp"

namespace nos {

/// One rule's entry under `rules:` (or an override's `rules:`): only what it sets.
struct RuleChange {
  std::string id;
  std::optional<bool> enabled;
  std::optional<Severity> severity;
  std::map<std::string, double, std::less<>> numbers;
  std::map<std::string, std::vector<std::string>, std::less<>> words;
};

/// One entry of `ignore_findings: {URN: {ITEM: [RULE, …]}}`; ITEM "*" is the whole document.
struct Suppression {
  std::string urn;
  std::string subject;
  std::string rule;
  int line = 0;  ///< in the config file, for the unused-suppression finding
};

struct Config {
  std::string path;       ///< the file read; empty for the built-in defaults
  std::string dir = ".";  ///< the directory relative paths and globs are taken from
  std::vector<RuleChange> rules;
  struct Override {
    std::vector<std::string> files;  ///< globs
    std::vector<RuleChange> rules;
  };
  std::vector<Override> overrides;
  std::string grammar;  ///< resolved path; empty for the built-in grammar
  std::optional<Severity> fail_on;
  std::vector<std::string> ignore;  ///< globs of paths not to check
  std::vector<Suppression> ignore_findings;
  std::string baseline;  ///< resolved path; empty for none
  /// `suite: {complete: true}`: the documents checked together are the whole suite, so a link to a URN
  /// none of them has is a dangling-link finding.
  bool suite_complete = false;

  /// Reads and checks a config file. Throws nos::Error (ErrorKind::Config) "FILE:LINE:COL: what is
  /// wrong", naming an unknown key or rule id with a did-you-mean suggestion; `limits.max_yaml_bytes`
  /// bounds its size with aliases expanded.
  static Config load_file(const std::string& path, const Limits& limits = {});
  static Config load_string(const std::string& yaml, const std::string& path, const Limits& limits = {});

  /// The rule settings for one file (path as given): defaults, then `rules`, then matching overrides.
  RuleSettings settings_for(const std::string& file) const;
  /// True when the file matches one of the `ignore` globs.
  bool ignores(const std::string& file) const;
  /// The index of the first `ignore_findings` entry that suppresses `finding` in the document `urn`.
  std::optional<std::size_t> suppression(const std::string& urn, const Diagnostic& finding) const;
};

/// What find_config found for a file.
struct ConfigLookup {
  std::optional<std::string> path;  ///< the config to use; nullopt: the built-in defaults
  /// A `.nos.yaml` passed over because neither the user nor root owns it (anyone can write one in a
  /// shared folder such as /tmp); the search stopped there. Empty when none.
  std::string not_owned;
};

/// The nearest `.nos.yaml` in the file's directory or above it, up to the repository root (the first
/// folder with a `.git` entry) and not beyond a `.nos.yaml` that another user owns.
ConfigLookup find_config(const std::string& file);

/// The commented default configuration that `nos check --init` writes.
std::string default_config_text();

/// Findings recorded by `--write-baseline`, counted per file, rule, URN and subject (the item id, or the
/// message with its numbers taken out), never by line, so edits elsewhere in a file keep it valid.
class Baseline {
 public:
  struct Entry {
    std::string path;  ///< relative to the baseline file's directory
    std::string rule;
    std::string urn;
    std::string key;
    int count = 0;
    int matched = 0;
  };

  /// An empty baseline for a file in `dir`; its entries' paths are relative to that directory.
  explicit Baseline(std::string dir = ".");
  /// Throws nos::Error (ErrorKind::Config) when the file cannot be read or is not a baseline. Entries
  /// that a hand edit gave twice are counted together.
  static Baseline load(const std::string& path);

  const std::string& dir() const { return dir_; }
  /// In the order they were first recorded or read.
  const std::vector<Entry>& entries() const { return entries_; }

  /// Counts `findings` of a file (checked path as given) into the baseline.
  void add(const std::string& file, const std::string& urn, const std::vector<Diagnostic>& findings);
  /// Removes from `findings` those the baseline covers, counting the matches.
  void suppress(const std::string& file, const std::string& urn, std::vector<Diagnostic>& findings);
  /// Writes the baseline file's JSON, sorted by path, rule, URN and key.
  void write_json(std::ostream& out) const;
  /// The entries of files given to `suppress` that matched fewer findings than they count: findings
  /// fixed since the baseline was written. Files not checked against it are not judged.
  std::vector<const Entry*> stale() const;

 private:
  /// The entry with this path, rule, URN and key, if there is one.
  Entry* find(const std::string& path, const std::string& rule, const std::string& urn,
              const std::string& key);
  /// Adds `e.count` to the entry of its path, rule, URN and key, making that entry if it is new.
  void count(Entry e);

  std::string dir_;
  std::vector<Entry> entries_;
  /// entries_ by path, rule, URN and key: a repository's baseline holds one entry per finding of every
  /// file, and a pass over all of them for each finding made recording and matching quadratic.
  std::unordered_map<std::string, std::size_t> index_;
  std::unordered_set<std::string> checked_;  ///< the files given to `suppress`, as entries name them
};

}  // namespace nos
