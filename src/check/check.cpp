// The check pipeline (include/nos/check.hpp): plan the inputs, check them in parallel, then pass every
// finding through one chain in input order.
#include "nos/check.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "batch/work_pool.hpp"
#include "nos/model_loader.hpp"
#include "nos/parser.hpp"
#include "nos/reader.hpp"
#include "nos/rule_ids.hpp"
#include "nos/validate.hpp"
#include "util/text.hpp"

namespace nos {
namespace {

namespace fs = std::filesystem;

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

// The paths as files, directories recursed in sorted order (hidden folders such as .git skipped). A
// file symlink leading out of its tree is skipped with a warning unless `follow_symlinks`. A directory
// that cannot be read is an input with an error, so the run does not pass having checked nothing.
std::vector<CheckInput> expand(const CheckOptions& options, const CheckWarning& warn) {
  std::vector<CheckInput> out;
  const auto& paths = options.paths;
  if (std::count(paths.begin(), paths.end(), "-") > 1)
    throw Error(ErrorKind::Usage, "", "standard input ('-') can be checked only once");
  for (const auto& p : paths) {
    std::error_code ec;
    if (p == "-") {
      out.push_back({options.stdin_filename.empty() ? "<stdin>" : options.stdin_filename, true, true});
      continue;
    }
    if (!fs::is_directory(p, ec)) {
      out.push_back({p, true});
      continue;
    }
    std::vector<CheckInput> found;
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
        if (!options.follow_symlinks && leads_outside(*it, root)) {
          if (warn)
            warn(path + ": skipped: a symlink to a file outside " + p + " (--follow-symlinks checks it)");
        } else {
          found.push_back({std::move(path), false});
        }
      }
    }
    if (ec) unreadable(p, ec.message());
    std::sort(found.begin(), found.end(),
              [](const CheckInput& a, const CheckInput& b) { return a.path < b.path; });
    for (auto& f : found) out.push_back(std::move(f));
  }
  return out;
}

struct Checked {
  std::string urn;
  RuleSettings settings;  ///< the file's, from its config
  std::vector<Diagnostic> diagnostics;
  OmittedByRule omitted;                   ///< findings the rule pass left out past --max-findings-per-rule
  std::string error;                       ///< the file could not be read
  bool skipped = false;                    ///< a YAML file in a directory that is not a nos model
  std::optional<DocumentSummary> summary;  ///< for the suite pass, when it runs
};

// Whether a parsed file is a NOS document at all, however defective: it has a URN, a section found by
// its label, or a metadata row. A requirements.txt or a README has none of these.
bool is_standard(const Document& doc) {
  auto labelled = [](const Section& s) { return s.present && s.found_by == FoundBy::Label; };
  auto filled = [](const MetadataField& f) { return f.value.has_value() || !f.values.empty(); };
  return doc.urn.has_value() || std::any_of(doc.sections.begin(), doc.sections.end(), labelled) ||
         std::any_of(doc.metadata.begin(), doc.metadata.end(), filled);
}

// Validates `doc`. When no later step of the chain can drop a finding (no baseline, written or read, and
// no ignore_findings entry for this URN), the rule pass keeps only what the per-rule cap would keep.
void validate_into(Checked& out, const Document& doc, const Source* source, const CheckInput& in,
                   const CheckOptions& options, bool filtered_later) {
  out.urn = doc.urn.value_or("");
  const auto& ignored = in.config->ignore_findings;
  filtered_later = filtered_later || std::any_of(ignored.begin(), ignored.end(),
                                                 [&](const Suppression& s) { return s.urn == out.urn; });
  out.diagnostics = validate(doc, *in.grammar, source, out.settings,
                             filtered_later ? 0 : options.max_findings_per_rule, out.omitted, options.fixes);
}

