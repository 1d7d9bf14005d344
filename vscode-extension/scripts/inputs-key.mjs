// The key of test.sh's up-to-date checks: a hex SHA-256 over the settings given (tool versions) and over each file's
// path and content under the paths given, folders walked in a fixed order. Inside a folder, build outputs and installed
// packages (node_modules, out, dist, server, bin, obj, .vscode-test, *.vsix) are left out; a path named directly is
// always read. A missing path counts as missing, so creating it changes the key.
//   node scripts/inputs-key.mjs [--setting TEXT]... PATH...
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const skippedFolders = new Set(['node_modules', 'out', 'dist', 'server', 'bin', 'obj', '.vscode-test']);

/** The files under `paths` (each path as given, then '/'-joined names below it), in the order the key reads them. */
export function listInputs(paths) {
    const files = [];
    const walk = (dir) => {
        const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
            const child = `${dir}/${entry.name}`;
            if (entry.isDirectory() && !skippedFolders.has(entry.name)) {
                walk(child);
            } else if (entry.isFile() && !entry.name.endsWith('.vsix')) {
                files.push(child);
            }
        }
    };
    for (const given of paths) {
        if (existsSync(given) && statSync(given).isDirectory()) {
            walk(given.replace(/\/+$/, ''));
        } else {
            files.push(given);
        }
    }
    return files;
}

/** The hex SHA-256 of `settings` and of every input file's path and content (see listInputs). */
export function inputsKey(paths, settings = []) {
    const hash = createHash('sha256');
    const add = (kind, bytes) => hash.update(`${kind}:${bytes.length}:`).update(bytes);
    for (const setting of settings) {
        add('setting', Buffer.from(setting));
    }
    for (const file of listInputs(paths)) {
        const content = existsSync(file) ? readFileSync(file) : null;
        add('path', Buffer.from(file));
        add(content ? 'file' : 'missing', content ?? Buffer.alloc(0));
    }
    return hash.digest('hex');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const settings = [];
    const paths = [];
    const args = process.argv.slice(2);
    for (let i = 0; i < args.length; i++) {
        if (args[i] === '--setting' && i + 1 < args.length) {
            settings.push(args[++i]);
        } else {
            paths.push(args[i]);
        }
    }
    console.log(inputsKey(paths, settings));
}
