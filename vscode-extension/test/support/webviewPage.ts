import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildWebviewHtml, createNonce } from '../../src/core/webviewHtml';

const media = path.join(__dirname, '../../../media');

declare global {
    interface Window {
        posted: unknown[];
    }
}

export interface WebviewPageFile {
    readonly url: string;
    dispose(): void;
}

/** Writes a panel's page exactly as the extension builds it, with media/ served from disk (`file:` as the CSP source). */
export function writeWebviewPage(page: { script: string; styles: string[]; body: string }): WebviewPageFile {
    const dir = mkdtempSync(path.join(tmpdir(), 'glm-mcp-webview-'));
    const mediaUri = (...p: string[]): string => pathToFileURL(path.join(media, ...p)).href;
    const html = buildWebviewHtml({
        title: 'test',
        cspSource: 'file:',
        nonce: createNonce(),
        scriptUri: mediaUri('dist', page.script),
        styleUris: ['common.css', ...page.styles].map((s) => mediaUri(s)),
        body: page.body,
    });
    const file = path.join(dir, 'page.html');
    writeFileSync(file, html);
    return { url: pathToFileURL(file).href, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Opens the page with VS Code's `acquireVsCodeApi` replaced by a recorder (`window.posted`), waits for its first
 * message (the page's "ready"), and fails on any console error, such as a CSP violation.
 */
export async function openWebviewPage(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
        window.posted = [];
        (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
            postMessage: (m: unknown) => window.posted.push(m),
            getState: () => undefined,
            setState: () => undefined,
        });
    });
    await page.goto(url);
    await page.waitForFunction(() => window.posted.length > 0);
    return { page, errors };
}

export async function postedMessages(page: Page): Promise<{ type: string; [k: string]: unknown }[]> {
    return page.evaluate(() => window.posted as { type: string }[]);
}
