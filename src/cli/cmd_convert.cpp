// nos convert SRC... --out-dir DIR: many documents to many models, in parallel. The library plans and
// runs the conversion (include/nos/convert.hpp); this file owns what is about the terminal and the
// process: options, standard input, signals, the progress line, the summary and the exit code.
#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <iostream>

#include "batch/work_pool.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/limit_options.hpp"
#include "cli/progress.hpp"
#include "nos/convert.hpp"
#include "util/atomic_file.hpp"
#include "util/text.hpp"

namespace nos::cli {

namespace {

// Raised by SIGINT or SIGTERM: no new input starts, running ones finish their atomic writes.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the stop flag is set from a signal handler");

extern "C" void on_stop_signal(int) { g_stop.store(true); }

// Installs the handlers for the life of the run. SA_RESETHAND: a second Ctrl-C ends the process at once
// (it may leave a temporary file, which the next run removes).
class StopSignals {
 public:
  StopSignals() {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sa.sa_flags = SA_RESETHAND;  // no SA_RESTART: a call waiting in the thread it lands on returns
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, &old_int_);
    ::sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopSignals() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

struct Options {
  std::vector<std::string> sources;
  std::string out_dir;
  unsigned jobs = 0;
  std::string format = "yaml";
  std::string grammar;
  std::string report;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  bool incremental = false;
  bool fail_fast = false;
  bool quiet = false;
  Limits limits;
};

std::vector<std::string> read_path_list(std::istream& in) {
  std::vector<std::string> paths;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) paths.push_back(line);
  }
  return paths;
}

std::string summary_line(const ConvertCounts& c) {
  double rate = c.seconds > 0 ? static_cast<double>(c.done) / c.seconds : 0;
  std::string line = fmt::format(
      "nos convert: {} converted ({} with warnings), {} failed, {} skipped in {} ({:.0f} files/s)",
      c.converted, c.with_warnings, c.failed, c.skipped, format_duration(c.seconds), rate);
  if (c.stopped_early)
    line += fmt::format("; stopped at the first failure (--fail-fast), {} not converted", c.total - c.done);
  else if (c.interrupted)
    line += fmt::format(
        "; interrupted, {} not converted: run the command again to finish (--incremental skips "
        "what is done)",
        c.total - c.done);
  return line;
}

void run(const Options& o) {
  const auto grammar = grammar_option(o.grammar, o.limits);

  ConvertOptions options;
  bool from_stdin = false;
  for (const auto& s : o.sources) {
    if (s != "-")
      options.sources.push_back(s);
    else
      from_stdin = true;
  }
  if (from_stdin) options.listed = read_path_list(std::cin);
  options.out_dir = o.out_dir;
  options.report = o.report;
  options.include = o.include;
  options.exclude = o.exclude;
  options.format = o.format == "json" ? ModelFormat::Json : ModelFormat::Yaml;
  options.grammar = grammar.get();
  options.jobs = o.jobs == 0 ? default_jobs() : o.jobs;
  options.incremental = o.incremental;
  options.fail_fast = o.fail_fast;
  options.limits = o.limits;

  ConvertPlan plan = plan_conversion(options);
  if (!plan.errors.empty()) {
    for (const auto& e : plan.errors) print_error(e);
    print_error(fmt::format("nothing written: {} problem{} in the plan", plan.errors.size(),
                            plan.errors.size() == 1 ? "" : "s"));
    exit_code = kExitError;
    return;
  }
  if (!o.quiet) {
    for (const auto& note : plan.notes) std::cerr << "nos: warning: " << note << "\n";
    if (plan.ignored > 0)
      std::cerr << fmt::format(
          "nos: note: {} file{} in the source directories not taken (only *.txt, *.docx, *.pdf, "
          "*.doc, *.odt, *.rtf, *.html and *.htm unless --include says otherwise)\n",
          plan.ignored, plan.ignored == 1 ? " was" : "s were");
  }
  if (plan.inputs.empty()) {
    if (!o.quiet) std::cerr << "nos: warning: no inputs found; nothing to convert\n";
    return;
  }

  ProgressLine progress(!o.quiet);
  ConvertRun result;
  {
    g_stop.store(false);
    StopSignals signals;
    result = run_conversion(
        plan, options,
        [&](const ConvertInput&, const ConvertResult& r, const ConvertCounts& c) {
          bool failed = r.status == ConvertStatus::Failed;
          progress.update(c.done, c.total, c.failed, c.seconds, failed || c.done == c.total);
          if (failed) progress.print("nos: error: " + text::printable(r.error));
        },
        &g_stop);
  }
  progress.finish();
  const ConvertCounts& c = result.counts;
  if (!o.report.empty())
    write_file_atomically(o.report, [&](std::ostream& out) { write_conversion_report(out, plan, result); });
  if (!o.quiet || c.interrupted) std::cerr << summary_line(c) << "\n";
  exit_code = c.interrupted ? kExitInterrupted : c.failed > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void add_convert_command(CLI::App& app) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("convert",
                                     "Convert many documents (files, directory trees, or a list on standard "
                                     "input) into models, in parallel");
  cmd->add_option(
         "SRC", o->sources,
         "Files, directories (walked; *.txt, *.docx, *.pdf, *.doc, *.odt, *.rtf, *.html, *.htm) or '-' "
         "to read a list of paths from standard input")
      ->required();
  cmd->add_option("-o,--out-dir", o->out_dir, "Directory for the models; mirrors the source tree")
      ->required();
  cmd->add_option("-j,--jobs", o->jobs, "Worker threads (default: one per core)")
      ->check(CLI::Range(0u, 1024u));
  cmd->add_option("--format", o->format, "Model format")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->capture_default_str();
  cmd->add_option("--grammar", o->grammar, "Grammar file to use instead of the built-in grammars/nos.yaml");
  cmd->add_option("--report", o->report,
                  "Write a JSON report of the run: every input, its status, counts and time");
  cmd->add_option(
         "--include", o->include,
         "Take only files matching this glob from directories (repeatable; replaces the default extensions)")
      ->allow_extra_args(false);
  cmd->add_option("--exclude", o->exclude, "Skip files and directories matching this glob (repeatable)")
      ->allow_extra_args(false);
  cmd->add_flag("--incremental", o->incremental,
                "Skip inputs whose content and output are unchanged since the last run (manifest in DIR)");
  cmd->add_flag("--fail-fast", o->fail_fast, "Start no new input after the first failure");
  cmd->add_flag("-q,--quiet", o->quiet, "No progress line and no summary; errors are still printed");
  add_limit_options(cmd, o->limits);
  cmd->footer(
      "Examples:\n  nos convert legacy/ --out-dir models/ --report report.json\n"
      "  find legacy -name '*.docx' | nos convert - --out-dir models/ --incremental\n"
      "Exit: 0 all converted, 1 some inputs failed, 2 nothing done (usage, collisions), 130 interrupted.");
  cmd->callback([o] { run(*o); });
}

}  // namespace nos::cli
