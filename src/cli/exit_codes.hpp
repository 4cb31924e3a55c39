// Exit codes, the contract with CI pipelines (documented in the README).
#pragma once

namespace nos::cli {

enum ExitCode : int {
  kExitOk = 0,        ///< done; nothing at or above the failing severity
  kExitFindings = 1,  ///< check: findings at or above --fail-on; convert: some inputs failed
  kExitError = 2,     ///< usage error, unreadable or invalid input, bad grammar or config
  kExitInterrupted = 130,
};

}  // namespace nos::cli
