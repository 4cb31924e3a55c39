// The input limits as command-line options, shared by every command that reads documents.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "nos/grammar.hpp"
#include "nos/limits.hpp"

namespace nos::cli {

/// Adds --max-input-size, --max-line-bytes, --max-part-size (sizes in MiB, except line bytes),
/// --max-zip-entries and --max-xml-depth.
void add_limit_options(CLI::App* command, Limits& limits);

/// The grammar a --grammar option names, read under the YAML limits of `limits` (--max-yaml-size) as by
/// every command; the built-in grammar when `path` is empty.
Grammar grammar_option(const std::string& path, const Limits& limits);

}  // namespace nos::cli
