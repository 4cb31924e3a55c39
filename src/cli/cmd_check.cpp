// nos check PATH...: the command line of the check pipeline (include/nos/check.hpp). Reads the options,
// prints the planning warnings, renders the report in one of five formats, writes the baseline when
// asked, and exits 0 (nothing at or above --fail-on), 1 (findings) or 2 (an input or the config is bad).
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/limit_options.hpp"
#include "cli/terminal.hpp"
#include "emit/diagnostics_formats.hpp"
#include "nos/check.hpp"
#include "nos/error.hpp"
#include "util/atomic_file.hpp"

namespace nos::cli {
namespace {

namespace fs = std::filesystem;

/// What the pipeline is given, and what only the command line decides.
struct CheckCommand {
  CheckOptions check;
  std::string grammar;
  std::string format = "text";
  std::string output;
  std::string color = "auto";
  std::string fail_on;
  int max_warnings = -1;
  bool init = false;
  bool verbose = false;
  bool fix = false;
};

bool use_color(const CheckCommand& opts) {
  return (opts.output.empty() || opts.color == "always") && colour_wanted(opts.color, stdout);
}

void render(std::ostream& out, const std::vector<FileFindings>& files,
            const std::vector<std::string>& configs, const CheckCommand& opts) {
  if (opts.format == "json") return write_json_report(out, files, configs);
  if (opts.format == "sarif") return write_sarif_report(out, files, configs);
  if (opts.format == "github") return write_github_report(out, files);
  if (opts.format == "junit") return write_junit_report(out, files);
  write_text_report(out, files, {use_color(opts)});
}

void init_config() {
  if (fs::exists(".nos.yaml"))
    throw Error(ErrorKind::Usage, ".nos.yaml", "already exists; not overwriting it");
  write_file_atomically(".nos.yaml", default_config_text());
  std::cerr << "nos: wrote .nos.yaml\n";
}

int check(const CheckCommand& cmd) {
  if (cmd.init) return init_config(), kExitOk;
  if (cmd.check.paths.empty())
    throw Error(ErrorKind::Usage, "", "nos check needs at least one PATH (or --init)");
  const auto grammar = grammar_option(cmd.grammar, cmd.check.limits);
  CheckOptions opts = cmd.check;
  opts.grammar = grammar.get();
  opts.fixes = false;  // the reports print no fixes; nos fix and the editor make their own
  CheckPlan plan =
      plan_check(opts, [](const std::string& warning) { std::cerr << "nos: warning: " << warning << "\n"; });
  if (cmd.verbose)
    for (const auto& c : plan.configs_used) std::cerr << "nos: config: " << c << "\n";
  if (cmd.fix)
    for (const CheckInput& in : plan.inputs)
      if (!in.from_stdin && in.error.empty()) fix_before_check(in, opts.limits);
  CheckRun run = run_check(plan, opts);
  if (!run.passed_over.empty()) {
    std::cerr << fmt::format("nos: passed over {} file{} that {} not NOS documents\n", run.passed_over.size(),
                             run.passed_over.size() == 1 ? "" : "s",
                             run.passed_over.size() == 1 ? "is" : "are");
    if (cmd.verbose)
      for (const auto& p : run.passed_over) std::cerr << "nos: passed over: " << p << "\n";
  }

  int exit = kExitOk;
  for (const auto& f : run.files)
    if (!f.error.empty()) print_error(f.error), exit = kExitError;
  auto report = [&](std::ostream& out) { render(out, run.files, plan.configs_used, cmd); };
  if (cmd.output.empty())
    report(std::cout), std::cout << std::flush;
  else
    write_file_atomically(cmd.output, report);
  if (!opts.write_baseline.empty()) {
    write_file_atomically(opts.write_baseline, [&](std::ostream& out) { run.recorded.write_json(out); });
    std::size_t n = 0;
    for (const auto& e : run.recorded.entries()) n += static_cast<std::size_t>(e.count);
    std::cerr << fmt::format("nos: recorded {} findings in {}\n", n, opts.write_baseline);
  }
  std::optional<Severity> fail_on;
  if (!cmd.fail_on.empty()) fail_on = parse_severity(cmd.fail_on);
  if (exit == kExitOk && check_fails(run, fail_on, cmd.max_warnings)) exit = kExitFindings;
  return exit;
}

}  // namespace

void add_config_options(CLI::App* command, std::string& config, bool& no_config) {
  CLI::Option* file = command->add_option(
      "--config", config, "Use this configuration file for every input instead of the nearest .nos.yaml");
  command->add_flag("--no-config", no_config, "Read no .nos.yaml: every rule with its defaults")
      ->excludes(file);
}

void add_check_command(CLI::App& app) {
  auto opts = std::make_shared<CheckCommand>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Validate NOS documents (text exports, DOCX, YAML models) and report what is wrong");
  cmd->add_option(
      "PATH", opts->check.paths,
      "Files or directories (searched for *.txt, *.docx, *.pdf, *.doc, *.odt, *.rtf, *.html, *.htm, "
      "*.yaml, *.yml); - reads standard input");
  cmd->add_option("--stdin-filename", opts->check.stdin_filename,
                  "The name standard input is reported under, and matched against the config's globs");
  cmd->add_option("--format", opts->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "junit"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", opts->output,
                  "Write the report to this file (atomically) instead of standard output");
  cmd->add_option(
         "--color", opts->color,
         "Colour in text output (auto: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--fail-on", opts->fail_on,
                  "Lowest severity that makes the exit code 1 (default: fail_on in .nos.yaml, else error)")
      ->check(CLI::IsMember(severity_names()));
  cmd->add_option("--max-warnings", opts->max_warnings, "Exit with 1 when there are more warnings than this");
  add_config_options(cmd, opts->check.config, opts->check.no_config);
  cmd->add_option("--grammar", opts->grammar,
                  "Grammar file to use instead of the configured or built-in one");
  cmd->add_option("--baseline", opts->check.baseline,
                  "Suppress the findings recorded in this baseline file; report only new ones");
  cmd->add_option("--write-baseline", opts->check.write_baseline,
                  "Record the current findings in this baseline file");
  cmd->add_flag("--follow-symlinks", opts->check.follow_symlinks,
                "Also check files in a directory that are symlinks to files outside it (skipped by default)");
  cmd->add_option("--max-findings", opts->check.max_findings,
                  "Findings reported per file, then one saying how many more (0: no limit)")
      ->capture_default_str();
  cmd->add_option("--max-findings-per-rule", opts->check.max_findings_per_rule,
                  "Findings of one rule reported per file, then one saying how many more (0: no limit)")
      ->capture_default_str();
  cmd->add_flag(
      "--only-standards", opts->check.only_standards,
      "Pass over files that are not NOS documents, with a count (for pre-commit, which hands a hook "
      "every file its pattern matches)");
  cmd->add_flag("--fix", opts->fix,
                "First make the safe fixes nos fix makes (in text exports and DOCX, in place), then check");
  cmd->add_flag("-v,--verbose", opts->verbose, "Say on standard error which configuration files are used");
  cmd->add_flag("--init", opts->init, "Write a commented default .nos.yaml in the current directory");
  cmd->add_option("-j,--jobs", opts->check.jobs, "Files checked in parallel (0: one per core)")
      ->capture_default_str();
  add_limit_options(cmd, opts->check.limits);
  cmd->footer(
      "Exit codes: 0 no findings at or above the failing severity, 1 findings, 2 usage or input error.\n"
      "Example: nos check standards/ --format sarif -o nos.sarif");
  cmd->callback([opts] { exit_code = check(*opts); });
}

}  // namespace nos::cli