// `suite`: the run checks several documents, so each keeps the summary the suite rules read (unless its
// config turns every suite rule off).
Checked check_one(const CheckInput& in, const CheckOptions& options, bool filtered_later, bool suite) {
  Checked out;
  if (!in.error.empty()) {
    out.error = in.path + ": " + in.error;
    return out;
  }
  try {
    out.settings = in.config->settings_for(in.path);
    suite = suite && suite_rules_enabled(out.settings);
    std::optional<InputDocument> read;
    const InputDocument* input = in.read.get();
    if (!input) {
      std::string bytes =
          in.bytes ? *in.bytes : read_input_bytes(in.from_stdin ? "-" : in.path, options.limits);
      read = read_input(std::move(bytes), in.path, *in.grammar, options.limits);
      if (read) input = &*read;
    }
    if (!input) {
      if (!in.explicit_path || options.only_standards)
        out.skipped = true;
      else
        throw not_a_model(in.path);
      return out;
    }
    bool from_model = input->document.source.format == "yaml";
    if (!from_model && options.only_standards && !is_standard(input->document)) {
      out.skipped = true;
      return out;
    }
    out.diagnostics = std::move(input->problems);
    if (out.diagnostics.empty())
      validate_into(out, input->document, &input->source, in, options, filtered_later);
    else
      out.urn = input->document.urn.value_or("");
    if (suite) out.summary = summarise(input->document, *in.grammar, in.path);
  } catch (const Error& e) {
    out.error = e.what();
  } catch (const std::exception& e) {
    out.error = in.path + ": " + e.what();
  }
  return out;
}

// The suite rules over the documents that kept a summary; their findings join each document's own, to
// pass the same chain. Files with one name but for the extension (a DOCX beside its text export, in any
// folders) are one standard in two formats: only the first is part of the suite. Two files of one name
// and one extension in two folders are two documents (a copy is what duplicate-urn is there to find).
void suite_pass(const std::vector<CheckInput>& inputs, std::vector<Checked>& results) {
  std::vector<SuiteDocument> documents;
  std::vector<std::size_t> result_of;
  std::map<std::string, std::set<std::string>> extensions_of;  // a file name's stem -> its extensions
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (!results[i].summary) continue;
    const fs::path path(inputs[i].path);
    std::set<std::string>& extensions = extensions_of[path.stem().string()];
    extensions.insert(path.extension().string());
    if (extensions.size() > 1) {  // a twin in another format came before
      results[i].summary.reset();
      continue;
    }
    documents.push_back(
        {std::move(*results[i].summary), &results[i].settings, inputs[i].config->suite_complete});
    results[i].summary.reset();
    result_of.push_back(i);
  }
  auto findings = validate_suite(documents);
  for (std::size_t d = 0; d < findings.size(); ++d) {
    auto& diagnostics = results[result_of[d]].diagnostics;
    std::move(findings[d].begin(), findings[d].end(), std::back_inserter(diagnostics));
  }
}

