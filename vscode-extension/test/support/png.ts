/** Just enough PNG to make test images and read back screenshots' pixels (8-bit RGB, RGBA and palette, not interlaced). */
import { deflateSync, inflateSync } from 'node:zlib';

export type Rgba = readonly [number, number, number, number];

export interface DecodedPng {
    readonly width: number;
    readonly height: number;
    /** RGBA, row-major. */
    readonly pixels: Uint8Array;
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return c >>> 0;
});

function crc32(bytes: Buffer): number {
    let c = 0xffffffff;
    for (const b of bytes) {
        c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    }
    return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
}

export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgba): Buffer {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header[8] = 8;
    header[9] = 6;
    const raw = Buffer.alloc((width * 4 + 1) * height);
    for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
            const at = y * (width * 4 + 1) + 1 + x * 4;
            const [r, g, b, a] = pixel(x, y);
            raw[at] = r;
            raw[at + 1] = g;
            raw[at + 2] = b;
            raw[at + 3] = a;
        }
    }
    return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export function decodePng(bytes: Buffer): DecodedPng {
    if (!bytes.subarray(0, 8).equals(signature)) {
        throw new Error('not a PNG');
    }
    let offset = 8;
    let width = 0;
    let height = 0;
    let colorType = 0;
    let palette = Buffer.alloc(0);
    let alphas = Buffer.alloc(0);
    const idat: Buffer[] = [];
    while (offset < bytes.length) {
        const length = bytes.readUInt32BE(offset);
        const type = bytes.toString('ascii', offset + 4, offset + 8);
        const data = bytes.subarray(offset + 8, offset + 8 + length);
        if (type === 'IHDR') {
            width = data.readUInt32BE(0);
            height = data.readUInt32BE(4);
            colorType = data[9]!;
            if (data[8] !== 8 || data[12] !== 0 || (colorType !== 2 && colorType !== 3 && colorType !== 6)) {
                throw new Error(`unsupported PNG (depth ${data[8]}, colour type ${colorType}, interlace ${data[12]})`);
            }
        } else if (type === 'PLTE') {
            palette = Buffer.from(data);
        } else if (type === 'tRNS') {
            alphas = Buffer.from(data);
        } else if (type === 'IDAT') {
            idat.push(data);
        }
        offset += 12 + length;
    }
    const channels = colorType === 6 ? 4 : colorType === 3 ? 1 : 3;
    const stride = width * channels;
    const raw = inflateSync(Buffer.concat(idat));
    const out = new Uint8Array(width * height * 4);
    let previous = new Uint8Array(stride);
    for (let y = 0; y < height; y++) {
        const filter = raw[y * (stride + 1)]!;
        const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
        const current = new Uint8Array(stride);
        for (let i = 0; i < stride; i++) {
            const a = i >= channels ? current[i - channels]! : 0;
            const b = previous[i]!;
            const c = i >= channels ? previous[i - channels]! : 0;
            let predictor = 0;
            switch (filter) {
                case 1: predictor = a; break;
                case 2: predictor = b; break;
                case 3: predictor = (a + b) >> 1; break;
                case 4: {
                    const p = a + b - c;
                    const pa = Math.abs(p - a);
                    const pb = Math.abs(p - b);
                    const pc = Math.abs(p - c);
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                    break;
                }
            }
            current[i] = (line[i]! + predictor) & 0xff;
        }
        for (let x = 0; x < width; x++) {
            if (channels === 1) {
                const index = current[x]!;
                if (index * 3 + 2 >= palette.length) {
                    throw new Error(`palette index ${index} outside the ${palette.length / 3}-colour palette`);
                }
                out.set([palette[index * 3]!, palette[index * 3 + 1]!, palette[index * 3 + 2]!, index < alphas.length ? alphas[index]! : 255], (y * width + x) * 4);
                continue;
            }
            out.set([current[x * channels]!, current[x * channels + 1]!, current[x * channels + 2]!, channels === 4 ? current[x * channels + 3]! : 255], (y * width + x) * 4);
        }
        previous = current;
    }
    return { width, height, pixels: out };
}

export function pixelAt(png: DecodedPng, x: number, y: number): Rgba {
    const at = (y * png.width + x) * 4;
    return [png.pixels[at]!, png.pixels[at + 1]!, png.pixels[at + 2]!, png.pixels[at + 3]!];
}

/** Close to `expected` within `tolerance` per channel (encoders and colour management move values slightly). */
export function isColor(actual: Rgba, expected: readonly [number, number, number], tolerance = 8): boolean {
    return expected.every((v, i) => Math.abs(actual[i]! - v) <= tolerance);
}
