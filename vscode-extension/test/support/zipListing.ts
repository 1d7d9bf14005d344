/** Lists the entries of a zip file (a .vsix) from its central directory; no extraction. */
import { readFileSync } from 'node:fs';

const endOfCentralDirectory = 0x06054b50;
const centralFileHeader = 0x02014b50;

export interface ZipEntry {
    readonly name: string;
    /** Unix permission bits, as zip tools store them in the upper half of the external attributes. */
    readonly mode: number;
}

export function listZip(file: string): ZipEntry[] {
    const bytes = readFileSync(file);
    let end = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
        if (bytes.readUInt32LE(i) === endOfCentralDirectory) {
            end = i;
            break;
        }
    }
    if (end < 0) {
        throw new Error(`${file} is not a zip file`);
    }
    const count = bytes.readUInt16LE(end + 10);
    let offset = bytes.readUInt32LE(end + 16);
    const entries: ZipEntry[] = [];
    for (let n = 0; n < count; n++) {
        if (bytes.readUInt32LE(offset) !== centralFileHeader) {
            throw new Error(`${file}: broken central directory`);
        }
        const nameLength = bytes.readUInt16LE(offset + 28);
        const extraLength = bytes.readUInt16LE(offset + 30);
        const commentLength = bytes.readUInt16LE(offset + 32);
        entries.push({ name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength), mode: (bytes.readUInt32LE(offset + 38) >>> 16) & 0o7777 });
        offset += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}
