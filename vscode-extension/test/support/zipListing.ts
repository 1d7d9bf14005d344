/** Lists the entries of a zip file (a .vsix) from its central directory, and reads one entry's bytes. */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const endOfCentralDirectory = 0x06054b50;
const centralFileHeader = 0x02014b50;

export interface ZipEntry {
    readonly name: string;
    /** Unix permission bits, as zip tools store them in the upper half of the external attributes. */
    readonly mode: number;
    /** Where the entry's local header starts, and its stored (compressed) size. */
    readonly offset: number;
    readonly compressedSize: number;
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
        entries.push({
            name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength),
            mode: (bytes.readUInt32LE(offset + 38) >>> 16) & 0o7777,
            offset: bytes.readUInt32LE(offset + 42),
            compressedSize: bytes.readUInt32LE(offset + 20),
        });
        offset += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}

/** The bytes of <entry>, from the zip's bytes (read once: a .vsix holding a server is tens of MB). */
export function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
    const method = zip.readUInt16LE(entry.offset + 8);
    const start = entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
    const data = zip.subarray(start, start + entry.compressedSize);
    return method === 0 ? Buffer.from(data) : inflateRawSync(data);
}

/** The bytes of the entry named <name>; throws when the zip has no such entry. */
export function readZipFile(file: string, name: string): Buffer {
    const entry = listZip(file).find((e) => e.name === name);
    if (!entry) {
        throw new Error(`${file} has no entry ${name}`);
    }
    return readZipEntry(readFileSync(file), entry);
}
