// Playwright's own render time with the same Chromium, the anchor for `glm-mcp bench render`.
// Usage: node render-anchor.mjs PAGE.html CHROMIUM WARM_RUNS COLD_RUNS  →  {"cold":[ms…],"warm":[ms…]} on stdout.
// Each render fills {{n}} in the page with a new number, as the C# side does, so every render is new HTML.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [pagePath, executablePath = '/usr/bin/chromium', warmRuns = '30', coldRuns = '5'] = process.argv.slice(2);
const template = readFileSync(pagePath, 'utf8');
const html = (n) => template.replaceAll('{{n}}', String(n));
const viewport = { width: 1280, height: 800 };
const launchOptions = { executablePath, args: ['--no-sandbox', '--disable-gpu'] };
const warmUps = 3;

const cold = [];
for (let i = 0; i < Number(coldRuns); i++) {
  const started = performance.now();
  const browser = await chromium.launch(launchOptions);
  const page = await browser.newPage({ viewport });
  await page.setContent(html(i));
  await page.screenshot({ type: 'png' });
  cold.push(performance.now() - started);
  await browser.close();
}

const warm = [];
const browser = await chromium.launch(launchOptions);
const page = await browser.newPage({ viewport });
for (let i = -warmUps; i < Number(warmRuns); i++) {
  const started = performance.now();
  await page.setContent(html(i));
  await page.screenshot({ type: 'png' });
  if (i >= 0) warm.push(performance.now() - started);
}
await browser.close();
process.stdout.write(JSON.stringify({ cold, warm }) + '\n');
