#!/usr/bin/env bash
# Time-boxed fuzzing of glm-mcp's hostile-input fronts with AFL++ and SharpFuzz (CI-optional; not part of tests/run.sh).
#
#   bench/fuzz.sh [target] [seconds]     target: image | answer | html | all (default all), seconds per target (default 300)
#
# Installs what is missing (Debian's afl++ through apt-get, the SharpFuzz.CommandLine tool into .fuzz/tools), builds
# bench/GlmMcp.Fuzz in Release into .fuzz/build, instruments GlmMcp.Core.dll and GlmMcp.Inference.dll there, runs
# afl-fuzz on bench/GlmMcp.Fuzz/corpus/<target> for the given seconds, prints execs, paths and crashes, and copies each
# crash input into the test project that replays it (hangs stay in .fuzz/findings: on a loaded machine a slow run is
# not yet a bug; replay them by hand):
#   image, html -> tests/GlmMcp.Core.Tests/Fuzz/Crashes/<target>/
#   answer      -> tests/GlmMcp.Inference.Tests/Fuzz/Crashes/answer/
# Exit status: 0 when no target crashed, 1 when one did, 2 on a setup error.
set -euo pipefail

target="${1:-all}"
seconds="${2:-300}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$repo/.fuzz"
build="$work/build"
tools="$work/tools"
sharpfuzz_version="2.3.0"

case "$target" in
  image|answer|html) targets=("$target") ;;
  all) targets=(image answer html) ;;
  *) echo "usage: bench/fuzz.sh [image|answer|html|all] [seconds]" >&2; exit 2 ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "seconds must be a whole number, got '$seconds'" >&2; exit 2; }

if ! command -v afl-fuzz >/dev/null; then
  echo "== installing afl++ (apt-get)"
  sudo_cmd=""
  [[ "$(id -u)" == 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi
if [[ ! -x "$tools/sharpfuzz" ]]; then
  echo "== installing SharpFuzz.CommandLine $sharpfuzz_version into $tools"
  dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$tools" >/dev/null
fi

echo "== building bench/GlmMcp.Fuzz (Release) into $build"
rm -rf "$build"
dotnet build "$repo/bench/GlmMcp.Fuzz/GlmMcp.Fuzz.csproj" -c Release -o "$build" -v q -nologo >/dev/null
for dll in GlmMcp.Core.dll GlmMcp.Inference.dll; do
  echo "== instrumenting $dll"
  "$tools/sharpfuzz" "$build/$dll"
done

crash_dir() {
  case "$1" in
    answer) echo "$repo/tests/GlmMcp.Inference.Tests/Fuzz/Crashes/$1" ;;
    *) echo "$repo/tests/GlmMcp.Core.Tests/Fuzz/Crashes/$1" ;;
  esac
}

stat_of() { sed -n "s/^$2 *: *//p" "$1/default/fuzzer_stats" 2>/dev/null | head -n 1; }

status=0
summary=()
for t in "${targets[@]}"; do
  findings="$work/findings/$t"
  rm -rf "$findings"
  mkdir -p "$findings"
  echo "== afl-fuzz $t for ${seconds}s"
  # -m none: the .NET runtime maps far more than AFL's default limit; -t: a cold .NET start and SkiaSharp need time.
  AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 \
    AFL_NO_AFFINITY=1 AFL_FORKSRV_INIT_TMOUT=120000 \
    timeout --signal=INT --kill-after=30 "$((seconds + 60))" \
    afl-fuzz -V "$seconds" -i "$repo/bench/GlmMcp.Fuzz/corpus/$t" -o "$findings" -m none -t 5000 \
      -- dotnet "$build/glm-mcp-fuzz.dll" "$t" >"$findings/afl.log" 2>&1 || true

  execs="$(stat_of "$findings" execs_done)"
  speed="$(stat_of "$findings" execs_per_sec)"
  paths="$(stat_of "$findings" corpus_count)"
  [[ -n "$paths" ]] || paths="$(stat_of "$findings" paths_total)"
  crashes="$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)"
  hangs="$(find "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)"
  if [[ -z "$execs" ]]; then
    echo "afl-fuzz did not start for $t; its log:" >&2
    tail -n 30 "$findings/afl.log" >&2
    status=2
    continue
  fi
  summary+=("$t: ${execs} execs, ${speed} execs/s overall, ${paths} paths, ${crashes} crashes, ${hangs} hangs")
  if (( crashes > 0 )); then
    status=1
    dest="$(crash_dir "$t")"
    mkdir -p "$dest"
    for f in "$findings/default/crashes"/id:*; do
      cp "$f" "$dest/crash-$(sha1sum "$f" | cut -c1-12)"
    done
    echo "   copied the inputs into ${dest#"$repo"/} (replay: dotnet $build/glm-mcp-fuzz.dll $t --replay $dest)"
  fi
done

echo "== summary (findings in ${work#"$repo"/}/findings)"
printf '%s\n' "${summary[@]}"
exit "$status"
