// nos fix PATH...: make the fixes nos check's findings carry, in place (atomically) or as a diff.
#include <algorithm>
#include <ctime>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/limit_options.hpp"
#include "nos/check.hpp"
#include "nos/fix.hpp"
#include "nos/parser.hpp"
#include "nos/reader.hpp"
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
  std::string config;
  bool no_config = false;
  Limits limits;
};

// The rule ids --rules names; empty for all.
std::set<std::string, std::less<>> rule_list(const std::string& rules) {
  std::set<std::string, std::less<>> out;
  std::stringstream list(rules);
  for (std::string id; std::getline(list, id, ',');) {
    if (!find_rule(id)) throw Error(ErrorKind::Usage, "", "--rules: no rule '" + id + "' (see nos rules)");
    out.insert(id);
  }
  return out;
}

// The file's rule settings from its config, with only the rules `only` names left on (all when empty):
// a rule the config turns off makes no fix.
RuleSettings settings_for(const CheckInput& input, const std::set<std::string, std::less<>>& only) {
  RuleSettings settings = input.config->settings_for(input.path);
  if (!only.empty())
    for (auto& [id, setting] : settings) setting.enabled = setting.enabled && only.count(id);
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
// Findings the config's ignore_findings suppress are not fixed.
bool fix_one(const CheckInput& input, const FixOptions& opts, const std::set<std::string, std::less<>>& only,
             std::ostream& report, int& fixed, int& left) {
  const std::string& path = input.path;
  const std::string bytes = read_input_bytes(path, opts.limits);
  std::optional<InputDocument> in = read_input(bytes, path, *input.grammar, opts.limits);
  if (!in) throw not_a_model(path);
  if (!in->problems.empty()) throw not_a_valid_model(path, in->problems.front());
  std::vector<Diagnostic> findings =
      validate(in->document, *input.grammar, &in->source, settings_for(input, only));
  const std::string urn = in->document.urn.value_or("");
  std::erase_if(findings, [&](const Diagnostic& d) { return input.config->suppression(urn, d).has_value(); });
  const FixSettings fix{opts.unsafe, opts.tracked_changes, revision_date(), opts.limits};
  const FixResult result = apply_fixes(bytes, in->source, findings, fix);
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
    std::cout << unified_diff(path, bytes, in->source, result);
  else if (!opts.dry_run && result.fixed != bytes)
    write_file_atomically(path, result.fixed);
  return !result.unsafe.empty() || ((opts.diff || opts.dry_run) && result.fixed != bytes);
}

}  // namespace

void fix_before_check(const CheckInput& input, const Limits& limits) {
  FixOptions opts;
  opts.limits = limits;
  int fixed = 0, left = 0;
  try {
    fix_one(input, opts, {}, std::cerr, fixed, left);
  } catch (const Error& e) {
    // A format nos fix does not rewrite is checked as it is; a file that cannot be read, by the check.
    if (e.kind() == ErrorKind::Output) print_error(e.what());
  }
}

void add_fix_command(CLI::App& app) {
  auto opts = std::make_shared<FixOptions>();
  CLI::App* cmd = app.add_subcommand(
      "fix",
      "Make the fixes for what nos check finds in UTF-8 text exports, DOCX and YAML models: whitespace, "
      "quotes, doubled labels, numbering (with --unsafe)");
  cmd->add_option("PATH", opts->paths, "Text exports, DOCX files and YAML models to fix in place")
      ->required();
  cmd->add_flag("--diff", opts->diff, "Print the fixes as a unified diff and write nothing");
  cmd->add_flag("--dry-run", opts->dry_run, "List the fixes and write nothing");
  cmd->add_flag("--unsafe", opts->unsafe,
                "Also make unsafe fixes: renumbering, which changes ids other documents may cite");
  cmd->add_flag("--tracked-changes", opts->tracked_changes,
                "DOCX: make each fix a Word revision by \"nos\", to accept or reject in Word");
  cmd->add_option("--rules", opts->rules, "Only these rules' fixes (comma-separated ids)");
  add_config_options(cmd, opts->config, opts->no_config);
  cmd->add_option("--grammar", opts->grammar,
                  "Grammar file to use instead of the configured or built-in one");
  add_limit_options(cmd, opts->limits);
  cmd->footer("Example: nos fix draft.txt --diff");
  cmd->callback([opts] {
    // The fixed text has nowhere to go: standard output carries the list of fixes (or the diff).
    if (std::find(opts->paths.begin(), opts->paths.end(), "-") != opts->paths.end())
      throw Error(ErrorKind::Usage, "",
                  "nos fix rewrites files in place and cannot fix standard input ('-'): name the file");
    const auto only = rule_list(opts->rules);
    CheckOptions check;
    check.paths = opts->paths;
    check.config = opts->config;
    check.no_config = opts->no_config;
    const auto grammar = grammar_option(opts->grammar, opts->limits);
    check.grammar = grammar.get();
    check.limits = opts->limits;
    const CheckPlan plan = plan_check(
        check, [](const std::string& warning) { std::cerr << "nos: warning: " << warning << "\n"; });
    int fixed = 0, left = 0, failed = 0;
    bool pending = false;
    for (const CheckInput& input : plan.inputs) {
      try {
        if (!input.error.empty()) throw Error(ErrorKind::Input, input.path, input.error);
        pending = fix_one(input, *opts, only, opts->diff ? std::cerr : std::cout, fixed, left) || pending;
      } catch (const Error& e) {
        // A directory's files nos fix does not rewrite (a PDF, a YAML file that is not a model) are passed
        // by.
        if (!input.explicit_path &&
            (e.kind() == ErrorKind::Usage || std::string(e.what()) == not_a_model(input.path).what()))
          continue;
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
