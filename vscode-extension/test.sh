#!/usr/bin/env bash
# Installs (npm ci), lints, type-checks, packages (esbuild bundle + the server published from ../src + vsce) and runs
# every extension test under node's test runner: unit tests with a stubbed `vscode`, the MCP client against the real
# glm-mcp, the Visual Edit page in headless Chromium, and the .vsix listing. Exit code non-zero on any failure; the last
# line is "vscode-extension: N passed, N failed".
# Needs: Node 20+, the .NET 10 SDK, Chromium at /usr/bin/chromium (or CHROMIUM_PATH). Pass --no-install to skip npm ci.
set -uo pipefail
cd "$(dirname "$0")"

fail_build() {
    echo "vscode-extension: $1 failed"
    echo "vscode-extension: 0 passed, 1 failed"
    exit 1
}

if [[ "${1:-}" != "--no-install" ]]; then
    npm ci --no-audit --no-fund || fail_build "npm ci"
fi
npm run --silent lint || fail_build "lint"
npm run --silent typecheck || fail_build "typecheck"
npm run --silent package || fail_build "npm run package"
npm run --silent compile-tests || fail_build "compiling the tests"

export GLM_MCP_SERVER="${GLM_MCP_SERVER:-$PWD/server/glm-mcp}"
results=out/test-results.tap
node --test --test-timeout=180000 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$results" \
    out/test/unit out/test/webview out/test/integration out/test/package
status=$?

passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$results" | tail -1)
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$results" | tail -1)
echo "vscode-extension: ${passed:-0} passed, ${failed:-1} failed"
if [[ $status -eq 0 && "${failed:-1}" != "0" ]]; then
    status=1
fi
exit $status
