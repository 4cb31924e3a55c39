// Documents made from the command-line definition itself, so --help, the man pages and the shell
// completions cannot drift apart: each is generated from the CLI11 app and the rule catalogue.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace nos::cli {

/// The visible commands of `app` (hidden ones, in the "" group, left out), in definition order.
std::vector<const CLI::App*> visible_commands(const CLI::App& app);

/// "--help" and every other option name of `command`, long ones and, when `with_short`, short ones.
std::vector<std::string> option_names(const CLI::App& command, bool with_short);

/// A roff man page: `nos.1` when `command` is null, else `nos-COMMAND.1`.
std::string man_page(const CLI::App& app, const CLI::App* command);

/// A completion script for "bash", "zsh" or "fish".
std::string completion_script(const CLI::App& app, const std::string& shell);

}  // namespace nos::cli
