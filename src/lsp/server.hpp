// nos lsp: a Language Server Protocol server over a pair of streams (standard input and output), so an
// editor shows nos check's findings in a text export or a YAML model as it is typed.
#pragma once

#include <iosfwd>

#include "nos/check.hpp"

namespace nos::lsp {

/// Serves until the client sends `exit`, or the input ends. Each opened or changed document is checked
/// as `nos check` would check the file at its path (that path's .nos.yaml and grammar), from the
/// editor's text, and its findings published. Returns the process exit code: 0 after `shutdown` then
/// `exit`, 1 otherwise (as the protocol asks).
int serve(std::istream& in, std::ostream& out, const CheckOptions& options);

}  // namespace nos::lsp
