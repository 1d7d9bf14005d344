#!/usr/bin/env bash
# Runs every test of the project: the .NET suites (unit tests and end-to-end tests through the real glm-mcp process,
# real Chromium, real LLamaSharp on a synthetic tiny GGUF) and the VS Code extension's, the two side by side (they share
# no files, ports or build folders; the extension's output is printed after the .NET output). Installs Chromium and
# ffmpeg first when they are missing. Prints one summary line "tests: N passed, N failed, N skipped" and exits non-zero on any failure.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

if [[ ! -x /usr/bin/chromium ]] && ! command -v chromium >/dev/null 2>&1; then
  echo "tests/run.sh: installing Chromium…"
  if [[ "$(id -u)" == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  fi
fi

# The video tests take frames with the real ffmpeg (and ffprobe) as well as with Chromium.
if [[ ! -x /usr/bin/ffmpeg ]]; then
  echo "tests/run.sh: installing ffmpeg…"
  if [[ "$(id -u)" == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg
  fi
fi

log="$(mktemp)"
extension_log="$(mktemp)"
extension=""
trap 'rm -f "$log" "$extension_log"' EXIT
status=0

if [[ -f vscode-extension/test.sh ]]; then
  bash vscode-extension/test.sh >"$extension_log" 2>&1 &
  extension=$!
fi

dotnet test GlmMcp.sln --logger "console;verbosity=minimal" 2>&1 | tee "$log"
if [[ ${PIPESTATUS[0]} -ne 0 ]]; then
  status=1
  # A build error or a crashed test host prints no "Failed:" count; make it visible in the summary.
  grep -qE 'Failed: +[1-9]' "$log" || echo "Failed: 1 (dotnet test exited non-zero without a failed-test count: build error or test host crash)" | tee -a "$log"
fi

if [[ -n $extension ]]; then
  wait "$extension"
  extension_status=$?
  tee -a "$log" <"$extension_log"
  [[ $extension_status -eq 0 ]] || status=1
  # An extension run that died before its summary line still counts as a failure.
  grep -qE '^vscode-extension: [0-9]+ passed' "$extension_log" || echo "vscode-extension: 0 passed, 1 failed" | tee -a "$log"
fi

# dotnet test: "Failed!  - Failed:     0, Passed:    28, Skipped:     0, …"; the extension: "vscode-extension: 12 passed, 0 failed".
sum() { grep -oE "$1" "$log" | grep -oE '[0-9]+$' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(( $(sum 'Passed: +[0-9]+') + $(sum '^vscode-extension: [0-9]+') ))
failed=$(( $(sum 'Failed: +[0-9]+') + $(sum '^vscode-extension: [0-9]+ passed, [0-9]+') ))
skipped=$(sum 'Skipped: +[0-9]+')
[[ $failed -eq 0 ]] || status=1

echo
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
