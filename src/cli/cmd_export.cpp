// nos export PATH... --to case|csv|markdown|html: standards (any document nos reads, or models) to the
// formats other systems read. Every input is read before anything is written, so an input that cannot
// be read leaves no partial export; the emitters (src/emit/export_*.cpp) only format.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "batch/work_pool.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/limit_options.hpp"
#include "emit/export_formats.hpp"
#include "nos/check.hpp"
#include "nos/parser.hpp"
#include "nos/reader.hpp"
#include "util/atomic_file.hpp"
#include "util/text.hpp"

namespace nos::cli {

namespace {

namespace fs = std::filesystem;

struct Options {
  std::vector<std::string> paths;
  std::string to;
  std::string output;
  std::string grammar;
  bool bom = false;
  unsigned jobs = 0;
  Limits limits;
};

// One file to standard output, or to OUT; several (or a report, a folder whatever its size) into the
// folder OUT, created when missing.
void write_export(const std::vector<ExportFile>& files, const std::string& out, bool folder) {
  if (out.empty()) {
    if (folder || files.size() != 1)
      throw Error(ErrorKind::Usage, "",
                  fmt::format("this export is {} files: name a folder for them with -o", files.size()));
    std::cout << files.front().content;
    return;
  }
  std::error_code ec;
  const bool is_dir = fs::is_directory(out, ec);
  if (!folder && files.size() == 1 && !is_dir) {
    write_file_atomically(out, files.front().content);
    return;
  }
  if (!is_dir && fs::exists(fs::symlink_status(out, ec)))
    throw Error(ErrorKind::Output, out, "not a folder; this export is several files");
  for (const auto& f : files) {
    const fs::path path = fs::path(out) / f.name;
    fs::create_directories(path.parent_path(), ec);
    if (ec)
      throw Error(ErrorKind::Output, path.parent_path().string(),
                  "cannot create the folder: " + ec.message());
    write_file_atomically(path.string(), f.content);
  }
}

void run(const Options& o) {
  CheckOptions options;
  options.paths = o.paths;
  const auto named = grammar_option(o.grammar, o.limits);
  options.grammar = named.get();
  options.limits = o.limits;
  options.jobs = o.jobs == 0 ? default_jobs() : o.jobs;
  options.fixes = false;  // the report shows findings, not fixes
  CheckPlan plan = plan_check(
      options, [](const std::string& w) { std::cerr << "nos: warning: " << text::printable(w) << "\n"; });

  // Each input is read once: the pages are made from it, and the HTML report's check runs on it as read,
  // so for html it is read on the check's threads. The other formats only read, which on two cores
  // threads made slower (1,000 standards to CSV: 1.05 s on two, 0.72 s on one).
  std::vector<std::shared_ptr<InputDocument>> read(plan.inputs.size());
  std::vector<std::string> read_errors(plan.inputs.size());
  run_parallel(plan.inputs.size(), o.to == "html" ? options.jobs : 1, [&](std::size_t i) {
    const CheckInput& in = plan.inputs[i];
    if (!in.error.empty()) {
      read_errors[i] = in.path + ": " + in.error;
      return;
    }
    try {
      std::optional<InputDocument> input = read_input(
          read_input_bytes(in.from_stdin ? "-" : in.path, o.limits), in.path, *in.grammar, o.limits);
      if (!input) {
        if (in.explicit_path) read_errors[i] = not_a_model(in.path).what();
      } else if (!input->problems.empty()) {
        read_errors[i] = not_a_valid_model(in.path, input->problems.front()).what();
      } else {
        if (o.to != "html") input->source = {};  // only the report's check reads the lines
        read[i] = std::make_shared<InputDocument>(std::move(*input));
      }
    } catch (const Error& e) {
      read_errors[i] = e.what();
    }
  });
  std::vector<std::string> errors;
  for (auto& e : read_errors)
    if (!e.empty()) errors.push_back(std::move(e));
  if (!errors.empty()) {
    for (const auto& e : errors) print_error(e);
    print_error(fmt::format("nothing written: {} input{} could not be read", errors.size(),
                            errors.size() == 1 ? "" : "s"));
    exit_code = kExitError;
    return;
  }
  // A YAML file met in a folder that is not a model is passed over, by the check too.
  std::vector<CheckInput> inputs;
  std::vector<std::shared_ptr<InputDocument>> documents;
  for (std::size_t i = 0; i < read.size(); ++i)
    if (read[i]) {
      inputs.push_back(std::move(plan.inputs[i]));
      documents.push_back(std::move(read[i]));
    }
  plan.inputs = std::move(inputs);
  read = std::move(documents);
  if (read.empty()) throw Error(ErrorKind::Input, "", "no standards found to export");
  std::vector<FileFindings> findings;
  if (o.to == "html") {
    for (std::size_t i = 0; i < read.size(); ++i) plan.inputs[i].read = read[i];
    findings = run_check(plan, options).files;
    for (auto& f : findings) f.path = display_path(f.path);  // as the standards' pages name them
  }
  std::vector<Document> docs;
  for (std::size_t i = 0; i < read.size(); ++i) {
    docs.push_back(std::move(read[i]->document));
    docs.back().source.path = display_path(plan.inputs[i].path);
  }

  // Titles of sections and fields come from the grammar; with no --grammar, the built-in one.
  const Grammar& grammar = *plan.inputs.front().grammar;
  std::vector<ExportFile> files;
  if (o.to == "case") {
    files = export_case(docs, grammar);
  } else if (o.to == "csv") {
    files.push_back({"items.csv", export_csv(docs, o.bom)});
  } else if (o.to == "markdown") {
    std::vector<std::string> taken;
    for (const auto& doc : docs)
      files.push_back({export_stem(doc, taken) + ".md", export_markdown(doc, grammar)});
  } else {
    files = export_html(docs, findings, grammar);
  }
  write_export(files, o.output, o.to == "html");
}

}  // namespace

void add_export_command(CLI::App& app) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Export standards (documents or models) as 1EdTech CASE JSON, CSV, Markdown or an HTML report");
  cmd->add_option("PATH", o->paths,
                  "Documents, YAML models or directories (walked like nos check); '-' reads standard input")
      ->required();
  cmd->add_option("--to", o->to, "Format: CASE 1.0 JSON, CSV of the items, Markdown, or a static HTML report")
      ->check(CLI::IsMember({"case", "csv", "markdown", "html"}))
      ->required();
  cmd->add_option(
      "-o,--output", o->output,
      "File for a one-file export (standard output without it); folder for several files and for html");
  cmd->add_flag("--bom", o->bom, "csv: start with a UTF-8 byte order mark, so Excel reads the file as UTF-8");
  cmd->add_option("--grammar", o->grammar, "Grammar file to use instead of the configured or built-in one");
  cmd->add_option("-j,--jobs", o->jobs,
                  "html: worker threads that read and check the inputs (default: one per core)")
      ->check(CLI::Range(0u, 1024u));
  add_limit_options(cmd, o->limits);
  cmd->footer(
      "Examples:\n  nos export standards/ --to case -o case/\n  nos export standards/ --to csv --bom -o "
      "items.csv\n"
      "  nos export samples/hospitality-PPLHSL12.txt --to markdown\n  nos export standards/ --to html -o "
      "report/\n"
      "Exit: 0 written, 2 an input could not be read (nothing written) or the output cannot be written.");
  cmd->callback([o] { run(*o); });
}

}  // namespace nos::cli
