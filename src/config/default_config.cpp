// The file `nos check --init` writes: every key, commented, with the defaults.
#include "nos/config.hpp"

namespace nos {

std::string default_config_text() {
  return R"(# nos check configuration. nos uses the nearest .nos.yaml above each checked file
# (or the file given with --config). Every key is optional; `nos rules` lists the rules.

# Rules: off, on, a severity (error, warning, info), or a map of settings.
rules:
  # criterion-verb: warning
  # whitespace: off
  near-duplicate-criterion:
    threshold: 0.8        # report item pairs at least this similar (0..1)
  # criterion-verb:
  #   verbs: [triage]     # more verbs a performance criterion may open with
  # mixed-quotes:
  #   style: curly        # the quotes to use: majority (the document's more common), curly or straight

# The grammar, relative to this file (default: the grammar built into nos).
# grammar: grammars/nos.yaml

# The lowest severity that makes `nos check` exit with 1 (error, warning or info).
fail_on: error

# Different settings for some paths (globs relative to this file; ** crosses folders).
# overrides:
#   - files: ["legacy/**"]
#     rules: {missing-label: off}

# Paths not to check.
# ignore: ["drafts/**", "*.tmp.txt"]

# Findings to ignore in one standard: URN, then the item id (or "*" for the whole document), then rules.
# ignore_findings:
#   SCDHSC0390:
#     P14: [near-duplicate-criterion]

# Findings recorded with `nos check --write-baseline FILE`; only new findings fail.
# baseline: nos-baseline.json
)";
}

}  // namespace nos
