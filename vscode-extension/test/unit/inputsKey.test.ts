import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const script = path.join(__dirname, '../../../scripts/inputs-key.mjs');

describe('scripts/inputs-key.mjs, the key of test.sh’s up-to-date checks', () => {
    let folder: string;
    const key = (...args: string[]): string => {
        const run = spawnSync(process.execPath, [script, ...args], { cwd: folder, encoding: 'utf8' });
        assert.equal(run.status, 0, run.stderr);
        return run.stdout.trim();
    };
    const write = (file: string, text: string): void => {
        mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
        writeFileSync(path.join(folder, file), text);
    };

    before(() => {
        folder = mkdtempSync(path.join(tmpdir(), 'glm-mcp-inputs-key-'));
        write('package.json', '{}');
        write('src/a.ts', 'export const a = 1;');
        write('src/core/b.ts', 'export const b = 2;');
    });

    after(() => rmSync(folder, { recursive: true, force: true }));

    test('stands while nothing changes and moves when a source is edited, added, renamed or removed', () => {
        const first = key('src', 'package.json');
        const again = key('src', 'package.json');
        write('src/core/b.ts', 'export const b = 3;');
        const edited = key('src', 'package.json');
        write('src/core/c.ts', 'export const c = 4;');
        const added = key('src', 'package.json');
        renameSync(path.join(folder, 'src/core/c.ts'), path.join(folder, 'src/core/d.ts'));
        const renamed = key('src', 'package.json');
        rmSync(path.join(folder, 'src/core/d.ts'));
        const removed = key('src', 'package.json');

        assert.match(first, /^[0-9a-f]{64}$/);
        assert.equal(again, first);
        assert.equal(new Set([first, edited, added, renamed, removed]).size, 4, 'removing the added file brings back the edited key only');
        assert.equal(removed, edited);
    });

    test('moves with a setting and with a named file appearing, but not with build outputs inside a folder', () => {
        const first = key('--setting', 'node v20', 'src', 'missing.json');
        const otherSetting = key('--setting', 'node v22', 'src', 'missing.json');
        write('src/out/a.js', 'compiled');
        write('src/node_modules/x/index.js', 'installed');
        write('src/dist/bundle.js', 'bundled');
        write('src/server/glm-mcp', 'published');
        write('src/glm-mcp-linux-x64.vsix', 'packaged');
        const withOutputs = key('--setting', 'node v20', 'src', 'missing.json');
        write('missing.json', '{}');
        const appeared = key('--setting', 'node v20', 'src', 'missing.json');

        assert.equal(withOutputs, first);
        assert.equal(new Set([first, otherSetting, appeared]).size, 3);
        assert.notEqual(key('src/dist'), key('src/out'), 'a build output folder named directly is read');
    });
});
