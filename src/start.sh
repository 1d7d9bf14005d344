#!/usr/bin/env bash
# Quick start: installs what a fresh Linux machine lacks (Chromium), builds glm-mcp once (a plain Release build, with
# progress on stderr), then runs it. Everything this script prints goes to stderr: stdout belongs to the MCP client (JSON-RPC).
#
#   src/start.sh                       serve over stdio (what an MCP client starts)
#   src/start.sh serve --http          Streamable HTTP on http://127.0.0.1:8931/mcp
#   src/start.sh code shot.png -o page.html    any other verb; `src/start.sh --help` lists them
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${GLM_MCP_BUILD_DIR:-$repo/artifacts/glm-mcp}"

say() { echo "glm-mcp start: $*" >&2; }

if ! command -v dotnet >/dev/null 2>&1; then
  say "the .NET 10 SDK is missing: install it (https://dot.net) or with your package manager (e.g. 'apt-get install dotnet-sdk-10.0'), then run this again."
  exit 2
fi

have_chromium() {
  [[ -n "${GLM_MCP_Rendering__ChromiumPath:-}" && -x "${GLM_MCP_Rendering__ChromiumPath}" ]] && return 0
  [[ -n "${PUPPETEER_EXECUTABLE_PATH:-}" && -x "${PUPPETEER_EXECUTABLE_PATH}" ]] && return 0
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
    command -v google-chrome >/dev/null 2>&1 || command -v google-chrome-stable >/dev/null 2>&1
}

if ! have_chromium; then
  if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
    say "installing Chromium (apt-get install chromium)…"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    say "installing Chromium (sudo apt-get install chromium)…"
    { sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2
  else
    say "Chromium not found; install it (Debian/Ubuntu: apt-get install chromium, Fedora: dnf install chromium, macOS: brew install --cask chromium) or pass --chromium PATH. Continuing: render tools will say so."
  fi
fi

# Rebuild when a source file (or a vendored asset the server embeds, under third_party/) is newer than the built
# executable.
if [[ ! -x "$out/glm-mcp" ]] || [[ -n "$(find "$repo/src" "$repo/third_party" "$repo/Directory.Build.props" "$repo/Directory.Packages.props" \
      -newer "$out/glm-mcp" -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' -o -path "$repo/third_party/*" \) \
      -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]]; then
  # A plain Release build: an MCP client is waiting for `initialize`, so the first start must not take minutes.
  # The installable packages (packaging/pack.sh) are the ones published self-contained and ReadyToRun.
  say "building glm-mcp (Release) into $out; the first build on a fresh clone takes a minute or more…"
  started=$SECONDS
  # Analyzers run in the tests' and CI's builds; skipping them here shortens the cold build the client waits for.
  if ! dotnet build "$repo/src/GlmMcp.Server/GlmMcp.Server.csproj" -c Release -o "$out" -p:RunAnalyzers=false -nologo -v minimal -tl:off -clp:NoSummary 2>&1 |
      sed -u -e 's/^ *//' -e 's/^/glm-mcp start: /' >&2; then
    say "the build failed (see above)."
    exit 2
  fi
  say "built in $((SECONDS - started)) s; starting glm-mcp $*"
fi

exec "$out/glm-mcp" "$@"