// Keeps the first `per_rule` findings of each rule and the first `per_file` in all (0: no limit). What is
// left out is counted in a too-many-findings finding per rule cut and one for the file, at the most
// severe level left out, so a cut never changes the exit code. `omitted`: what the rule pass already
// left out past `per_rule`.
void cap_findings(std::vector<Diagnostic>& findings, std::size_t per_file, std::size_t per_rule,
                  const OmittedByRule& omitted) {
  if (per_file == 0) per_file = findings.size();
  if (per_rule == 0) per_rule = findings.size();
  if (omitted.empty() && findings.size() <= std::min(per_file, per_rule)) return;
  struct Cut {
    std::size_t seen = 0;
    std::size_t dropped = 0;
    Severity severity = Severity::Info;
  };
  std::map<std::string, Cut> by_rule;
  for (const auto& [id, left_out] : omitted) by_rule[id] = {0, left_out.count, left_out.severity};
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
    d.rule = rule_ids::kTooManyFindings;
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

Diagnostic unused_suppression(int line, std::string message) {
  Diagnostic d;
  d.rule = rule_ids::kUnusedSuppression;
  d.location.line = line;
  d.message = std::move(message);
  d.hint = "delete it";
  return d;
}

// The checked document a finding is about, for the steps keyed by its URN.
struct DocumentKey {
  const Config& config;
  const std::string& path;
  const std::string& urn;
};

// The one chain every finding passes, in this order: the rule settings (a disabled rule's findings
// dropped, the configured severity set), the config's ignore_findings, the baseline (suppressing, or
// recording with write_baseline), the caps. Findings about a config or baseline file have no document
// and skip the two steps keyed by one. The config stays as loaded: which of its suppressions matched is
// kept here.
class Chain {
 public:
  Chain(const CheckOptions& options, Baseline* baseline, Baseline* recording)
      : options_(options), baseline_(baseline), recording_(recording) {}

  void pass(std::vector<Diagnostic>& findings, const RuleSettings& settings, const DocumentKey* document,
            const OmittedByRule& omitted = {}) {
    std::erase_if(findings, [&](const Diagnostic& d) {
      auto it = settings.find(d.rule);
      return it != settings.end() && !it->second.enabled;
    });
    for (auto& d : findings)
      if (auto it = settings.find(d.rule); it != settings.end()) d.severity = it->second.severity;
    if (document) {
      ignore(document->config, document->urn, findings);
      if (recording_)
        recording_->add(document->path, document->urn, findings), findings.clear();
      else if (baseline_)
        baseline_->suppress(document->path, document->urn, findings);
    }
    cap_findings(findings, options_.max_findings, options_.max_findings_per_rule, omitted);
  }

  /// The config's ignore_findings entries for documents checked this run that matched nothing.
  std::vector<Diagnostic> unused(const Config& config) const {
    std::vector<Diagnostic> out;
    auto used = used_.find(&config);
    auto seen = urns_seen_.find(&config);
    if (seen == urns_seen_.end()) return out;
    for (std::size_t i = 0; i < config.ignore_findings.size(); ++i) {
      const Suppression& s = config.ignore_findings[i];
      if (!seen->second.count(s.urn) || (used != used_.end() && used->second[i])) continue;
      out.push_back(unused_suppression(
          s.line,
          fmt::format("ignore_findings entry {} {} [{}] matches no finding", s.urn, s.subject, s.rule)));
    }
    return out;
  }

 private:
  void ignore(const Config& config, const std::string& urn, std::vector<Diagnostic>& findings) {
    urns_seen_[&config].insert(urn);
    if (config.ignore_findings.empty()) return;
    auto& used = used_[&config];
    used.resize(config.ignore_findings.size());
    std::erase_if(findings, [&](const Diagnostic& d) {
      const std::optional<std::size_t> i = config.suppression(urn, d);
      if (i) used[*i] = true;
      return i.has_value();
    });
  }

  const CheckOptions& options_;
  Baseline* baseline_;
  Baseline* recording_;
  std::map<const Config*, std::vector<bool>> used_;  ///< beside each config's ignore_findings
  std::map<const Config*, std::set<std::string>> urns_seen_;
};

}  // namespace

std::string display_path(const std::string& path) {
  fs::path rel = fs::path(path).lexically_relative(fs::current_path());
  return rel.empty() || rel.string().starts_with("..") ? path : rel.generic_string();
}

CheckPlan plan_check(const CheckOptions& options, const CheckWarning& warn) {
  CheckPlan plan;
  auto config_at = [&](const std::string& path) -> const Config* {
    auto& slot = plan.configs[path];
    if (!slot)
      slot = std::make_unique<Config>(path.empty() ? Config{} : Config::load_file(path, options.limits));
    return slot.get();
  };
  auto grammar_at = [&](const std::string& path) -> const Grammar* {
    if (path.empty()) return &Grammar::builtin();
    auto& slot = plan.grammars[path];
    if (!slot) slot = std::make_unique<Grammar>(Grammar::load_file(path, options.limits));
    return slot.get();
  };
  std::set<std::string> not_owned;
  for (auto& in : expand(options, warn)) {
    std::string config_path = options.config;
    if (config_path.empty() && !options.no_config) {
      ConfigLookup found = find_config(in.path);
      if (!found.not_owned.empty() && not_owned.insert(found.not_owned).second && warn)
        warn(found.not_owned + ": not used: another user owns it (pass --config to use it)");
      config_path = found.path.value_or("");
    }
    in.config = config_at(config_path);
    if (in.config->ignores(in.path)) continue;
    in.grammar = options.grammar ? options.grammar : grammar_at(in.config->grammar);
    std::string name = in.config->path.empty() ? "built-in defaults" : display_path(in.config->path);
    if (std::find(plan.configs_used.begin(), plan.configs_used.end(), name) == plan.configs_used.end())
      plan.configs_used.push_back(std::move(name));
    plan.inputs.push_back(std::move(in));
  }
  return plan;
}

