import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { displayedToImage, imageToDisplayed, isMeaningfulDrag, rectFromDrag } from '../../src/core/geometry';

describe('box geometry', () => {
    test('a drag in any direction spans the same rectangle', () => {
        const expected = { x: 10, y: 20, width: 30, height: 40 };
        assert.deepEqual(rectFromDrag({ x: 10, y: 20 }, { x: 40, y: 60 }), expected);
        assert.deepEqual(rectFromDrag({ x: 40, y: 60 }, { x: 10, y: 20 }), expected);
        assert.deepEqual(rectFromDrag({ x: 40, y: 20 }, { x: 10, y: 60 }), expected);
    });

    test('at full size displayed pixels are image pixels', () => {
        const size = { width: 1280, height: 800 };
        assert.deepEqual(displayedToImage({ x: 100, y: 50, width: 200, height: 100 }, size, size), { x: 100, y: 50, width: 200, height: 100 });
    });

    test('a preview shown at half size doubles the box', () => {
        assert.deepEqual(displayedToImage({ x: 100, y: 50, width: 200, height: 100 }, { width: 640, height: 400 }, { width: 1280, height: 800 }), {
            x: 200,
            y: 100,
            width: 400,
            height: 200,
        });
    });

    test('an uneven scale rounds outwards so the marked content stays inside', () => {
        // 1280 shown as 500: 3 CSS px = 7.68 image px.
        const r = displayedToImage({ x: 3, y: 3, width: 3, height: 3 }, { width: 500, height: 312.5 }, { width: 1280, height: 800 });
        assert.deepEqual(r, { x: 7, y: 7, width: 9, height: 9 });
    });

    test('a box dragged past the edge is clipped to the image', () => {
        assert.deepEqual(displayedToImage({ x: 600, y: 380, width: 100, height: 100 }, { width: 640, height: 400 }, { width: 1280, height: 800 }), {
            x: 1200,
            y: 760,
            width: 80,
            height: 40,
        });
    });

    test('a zero-size display cannot be mapped', () => {
        assert.throws(() => displayedToImage({ x: 0, y: 0, width: 1, height: 1 }, { width: 0, height: 0 }, { width: 10, height: 10 }), RangeError);
    });

    test('image regions map back to the displayed preview', () => {
        assert.deepEqual(imageToDisplayed({ x: 200, y: 100, width: 400, height: 200 }, { width: 640, height: 400 }, { width: 1280, height: 800 }), {
            x: 100,
            y: 50,
            width: 200,
            height: 100,
        });
    });

    test('a click is not a box', () => {
        assert.equal(isMeaningfulDrag({ x: 0, y: 0, width: 2, height: 30 }), false);
        assert.equal(isMeaningfulDrag({ x: 0, y: 0, width: 4, height: 4 }), true);
    });
});
