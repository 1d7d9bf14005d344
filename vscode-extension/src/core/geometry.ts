/** Box arithmetic for the Visual Edit preview: what the user drags in CSS pixels becomes a region in image pixels. */

export interface Point {
    readonly x: number;
    readonly y: number;
}

export interface Size {
    readonly width: number;
    readonly height: number;
}

export interface Rect extends Point, Size {}

/** The rectangle spanned by a drag from `start` to `end`, whichever way the mouse went. */
export function rectFromDrag(start: Point, end: Point): Rect {
    return {
        x: Math.min(start.x, end.x),
        y: Math.min(start.y, end.y),
        width: Math.abs(end.x - start.x),
        height: Math.abs(end.y - start.y),
    };
}

/**
 * Maps a rectangle drawn on the image as displayed (CSS pixels relative to the image's top-left corner) to the image's
 * own pixels: the preview is shrunk to fit the panel, while `locate_and_edit` wants screenshot pixels. The result is
 * rounded outwards to whole pixels and clipped to the image, so a box dragged past the edge still means the edge.
 */
export function displayedToImage(rect: Rect, displayed: Size, image: Size): Rect {
    if (displayed.width <= 0 || displayed.height <= 0) {
        throw new RangeError('The image is not displayed (zero size).');
    }
    const sx = image.width / displayed.width;
    const sy = image.height / displayed.height;
    const left = clamp(Math.floor(rect.x * sx), 0, image.width);
    const top = clamp(Math.floor(rect.y * sy), 0, image.height);
    const right = clamp(Math.ceil((rect.x + rect.width) * sx), 0, image.width);
    const bottom = clamp(Math.ceil((rect.y + rect.height) * sy), 0, image.height);
    return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The inverse of {@link displayedToImage}, for drawing a known image region (e.g. a changed region) on the preview. */
export function imageToDisplayed(rect: Rect, displayed: Size, image: Size): Rect {
    const sx = displayed.width / image.width;
    const sy = displayed.height / image.height;
    return { x: rect.x * sx, y: rect.y * sy, width: rect.width * sx, height: rect.height * sy };
}

/** Smallest box a drag must span (in displayed pixels) to count as a box rather than a click. */
export const minimumDragPixels = 4;

export function isMeaningfulDrag(rect: Rect): boolean {
    return rect.width >= minimumDragPixels && rect.height >= minimumDragPixels;
}

function clamp(value: number, min: number, max: number): number {
    return Math.min(Math.max(value, min), max);
}
