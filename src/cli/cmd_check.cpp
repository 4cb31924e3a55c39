// nos check PATH...: validate text exports, DOCX files and YAML models, report findings in one of five
// formats, and exit 0 (nothing at or above --fail-on), 1 (findings) or 2 (an input or the config is bad).
//
// Steps: expand PATHs (directories recursed, sorted); find each file's .nos.yaml and grammar; check the
// files in parallel (results kept by index, so output is in input order whatever -j); then, in order,
// apply the config's ignore_findings and the baseline, report stale suppressions, emit, and decide the
// exit code.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "batch/work_pool.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/limit_options.hpp"
#include "cli/terminal.hpp"
#include "emit/diagnostics_formats.hpp"
#include "model/model_loader.hpp"
#include "nos/config.hpp"
#include "nos/nos.hpp"
#include "util/atomic_file.hpp"
#include "util/text.hpp"

namespace nos::cli {
namespace {

namespace fs = std::filesystem;

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string color = "auto";
  std::string fail_on;
  int max_warnings = -1;
  std::string config;
  std::string grammar;
  std::string baseline;
  std::string write_baseline;
  std::string stdin_filename;  ///< names standard input ("-") for the report, the config and its globs
  bool init = false;
  bool follow_symlinks = false;
  bool verbose = false;
  std::size_t max_findings = 1000;          ///< per file; 0: no limit
  std::size_t max_findings_per_rule = 200;  ///< per file and rule; 0: no limit
  unsigned jobs = 0;
  Limits limits;
};

struct Input {
  std::string path;           ///< as reported; for standard input, --stdin-filename or "<stdin>"
  bool explicit_path = true;  ///< named on the command line, not found in a directory
  bool from_stdin = false;
  const Config* config = nullptr;
  const Grammar* grammar = nullptr;
  std::string error = {};  ///< why a directory met in a walk cannot be read; reported like an unreadable file
};

struct Checked {
  std::string urn;
  std::vector<Diagnostic> diagnostics;
  std::string error;     ///< the file could not be read
  bool skipped = false;  ///< a YAML file in a directory that is not a nos model
};

bool checkable(const fs::path& p) {
  std::string ext = text::lower(p.extension().string());
  return (is_document_extension(ext) || ext == ".yaml" || ext == ".yml") && p.filename() != ".nos.yaml";
}

// A symlink found in a tree that leads to a file outside it: checking it would quote another file's
// lines in the report.
bool leads_outside(const fs::directory_entry& entry, const fs::path& root) {
  if (!entry.is_symlink()) return false;
  std::error_code ec;
  fs::path target = fs::canonical(entry.path(), ec);
  if (ec) return true;
  auto [r, t] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
  return r != root.end();
}

// PATHs as files, directories recursed in sorted order (hidden folders such as .git skipped); "-" is
// standard input, read once. A file symlink leading out of its tree is skipped with a warning unless
// `follow_symlinks`. A directory that cannot be read is an input with an error, so the run does not pass
// having checked nothing.
std::vector<Input> expand(const std::vector<std::string>& paths, const std::string& stdin_filename,
                          bool follow_symlinks) {
  std::vector<Input> out;
  if (std::count(paths.begin(), paths.end(), "-") > 1)
    throw Error(ErrorKind::Usage, "", "standard input ('-') can be checked only once");
  for (const auto& p : paths) {
    std::error_code ec;
    if (p == "-") {
      out.push_back({stdin_filename.empty() ? "<stdin>" : stdin_filename, true, true});
      continue;
    }
    if (!fs::is_directory(p, ec)) {
      out.push_back({p, true});
      continue;
    }
    std::vector<Input> found;
    fs::path root = fs::canonical(p, ec);
    auto unreadable = [&](const fs::path& dir, const std::string& why) {
      found.push_back({dir.lexically_normal().generic_string(), false});
      found.back().error = "cannot read the directory: " + why;
    };
    // The iterator ends at the first directory it cannot open, so those are found and stepped over first.
    for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_directory() && it->path().filename().string().starts_with(".")) {
        it.disable_recursion_pending();
      } else if (it->is_directory() && !it->is_symlink() && ::access(it->path().c_str(), R_OK | X_OK) != 0) {
        unreadable(it->path(), std::strerror(errno));
        it.disable_recursion_pending();
      } else if (it->is_regular_file() && checkable(it->path())) {
        std::string path = it->path().lexically_normal().generic_string();
        if (!follow_symlinks && leads_outside(*it, root))
          std::cerr << "nos: warning: " << path << ": skipped: a symlink to a file outside " << p
                    << " (--follow-symlinks checks it)\n";
        else
          found.push_back({std::move(path), false});
      }
    }
    if (ec) unreadable(p, ec.message());
    std::sort(found.begin(), found.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
    for (auto& f : found) out.push_back(std::move(f));
  }
  return out;
}

