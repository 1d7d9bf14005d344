// Publishes the glm-mcp server into server/ for packaging in the .vsix (framework-dependent: needs the .NET 10
// runtime on the user's machine). GLM_MCP_RID picks another platform, e.g. win-x64, osx-arm64, linux-arm64.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const project = path.join(root, '..', 'src', 'GlmMcp.Server');
const out = path.join(root, 'server');
const platforms = { linux: 'linux', darwin: 'osx', win32: 'win' };
const rid = process.env.GLM_MCP_RID ?? `${platforms[process.platform] ?? process.platform}-${process.arch}`;

rmSync(out, { recursive: true, force: true });
const args = ['publish', project, '-c', 'Release', '-r', rid, '--self-contained', 'false', '-o', out, '-p:UseAppHost=true', '-p:DebugType=none', '-p:DebugSymbols=false', '--nologo', '-v', 'q'];
console.log(`dotnet ${args.join(' ')}`);
const result = spawnSync('dotnet', args, { stdio: 'inherit' });
if (result.status !== 0) {
    console.error(`dotnet publish failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
}

// Native packages (LLamaSharp's backends) copy every platform's libraries; only this RID's are ever loaded.
const runtimes = path.join(out, 'runtimes');
if (existsSync(runtimes)) {
    for (const other of readdirSync(runtimes).filter((r) => r !== rid)) {
        rmSync(path.join(runtimes, other), { recursive: true, force: true });
    }
}
