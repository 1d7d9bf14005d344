import '../support/useVscodeStub';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type * as vscodeTypes from 'vscode';
import { buildServerLaunch } from '../../src/core/serverDefinition';
import { defaultSettings } from '../../src/core/settings';
import { ClientHost } from '../../src/vscode/clientHost';
import type { LaunchSource } from '../../src/vscode/launchSource';
import { ProposalDocuments } from '../../src/vscode/proposalDocuments';
import { previewViewport, VisualEditPanel } from '../../src/vscode/visualEditPanel';
import { chromiumPath } from '../support/chromium';
import { decodePng, isColor, pixelAt } from '../support/png';
import { serverExecutable } from '../support/server';
import { EventEmitter, type FakeWebviewPanel, stub, Uri } from '../support/vscodeStub';

type Posted = { type: string; [k: string]: unknown };

async function next(panel: FakeWebviewPanel, type: string, after = 0, timeoutMs = 120_000): Promise<Posted> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const found = (panel.posted.slice(after) as Posted[]).find((m) => m.type === type);
        if (found) {
            return found;
        }
        if (Date.now() > deadline) {
            throw new Error(`no '${type}' message; got ${JSON.stringify(panel.posted.map((m) => (m as Posted).type))}`);
        }
        await new Promise((r) => setTimeout(r, 50));
    }
}

describe('the Visual Edit panel (stubbed VS Code, real glm-mcp)', () => {
    let workspace: string;
    let host: ClientHost;
    let proposals: ProposalDocuments;
    let panel: FakeWebviewPanel;
    const file = (): string => path.join(workspace, 'index.html');

    before(() => {
        stub.reset();
        workspace = mkdtempSync(path.join(tmpdir(), 'glm-mcp-panel-'));
        writeFileSync(file(), '<html><body style="margin:0;background:#fff"><div id="go" style="position:absolute;left:100px;top:50px;width:200px;height:80px;background:#00ff00"></div></body></html>');
        const source = {
            onDidChange: new EventEmitter<void>().event,
            roots: () => [workspace],
            launch: () =>
                Promise.resolve(
                    buildServerLaunch(
                        { ...defaultSettings, serverPath: serverExecutable(), chromiumPath },
                        { extensionPath: '/unused', platform: process.platform, workspaceFolders: [workspace], extensionVersion: '0' },
                    ),
                ),
        };
        host = new ClientHost(source as unknown as LaunchSource, { appendLine() {} } as unknown as vscodeTypes.OutputChannel, '0');
        proposals = new ProposalDocuments();
        VisualEditPanel.createOrShow(
            Uri.file('/ext') as unknown as vscodeTypes.Uri,
            Uri.file(file()) as unknown as vscodeTypes.Uri,
            host,
            proposals,
        );
        panel = stub.panels[0]!;
    });

    after(async () => {
        try {
            panel?.dispose();
        } finally {
            await host?.reset();
            host?.dispose();
            rmSync(workspace, { recursive: true, force: true });
        }
    });

    test('opens a webview limited to media/, with a CSP and a nonce on its one script', () => {
        assert.equal(stub.panels.length, 1);
        assert.equal(panel.title, 'Visual Edit: index.html');
        assert.equal(panel.options.enableScripts, true);
        assert.deepEqual(panel.options.localResourceRoots?.map((u) => u.path), ['/ext/media']);
        const nonce = /<script nonce="([^"]+)" src="vscode-webview-resource:\/\/\/ext\/media\/dist\/visualEdit\.js">/.exec(panel.webview.html)?.[1];
        assert.ok(nonce, panel.webview.html);
        assert.ok(panel.webview.html.includes(`script-src 'nonce-${nonce}'`));
    });

    test('when the page is ready, the file is rendered by the server and shown in image pixels', async () => {
        panel.receive({ type: 'ready' });
        const show = await next(panel, 'show');
        assert.equal(show['title'], 'index.html');
        assert.equal(show['width'], previewViewport.width);
        assert.ok((show['height'] as number) >= previewViewport.height);
        const png = decodePng(Buffer.from((show['image'] as string).split(',')[1]!, 'base64'));
        assert.deepEqual([png.width, png.height], [show['width'], show['height']]);
        assert.ok(isColor(pixelAt(png, 200, 90), [0, 255, 0]), 'the green block is where the page puts it');
        assert.ok(isColor(pixelAt(png, 99, 90), [255, 255, 255]), 'and only there');
    });

    test('an edit outside the shown image, or of an unknown kind, is ignored', async () => {
        const count = panel.posted.length;
        panel.receive({ type: 'edit', shape: 'box', region: { x: 1200, y: 0, width: 500, height: 10 }, instruction: 'x' });
        panel.receive({ type: 'openTerminal' });
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(panel.posted.length, count);
    });

    test('a valid edit calls locate_and_edit with the region; when it cannot run here the panel shows why', async () => {
        const count = panel.posted.length;
        panel.receive({ type: 'edit', shape: 'box', region: { x: 100, y: 50, width: 200, height: 80 }, instruction: 'make it blue' });
        const busy = await next(panel, 'busy', count);
        assert.match(busy['message'] as string, /editing/i);
        const error = await next(panel, 'error', count);
        // Here it cannot succeed: the server either lacks locate_and_edit or has no model to run it with.
        assert.match(error['message'] as string, /locate_and_edit|model|engine|pull/i);
        assert.equal(stub.executed.length, 0, 'no diff view is opened for a failed edit');
    });
});
