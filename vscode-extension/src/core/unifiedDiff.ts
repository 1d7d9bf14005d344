/**
 * Applies the unified diff `locate_and_edit` proposes to the text in the editor, so the change goes in as an ordinary
 * workspace edit (undoable, dirty until saved) instead of the server writing the file behind the editor's back.
 */

interface Hunk {
    readonly oldStart: number;
    readonly lines: readonly string[];
}

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** How far (in lines) a hunk may have moved since the diff was made, e.g. after the user typed above it. */
const maxHunkDrift = 200;

export class PatchError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'PatchError';
    }
}

export function parseHunks(diff: string): Hunk[] {
    const hunks: { oldStart: number; lines: string[] }[] = [];
    let current: { oldStart: number; lines: string[] } | undefined;
    for (const line of diff.split(/\r?\n/)) {
        const header = hunkHeader.exec(line);
        if (header) {
            current = { oldStart: Number(header[1]), lines: [] };
            hunks.push(current);
        } else if (current && (line.startsWith(' ') || line.startsWith('+') || line.startsWith('-'))) {
            if (line.startsWith('---') && current.lines.length === 0) {
                continue;
            }
            current.lines.push(line);
        } else if (current && line === '') {
            // An empty context line whose leading space an editor trimmed.
            current.lines.push(' ');
        }
    }
    for (const hunk of hunks) {
        while (hunk.lines.length > 0 && hunk.lines[hunk.lines.length - 1] === ' ') {
            hunk.lines.pop();
        }
    }
    if (hunks.length === 0) {
        throw new PatchError('The proposed change holds no diff hunks.');
    }
    return hunks;
}

export function applyUnifiedDiff(original: string, diff: string): string {
    const eol = original.includes('\r\n') ? '\r\n' : '\n';
    const lines = original.split(/\r?\n/);
    let offset = 0;
    for (const hunk of parseHunks(diff)) {
        const oldLines = hunk.lines.filter((l) => !l.startsWith('+')).map((l) => l.slice(1));
        const newLines = hunk.lines.filter((l) => !l.startsWith('-')).map((l) => l.slice(1));
        // A hunk with no old lines (a pure insertion) names the line it goes after, others the first line they replace.
        const expected = Math.max(0, (oldLines.length === 0 ? hunk.oldStart : hunk.oldStart - 1) + offset);
        const at = findBlock(lines, oldLines, expected);
        if (at < 0) {
            throw new PatchError(`The file has changed where the edit applies (near line ${hunk.oldStart}); run Visual Edit again.`);
        }
        lines.splice(at, oldLines.length, ...newLines);
        offset += newLines.length - oldLines.length + (at - expected);
    }
    return lines.join(eol);
}

function findBlock(lines: readonly string[], block: readonly string[], expected: number): number {
    for (let drift = 0; drift <= maxHunkDrift; drift++) {
        for (const at of drift === 0 ? [expected] : [expected - drift, expected + drift]) {
            if (at >= 0 && at + block.length <= lines.length && block.every((l, i) => lines[at + i] === l)) {
                return at;
            }
        }
    }
    return -1;
}
