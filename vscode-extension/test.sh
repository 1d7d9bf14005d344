#!/usr/bin/env bash
# Installs (npm ci), lints, type-checks, packages (esbuild bundle + the server published from ../src + vsce) and runs
# every extension test under node's test runner: unit tests with a stubbed `vscode`, the MCP client against the real
# glm-mcp, the Visual Edit page in headless Chromium, and the .vsix listing. Exit code non-zero on any failure; the last
# line is "vscode-extension: N passed, N failed".
# Like an incremental build, each step before the tests is skipped when the key of its inputs (scripts/inputs-key.mjs:
# the files it reads and the tool versions) and of its outputs is the one it last passed with; a warm run with no
# change goes straight to the tests. The stamps live in node_modules/.cache/glm-mcp-test (npm ci starts them afresh).
# Needs: Node 20+, the .NET 10 SDK, Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
# Options: --no-install skips npm ci; --build-only runs the steps and no test (no summary line); --tests-only runs the
# tests on what the steps last made. tests/run.sh runs the steps beside `dotnet build` and the tests beside the .NET
# tests, so the heavy packaging never competes with a test's timing.
set -uo pipefail
cd "$(dirname "$0")"

install=1 steps=1 tests=1
for arg in "$@"; do
    case "$arg" in
        --no-install) install=0 ;;
        --build-only) tests=0 ;;
        --tests-only) steps=0 ;;
        *) echo "test.sh: unknown option $arg (known: --no-install, --build-only, --tests-only)"; exit 2 ;;
    esac
done

fail_build() {
    echo "vscode-extension: $1 failed"
    echo "vscode-extension: 0 passed, 1 failed"
    exit 1
}

stamps=node_modules/.cache/glm-mcp-test
key() { node scripts/inputs-key.mjs "$@"; }
# step NAME "INPUT-KEY ARGS" "OUTPUT PATHS" COMMAND...: runs COMMAND unless NAME last passed with these inputs and
# outputs, then records them.
step() {
    local name=$1 inputs outputs=$3
    inputs=$(key $2) || fail_build "hashing the inputs of $name"
    shift 3
    if [[ -f "$stamps/$name" && "$(cat "$stamps/$name")" == "$inputs $(key $outputs)" ]]; then
        echo "vscode-extension: $name is up to date"
        return
    fi
    "$@" || fail_build "$name"
    mkdir -p "$stamps" && echo "$inputs $(key $outputs)" > "$stamps/$name"
}

sources="src test media scripts package.json package-lock.json esbuild.mjs eslint.config.mjs .vscodeignore README.md $(echo tsconfig*.json)"
server="../src ../third_party ../Directory.Build.props ../Directory.Packages.props ../global.json"

if [[ $steps == 1 ]]; then
    if [[ $install == 1 ]]; then
        step npm-ci "--setting node-$(node --version) package.json package-lock.json" "" npm ci --no-audit --no-fund
    fi
    step lint "$sources" "" npm run --silent lint
    step typecheck "$sources" "" npm run --silent typecheck
    step package "--setting dotnet-$(dotnet --version) $sources $server" "dist media/dist server glm-mcp-$(node -p 'process.platform + "-" + process.arch').vsix" \
        npm run --silent package
    step compile-tests "$sources" "out" npm run --silent compile-tests
fi
[[ $tests == 1 ]] || exit 0

export GLM_MCP_SERVER="${GLM_MCP_SERVER:-$PWD/server/glm-mcp}"
results=test-results/node-test.tap
mkdir -p test-results
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
