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
