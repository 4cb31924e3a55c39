// Each subcommand lives in its own file and registers itself on the app.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "nos/grammar.hpp"
#include "nos/limits.hpp"

namespace nos {
struct CheckInput;
}  // namespace nos

namespace nos::cli {

/// Set by a subcommand's callback; main returns it.
extern int exit_code;

void add_parse_command(CLI::App& app);
void add_convert_command(CLI::App& app);
void add_check_command(CLI::App& app);
void add_rules_commands(CLI::App& app);  // rules and explain
void add_diff_command(CLI::App& app);
void add_fix_command(CLI::App& app);
void add_lsp_command(CLI::App& app);
void add_export_command(CLI::App& app);
/// help, completion and the hidden man; added last, as they list the others.
void add_help_commands(CLI::App& app);

/// Prints a CLI11 parse error as one line, with a suggestion for a mistyped command or option; the exit code.
int report_usage_error(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv);

/// nos check --fix: makes the safe fixes of the input in place as nos fix does, with the rule settings
/// and ignore_findings of its config, listing them on standard error; a file nos fix does not rewrite is
/// left as it is, quietly.
void fix_before_check(const CheckInput& input, const Limits& limits);

/// --config FILE and --no-config, which nos check and nos fix share.
void add_config_options(CLI::App* command, std::string& config, bool& no_config);

/// Prints "nos: error: MESSAGE" on standard error.
void print_error(const std::string& message);

}  // namespace nos::cli
