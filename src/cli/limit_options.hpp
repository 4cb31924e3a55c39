// The input limits as command-line options, shared by every command that reads documents.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "nos/grammar.hpp"
#include "nos/limits.hpp"

namespace nos::cli {

/// Adds --max-input-size, --max-line-bytes, --max-part-size (sizes in MiB, except line bytes),
/// --max-zip-entries and --max-xml-depth.
void add_limit_options(CLI::App* command, Limits& limits);

/// The grammar a --grammar option names, read under the YAML limits of `limits` (--max-yaml-size), as
/// every command reads it before its inputs; null when `path` is empty (the configured or built-in one).
std::unique_ptr<const Grammar> grammar_option(const std::string& path, const Limits& limits);

}  // namespace nos::cli
