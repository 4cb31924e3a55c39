// nos fix PATH...: make the fixes nos check's findings carry, in place (atomically) or as a diff.
#include <ctime>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/limit_options.hpp"
#include "nos/fix.hpp"
#include "nos/model_loader.hpp"
#include "nos/nos.hpp"
#include "nos/validate.hpp"
#include "util/atomic_file.hpp"
#include "util/text.hpp"

namespace nos::cli {

namespace {

struct FixOptions {
  std::vector<std::string> paths;
  bool diff = false;
  bool dry_run = false;
  bool unsafe = false;
  bool tracked_changes = false;
  std::string rules;
  std::string grammar;
  Limits limits;
};

// Only the rules named by --rules run, so only their fixes are made.
RuleSettings settings_for(const std::string& rules) {
  RuleSettings settings = default_settings();
  if (rules.empty()) return settings;
  for (auto& [id, setting] : settings) setting.enabled = false;
  std::stringstream list(rules);
  for (std::string id; std::getline(list, id, ',');) {
    auto it = settings.find(id);
    if (it == settings.end())
      throw Error(ErrorKind::Usage, "", "--rules: no rule '" + id + "' (see nos rules)");
    it->second.enabled = true;
  }
  return settings;
}

// Now, as Word dates a revision.
std::string revision_date() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return out;
}

std::string where(const std::string& path, const Diagnostic& d) {
  return text::printable(path + ":" + std::to_string(d.location.line) + ":" +
                         std::to_string(d.location.column));
}

// Returns whether the file is (or, with --diff or --dry-run, would be) left with a fix not made. Each
// fix is listed on `report` (standard output, or standard error when standard output has a report).
bool fix_one(const std::string& path, const FixOptions& opts, const Grammar& grammar,
             const RuleSettings& settings, std::ostream& report, int& fixed, int& left) {
  const std::string bytes = read_input_bytes(path, opts.limits);
  // A model would otherwise be read as a text export, and its YAML rewritten as one.
  if (path.ends_with(".yaml") || path.ends_with(".yml") || load_model(bytes, path, grammar, opts.limits))
    throw Error(ErrorKind::Usage, path, "nos fix does not rewrite YAML models yet");
  const Source source = read_source_bytes(bytes, path, opts.limits);
  const std::vector<Diagnostic> findings = validate(parse(source, grammar), grammar, &source, settings);
  const FixSettings fix{opts.unsafe, opts.tracked_changes, revision_date(), opts.limits};
  const FixResult result = apply_fixes(bytes, source, findings, fix);
  const char* verb = opts.diff || opts.dry_run ? "would fix" : "fixed";
  for (const Diagnostic* d : result.applied)
    report << where(path, *d) << ": " << verb << ": " << text::printable(d->message) << " [" << d->rule
           << "]\n";
  for (const Diagnostic* d : result.not_made)
    report << where(path, *d) << ": fix not made: " << text::printable(d->message) << " [" << d->rule
           << "]\n";
  for (const Diagnostic* d : result.unsafe)
    report << where(path, *d) << ": unsafe fix not made (--unsafe makes it): " << text::printable(d->message)
           << " [" << d->rule << "]\n";
  fixed += static_cast<int>(result.applied.size());
  left += static_cast<int>(result.unsafe.size());
  if (opts.diff)
    std::cout << unified_diff(path, bytes, source, result);
  else if (!opts.dry_run && result.fixed != bytes)
    write_file_atomically(path, result.fixed);
  return !result.unsafe.empty() || ((opts.diff || opts.dry_run) && result.fixed != bytes);
}

}  // namespace

void fix_before_check(const std::string& path, const Grammar& grammar, const Limits& limits) {
  FixOptions opts;
  opts.limits = limits;
  int fixed = 0, left = 0;
  try {
    fix_one(path, opts, grammar, default_settings(), std::cerr, fixed, left);
  } catch (const Error& e) {
    // A format nos fix does not rewrite is checked as it is; a file that cannot be read, by the check.
    if (e.kind() == ErrorKind::Output) print_error(e.what());
  }
}

void add_fix_command(CLI::App& app) {
  auto opts = std::make_shared<FixOptions>();
  CLI::App* cmd = app.add_subcommand(
      "fix",
      "Make the fixes for what nos check finds in UTF-8 text exports and DOCX: whitespace, quotes, doubled "
      "labels, numbering (with --unsafe)");
  cmd->add_option("PATH", opts->paths, "Text exports and DOCX files to fix in place")->required();
  cmd->add_flag("--diff", opts->diff, "Print the fixes as a unified diff and write nothing");
  cmd->add_flag("--dry-run", opts->dry_run, "List the fixes and write nothing");
  cmd->add_flag("--unsafe", opts->unsafe,
                "Also make unsafe fixes: renumbering, which changes ids other documents may cite");
  cmd->add_flag("--tracked-changes", opts->tracked_changes,
                "DOCX: make each fix a Word revision by \"nos\", to accept or reject in Word");
  cmd->add_option("--rules", opts->rules, "Only these rules' fixes (comma-separated ids)");
  cmd->add_option("--grammar", opts->grammar,
                  "Grammar file to use instead of the built-in grammars/nos.yaml");
  add_limit_options(cmd, opts->limits);
  cmd->footer("Example: nos fix draft.txt --diff");
  cmd->callback([opts] {
    const Grammar grammar = grammar_option(opts->grammar, opts->limits);
    const RuleSettings settings = settings_for(opts->rules);
    int fixed = 0, left = 0, failed = 0;
    bool pending = false;
    for (const std::string& path : opts->paths) {
      try {
        pending = fix_one(path, *opts, grammar, settings, opts->diff ? std::cerr : std::cout, fixed, left) ||
                  pending;
      } catch (const Error& e) {
        print_error(e.what());
        ++failed;
      }
    }
    (opts->diff ? std::cerr : std::cout)
        << fixed << (opts->diff || opts->dry_run ? " to fix" : " fixed") << ", " << left
        << " unsafe left (--unsafe)" << (failed ? ", " + std::to_string(failed) + " could not be read" : "")
        << "\n";
    exit_code = failed ? kExitError : pending ? kExitFindings : kExitOk;
  });
}

}  // namespace nos::cli
