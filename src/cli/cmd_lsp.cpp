// nos lsp: the Language Server (src/lsp/) on standard input and output, for editors.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/limit_options.hpp"
#include "lsp/server.hpp"

namespace nos::cli {

void add_lsp_command(CLI::App& app) {
  auto options = std::make_shared<CheckOptions>();
  auto grammar = std::make_shared<std::string>();
  CLI::App* cmd =
      app.add_subcommand("lsp", "Serve nos check's findings to an editor (Language Server Protocol)");
  cmd->add_option("--config", options->config, "Use this .nos.yaml for every document, not the nearest one");
  cmd->add_option("--grammar", *grammar, "Use this grammar instead of the configured or built-in one");
  cmd->footer("Example (an editor starts it): nos lsp");
  cmd->callback([options, grammar] {
    const auto named = grammar_option(*grammar, options->limits);
    options->grammar = named.get();
    std::ios::sync_with_stdio(false);
    exit_code = lsp::serve(std::cin, std::cout, *options);
  });
}

}  // namespace nos::cli
