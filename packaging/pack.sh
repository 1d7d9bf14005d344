#!/usr/bin/env bash
# Packs the NuGet MCP server package GlmMcp: the pointer package (with .mcp/server.json) and one self-contained,
# ReadyToRun package per platform, into a folder feed (default artifacts/packages), then prints each package's size.
#
#   packaging/pack.sh                          every platform: linux-x64 linux-arm64 win-x64 osx-arm64 osx-x64
#   packaging/pack.sh linux-x64                only these platforms
#   GLM_MCP_FEED=/tmp/feed packaging/pack.sh   another output folder
#
# Try the result offline:  dotnet dnx GlmMcp --source artifacts/packages --yes -- doctor
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="${GLM_MCP_FEED:-$repo/artifacts/packages}"
rids="${*:-linux-x64 linux-arm64 win-x64 osx-arm64 osx-x64}"

mkdir -p "$feed"
echo "pack: GlmMcp for ${rids// /, } into $feed" >&2
dotnet pack "$repo/src/GlmMcp.Server/GlmMcp.Server.csproj" -c Release -o "$feed" -nologo -v quiet \
  "-p:GlmMcpPackRids=${rids// /+}" >&2
for package in "$feed"/GlmMcp.*.nupkg; do
  awk -v bytes="$(wc -c < "$package")" -v name="$(basename "$package")" 'BEGIN { printf "%8.1f MiB  %s\n", bytes / 1048576, name }'
done