CheckRun run_check(const CheckPlan& plan, const CheckOptions& options) {
  const auto& inputs = plan.inputs;
  CheckRun run;
  std::string baseline_path = options.baseline;
  const Config* baseline_config = nullptr;  // the config that named the baseline, if one did
  std::optional<Baseline> baseline;
  if (!options.write_baseline.empty()) {
    run.recorded = Baseline(fs::path(options.write_baseline).parent_path().string());
  } else {
    for (const auto& in : inputs)
      if (baseline_path.empty() && !in.config->baseline.empty())
        baseline_path = in.config->baseline, baseline_config = in.config;
    if (!baseline_path.empty()) baseline = Baseline::load(baseline_path);
  }

  std::vector<Checked> results(inputs.size());
  const bool filtered_later = baseline.has_value() || !options.write_baseline.empty();
  run_parallel(inputs.size(), options.jobs, [&](std::size_t i) {
    results[i] = check_one(inputs[i], options, filtered_later, inputs.size() > 1);
  });
  suite_pass(inputs, results);

  Chain chain(options, baseline ? &*baseline : nullptr,
              options.write_baseline.empty() ? nullptr : &run.recorded);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    Checked& r = results[i];
    if (r.skipped) {
      if (options.only_standards) run.passed_over.push_back(inputs[i].path);
      continue;
    }
    if (!r.error.empty()) {
      run.files.push_back({inputs[i].path, {}, r.error});
      run.fail_on.push_back(std::nullopt);
      continue;
    }
    const DocumentKey document{*inputs[i].config, inputs[i].path, r.urn};
    chain.pass(r.diagnostics, r.settings, &document, r.omitted);
    run.files.push_back({inputs[i].path, std::move(r.diagnostics)});
    run.fail_on.push_back(inputs[i].config->fail_on);
  }

  // Suppressions that matched nothing, for documents that were checked this run.
  auto report_unused = [&](const std::string& path, std::vector<Diagnostic> unused,
                           const RuleSettings& settings) {
    chain.pass(unused, settings, nullptr);
    if (unused.empty()) return;
    run.files.push_back({path, std::move(unused)});
    run.fail_on.push_back(std::nullopt);
  };
  for (const auto& [path, config] : plan.configs)
    if (!config->ignore_findings.empty())
      report_unused(display_path(path), chain.unused(*config), config->settings_for(path));
  if (baseline) {
    std::vector<Diagnostic> unused;
    for (const Baseline::Entry* e : baseline->stale())
      unused.push_back(unused_suppression(
          0, fmt::format("baseline entry {} [{}] {} matched {} of {} findings; write the baseline again",
                         e->path, e->rule, e->key, e->matched, e->count)));
    report_unused(baseline_path, std::move(unused),
                  baseline_config ? baseline_config->settings_for(baseline_path) : default_settings());
  }
  return run;
}

bool check_fails(const CheckRun& run, std::optional<Severity> fail_on, int max_warnings) {
  int warnings = 0;
  bool fails = false;
  for (std::size_t i = 0; i < run.files.size(); ++i) {
    Severity level = fail_on.value_or(run.fail_on[i].value_or(Severity::Error));
    for (const auto& d : run.files[i].diagnostics) {
      warnings += d.severity == Severity::Warning;
      fails = fails || d.severity >= level;
    }
  }
  return fails || (max_warnings >= 0 && warnings > max_warnings);
}

}  // namespace nos
