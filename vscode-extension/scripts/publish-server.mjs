// Publishes the glm-mcp server into server/ for packaging in a .vsix: self-contained (the user needs no .NET runtime)
// and ReadyToRun (no JIT for the app at start). GLM_MCP_RID picks the platform (linux-x64, linux-arm64, win-x64,
// osx-arm64, osx-x64); by default this machine's. The project keeps only that platform's native libraries.
// The build's own restore and intermediate files go to ../artifacts/publish-server (--artifacts-path), not src/*/obj: a
// self-contained restore there would replace the one the checkout's Debug build uses, and the next `dotnet build` would
// restore and recompile every project again.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const project = path.join(root, '..', 'src', 'GlmMcp.Server');
const out = path.join(root, 'server');
const artifacts = path.join(root, '..', 'artifacts', 'publish-server');
const platforms = { linux: 'linux', darwin: 'osx', win32: 'win' };
const rid = process.env.GLM_MCP_RID ?? `${platforms[process.platform] ?? process.platform}-${process.arch}`;

rmSync(out, { recursive: true, force: true });
const args = ['publish', project, '-c', 'Release', '-r', rid, '--self-contained', 'true', '-p:PublishReadyToRun=true', '-o', out,
    '-p:UseAppHost=true', '-p:DebugType=none', '-p:DebugSymbols=false', '--artifacts-path', artifacts, '--nologo', '-v', 'q'];
console.log(`dotnet ${args.join(' ')}`);
const result = spawnSync('dotnet', args, { stdio: 'inherit' });
if (result.status !== 0) {
    console.error(`dotnet publish failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
}
