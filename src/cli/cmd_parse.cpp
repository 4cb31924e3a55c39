// nos parse FILE: read one document and write its model; a model is written again as it was.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/limit_options.hpp"
#include "nos/emit.hpp"
#include "nos/parser.hpp"
#include "util/atomic_file.hpp"

namespace nos::cli {

void add_parse_command(CLI::App& app) {
  struct Options {
    std::string input;
    std::string output;
    std::string format = "yaml";
    std::string grammar;
    Limits limits;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("parse",
                                     "Read a NOS document (text, DOCX, PDF, .doc, ODT, RTF, HTML) or a "
                                     "model, and write its model (YAML or JSON)");
  cmd->add_option(
         "FILE", opts->input,
         "Document to read: .txt export, .docx, .doc, .odt, .rtf or .html, or a model that nos parse "
         "wrote (written again, in --format); '-' reads standard input")
      ->required();
  cmd->add_option("-o,--output", opts->output,
                  "Write the model to this file (atomically) instead of standard output");
  cmd->add_option("--format", opts->format, "Model format")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->capture_default_str();
  cmd->add_option("--grammar", opts->grammar,
                  "Grammar file to use instead of the built-in grammars/nos.yaml");
  add_limit_options(cmd, opts->limits);
  cmd->footer("Example: nos parse samples/hospitality-PPLHSL12.txt --format json -o PPLHSL12.json");
  cmd->callback([opts] {
    const auto named = grammar_option(opts->grammar, opts->limits);
    const Grammar& grammar = named ? *named : Grammar::builtin();
    Document doc = read_document(opts->input, grammar, opts->limits, ModelLocations::Recorded);
    const ModelFormat format = opts->format == "json" ? ModelFormat::Json : ModelFormat::Yaml;
    if (opts->output.empty()) {
      emit_model(doc, format, std::cout);
    } else {
      // Streamed into the temporary file: the model of a large input is never held whole.
      write_file_atomically(opts->output, [&](std::ostream& out) { emit_model(doc, format, out); });
    }
  });
}

}  // namespace nos::cli
