import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { visualEditBody } from '../../src/core/pages';
import { launchChromium } from '../support/chromium';
import { decodePng, encodePng, isColor, pixelAt } from '../support/png';
import { openWebviewPage, postedMessages as posted, type WebviewPageFile, writeWebviewPage } from '../support/webviewPage';

/** The screenshot is twice the size it is shown at: the preview must scale the box back up. */
const image = { width: 1600, height: 1000 };
const shown = { width: 800, height: 500 };
/** body padding (16 px each side) + the stage's 1 px border each side. */
const viewport = { width: shown.width + 2 * 16 + 2, height: 900 };

function screenshotDataUri(): string {
    // A page-like picture: white, with a grey "button" the user will mark.
    const png = encodePng(image.width, image.height, (x, y) => (x >= 200 && x < 600 && y >= 100 && y < 300 ? [200, 200, 200, 255] : [255, 255, 255, 255]));
    return `data:image/png;base64,${png.toString('base64')}`;
}

describe('Visual Edit page in headless Chromium', () => {
    let browser: Browser;
    let file: WebviewPageFile;
    let page: Page;

    before(async () => {
        file = writeWebviewPage({ script: 'visualEdit.js', styles: ['visualEdit.css'], body: visualEditBody });
        browser = await launchChromium();
    });

    after(async () => {
        await browser?.close();
        file?.dispose();
    });

    beforeEach(async () => {
        const opened = await openWebviewPage(browser, file.url, viewport);
        page = opened.page;
        assert.deepEqual(opened.errors, [], 'the page loads its script and styles under its CSP');
    });

    async function show(): Promise<{ left: number; top: number }> {
        await page.evaluate(({ image, size }) => window.postMessage({ type: 'show', image, width: size.width, height: size.height, title: 'index.html' }, '*'), {
            image: screenshotDataUri(),
            size: image,
        });
        await page.waitForFunction(() => (document.getElementById('shot') as HTMLImageElement).complete && (document.getElementById('shot') as HTMLImageElement).naturalWidth > 0);
        const box = await page.locator('#shot').boundingBox();
        assert.ok(box);
        assert.equal(Math.round(box.width), shown.width, 'the screenshot is shown at half size');
        assert.equal(Math.round(box.height), shown.height);
        return { left: box.x, top: box.y };
    }

    async function drag(origin: { left: number; top: number }, from: [number, number], to: [number, number]): Promise<void> {
        await page.mouse.move(origin.left + from[0], origin.top + from[1]);
        await page.mouse.down();
        await page.mouse.move(origin.left + (from[0] + to[0]) / 2, origin.top + (from[1] + to[1]) / 2, { steps: 3 });
        await page.mouse.move(origin.left + to[0], origin.top + to[1], { steps: 3 });
        await page.mouse.up();
    }

    test('announces itself ready and shows the render with its title', async () => {
        assert.deepEqual(await posted(page), [{ type: 'ready' }]);
        await show();
        assert.equal(await page.locator('#title').textContent(), 'index.html');
    });

    test('a mouse drag draws the box, and the edit message carries the region in image pixels', async () => {
        const origin = await show();
        assert.equal(await page.locator('#send').isDisabled(), true, 'nothing to send before a box and an instruction');
        // Drag up-left from (300,150) to (100,50) in displayed pixels: image pixels (200,100)-(600,300).
        await drag(origin, [300, 150], [100, 50]);
        assert.equal(await page.locator('#mark').isVisible(), true);
        assert.equal(await page.locator('#send').isDisabled(), true, 'still no instruction');
        await page.locator('#instruction').fill('make this button dark blue');
        assert.equal(await page.locator('#send').isDisabled(), false);

        const shot = decodePng(await page.screenshot());
        const red: [number, number, number] = [255, 0, 0];
        const at = (x: number, y: number) => pixelAt(shot, Math.round(origin.left + x), Math.round(origin.top + y));
        for (const [x, y] of [[200, 51], [101, 100], [298, 100], [200, 148]] as const) {
            assert.ok(isColor(at(x, y), red), `the box's edge at (${x},${y}) is red, got ${at(x, y).join(',')}`);
        }
        assert.ok(isColor(at(200, 100), [200, 200, 200]), 'inside the box the render shows through');
        assert.ok(isColor(at(400, 300), [255, 255, 255]), 'outside the box the render is untouched');

        await page.locator('#send').click();
        const messages = await posted(page);
        assert.deepEqual(messages[messages.length - 1], {
            type: 'edit',
            shape: 'box',
            region: { x: 200, y: 100, width: 400, height: 200 },
            instruction: 'make this button dark blue',
        });
        assert.equal(await page.locator('#send').isDisabled(), true, 'no second edit while one runs');
    });

    test('the ellipse tool marks an ellipse and says so', async () => {
        const origin = await show();
        await page.locator('input[value="ellipse"]').check();
        await drag(origin, [100, 50], [300, 150]);
        const shot = decodePng(await page.screenshot());
        const at = (x: number, y: number) => pixelAt(shot, Math.round(origin.left + x), Math.round(origin.top + y));
        assert.ok(isColor(at(200, 51), [255, 0, 0]), 'the top of the ellipse is red');
        assert.ok(!isColor(at(102, 52), [255, 0, 0], 60), 'the corner of its bounding box is not');
        await page.locator('#instruction').fill('round it');
        await page.locator('#instruction').press('Tab');
        await page.locator('#send').click();
        const messages = await posted(page);
        assert.deepEqual(messages[messages.length - 1], { type: 'edit', shape: 'ellipse', region: { x: 200, y: 100, width: 400, height: 200 }, instruction: 'round it' });
    });

    test('a click without a drag draws nothing and cannot be sent', async () => {
        const origin = await show();
        await drag(origin, [100, 100], [101, 101]);
        await page.locator('#instruction').fill('something');
        assert.equal(await page.locator('#mark').isVisible(), false);
        assert.equal(await page.locator('#send').isDisabled(), true);
    });

    test('a proposal shows Apply and Discard, and each posts its message', async () => {
        await show();
        const propose = () => page.evaluate(() => window.postMessage({ type: 'proposal', message: 'Button recoloured.' }, '*'));
        await propose();
        await page.locator('#apply').waitFor({ state: 'visible' });
        assert.equal(await page.locator('#proposalMessage').textContent(), 'Button recoloured.');
        assert.equal(await page.locator('#after').isVisible(), false, 'no after-render was sent, so no broken image shows');
        await page.locator('#apply').click();
        assert.equal(await page.locator('#proposal').isVisible(), false);
        await propose();
        await page.locator('#discard').click();
        const types = (await posted(page)).map((m) => m.type);
        assert.deepEqual(types.slice(-2), ['apply', 'discard']);
    });

    test('messages that fail validation are ignored', async () => {
        await show();
        await page.evaluate(() => {
            window.postMessage({ type: 'show', image: 'https://example.com/x.png', width: 10, height: 10, title: 'evil' }, '*');
            window.postMessage({ type: 'proposal', message: 'x', after: 'javascript:alert(1)' }, '*');
        });
        await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
        assert.equal(await page.locator('#title').textContent(), 'index.html');
        assert.equal(await page.locator('#proposal').isVisible(), false);
    });
});
