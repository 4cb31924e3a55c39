// Each subcommand lives in its own file and registers itself on the app.
#pragma once

#include <CLI/CLI.hpp>

namespace nos::cli {

/// Set by a subcommand's callback; main returns it.
extern int exit_code;

void add_parse_command(CLI::App& app);
void add_convert_command(CLI::App& app);
void add_check_command(CLI::App& app);
void add_rules_commands(CLI::App& app);  // rules and explain
void add_diff_command(CLI::App& app);
void add_fix_command(CLI::App& app);

/// Prints "nos: error: MESSAGE" on standard error.
void print_error(const std::string& message);

}  // namespace nos::cli
