import { chromium, type Browser } from 'playwright-core';

/** The system Chromium (CI installs it with apt); a browser is never downloaded. */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Headless Chromium; Playwright gives each launch a fresh temporary profile and deletes it on close. */
export function launchChromium(): Promise<Browser> {
    return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}
