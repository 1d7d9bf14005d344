// Prints pixelmatch 7.2.0's counts for every fixture pair (<name>-before.png / <name>-after.png) in both AA modes,
// blending semi-transparent pixels over white (checkerboard: false), as GlmMcp's comparer does.
// Usage: node counts.mjs [fixture folder] [threshold]
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';

const dir = process.argv[2] ?? path.join(import.meta.dirname, '../../tests/GlmMcp.Core.Tests/Imaging/Fixtures');
const threshold = Number(process.argv[3] ?? 0.1);
const names = fs.readdirSync(dir).filter(f => f.endsWith('-before.png')).map(f => f.slice(0, -'-before.png'.length)).sort();
for (const name of names) {
    const a = PNG.sync.read(fs.readFileSync(path.join(dir, `${name}-before.png`)));
    const b = PNG.sync.read(fs.readFileSync(path.join(dir, `${name}-after.png`)));
    const count = includeAA => pixelmatch(a.data, b.data, null, a.width, a.height, { threshold, includeAA, checkerboard: false });
    console.log(`${name} ${a.width}x${a.height} threshold=${threshold} excludeAA=${count(false)} includeAA=${count(true)}`);
}
