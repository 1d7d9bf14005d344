import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maxInstructionLength, parseCompareToWebview, parseVisualEditToExtension, parseVisualEditToWebview } from '../../src/core/messages';

const image = 'data:image/png;base64,iVBORw0KGgo=';
const bounds = { width: 1280, height: 800 };

describe('Visual Edit messages, page → extension', () => {
    test('an edit inside the image is accepted with a trimmed instruction', () => {
        assert.deepEqual(
            parseVisualEditToExtension({ type: 'edit', shape: 'ellipse', region: { x: 10, y: 20, width: 30, height: 40, extra: 1 }, instruction: '  make it blue ' }, bounds),
            { type: 'edit', shape: 'ellipse', region: { x: 10, y: 20, width: 30, height: 40 }, instruction: 'make it blue' },
        );
    });

    test('regions outside the image, fractional, empty or negative are refused', () => {
        for (const region of [
            { x: 1270, y: 0, width: 20, height: 10 },
            { x: 0, y: 790, width: 10, height: 20 },
            { x: 1.5, y: 0, width: 10, height: 10 },
            { x: 0, y: 0, width: 0, height: 10 },
            { x: -1, y: 0, width: 10, height: 10 },
            { x: '0', y: 0, width: 10, height: 10 },
        ]) {
            assert.equal(parseVisualEditToExtension({ type: 'edit', shape: 'box', region, instruction: 'x' }, bounds), undefined, JSON.stringify(region));
        }
    });

    test('an edit before any image was shown, with an empty or overlong instruction, or an unknown shape is refused', () => {
        const region = { x: 0, y: 0, width: 10, height: 10 };
        assert.deepEqual(parseVisualEditToExtension({ type: 'edit', shape: 'box', region, instruction: 'x' }, undefined)?.type, 'edit');
        assert.equal(parseVisualEditToExtension({ type: 'edit', shape: 'box', region, instruction: '   ' }, bounds), undefined);
        assert.equal(parseVisualEditToExtension({ type: 'edit', shape: 'box', region, instruction: 'x'.repeat(maxInstructionLength + 1) }, bounds), undefined);
        assert.equal(parseVisualEditToExtension({ type: 'edit', shape: 'star', region, instruction: 'x' }, bounds), undefined);
    });

    test('the simple messages pass, unknown ones and non-objects do not', () => {
        for (const type of ['ready', 'apply', 'discard', 'refresh']) {
            assert.deepEqual(parseVisualEditToExtension({ type, junk: true }, bounds), { type });
        }
        assert.equal(parseVisualEditToExtension({ type: 'runCommand', command: 'workbench.action.terminal.new' }, bounds), undefined);
        assert.equal(parseVisualEditToExtension('apply', bounds), undefined);
        assert.equal(parseVisualEditToExtension(null, bounds), undefined);
    });
});

describe('Visual Edit messages, extension → page', () => {
    test('show needs an image data URI and a positive whole size', () => {
        assert.deepEqual(parseVisualEditToWebview({ type: 'show', image, width: 1280, height: 800, title: 'a.html' }), { type: 'show', image, width: 1280, height: 800, title: 'a.html' });
        assert.equal(parseVisualEditToWebview({ type: 'show', image: 'https://evil.example/x.png', width: 1, height: 1, title: '' }), undefined);
        assert.equal(parseVisualEditToWebview({ type: 'show', image: 'data:text/html;base64,PHNjcmlwdD4=', width: 1, height: 1, title: '' }), undefined);
        assert.equal(parseVisualEditToWebview({ type: 'show', image, width: 0, height: 1, title: '' }), undefined);
    });

    test('a proposal may carry an after image, which must be a data URI', () => {
        assert.deepEqual(parseVisualEditToWebview({ type: 'proposal', message: 'ok' }), { type: 'proposal', message: 'ok', after: undefined });
        assert.equal(parseVisualEditToWebview({ type: 'proposal', message: 'ok', after: 'javascript:alert(1)' }), undefined);
    });
});

describe('Compare messages', () => {
    test('a diff with a malformed region is refused whole', () => {
        const base = { type: 'diff', mode: 'diff', summary: 's', before: image, after: image, width: 10, height: 10, explanation: undefined, diffImage: undefined };
        assert.ok(parseCompareToWebview({ ...base, regions: [{ x: 0, y: 0, width: 1, height: 1 }] }));
        assert.equal(parseCompareToWebview({ ...base, regions: [{ x: 0, y: 0, width: -1, height: 1 }] }), undefined);
        assert.equal(parseCompareToWebview({ ...base, regions: 'none' }), undefined);
        assert.equal(parseCompareToWebview({ ...base, mode: 'other', regions: [] }), undefined);
    });
});