Checked check_one(const Input& in, const CheckOptions& opts) {
  Checked out;
  if (!in.error.empty()) {
    out.error = in.path + ": " + in.error;
    return out;
  }
  try {
    std::string bytes = read_input_bytes(in.from_stdin ? "-" : in.path, opts.limits);
    RuleSettings settings = in.config->settings_for(in.path);
    bool yaml_name = in.path.ends_with(".yaml") || in.path.ends_with(".yml");
    if (is_model(bytes)) {
      LoadedModel model = load_model(bytes, in.path, *in.grammar);
      out.diagnostics = std::move(model.problems);
      if (out.diagnostics.empty())
        out.diagnostics = validate(model.document, *in.grammar, &model.source, settings);
      out.urn = model.document.urn.value_or("");
    } else if (yaml_name) {
      if (!in.explicit_path)
        out.skipped = true;
      else
        throw Error(ErrorKind::Input, in.path, "not a nos model (a YAML file needs 'schema: nos/1')");
    } else {
      Source source = read_source_bytes(std::move(bytes), in.path, opts.limits);
      Document doc = parse(source, *in.grammar);
      out.diagnostics = validate(doc, *in.grammar, &source, settings);
      out.urn = doc.urn.value_or("");
    }
    auto& model_schema = settings.at("model-schema");  // model-schema findings follow the config too
    std::erase_if(out.diagnostics,
                  [&](const Diagnostic& d) { return d.rule == "model-schema" && !model_schema.enabled; });
    for (auto& d : out.diagnostics)
      if (d.rule == "model-schema") d.severity = model_schema.severity;
  } catch (const Error& e) {
    out.error = e.what();
  } catch (const std::exception& e) {
    out.error = in.path + ": " + e.what();
  }
  return out;
}

// Removes findings that an ignore_findings entry of the file's config covers, marking the entry used.
void apply_ignores(Config& config, const std::string& urn, std::vector<Diagnostic>& findings) {
  std::erase_if(findings, [&](const Diagnostic& d) {
    for (auto& s : config.ignore_findings)
      if (s.urn == urn && s.rule == d.rule && (s.subject == "*" || s.subject == d.subject))
        return s.used = true;
    return false;
  });
}

