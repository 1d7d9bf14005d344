#!/usr/bin/env bash
# Runs every test of the project: the .NET suites (unit tests and end-to-end tests through the real glm-mcp process,
# real Chromium, real LLamaSharp on a synthetic tiny GGUF) and, beside them, the VS Code extension's (they share no
# files, ports or build folders; the extension's output is printed after the .NET output). Builds the solution once
# (beside the extension's build steps), then runs the .NET test projects one after another: side by side on two cores
# they contend for the CPU with their Chromiums, take three times the CPU time and no less wall time, and their
# timeouts start to fire. Installs Chromium and ffmpeg first when they are missing. Ends with the failed tests again
# (name and the first lines of the message, so a truncated log still shows them), the slowest tests, and one summary
# line "tests: N passed, N failed, N skipped"; exits non-zero on any failure.
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

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log="$work/all.log"
: >"$log"
status=0
started=$SECONDS

# The extension's build steps (npm ci, lint, type-check, its own server publish, vsce) run beside `dotnet build` and the
# first test projects, and its tests beside the rest, so its heavy packaging never competes with a test's timing.
extension_build=""
extension=""
if [[ -f vscode-extension/test.sh ]]; then
  bash vscode-extension/test.sh --build-only >"$work/extension.log" 2>&1 &
  extension_build=$!
fi

# run_one PROJECT: runs one test project (already built); its output goes to $work/NAME.log, its results to $work/trx.
run_one() {
  local project=$1 name from=$SECONDS rc
  name="$(basename "$project")"
  dotnet test "$project" --no-build --logger "console;verbosity=minimal" \
    --logger "trx;LogFileName=$name.trx" --results-directory "$work/trx" >"$work/$name.log" 2>&1
  rc=$?
  echo "$name: ended with exit code $rc after $((SECONDS - from)) s" >>"$work/$name.log"
  if [[ $rc -ne 0 ]] && ! grep -qE 'Failed: +[1-9]' "$work/$name.log"; then
    # A crashed test host prints no "Failed:" count; make it visible in the summary.
    echo "Failed: 1 ($name: dotnet test exited $rc without a failed-test count: test host crash?)" >>"$work/$name.log"
  fi
}

dotnet build GlmMcp.sln -nologo -v:q >"$work/build.log" 2>&1
build_status=$?
if [[ $build_status -ne 0 ]]; then
  cat "$work/build.log"
  echo "Failed: 1 (dotnet build GlmMcp.sln failed, so no .NET test ran)" | tee -a "$log"
fi

# The projects whose tests allow minutes for each step (the engine's, the packages') run while the extension's steps may
# still be building; the extension's tests start once those are done, beside the projects with render timeouts.
for project in tests/GlmMcp.Inference.Tests tests/GlmMcp.Packaging.Tests WAIT tests/GlmMcp.Core.Tests \
               tests/GlmMcp.Server.Tests tests/GlmMcp.Bench.Tests; do
  if [[ $project == WAIT ]]; then
    if [[ -n $extension_build ]]; then
      # On a failed step test.sh has printed its summary line already; otherwise its tests start now.
      if wait "$extension_build"; then
        bash vscode-extension/test.sh --tests-only >>"$work/extension.log" 2>&1 &
        extension=$!
      else
        extension=done
      fi
    fi
  elif [[ $build_status -eq 0 ]]; then
    run_one "$project"
    tee -a "$log" <"$work/$(basename "$project").log"
  fi
done

if [[ -n $extension ]]; then
  extension_status=1
  [[ $extension == done ]] || { wait "$extension"; extension_status=$?; }
  tee -a "$log" <"$work/extension.log"
  [[ $extension_status -eq 0 ]] || status=1
  # An extension run that died before its summary line still counts as a failure.
  grep -qE '^vscode-extension: [0-9]+ passed' "$work/extension.log" || echo "vscode-extension: 0 passed, 1 failed" | tee -a "$log"
fi

# dotnet test: "Failed!  - Failed:     0, Passed:    28, Skipped:     0, …"; the extension: "vscode-extension: 12 passed, 0 failed".
sum() { grep -oE "$1" "$log" | grep -oE '[0-9]+$' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(( $(sum 'Passed: +[0-9]+') + $(sum '^vscode-extension: [0-9]+') ))
failed=$(( $(sum 'Failed: +[0-9]+') + $(sum '^vscode-extension: [0-9]+ passed, [0-9]+') ))
skipped=$(sum 'Skipped: +[0-9]+')
[[ $failed -eq 0 ]] || status=1

# The failed tests again, at the end where a truncated log still shows them: the .NET console logger's
# "  Failed Name [time]" with the message lines after it, and node's "✖ name".
if [[ $failed -ne 0 ]]; then
  echo
  echo "failed tests:"
  awk '/^  Failed [^ ]/ { show = 8 } show > 0 { print; show-- }' "$log" | cut -c1-300
  grep -E '^\s*✖ ' "$work/extension.log" 2>/dev/null | head -20
fi

# The slowest .NET tests, from the trx files (one <UnitTestResult …> element per test, attributes on one line).
if compgen -G "$work/trx/*.trx" >/dev/null; then
  echo
  echo "slowest tests (s):"
  cat "$work/trx"/*.trx | grep -oE '<UnitTestResult [^>]*>' \
    | sed -nE 's/.*testName="([^"]*)".*duration="([0-9]+):([0-9]+):([0-9.]+)".*/\2 \3 \4 \1/p' \
    | awk '{ s = $1 * 3600 + $2 * 60 + $3; $1 = $2 = $3 = ""; printf "%8.1f %s\n", s, substr($0, 4) }' \
    | sort -rn | head -12 | cut -c1-200
fi

echo
echo "wall time: $((SECONDS - started)) s"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
