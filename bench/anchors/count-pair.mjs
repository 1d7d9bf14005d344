// Prints pixelmatch 7.2.0's counts for one pair as "<AA excluded> <AA included>" (threshold 0.1, blended over white).
// Used by `glm-mcp-bench diff` to check our counts on real screenshots. Usage: node count-pair.mjs BEFORE.png AFTER.png
import fs from 'node:fs';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';

const [before, after] = process.argv.slice(2).map(f => PNG.sync.read(fs.readFileSync(f)));
const count = includeAA => pixelmatch(before.data, after.data, null, before.width, before.height, { threshold: 0.1, includeAA, checkerboard: false });
console.log(`${count(false)} ${count(true)}`);
