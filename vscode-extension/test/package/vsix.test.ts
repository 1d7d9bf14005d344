import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { listZip, readZipEntry, readZipFile } from '../support/zipListing';

const root = path.join(__dirname, '../../..');
const here = `${process.platform}-${process.arch}`;
const rids: Record<string, string> = { 'linux-x64': 'linux-x64', 'linux-arm64': 'linux-arm64', 'win32-x64': 'win-x64', 'darwin-arm64': 'osx-arm64', 'darwin-x64': 'osx-x64' };
const vsix = path.join(root, `glm-mcp-${here}.vsix`);
/** Every platform package made here: `npm run package` makes this machine's, `npm run package:all` all four. */
const packages = readdirSync(root).filter((f) => /^glm-mcp-.+\.vsix$/.test(f)).map((f) => ({ file: path.join(root, f), target: f.slice('glm-mcp-'.length, -'.vsix'.length) }));
const executable = (target: string): string => (target.startsWith('win32-') ? 'glm-mcp.exe' : 'glm-mcp');
const runtimeLibrary = (target: string): string => (target.startsWith('win32-') ? 'coreclr.dll' : target.startsWith('darwin-') ? 'libcoreclr.dylib' : 'libcoreclr.so');

describe('the packaged .vsix files', () => {
    test(`this machine's (${here}) exists: npm run package produced it`, () => {
        assert.ok(existsSync(vsix), `${vsix} is missing: run "npm run package" first`);
    });

    for (const { file, target } of packages) {
        test(`${path.basename(file)} is marked for ${target} and carries that platform's self-contained server and nothing of another's`, () => {
            assert.ok(target in rids, `${target} is a target this extension ships for`);
            const manifest = readZipFile(file, 'extension.vsixmanifest').toString('utf8');
            assert.match(manifest, new RegExp(`TargetPlatform="${target}"`));
            const names = listZip(file).map((e) => e.name);
            for (const name of [executable(target), 'glm-mcp.dll', runtimeLibrary(target)]) {
                assert.ok(names.includes(`extension/server/${name}`), `extension/server/${name} is in ${path.basename(file)}`);
            }
            const foreign = names.filter((n) => n.startsWith('extension/server/runtimes/') && !n.startsWith(`extension/server/runtimes/${rids[target]}/`));
            assert.deepEqual(foreign, []);
        });
    }

    test('holds the manifest, the bundle, the webview media and the executable server', () => {
        const entries = listZip(vsix);
        const names = new Set(entries.map((e) => e.name));
        for (const name of [
            'extension/package.json',
            'extension/readme.md',
            'extension/dist/extension.js',
            'extension/media/common.css',
            'extension/media/visualEdit.css',
            'extension/media/dist/visualEdit.js',
            'extension/media/dist/compare.js',
            `extension/server/${executable(here)}`,
            'extension/server/glm-mcp.dll',
        ]) {
            assert.ok(names.has(name), `${name} is in the package`);
        }
        const server = entries.find((e) => e.name === `extension/server/${executable(here)}`);
        assert.equal((server?.mode ?? 0) & 0o111, 0o111, 'the server keeps its executable bits');
    });

    test('the server unpacked from this machine’s package starts with no .NET on PATH and an MCP client lists its tools', async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), 'glm-mcp-vsix-'));
        try {
            const zip = readFileSync(vsix);
            for (const entry of listZip(vsix).filter((e) => e.name.startsWith('extension/server/') && !e.name.endsWith('/'))) {
                const target = path.join(folder, entry.name.slice('extension/server/'.length));
                mkdirSync(path.dirname(target), { recursive: true });
                writeFileSync(target, readZipEntry(zip, entry));
                chmodSync(target, entry.mode || 0o644);
            }
            const transport = new StdioClientTransport({
                command: path.join(folder, executable(here)),
                args: ['serve'],
                cwd: folder,
                // A self-contained server needs no dotnet: PATH holds only the system folders, DOTNET_ROOT is unset.
                env: { PATH: '/usr/bin:/bin', HOME: folder },
                stderr: 'ignore',
            });
            const client = new Client({ name: 'vsix-test', version: '1' });
            await client.connect(transport);
            try {
                assert.equal(client.getServerVersion()?.name, 'glm-mcp');
                const tools = (await client.listTools()).tools.map((t) => t.name);
                assert.ok(tools.includes('render_page') && tools.includes('visual_diff'), tools.join(', '));
            } finally {
                await client.close();
            }
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    test('keeps sources, tests, source maps, debug symbols and node_modules out', () => {
        const leaked = listZip(vsix)
            .map((e) => e.name)
            .filter((n) => /^extension\/(src|test|out|node_modules|scripts)\//.test(n) || /\.(ts|map|pdb)$/.test(n) || /tsconfig|eslint|\.vscode-test/.test(n));
        assert.deepEqual(leaked, []);
    });

    test('its package.json is the one built here, pointing at the bundled entry point and asking for VS Code 1.101 (the MCP server API)', () => {
        const packaged = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; engines: { vscode: string } };
        assert.equal(packaged.main, './dist/extension.js');
        assert.equal(packaged.engines.vscode, '^1.101.0');
        assert.ok(listZip(vsix).some((e) => e.name === `extension/${packaged.main.slice(2)}`));
    });
});