// Keeps the first `per_rule` findings of each rule and the first `per_file` in all (0: no limit). What is
// left out is counted in a too-many-findings finding per rule cut and one for the file, at the most
// severe level left out, so a cut never changes the exit code.
void cap_findings(std::vector<Diagnostic>& findings, std::size_t per_file, std::size_t per_rule) {
  if (per_file == 0) per_file = findings.size();
  if (per_rule == 0) per_rule = findings.size();
  if (findings.size() <= std::min(per_file, per_rule)) return;
  struct Cut {
    std::size_t seen = 0;
    std::size_t dropped = 0;
    Severity severity = Severity::Info;
  };
  std::map<std::string, Cut> by_rule;
  Cut file;
  std::vector<Diagnostic> kept;
  for (auto& d : findings) {
    Cut& rule = by_rule[d.rule];
    Cut* cut = ++rule.seen > per_rule ? &rule : kept.size() >= per_file ? &file : nullptr;
    if (cut == nullptr) {
      kept.push_back(std::move(d));
      continue;
    }
    ++cut->dropped;
    cut->severity = std::max(cut->severity, d.severity);
  }
  auto summary = [&](const Cut& cut, std::string message) {
    Diagnostic d;
    d.rule = "too-many-findings";
    d.severity = cut.severity;
    d.message = std::move(message);
    d.hint = "fix what is shown and check again, or raise the limit";
    kept.push_back(std::move(d));
  };
  for (const auto& [id, cut] : by_rule)
    if (cut.dropped > 0)
      summary(cut, fmt::format("… and {} more {} findings not shown (--max-findings-per-rule {})",
                               cut.dropped, id, per_rule));
  if (file.dropped > 0)
    summary(file,
            fmt::format("… and {} more findings not shown (--max-findings {})", file.dropped, per_file));
  findings = std::move(kept);
}

Diagnostic stale(int line, std::string message, Severity severity) {
  Diagnostic d;
  d.rule = "unused-suppression";
  d.severity = severity;
  d.location.line = line;
  d.message = std::move(message);
  d.hint = "delete it";
  return d;
}

// A path under the working directory relative to it, so reports read the same on every machine.
std::string display_path(const std::string& path) {
  fs::path rel = fs::path(path).lexically_relative(fs::current_path());
  return rel.empty() || rel.string().starts_with("..") ? path : rel.generic_string();
}

bool use_color(const CheckOptions& opts) {
  return (opts.output.empty() || opts.color == "always") && colour_wanted(opts.color, stdout);
}

// The configs the inputs use, in input order, each once; "built-in defaults" for none.
std::vector<std::string> configs_used(const std::vector<Input>& inputs) {
  std::vector<std::string> used;
  for (const auto& in : inputs) {
    std::string name = in.config->path.empty() ? "built-in defaults" : display_path(in.config->path);
    if (std::find(used.begin(), used.end(), name) == used.end()) used.push_back(std::move(name));
  }
  return used;
}

std::string render(const std::vector<FileFindings>& files, const std::vector<std::string>& configs,
                   const CheckOptions& opts) {
  if (opts.format == "json") return format_json(files);
  if (opts.format == "sarif") return format_sarif(files, configs);
  if (opts.format == "github") return format_github(files);
  if (opts.format == "junit") return format_junit(files);
  return format_text(files, {use_color(opts)});
}

void init_config() {
  if (fs::exists(".nos.yaml"))
    throw Error(ErrorKind::Usage, ".nos.yaml", "already exists; not overwriting it");
  write_file_atomically(".nos.yaml", default_config_text());
  std::cerr << "nos: wrote .nos.yaml\n";
}

