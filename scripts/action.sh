#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), here so that tests/install/action_test.sh runs them locally.
#   scripts/action.sh install  make nos available: already on the PATH, the .deb in NOS_DEB, or built from here
#   scripts/action.sh check    nos check NOS_PATHS: annotations on standard output, SARIF into NOS_SARIF,
#                              the exit code as the step's output "exit-code" (the last step fails by it)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo

case ${1:-} in
  install)
    if command -v nos >/dev/null; then
      echo "nos: using $(command -v nos) ($(nos --version))"
    elif [ -n "${NOS_DEB:-}" ]; then
      $sudo apt-get install -y "$(realpath "$NOS_DEB")"
    else
      "$root/scripts/install.sh"
      echo "$root/build" >>"$GITHUB_PATH"
    fi
    ;;
  check)
    read -ra paths <<<"${NOS_PATHS:-.}"
    fail_on=${NOS_FAIL_ON:-error}
    code=0
    nos check --format sarif -o "${NOS_SARIF:-nos.sarif}" --fail-on "$fail_on" "${paths[@]}" || code=$?
    nos check --format github --fail-on "$fail_on" "${paths[@]}" 2>/dev/null || true  # errors said once, above
    echo "exit-code=$code" >>"$GITHUB_OUTPUT"
    ;;
  *)
    echo "usage: scripts/action.sh install|check" >&2
    exit 2
    ;;
esac
