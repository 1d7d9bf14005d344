import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyUnifiedDiff, PatchError } from '../../src/core/unifiedDiff';

const page = ['<html>', '<body>', '  <button>One</button>', '  <button class="b">Two</button>', '  <button>Three</button>', '</body>', '</html>', ''].join('\n');

describe('applyUnifiedDiff', () => {
    test('replaces only the changed line', () => {
        const diff = [
            '--- a/index.html',
            '+++ b/index.html',
            '@@ -3,3 +3,3 @@',
            '   <button>One</button>',
            '-  <button class="b">Two</button>',
            '+  <button class="b" style="background:#003">Two</button>',
            '   <button>Three</button>',
        ].join('\n');
        assert.equal(applyUnifiedDiff(page, diff), page.replace('class="b">', 'class="b" style="background:#003">'));
    });

    test('applies several hunks, insertions and removals, keeping CRLF line ends', () => {
        const crlf = page.replace(/\n/g, '\r\n');
        const diff = ['@@ -1,2 +1,3 @@', ' <html>', '+<!-- edited -->', ' <body>', '@@ -5,2 +6,1 @@', '-  <button>Three</button>', ' </body>'].join('\n');
        const out = applyUnifiedDiff(crlf, diff);
        assert.equal(out, ['<html>', '<!-- edited -->', '<body>', '  <button>One</button>', '  <button class="b">Two</button>', '</body>', '</html>', ''].join('\r\n'));
    });

    test('finds a hunk that moved because lines were added above it', () => {
        const moved = `<!-- a -->\n<!-- b -->\n${page}`;
        const diff = ['@@ -5,1 +5,1 @@', '-  <button>Three</button>', '+  <button>3</button>'].join('\n');
        assert.equal(applyUnifiedDiff(moved, diff), moved.replace('<button>Three', '<button>3'));
    });

    test('a hunk whose text is gone is refused, never half-applied', () => {
        const diff = ['@@ -3,1 +3,1 @@', '-  <button>Four</button>', '+  <button>4</button>'].join('\n');
        assert.throws(() => applyUnifiedDiff(page, diff), PatchError);
        assert.throws(() => applyUnifiedDiff(page, 'no hunks here'), /no diff hunks/);
    });
});