int run_check(const CheckOptions& opts) {
  if (opts.init) return init_config(), kExitOk;
  if (opts.paths.empty()) throw Error(ErrorKind::Usage, "", "nos check needs at least one PATH (or --init)");

  // Configs and grammars, loaded once each, before the parallel part.
  std::map<std::string, std::unique_ptr<Config>> configs;
  std::map<std::string, std::unique_ptr<Grammar>> grammars;
  auto config_at = [&](const std::string& path) -> Config* {
    auto& slot = configs[path];
    if (!slot) slot = std::make_unique<Config>(path.empty() ? Config{} : Config::load_file(path));
    return slot.get();
  };
  auto grammar_at = [&](const std::string& path) -> const Grammar* {
    if (path.empty()) return &Grammar::builtin();
    auto& slot = grammars[path];
    if (!slot) slot = std::make_unique<Grammar>(Grammar::load_file(path));
    return slot.get();
  };
  std::vector<Input> inputs;
  std::set<std::string> not_owned;
  for (auto& in : expand(opts.paths, opts.stdin_filename, opts.follow_symlinks)) {
    std::string config_path = opts.config;
    if (config_path.empty()) {
      ConfigLookup found = find_config(in.path);
      if (!found.not_owned.empty() && not_owned.insert(found.not_owned).second)
        std::cerr << "nos: warning: " << found.not_owned
                  << ": not used: another user owns it (pass --config to use it)\n";
      config_path = found.path.value_or("");
    }
    in.config = config_at(config_path);
    if (in.config->ignores(in.path)) continue;
    in.grammar = grammar_at(!opts.grammar.empty() ? opts.grammar : in.config->grammar);
    inputs.push_back(std::move(in));
  }

  std::vector<std::string> used = configs_used(inputs);
  if (opts.verbose)
    for (const auto& c : used) std::cerr << "nos: config: " << c << "\n";

  std::vector<Checked> results(inputs.size());
  run_parallel(inputs.size(), opts.jobs, [&](std::size_t i) { results[i] = check_one(inputs[i], opts); });

  std::string baseline_path = !opts.baseline.empty() ? opts.baseline : "";
  std::unique_ptr<Baseline> baseline;
  if (!opts.write_baseline.empty()) {
    baseline = std::make_unique<Baseline>();
    baseline->dir = fs::path(opts.write_baseline).parent_path().string();
  } else {
    for (const auto& in : inputs)
      if (baseline_path.empty() && !in.config->baseline.empty()) baseline_path = in.config->baseline;
    if (!baseline_path.empty()) baseline = std::make_unique<Baseline>(Baseline::load(baseline_path));
  }

  int exit = kExitOk;
  std::vector<FileFindings> files;
  std::vector<const Config*> file_configs;  // beside files: the config whose fail_on applies
  std::map<Config*, std::set<std::string>> urns_seen;
  std::set<std::string> checked_paths;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    Checked& r = results[i];
    if (r.skipped) continue;
    if (!r.error.empty()) {
      print_error(r.error);
      exit = kExitError;
      files.push_back({inputs[i].path, {}, r.error});
      file_configs.push_back(nullptr);
      continue;
    }
    Config* config = const_cast<Config*>(inputs[i].config);
    apply_ignores(*config, r.urn, r.diagnostics);
    urns_seen[config].insert(r.urn);
    checked_paths.insert(fs::absolute(inputs[i].path).lexically_normal().string());
    if (!opts.write_baseline.empty())
      baseline->add(inputs[i].path, r.urn, r.diagnostics), r.diagnostics.clear();
    else if (baseline)
      baseline->suppress(inputs[i].path, r.urn, r.diagnostics);
    cap_findings(r.diagnostics, opts.max_findings, opts.max_findings_per_rule);
    files.push_back({inputs[i].path, std::move(r.diagnostics)});
    file_configs.push_back(config);
  }

  // Suppressions that matched nothing, for documents that were checked this run.
  for (auto& [path, config] : configs) {
    if (config->ignore_findings.empty()) continue;
    RuleSetting setting = config->settings_for(path).at("unused-suppression");
    std::vector<Diagnostic> unused;
    for (const auto& s : config->ignore_findings)
      if (setting.enabled && !s.used && urns_seen[config.get()].count(s.urn))
        unused.push_back(stale(
            s.line,
            fmt::format("ignore_findings entry {} {} [{}] matches no finding", s.urn, s.subject, s.rule),
            setting.severity));
    if (!unused.empty()) files.push_back({display_path(path), std::move(unused)});
  }
  if (baseline && opts.write_baseline.empty()) {
    Severity severity = find_rule("unused-suppression")->severity;
    std::vector<Diagnostic> unused;
    for (const auto& e : baseline->entries) {
      std::string file = (fs::path(baseline->dir) / e.path).lexically_normal().string();
      if (e.matched < e.count && checked_paths.count(fs::absolute(file).lexically_normal().string()))
        unused.push_back(
            stale(0,
                  fmt::format("baseline entry {} [{}] {} matched {} of {} findings; write the baseline again",
                              e.path, e.rule, e.key, e.matched, e.count),
                  severity));
    }
    if (!unused.empty()) files.push_back({baseline_path, std::move(unused)});
  }

  std::string out = render(files, used, opts);
  if (opts.output.empty())
    std::cout << out << std::flush;
  else
    write_file_atomically(opts.output, out);
  if (!opts.write_baseline.empty()) {
    write_file_atomically(opts.write_baseline, baseline->to_json());
    std::size_t n = 0;
    for (const auto& e : baseline->entries) n += static_cast<std::size_t>(e.count);
    std::cerr << fmt::format("nos: recorded {} findings in {}\n", n, opts.write_baseline);
  }

  // Each file's findings fail at its own config's fail_on, unless --fail-on says otherwise.
  int warnings = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const Config* config = i < file_configs.size() ? file_configs[i] : nullptr;
    Severity fail_on = !opts.fail_on.empty()       ? *parse_severity(opts.fail_on)
                       : config && config->fail_on ? *config->fail_on
                                                   : Severity::Error;
    for (const auto& d : files[i].diagnostics) {
      warnings += d.severity == Severity::Warning;
      if (d.severity >= fail_on && exit == kExitOk) exit = kExitFindings;
    }
  }
  if (opts.max_warnings >= 0 && warnings > opts.max_warnings && exit == kExitOk) exit = kExitFindings;
  return exit;
}

}  // namespace

