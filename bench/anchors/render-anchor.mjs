// Playwright's own render time with the same Chromium, the anchor for `glm-mcp-bench render`.
// Usage: node render-anchor.mjs PAGE.html CHROMIUM, then one command per line on stdin; each answers one line:
//   warm N  → ms for page.setContent(page N) + page.screenshot() on a page kept open
//   cold N  → ms for launch + newPage + setContent(page N) + screenshot (the browser is closed afterwards)
//   quit
// It prints "ready" once its warm page is up. {{n}} in the page is replaced by N, so every render is new HTML.
// The C# side alternates its own renders with these commands, so both run under the same machine load.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const [pagePath, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
const template = readFileSync(pagePath, 'utf8');
const html = (n) => template.replaceAll('{{n}}', String(n));
const viewport = { width: 1280, height: 800 };
const launchOptions = { executablePath, args: ['--no-sandbox', '--disable-gpu'] };

async function render(page, n) {
  await page.setContent(html(n));
  await page.screenshot({ type: 'png' });
}

const browser = await chromium.launch(launchOptions);
const page = await browser.newPage({ viewport });
process.stdout.write('ready\n');

for await (const line of createInterface({ input: process.stdin })) {
  const [command, n] = line.trim().split(' ');
  const started = performance.now();
  if (command === 'warm') {
    await render(page, n);
  } else if (command === 'cold') {
    const cold = await chromium.launch(launchOptions);
    await render(await cold.newPage({ viewport }), n);
    const elapsed = performance.now() - started;
    await cold.close();
    process.stdout.write(`${elapsed}\n`);
    continue;
  } else {
    break;
  }
  process.stdout.write(`${performance.now() - started}\n`);
}
await browser.close();
