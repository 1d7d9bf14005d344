import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GlmMcpClient } from '../../src/core/mcpClient';
import { parseCompareToWebview } from '../../src/core/messages';
import { runServerVerb } from '../../src/core/processRunner';
import { buildServerLaunch, type ServerLaunch } from '../../src/core/serverDefinition';
import { defaultSettings } from '../../src/core/settings';
import { ToolError } from '../../src/core/toolResults';
import { chromiumPath } from '../support/chromium';
import { decodePng, encodePng, isColor, pixelAt, type Rgba } from '../support/png';
import { serverExecutable } from '../support/server';

const white: Rgba = [255, 255, 255, 255];
const black: Rgba = [0, 0, 0, 255];
/** A 50×40 white picture; the "after" one has a black 10×10 block at (20,15): exactly 100 changed pixels. */
const beforePng = encodePng(50, 40, () => white);
const afterPng = encodePng(50, 40, (x, y) => (x >= 20 && x < 30 && y >= 15 && y < 25 ? black : white));
const dataUri = (png: Buffer): string => `data:image/png;base64,${png.toString('base64')}`;

describe('the MCP client module against the real glm-mcp server', () => {
    let workspace: string;
    let launch: ServerLaunch;
    let client: GlmMcpClient;

    before(async () => {
        workspace = mkdtempSync(path.join(tmpdir(), 'glm-mcp-ext-'));
        mkdirSync(path.join(workspace, 'shots'));
        writeFileSync(path.join(workspace, 'shots', 'before.png'), beforePng);
        writeFileSync(path.join(workspace, 'shots', 'after.png'), afterPng);
        // The same launch the MCP list and the commands use, from the extension's own settings mapping.
        launch = buildServerLaunch(
            { ...defaultSettings, serverPath: serverExecutable(), chromiumPath },
            { extensionPath: '/unused', platform: process.platform, workspaceFolders: [workspace], extensionVersion: '0.0.0-test' },
        );
        client = await GlmMcpClient.connect(launch, { roots: [workspace], inheritedEnv: process.env, clientVersion: '0.0.0-test' });
    });

    after(async () => {
        await client?.close();
        rmSync(workspace, { recursive: true, force: true });
    });

    test('lists the tools the extension calls, with their schemas', async () => {
        const tools = await client.listTools();
        const names = tools.map((t) => t.name);
        for (const name of ['render_page', 'visual_diff']) {
            assert.ok(names.includes(name), `${name} is listed (got ${names.join(', ') || 'no tools'})`);
        }
        const render = tools.find((t) => t.name === 'render_page');
        assert.match(JSON.stringify(render?.inputSchema), /"html"/);
    });

    test('a tool the server lacks fails with a message saying so, before any call is made', async () => {
        await client.requireTool('render_page');
        await assert.rejects(
            client.requireTool('no_such_tool'),
            (e: unknown) => e instanceof ToolError && /has no no_such_tool tool/.test(e.message),
        );
    });

    test('render_page: HTML in, a Chromium screenshot out, mapped to the preview model', async () => {
        const html = '<html><body style="margin:0;background:#fff"><div style="position:absolute;left:40px;top:60px;width:100px;height:100px;background:#ff0000"></div></body></html>';
        const view = await client.renderPage({ html, width: 320, height: 240 });
        assert.match(view.image.dataUri, /^data:image\/png;base64,/);
        assert.equal(view.width, 320);
        assert.equal(view.height, 240);
        assert.ok(view.elapsedMs > 0);
        assert.deepEqual(view.blockedRequests, []);
        const png = decodePng(Buffer.from(view.image.dataUri.split(',')[1]!, 'base64'));
        assert.equal(png.width, 320);
        assert.ok(isColor(pixelAt(png, 90, 110), [255, 0, 0]), 'red inside the square');
        assert.ok(isColor(pixelAt(png, 41, 61), [255, 0, 0]), 'red at its top-left corner');
        assert.ok(isColor(pixelAt(png, 39, 110), [255, 255, 255]), 'white left of it');
        assert.ok(isColor(pixelAt(png, 90, 161), [255, 255, 255]), 'white below it');
    });

    test('render_page: a file under the workspace root renders by path, as Visual Edit does', async () => {
        const file = path.join(workspace, 'page.html');
        writeFileSync(file, '<html><body style="margin:0;background:#0000ff"></body></html>');
        const view = await client.renderPage({ path: file, width: 200, height: 100, full_page: true });
        const png = decodePng(Buffer.from(view.image.dataUri.split(',')[1]!, 'base64'));
        assert.ok(isColor(pixelAt(png, 100, 50), [0, 0, 255]));
    });

    test('visual_diff on two data URIs: counts, the one region, the overlay, and the Compare page’s message', async () => {
        const view = await client.visualDiff({ before: dataUri(beforePng), after: dataUri(afterPng) });
        assert.equal(view.width, 50);
        assert.equal(view.height, 40);
        assert.equal(view.diffPixels, 100);
        assert.equal(view.identical, false);
        assert.equal(view.diffPercent, 5);
        assert.deepEqual(
            view.regions.map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })),
            [{ x: 20, y: 15, width: 10, height: 10 }],
        );
        assert.equal(view.summary, '100 pixels differ (5.00%) in 1 region.');
        assert.ok(view.diffImage, 'the overlay comes back as an image');
        const overlay = decodePng(Buffer.from(view.diffImage.dataUri.split(',')[1]!, 'base64'));
        assert.deepEqual([overlay.width, overlay.height], [50, 40]);
        const message = parseCompareToWebview({
            type: 'diff',
            mode: 'diff',
            summary: view.summary,
            before: dataUri(beforePng),
            after: dataUri(afterPng),
            diffImage: view.diffImage.dataUri,
            width: view.width,
            height: view.height,
            regions: view.regions,
            explanation: view.explanation,
        });
        assert.ok(message, 'the Compare page accepts what the extension would post');
        assert.equal(message.regions.length, 1);
    });

    test('visual_diff on two files under the root the client sent, and identical images', async () => {
        const shots = path.join(workspace, 'shots');
        const changed = await client.visualDiff({ before: path.join(shots, 'before.png'), after: path.join(shots, 'after.png'), diff_image: 'none' });
        assert.equal(changed.diffPixels, 100);
        const same = await client.visualDiff({ before: path.join(shots, 'before.png'), after: path.join(shots, 'before.png') });
        assert.equal(same.identical, true);
        assert.equal(same.summary, 'The images are identical.');
    });

    test('a problem the user can fix comes back as a ToolError with the server’s message, and the next call works', async () => {
        const outside = path.join(tmpdir(), `outside-${process.pid}.png`);
        writeFileSync(outside, beforePng);
        try {
            await assert.rejects(
                client.visualDiff({ before: outside, after: outside }),
                (e: unknown) => e instanceof ToolError && e.tool === 'visual_diff' && e.message.length > 0,
            );
        } finally {
            rmSync(outside, { force: true });
        }
        await assert.rejects(client.renderPage({ html: '<p>x</p>', width: 0 }), (e: unknown) => e instanceof ToolError && /width/i.test(e.message));
        const view = await client.renderPage({ html: '<p>still here</p>', width: 100, height: 100 });
        assert.equal(view.width, 100);
    });

    test('doctor, run with the extension’s engine and Chromium settings, passes and reports them and the workspace root', async () => {
        // The sampling engine needs no model files, so doctor passes on a machine that has never pulled one.
        const doctor = buildServerLaunch(
            { ...defaultSettings, engine: 'sampling', serverPath: launch.command, chromiumPath },
            { extensionPath: '/unused', platform: process.platform, workspaceFolders: [workspace], extensionVersion: '0' },
            'doctor',
        );
        const run = await runServerVerb(doctor);
        assert.equal(run.exitCode, 0, run.output);
        assert.ok(run.output.includes(workspace), run.output);
        assert.match(run.output, /engine\s+sampling/);
        assert.ok(run.output.includes(chromiumPath), run.output);
    });

    test('describe_image on the sampling engine, from a client that lends no model, says how to fix it', async () => {
        const sampling = buildServerLaunch(
            { ...defaultSettings, engine: 'sampling', serverPath: launch.command, chromiumPath },
            { extensionPath: '/unused', platform: process.platform, workspaceFolders: [workspace], extensionVersion: '0' },
        );
        const other = await GlmMcpClient.connect(sampling, { roots: [workspace], inheritedEnv: process.env, clientVersion: '0' });
        try {
            await assert.rejects(
                other.describeImage({ image: dataUri(afterPng), mode: 'describe' }),
                (e: unknown) => e instanceof ToolError && e.tool === 'describe_image' && /sampling/.test(e.message) && /--engine/.test(e.message),
            );
        } finally {
            await other.close();
        }
    });

    test('closing a client ends its server and reports the close once', async () => {
        let closed = 0;
        const second = await GlmMcpClient.connect(launch, { roots: [workspace], inheritedEnv: process.env, clientVersion: '0', onClose: () => closed++ });
        assert.ok(second.serverVersion, 'the server introduced itself');
        await second.close();
        assert.equal(closed, 1);
    });

    test('a server path that does not exist fails to connect with a message naming it', async () => {
        const missing = { ...launch, command: path.join(workspace, 'no-such-glm-mcp') };
        await assert.rejects(
            GlmMcpClient.connect(missing, { roots: [workspace], inheritedEnv: process.env, clientVersion: '0' }),
            (e: unknown) => e instanceof Error && e.message.includes('no-such-glm-mcp'),
        );
    });
});
