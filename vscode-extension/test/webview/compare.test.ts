import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { CompareToWebview } from '../../src/core/messages';
import { compareBody } from '../../src/core/pages';
import { launchChromium } from '../support/chromium';
import { encodePng } from '../support/png';
import { openWebviewPage, postedMessages, type WebviewPageFile, writeWebviewPage } from '../support/webviewPage';

const size = { width: 1600, height: 1000 };
const uri = (rgb: [number, number, number]): string =>
    `data:image/png;base64,${encodePng(size.width, size.height, () => [...rgb, 255]).toString('base64')}`;
const images = { before: uri([255, 255, 255]), after: uri([0, 0, 255]), diff: uri([255, 0, 0]) };

function diffMessage(mode: 'diff' | 'render'): CompareToWebview {
    return {
        type: 'diff',
        mode,
        summary: mode === 'diff' ? '80,000 pixels differ (5.00%) in 1 region.' : 'Generated in 2 rounds, best score 0.83.',
        before: images.before,
        after: images.after,
        diffImage: mode === 'diff' ? images.diff : undefined,
        width: size.width,
        height: size.height,
        regions: mode === 'diff' ? [{ x: 200, y: 100, width: 400, height: 200, pixels: 80000 }] : [],
        explanation: undefined,
    };
}

describe('Compare page in headless Chromium', () => {
    let browser: Browser;
    let file: WebviewPageFile;

    before(async () => {
        file = writeWebviewPage({ script: 'compare.js', styles: ['compare.css'], body: compareBody });
        browser = await launchChromium();
    });

    after(async () => {
        await browser?.close();
        file?.dispose();
    });

    async function open(message: CompareToWebview): Promise<Page> {
        const { page, errors } = await openWebviewPage(browser, file.url, { width: 1200, height: 900 });
        assert.deepEqual(errors, []);
        assert.deepEqual(await postedMessages(page), [{ type: 'ready' }]);
        await page.evaluate((m) => window.postMessage(m, '*'), message);
        await page.waitForFunction(() => (document.getElementById('picture') as HTMLImageElement).naturalWidth > 0);
        return page;
    }

    test('shows the overlay with each changed region outlined where it is, scaled to the preview, and listed', async () => {
        const page = await open(diffMessage('diff'));
        assert.equal(await page.locator('#summary').textContent(), '80,000 pixels differ (5.00%) in 1 region.');
        assert.equal(await page.locator('#picture').getAttribute('src'), images.diff);
        const picture = await page.locator('#picture').boundingBox();
        const box = await page.locator('#boxes .region').boundingBox();
        assert.ok(picture && box);
        const scale = picture.width / size.width;
        assert.ok(scale < 1, 'the preview is smaller than the image');
        for (const [actual, expected] of [
            [box.x, picture.x + 200 * scale],
            [box.y, picture.y + 100 * scale],
            [box.width, 400 * scale],
            [box.height, 200 * scale],
        ] as const) {
            assert.ok(Math.abs(actual - expected) <= 1, `box edge ${actual} ≈ ${expected}`);
        }
        assert.equal(await page.locator('#regions li').textContent(), '400×200 at (200, 100) — 80,000 px');
        await page.locator('input[value="before"]').check();
        assert.equal(await page.locator('#picture').getAttribute('src'), images.before);
        await page.close();
    });

    test('in render mode it shows the target and the render, without a diff choice or region list', async () => {
        const page = await open(diffMessage('render'));
        assert.equal(await page.locator('#diffChoice').isVisible(), false);
        assert.equal(await page.locator('#regionPanel').isVisible(), false);
        assert.equal(await page.locator('#beforeLabel').textContent(), 'Target');
        assert.equal(await page.locator('#picture').getAttribute('src'), images.after);
        await page.close();
    });
});
