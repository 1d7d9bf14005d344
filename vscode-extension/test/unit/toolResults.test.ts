import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCompareToWebview } from '../../src/core/messages';
import { ToolError, toCodeView, toDescribeView, toDiffView, toEditView, toRenderView } from '../../src/core/toolResults';

const png = 'iVBORw0KGgo=';

describe('tool results → view models', () => {
    test('render_page: the image becomes a data URI and the JSON block the metrics', () => {
        const view = toRenderView({
            content: [
                { type: 'image', data: png, mimeType: 'image/png' },
                { type: 'text', text: JSON.stringify({ width: 1280, height: 800, elapsedMs: 42.5, blockedRequests: ['https://example.com/'], consoleErrors: [] }) },
            ],
        });
        assert.equal(view.image.dataUri, `data:image/png;base64,${png}`);
        assert.equal(view.width, 1280);
        assert.equal(view.height, 800);
        assert.equal(view.elapsedMs, 42.5);
        assert.deepEqual(view.blockedRequests, ['https://example.com/']);
    });

    test('an isError result becomes a ToolError carrying the server’s message', () => {
        assert.throws(
            () => toRenderView({ isError: true, content: [{ type: 'text', text: 'width must be between 1 and 16384; got 0.' }] }),
            (e: unknown) => e instanceof ToolError && e.tool === 'render_page' && e.message === 'width must be between 1 and 16384; got 0.',
        );
    });

    test('render_page without an image is an error, not an empty preview', () => {
        assert.throws(() => toRenderView({ content: [{ type: 'text', text: '{}' }] }), /no image/);
    });

    test('visual_diff: structured content wins, regions keep their pixels, and the summary counts them', () => {
        const view = toDiffView({
            content: [{ type: 'text', text: '{"diffPixels": 1}' }, { type: 'image', data: png, mimeType: 'image/png' }],
            structuredContent: {
                width: 200,
                height: 100,
                diffPixels: 1234,
                aaPixels: 7,
                diffPercent: 6.17,
                identical: false,
                regions: [
                    { x: 10, y: 20, width: 30, height: 40, pixels: 1200 },
                    { x: 100, y: 50, width: 2, height: 17, pixels: 34 },
                ],
                elapsedMs: 3,
            },
        });
        assert.equal(view.diffPixels, 1234);
        assert.equal(view.aaPixels, 7);
        assert.deepEqual(view.regions[0], { x: 10, y: 20, width: 30, height: 40, pixels: 1200 });
        assert.equal(view.summary, '1,234 pixels differ (6.17%) in 2 regions.');
        assert.equal(view.diffImage?.dataUri, `data:image/png;base64,${png}`);
    });

    test('visual_diff: snake_case fields and identical images read the same', () => {
        const view = toDiffView({ content: [{ type: 'text', text: '{"width":5,"height":5,"diff_pixels":0,"diff_percent":0,"identical":true,"regions":[]}' }] });
        assert.equal(view.identical, true);
        assert.equal(view.summary, 'The images are identical.');
        assert.equal(view.diffImage, undefined);
    });

    test('a diff view maps to a message the Compare page accepts', () => {
        const view = toDiffView({
            content: [{ type: 'text', text: '{"width":5,"height":4,"diffPixels":2,"diffPercent":10,"regions":[{"x":1,"y":1,"width":2,"height":1,"pixels":2}]}' }],
        });
        const message = parseCompareToWebview({
            type: 'diff',
            mode: 'diff',
            summary: view.summary,
            before: `data:image/png;base64,${png}`,
            after: `data:image/png;base64,${png}`,
            diffImage: undefined,
            width: view.width,
            height: view.height,
            regions: view.regions,
            explanation: undefined,
        });
        assert.deepEqual(message?.regions, [{ x: 1, y: 1, width: 2, height: 1, pixels: 2 }]);
    });

    test('screenshot_to_code: code, per-round scores, session and the last image as the final render', () => {
        const view = toCodeView({
            content: [
                { type: 'text', text: JSON.stringify({ code: '<html></html>', rounds: [{ round: 1, score: 0.61 }, { round: 2, score: 0.83 }], sessionId: 's1' }) },
                { type: 'image', data: 'AAAA', mimeType: 'image/png' },
            ],
        });
        assert.equal(view.code, '<html></html>');
        assert.deepEqual(view.scores, [0.61, 0.83]);
        assert.equal(view.sessionId, 's1');
        assert.equal(view.finalRender?.dataUri, 'data:image/png;base64,AAAA');
        assert.equal(view.summary, 'Generated in 2 rounds, best score 0.83.');
    });

    test('screenshot_to_code: no code produced reads as an empty result with the server’s message', () => {
        const view = toCodeView({ content: [{ type: 'text', text: '{"message":"The model produced no code in 3 rounds.","rounds":[]}' }] });
        assert.equal(view.code, '');
        assert.equal(view.summary, 'The model produced no code in 3 rounds.');
    });

    test('locate_and_edit: the diff, before/after renders and acceptance', () => {
        const diff = '--- a/index.html\n+++ b/index.html\n@@ -1 +1 @@\n-<b>x</b>\n+<b>y</b>\n';
        const view = toEditView({
            content: [
                { type: 'text', text: JSON.stringify({ diff, accepted: true, sessionId: 's', version: 2, changedRegions: [{ x: 1, y: 2, width: 3, height: 4 }] }) },
                { type: 'image', data: 'QkVG', mimeType: 'image/png' },
                { type: 'image', data: 'QUZU', mimeType: 'image/png' },
            ],
        });
        assert.equal(view.diff, diff);
        assert.equal(view.accepted, true);
        assert.equal(view.version, 2);
        assert.equal(view.before?.dataUri, 'data:image/png;base64,QkVG');
        assert.equal(view.after?.dataUri, 'data:image/png;base64,QUZU');
        assert.deepEqual(view.changedRegions, [{ x: 1, y: 2, width: 3, height: 4 }]);
    });

    test('describe_image: the answer, the details block, the engine and the annotated image', () => {
        const view = toDescribeView({
            content: [
                { type: 'text', text: 'A login form with a blue Save button.' },
                { type: 'text', text: 'engine: local (glm-4.6v-flash)\nimage: 800x600, 1200 image tokens (GLM-4.6V grid)' },
                { type: 'image', data: 'QUJD', mimeType: 'image/png' },
            ],
            structuredContent: { answer: 'A login form with a blue Save button.', mode: 'locate', engine: 'local (glm-4.6v-flash)', boxes: [] },
        });
        assert.equal(view.answer, 'A login form with a blue Save button.');
        assert.match(view.details, /^engine: local/);
        assert.equal(view.engine, 'local (glm-4.6v-flash)');
        assert.equal(view.annotated?.dataUri, 'data:image/png;base64,QUJD');
    });

    test('locate_and_edit: a refused edit is not accepted and keeps its reason', () => {
        const view = toEditView({ content: [{ type: 'text', text: '{"accepted":false,"message":"The change landed outside the region."}' }] });
        assert.equal(view.accepted, false);
        assert.equal(view.message, 'The change landed outside the region.');
    });
});
