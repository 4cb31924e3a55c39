// Exit codes, the contract with CI pipelines (README "Exit codes" and the man pages list kExitCodes).
#pragma once

#include <array>
#include <string_view>

namespace nos::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitFindings = 1,
  kExitError = 2,
  kExitInterrupted = 130,
};

struct ExitCodeMeaning {
  ExitCode code;
  std::string_view meaning;
};

inline constexpr std::array kExitCodes{
    ExitCodeMeaning{kExitOk, "success"},
    ExitCodeMeaning{
        kExitFindings,
        "check: findings at or above the failing severity; convert: some inputs failed; diff: the "
        "documents differ"},
    ExitCodeMeaning{kExitError,
                    "usage error, or an input, grammar or config file that cannot be read or is invalid"},
    ExitCodeMeaning{kExitInterrupted, "interrupted"},
};

}  // namespace nos::cli
