// Packages one platform-specific .vsix per VS Code target given (default: this machine's), each carrying the
// self-contained server for that target: glm-mcp-<target>.vsix. This machine's target is packaged last, so server/
// is left holding the server that runs here (the integration tests use it).
//   node scripts/package-targets.mjs [linux-x64] [linux-arm64] [win32-x64] [darwin-arm64] [darwin-x64]
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const rids = { 'linux-x64': 'linux-x64', 'linux-arm64': 'linux-arm64', 'win32-x64': 'win-x64', 'darwin-arm64': 'osx-arm64', 'darwin-x64': 'osx-x64' };
const here = `${process.platform}-${process.arch}`;
const asked = process.argv.slice(2);
const unknown = asked.filter((t) => !(t in rids));
if (unknown.length > 0) {
    console.error(`Unknown VS Code target(s) ${unknown.join(', ')}: use ${Object.keys(rids).join(', ')}.`);
    process.exit(2);
}
const targets = asked.length > 0 ? asked : [here];
targets.sort((a, b) => Number(a === here) - Number(b === here));

const run = (command, args, env) => {
    const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    if (result.status !== 0) {
        console.error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
        process.exit(1);
    }
};

for (const target of targets) {
    const out = `glm-mcp-${target}.vsix`;
    run(process.execPath, [path.join(root, 'scripts', 'publish-server.mjs')], { GLM_MCP_RID: rids[target] });
    run(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--target', target,
        '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out]);
    console.log(`${out}: ${(statSync(path.join(root, out)).size / 1048576).toFixed(1)} MiB`);
}
