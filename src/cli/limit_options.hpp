// The input limits as command-line options, shared by every command that reads documents.
#pragma once

#include <CLI/CLI.hpp>

#include "nos/limits.hpp"

namespace nos::cli {

/// Adds --max-input-size, --max-line-bytes, --max-part-size (sizes in MiB, except line bytes),
/// --max-zip-entries and --max-xml-depth.
void add_limit_options(CLI::App* command, Limits& limits);

}  // namespace nos::cli
