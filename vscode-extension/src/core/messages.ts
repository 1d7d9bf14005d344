/**
 * The messages between the extension and its webviews, and their validation. Both sides validate: the webview page
 * could be scripted by content it shows, and the extension could be talking to a stale page after a reload.
 */
import type { Rect } from './geometry';

export type Shape = 'box' | 'ellipse';

/** Longest instruction accepted; the model's prompt budget is better spent on the screenshot. */
export const maxInstructionLength = 2000;

export type VisualEditToExtension =
    | { readonly type: 'ready' }
    | { readonly type: 'edit'; readonly shape: Shape; readonly region: Rect; readonly instruction: string }
    | { readonly type: 'apply' }
    | { readonly type: 'discard' }
    | { readonly type: 'refresh' };

export type VisualEditToWebview =
    | { readonly type: 'show'; readonly image: string; readonly width: number; readonly height: number; readonly title: string }
    | { readonly type: 'busy'; readonly message: string }
    | { readonly type: 'proposal'; readonly message: string; readonly after: string | undefined }
    | { readonly type: 'done'; readonly message: string }
    | { readonly type: 'error'; readonly message: string };

export interface CompareRegionView extends Rect {
    readonly pixels: number | undefined;
}

/** `diff`: before/after and their diff; `render`: a target screenshot and the render made from it (no diff image). */
export type CompareMode = 'diff' | 'render';

export type CompareToWebview = {
    readonly type: 'diff';
    readonly mode: CompareMode;
    readonly summary: string;
    readonly before: string;
    readonly after: string;
    readonly diffImage: string | undefined;
    readonly width: number;
    readonly height: number;
    readonly regions: readonly CompareRegionView[];
    readonly explanation: string | undefined;
};

export type CompareToExtension = { readonly type: 'ready' };

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, max = 10_000): value is string {
    return typeof value === 'string' && value.length <= max;
}

function isPositiveInt(value: unknown): value is number {
    return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 1_000_000;
}

const imageDataUri = /^data:image\/(png|jpeg|webp|gif|bmp);base64,[A-Za-z0-9+/]+={0,2}$/;

export function isImageDataUri(value: unknown): value is string {
    return typeof value === 'string' && imageDataUri.test(value);
}

/** A region in image pixels, whole and inside an image of `bounds` (when known), at least one pixel large. */
export function isRegion(value: unknown, bounds?: { width: number; height: number }): value is Rect {
    if (!isObj(value)) {
        return false;
    }
    const { x, y, width, height } = value;
    const ints = [x, y, width, height].every((n) => typeof n === 'number' && Number.isInteger(n));
    if (!ints) {
        return false;
    }
    const r = value as unknown as Rect;
    if (r.x < 0 || r.y < 0 || r.width < 1 || r.height < 1) {
        return false;
    }
    return !bounds || (r.x + r.width <= bounds.width && r.y + r.height <= bounds.height);
}

/** The extension's check of what the Visual Edit page posts; `bounds` is the size of the image it was shown. */
export function parseVisualEditToExtension(message: unknown, bounds: { width: number; height: number } | undefined): VisualEditToExtension | undefined {
    if (!isObj(message)) {
        return undefined;
    }
    switch (message['type']) {
        case 'ready':
        case 'apply':
        case 'discard':
        case 'refresh':
            return { type: message['type'] };
        case 'edit': {
            const { shape, region, instruction } = message;
            if ((shape !== 'box' && shape !== 'ellipse') || !isRegion(region, bounds) || !isText(instruction, maxInstructionLength)) {
                return undefined;
            }
            const text = instruction.trim();
            if (text === '') {
                return undefined;
            }
            return { type: 'edit', shape, region: { x: region.x, y: region.y, width: region.width, height: region.height }, instruction: text };
        }
        default:
            return undefined;
    }
}

/** The Visual Edit page's check of what the extension posts. */
export function parseVisualEditToWebview(message: unknown): VisualEditToWebview | undefined {
    if (!isObj(message)) {
        return undefined;
    }
    switch (message['type']) {
        case 'show': {
            const { image, width, height, title } = message;
            return isImageDataUri(image) && isPositiveInt(width) && isPositiveInt(height) && isText(title, 1000)
                ? { type: 'show', image, width, height, title }
                : undefined;
        }
        case 'busy':
        case 'done':
        case 'error':
            return isText(message['message']) ? { type: message['type'], message: message['message'] } : undefined;
        case 'proposal': {
            const { after } = message;
            if (!isText(message['message']) || (after !== undefined && !isImageDataUri(after))) {
                return undefined;
            }
            return { type: 'proposal', message: message['message'], after };
        }
        default:
            return undefined;
    }
}

export function parseCompareToExtension(message: unknown): CompareToExtension | undefined {
    return isObj(message) && message['type'] === 'ready' ? { type: 'ready' } : undefined;
}

export function parseCompareToWebview(message: unknown): CompareToWebview | undefined {
    if (!isObj(message) || message['type'] !== 'diff') {
        return undefined;
    }
    const { mode, summary, before, after, diffImage, width, height, regions, explanation } = message;
    if (
        (mode !== 'diff' && mode !== 'render') ||
        !isText(summary) ||
        !isImageDataUri(before) ||
        !isImageDataUri(after) ||
        (diffImage !== undefined && !isImageDataUri(diffImage)) ||
        (explanation !== undefined && !isText(explanation, 100_000)) ||
        !isPositiveInt(width) ||
        !isPositiveInt(height) ||
        !Array.isArray(regions)
    ) {
        return undefined;
    }
    const parsedRegions: CompareRegionView[] = [];
    for (const r of regions) {
        if (!isRegion(r)) {
            return undefined;
        }
        const pixels = isObj(r) && typeof r['pixels'] === 'number' ? r['pixels'] : undefined;
        parsedRegions.push({ x: r.x, y: r.y, width: r.width, height: r.height, pixels });
    }
    return { type: 'diff', mode, summary, before, after, diffImage, width, height, regions: parsedRegions, explanation };
}
