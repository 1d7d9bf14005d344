import '../support/useVscodeStub';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type * as vscodeTypes from 'vscode';
import { buildServerLaunch } from '../../src/core/serverDefinition';
import { defaultSettings } from '../../src/core/settings';
import { ClientHost } from '../../src/vscode/clientHost';
import type { LaunchSource } from '../../src/vscode/launchSource';
import { chromiumPath } from '../support/chromium';
import { serverExecutable } from '../support/server';
import { EventEmitter } from '../support/vscodeStub';

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await new Promise((r) => setTimeout(r, 50));
    }
}

describe('the commands’ client host against the real glm-mcp server', () => {
    let workspace: string;
    const changed = new EventEmitter<void>();
    const log: string[] = [];
    let host: ClientHost;

    before(() => {
        workspace = mkdtempSync(path.join(tmpdir(), 'glm-mcp-host-'));
        const source = {
            onDidChange: changed.event,
            roots: () => [workspace],
            launch: () =>
                Promise.resolve(
                    buildServerLaunch(
                        { ...defaultSettings, serverPath: serverExecutable(), chromiumPath },
                        { extensionPath: '/unused', platform: process.platform, workspaceFolders: [workspace], extensionVersion: '0' },
                    ),
                ),
        };
        const channel = { appendLine: (line: string) => log.push(line) };
        host = new ClientHost(source as unknown as LaunchSource, channel as unknown as vscodeTypes.OutputChannel, '0');
    });

    after(() => {
        host?.dispose();
        rmSync(workspace, { recursive: true, force: true });
    });

    test('starts one server on first use and shares it between commands', async () => {
        const [a, b] = await Promise.all([host.get(), host.get()]);
        assert.equal(a, b);
        assert.ok(a.pid);
        assert.ok(log.some((l) => l.startsWith('[start] ') && l.includes(' serve ')), log.join('\n'));
    });

    test('a settings change stops the server; the next command starts one with the new arguments', async () => {
        const first = await host.get();
        changed.fire();
        const second = await host.get();
        assert.notEqual(second, first);
        assert.notEqual(second.pid, first.pid);
        assert.deepEqual((await second.listTools()).some((t) => t.name === 'render_page'), true);
    });

    test('when the server dies, the next command starts a fresh one', async () => {
        const before = await host.get();
        const exits = () => log.filter((l) => l === '[exit] glm-mcp stopped').length;
        const seen = exits();
        process.kill(before.pid!, 'SIGKILL');
        await waitFor(() => exits() > seen, 'the exit to be noticed');
        const after = await host.get();
        assert.notEqual(after.pid, before.pid);
        const view = await after.renderPage({ html: '<p>alive</p>', width: 64, height: 64 });
        assert.equal(view.width, 64);
    });
});
