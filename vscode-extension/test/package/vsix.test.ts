import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { listZip } from '../support/zipListing';

const root = path.join(__dirname, '../../..');
const vsix = path.join(root, 'glm-mcp.vsix');

describe('the packaged .vsix', () => {
    test('exists: npm run package produced it', () => {
        assert.ok(existsSync(vsix), `${vsix} is missing: run "npm run package" first`);
    });

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
            'extension/server/glm-mcp',
            'extension/server/glm-mcp.dll',
        ]) {
            assert.ok(names.has(name), `${name} is in the package`);
        }
        const server = entries.find((e) => e.name === 'extension/server/glm-mcp');
        assert.equal((server?.mode ?? 0) & 0o111, 0o111, 'the server keeps its executable bits');
    });

    test('keeps sources, tests, source maps, debug symbols and node_modules out', () => {
        const leaked = listZip(vsix)
            .map((e) => e.name)
            .filter((n) => /^extension\/(src|test|out|node_modules|scripts)\//.test(n) || /\.(ts|map|pdb)$/.test(n) || /tsconfig|eslint|\.vscode-test/.test(n));
        assert.deepEqual(leaked, []);
    });

    test('its package.json is the one built here, pointing at the bundled entry point', () => {
        const packaged = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; contributes: unknown };
        assert.equal(packaged.main, './dist/extension.js');
        assert.ok(listZip(vsix).some((e) => e.name === `extension/${packaged.main.slice(2)}`));
    });
});