void add_check_command(CLI::App& app) {
  auto opts = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Validate NOS documents (text exports, DOCX, YAML models) and report what is wrong");
  cmd->add_option("PATH", opts->paths,
                  "Files or directories (searched for *.txt, *.docx, *.doc, *.odt, *.rtf, *.html, *.htm, "
                  "*.yaml, *.yml); - "
                  "reads standard input");
  cmd->add_option("--stdin-filename", opts->stdin_filename,
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
      ->check(CLI::IsMember({"error", "warning", "info"}));
  cmd->add_option("--max-warnings", opts->max_warnings, "Exit with 1 when there are more warnings than this");
  cmd->add_option("--config", opts->config,
                  "Use this configuration file for every input instead of the nearest .nos.yaml");
  cmd->add_option("--grammar", opts->grammar,
                  "Grammar file to use instead of the configured or built-in one");
  cmd->add_option("--baseline", opts->baseline,
                  "Suppress the findings recorded in this baseline file; report only new ones");
  cmd->add_option("--write-baseline", opts->write_baseline,
                  "Record the current findings in this baseline file");
  cmd->add_flag("--follow-symlinks", opts->follow_symlinks,
                "Also check files in a directory that are symlinks to files outside it (skipped by default)");
  cmd->add_option("--max-findings", opts->max_findings,
                  "Findings reported per file, then one saying how many more (0: no limit)")
      ->capture_default_str();
  cmd->add_option("--max-findings-per-rule", opts->max_findings_per_rule,
                  "Findings of one rule reported per file, then one saying how many more (0: no limit)")
      ->capture_default_str();
  cmd->add_flag("-v,--verbose", opts->verbose, "Say on standard error which configuration files are used");
  cmd->add_flag("--init", opts->init, "Write a commented default .nos.yaml in the current directory");
  cmd->add_option("-j,--jobs", opts->jobs, "Files checked in parallel (0: one per core)")
      ->capture_default_str();
  add_limit_options(cmd, opts->limits);
  cmd->footer(
      "Exit codes: 0 no findings at or above the failing severity, 1 findings, 2 usage or input error.\n"
      "Example: nos check standards/ --format sarif -o nos.sarif");
  cmd->callback([opts] { exit_code = run_check(*opts); });
}

}  // namespace nos::cli
