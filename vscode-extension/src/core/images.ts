import * as path from 'node:path';

const mimeByExtension: Readonly<Record<string, string>> = {
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.webp': 'image/webp',
    '.gif': 'image/gif',
    '.bmp': 'image/bmp',
};

export const imageExtensions = Object.keys(mimeByExtension).map((e) => e.slice(1));

/** The image type from the bytes' signature (a clipboard or a misnamed file has no trustworthy name). */
export function sniffImageMime(bytes: Uint8Array): string | undefined {
    const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
    if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
    if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
    if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
    if (starts(0x42, 0x4d)) return 'image/bmp';
    if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
    return undefined;
}

export function imageMimeFromName(fileName: string): string | undefined {
    return mimeByExtension[path.extname(fileName).toLowerCase()];
}

export function toDataUri(bytes: Uint8Array, mimeType: string): string {
    return `data:${mimeType};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** Reads an image's bytes into a data URI, refusing bytes that are not an image whatever the name says. */
export function imageBytesToDataUri(bytes: Uint8Array, fileName: string): string {
    const mime = sniffImageMime(bytes);
    if (!mime) {
        throw new Error(`${path.basename(fileName)} is not a PNG, JPEG, WebP, GIF or BMP image.`);
    }
    return toDataUri(bytes, mime);
}

/** PNG's IHDR holds the size at fixed offsets: enough to size the preview without decoding. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
    if (sniffImageMime(bytes) !== 'image/png' || bytes.length < 24) {
        return undefined;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function isImageFileName(fileName: string): boolean {
    return imageMimeFromName(fileName) !== undefined;
}
