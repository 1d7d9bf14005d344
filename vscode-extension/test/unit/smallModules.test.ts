import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ensureExecutable } from '../../src/core/ensureExecutable';
import { imageBytesToDataUri, pngSize, sniffImageMime } from '../../src/core/images';
import { lastProgressLine, ProgressTracker } from '../../src/core/progress';
import { settingKeys } from '../../src/core/settings';
import { buildWebviewHtml, contentSecurityPolicy, createNonce } from '../../src/core/webviewHtml';
import { encodePng } from '../support/png';

describe('webview HTML', () => {
    test('the CSP loads nothing by default, images only as data URIs or from media, scripts only with the nonce', () => {
        const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', 'abc');
        assert.match(csp, /default-src 'none'/);
        assert.match(csp, /img-src data: https:\/\/file\+\.vscode-resource\.vscode-cdn\.net(;|$)/);
        assert.match(csp, /script-src 'nonce-abc'(;|$)/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    });

    test('the page carries the CSP and the nonce on its only script, and nonces differ per page', () => {
        const nonce = createNonce();
        const html = buildWebviewHtml({ title: 'T "x"', cspSource: 'vscode-resource:', nonce, scriptUri: 'vscode-resource:/m/dist/a.js', styleUris: ['vscode-resource:/m/a.css'], body: '<p></p>' });
        assert.equal((html.match(/<script/g) ?? []).length, 1);
        assert.ok(html.includes(`<script nonce="${nonce}" src="vscode-resource:/m/dist/a.js">`));
        assert.ok(html.includes('http-equiv="Content-Security-Policy"'));
        assert.ok(html.includes('<title>T &quot;x&quot;</title>'));
        assert.notEqual(createNonce(), nonce);
        assert.ok(nonce.length >= 22);
    });
});

describe('images', () => {
    test('the type comes from the bytes, not the name', () => {
        const bytes = encodePng(3, 2, () => [0, 0, 0, 255]);
        assert.equal(sniffImageMime(bytes), 'image/png');
        assert.deepEqual(pngSize(bytes), { width: 3, height: 2 });
        assert.match(imageBytesToDataUri(bytes, 'shot.jpg'), /^data:image\/png;base64,/);
        assert.throws(() => imageBytesToDataUri(Buffer.from('hello'), 'fake.png'), /fake\.png is not a PNG/);
    });
});

describe('progress', () => {
    test('MCP totals become VS Code increments, never backwards', () => {
        const tracker = new ProgressTracker();
        assert.deepEqual(tracker.next({ progress: 1, total: 4, message: 'round 1/4: score 0.52' }), { increment: 25, message: 'round 1/4: score 0.52' });
        assert.deepEqual(tracker.next({ progress: 3, total: 4, message: undefined }), { increment: 50, message: '3/4' });
        assert.deepEqual(tracker.next({ progress: 2, total: 4, message: 'late' }), { increment: undefined, message: 'late' });
        assert.deepEqual(tracker.next({ progress: 7, total: undefined, message: undefined }), { increment: undefined, message: undefined });
    });

    test('the latest pull progress line is read from a chunk of output', () => {
        assert.equal(lastProgressLine('text.gguf: 10% of 5.1 GB\ntext.gguf: 20% of 5.1 GB\n'), 'text.gguf: 20% of 5.1 GB');
        assert.equal(lastProgressLine('\rmmproj.gguf [##..] 13.0% 1.3 GB / 2 GB   '), 'mmproj.gguf [##..] 13.0% 1.3 GB / 2 GB');
        assert.equal(lastProgressLine('pulling GLM-4.6V-Flash: the default\n'), undefined);
    });
});

describe('package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
        engines: { vscode: string };
        devDependencies: Record<string, string>;
        contributes: { configuration: { properties: Record<string, unknown> } };
    };

    test('every setting the extension reads is contributed, and no other', () => {
        const contributed = Object.keys(pkg.contributes.configuration.properties).sort();
        assert.deepEqual(contributed, Object.values(settingKeys).map((k) => `glmMcp.${k}`).sort());
        assert.equal(contributed.some((k) => /key|token|secret/i.test(k)), false);
    });

    test('the VS Code engine floor equals the @types/vscode version (vsce requires it)', () => {
        assert.equal(pkg.engines.vscode, `^${pkg.devDependencies['@types/vscode']}`);
    });
});

describe('ensureExecutable', () => {
    test('gives the bundled server back its executable bits, and leaves Windows and missing files alone', () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'glm-mcp-exec-'));
        try {
            const file = path.join(dir, 'glm-mcp');
            writeFileSync(file, '#!/bin/sh\n');
            chmodSync(file, 0o644);
            assert.equal(ensureExecutable(file, 'linux'), true);
            assert.equal(statSync(file).mode & 0o111, 0o111);
            assert.equal(ensureExecutable(path.join(dir, 'missing'), 'linux'), true);
            chmodSync(file, 0o644);
            assert.equal(ensureExecutable(file, 'win32'), true);
            assert.equal(statSync(file).mode & 0o111, 0);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
