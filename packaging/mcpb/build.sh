#!/usr/bin/env bash
# Builds one Claude Desktop MCP Bundle (.mcpb) per platform from the self-contained platform packages that
# packaging/pack.sh made: the package's server folder plus manifest.json (its platform, entry point and version
# filled in), packed and validated by the @anthropic-ai/mcpb CLI.
#
#   packaging/mcpb/build.sh                 every platform package found in the feed
#   packaging/mcpb/build.sh linux-x64       only these
#
# GLM_MCP_FEED: the packages (default artifacts/packages); GLM_MCP_MCPB_OUT: the bundles (default artifacts/mcpb).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
feed="${GLM_MCP_FEED:-$repo/artifacts/packages}"
out="${GLM_MCP_MCPB_OUT:-$repo/artifacts/mcpb}"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props")"

fail() { echo "mcpb: $*" >&2; exit 2; }
command -v unzip >/dev/null || fail "unzip is missing (apt-get install unzip)."
[[ -x "$here/node_modules/.bin/mcpb" ]] || npm ci --prefix "$here" --no-audit --no-fund >&2

rids=("$@")
if [[ ${#rids[@]} -eq 0 ]]; then
  for package in "$feed"/GlmMcp.*-*."$version".nupkg; do
    [[ -f "$package" ]] && rids+=("$(basename "$package" ".$version.nupkg" | sed 's/^GlmMcp\.//')")
  done
fi
[[ ${#rids[@]} -gt 0 ]] || fail "no platform packages in $feed: run packaging/pack.sh first."

mkdir -p "$out"
for rid in "${rids[@]}"; do
  case "$rid" in
    linux-*) platform=linux; exe=glm-mcp ;;
    osx-*) platform=darwin; exe=glm-mcp ;;
    win-*) platform=win32; exe=glm-mcp.exe ;;
    *) fail "unknown platform '$rid' (linux-x64, linux-arm64, win-x64, osx-arm64, osx-x64)." ;;
  esac
  package="$feed/GlmMcp.$rid.$version.nupkg"
  [[ -f "$package" ]] || fail "$package is missing: run packaging/pack.sh $rid first."
  stage="$(mktemp -d)"
  trap 'rm -rf "$stage"' EXIT
  unzip -q "$package" "tools/any/$rid/*" -d "$stage/package"
  mv "$stage/package/tools/any/$rid" "$stage/server"
  rm -rf "$stage/package" "$stage/server/DotnetToolSettings.xml"
  chmod +x "$stage/server/$exe"
  node -e '
    const fs = require("fs");
    const [template, target, platform, exe, version] = process.argv.slice(1);
    const manifest = JSON.parse(fs.readFileSync(template, "utf8"));
    manifest.version = version;
    manifest.server.entry_point = "server/" + exe;
    manifest.compatibility.platforms = [platform];
    fs.writeFileSync(target, JSON.stringify(manifest, null, 2) + "\n");
  ' "$here/manifest.json" "$stage/manifest.json" "$platform" "$exe" "$version"
  "$here/node_modules/.bin/mcpb" validate "$stage/manifest.json" >&2
  "$here/node_modules/.bin/mcpb" pack "$stage" "$out/glm-mcp-$rid.mcpb" >&2
  rm -rf "$stage"
  trap - EXIT
  awk -v bytes="$(wc -c < "$out/glm-mcp-$rid.mcpb")" -v name="glm-mcp-$rid.mcpb" 'BEGIN { printf "%8.1f MiB  %s\n", bytes / 1048576, name }'
done
