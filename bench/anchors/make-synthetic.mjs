// Writes the synthetic fixture pair alpha-before/after.png: semi-transparent pixels in a fixed pseudo-random pattern
// (so alpha blending decides the counts), plus small opaque edits. Deterministic: rerunning gives the same bytes.
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

const out = process.argv[2] ?? path.join(import.meta.dirname, '../../tests/GlmMcp.Core.Tests/Imaging/Fixtures');
const size = 64;
let seed = 12345;
const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16;

const before = new PNG({ width: size, height: size });
const after = new PNG({ width: size, height: size });
for (let i = 0; i < size * size * 4; i += 4) {
    const r = next() & 255, g = next() & 255, b = next() & 255, a = next() & 255;
    before.data.set([r, g, b, a], i);
    const change = next() % 4;
    const d = (next() % 180) - 90;
    const clamp = v => Math.max(0, Math.min(255, v));
    after.data.set(change === 0 ? [clamp(r + d), g, b, a] : change === 1 ? [r, g, b, clamp(a + d)] : [r, g, b, a], i);
}
fs.writeFileSync(path.join(out, 'alpha-before.png'), PNG.sync.write(before));
fs.writeFileSync(path.join(out, 'alpha-after.png'), PNG.sync.write(after));

// The stripes pair (70×100): edges drawn with one pixel of anti-aliasing that cross the comparer's row bands (32 rows)
// and its 8-pixel vector blocks, shifted by a fraction of a pixel in the after image, so anti-aliased and changed
// pixels sit on band edges (rows 31/32, 63/64, 95/96), on block edges (columns 7/8, 63/64) and in the 6-pixel tail of
// each row; colour edits just under and over the threshold; a few translucent pixels so some blocks take the scalar path.
const width = 70, height = 100;
const stripesBefore = new PNG({ width, height });
const stripesAfter = new PNG({ width, height });
const coverage = (x, y, shift) => Math.max(0, Math.min(1, x - 0.6 * y - 10 + shift));
for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const paint = (png, shift) => {
            const c = coverage(x, y, shift);
            const ring = Math.abs(Math.hypot(x - 40, y - 48) - 17 - shift) < 1 ? Math.round(255 * (1 - Math.abs(Math.hypot(x - 40, y - 48) - 17 - shift))) : 0;
            const v = Math.round(250 - 200 * c) - Math.round(ring * 0.6);
            png.data.set([v, Math.max(0, v - 10), Math.min(255, v + 5), 255], i);
        };
        paint(stripesBefore, 0);
        paint(stripesAfter, 0.35);
    }
}
const edit = (x, y, rgba) => stripesAfter.data.set(rgba, (y * width + x) * 4);
for (const [x, y] of [[7, 31], [8, 32], [63, 63], [64, 64], [69, 95], [0, 96], [65, 10]]) edit(x, y, [0, 0, 0, 255]);
for (const [x, y] of [[8, 5], [15, 70], [66, 80]]) edit(x, y, [238, 232, 250, 255]);
for (const [x, y] of [[9, 5], [16, 70], [67, 80]]) edit(x, y, [200, 190, 210, 255]);
for (const [x, y] of [[20, 31], [21, 32], [68, 63]]) {
    stripesBefore.data.set([120, 130, 140, 128], (y * width + x) * 4);
    edit(x, y, [120, 130, 140, 60]);
}
fs.writeFileSync(path.join(out, 'stripes-before.png'), PNG.sync.write(stripesBefore));
fs.writeFileSync(path.join(out, 'stripes-after.png'), PNG.sync.write(stripesAfter));
