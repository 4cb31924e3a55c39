// nos diff OLD NEW: what changed between two versions of a standard, in any formats nos reads.
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/limit_options.hpp"
#include "cli/terminal.hpp"
#include "emit/diff_formats.hpp"
#include "nos/diff.hpp"
#include "nos/parser.hpp"

namespace nos::cli {

void add_diff_command(CLI::App& app) {
  struct Options {
    std::string old_path, new_path;
    std::string format = "text";
    std::string color = "auto";
    std::string grammar;
    Limits limits;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "diff",
      "Show what changed between two versions of a standard, item by item (exit 1 when something did)");
  cmd->add_option("OLD", opts->old_path, "The earlier version: any document nos reads, or a YAML model")
      ->required();
  cmd->add_option("NEW", opts->new_path, "The later version: any document nos reads, or a YAML model")
      ->required();
  cmd->add_option("--format", opts->format,
                  "text for a terminal, json for tools, markdown for a review comment")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  cmd->add_option(
         "--color", opts->color,
         "Colour the text format: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--grammar", opts->grammar,
                  "Grammar file to use instead of the built-in grammars/nos.yaml");
  add_limit_options(cmd, opts->limits);
  cmd->footer("Example: nos diff PPLHSL12-v3.docx PPLHSL12-v4.docx --format markdown");
  cmd->callback([opts] {
    if (opts->old_path == "-" && opts->new_path == "-")
      throw Error(ErrorKind::Usage, "", "only one of OLD and NEW can be standard input ('-')");
    const auto named = grammar_option(opts->grammar, opts->limits);
    const Grammar& grammar = named ? *named : Grammar::builtin();
    const Document old_doc = read_document(opts->old_path, grammar, opts->limits, ModelLocations::Yaml);
    const Document new_doc = read_document(opts->new_path, grammar, opts->limits, ModelLocations::Yaml);
    const DocumentDiff diff = diff_documents(old_doc, new_doc);
    if (opts->format == "json") {
      std::cout << format_diff_json(diff);
    } else if (opts->format == "markdown") {
      std::cout << format_diff_markdown(diff);
    } else {
      std::cout << format_diff_text(diff, colour_wanted(opts->color, stdout));
    }
    exit_code = diff.changed() ? kExitFindings : kExitOk;
  });
}

}  // namespace nos::cli
