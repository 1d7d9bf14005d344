#!/usr/bin/env bash
# Renders the fixture pages in pages/ to PNGs with headless Chromium. The PNGs are committed; rerun only to
# regenerate them (then rerun counts.mjs and update the expected counts in the tests).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../../tests/GlmMcp.Core.Tests/Imaging/Fixtures}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
mkdir -p "$out"
render() { # page width height
    local profile; profile="$(mktemp -d)"
    "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
        --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$profile" \
        --screenshot="$out/$1.png" --window-size="$2,$3" "file://$here/pages/$1.html" 2>/dev/null
    rm -rf "$profile"
}
for side in before after; do
    render "text-$side" 420 150
    render "shapes-$side" 360 200
    render "layout-$side" 360 200
done
# The 3840×2160 benchmark pair (not committed; `glm-mcp-bench diff` takes the two files): render-fixtures.sh DIR 4k
if [[ "${2:-}" == "4k" ]]; then
    render bench-before 3840 2160
    render bench-after 3840 2160
fi
