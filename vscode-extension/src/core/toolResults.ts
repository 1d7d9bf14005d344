/**
 * Turns `tools/call` results into what the webviews and notifications show. The server puts its numbers in a JSON text
 * block (and in structured content); field names are read in camelCase or snake_case so either spelling works.
 */

export interface ContentBlock {
    readonly type: string;
    readonly text?: string;
    readonly data?: string;
    readonly mimeType?: string;
    readonly resource?: { readonly uri?: string; readonly text?: string; readonly blob?: string; readonly mimeType?: string };
    readonly uri?: string;
}

export interface RawToolResult {
    readonly content?: readonly ContentBlock[];
    readonly structuredContent?: unknown;
    readonly isError?: boolean;
}

export interface ImageView {
    readonly mimeType: string;
    /** A `data:` URI: webviews show images this way, so no file URI or remote load is ever needed. */
    readonly dataUri: string;
}

export interface Region {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    readonly pixels?: number;
}

export interface RenderView {
    readonly image: ImageView;
    readonly width: number;
    readonly height: number;
    readonly elapsedMs: number;
    readonly blockedRequests: readonly string[];
    readonly consoleErrors: readonly string[];
}

export interface DiffView {
    readonly width: number;
    readonly height: number;
    readonly diffPixels: number;
    readonly aaPixels: number;
    readonly diffPercent: number;
    readonly identical: boolean;
    readonly regions: readonly Region[];
    readonly elapsedMs: number;
    readonly diffImage: ImageView | undefined;
    readonly explanation: string | undefined;
    /** One sentence for a notification or the panel heading. */
    readonly summary: string;
}

export interface CodeView {
    readonly code: string;
    readonly finalRender: ImageView | undefined;
    readonly scores: readonly number[];
    readonly sessionId: string | undefined;
    readonly writtenPath: string | undefined;
    readonly summary: string;
}

export interface EditView {
    readonly diff: string;
    readonly code: string | undefined;
    readonly before: ImageView | undefined;
    readonly after: ImageView | undefined;
    readonly changedRegions: readonly Region[];
    readonly sessionId: string | undefined;
    readonly version: number | undefined;
    readonly accepted: boolean;
    readonly message: string;
}

export interface DescribeView {
    readonly answer: string;
    /** The engine and image-token lines the server adds under the answer. */
    readonly details: string;
    readonly engine: string | undefined;
    readonly annotated: ImageView | undefined;
}

/** A tool answered with `isError`: the message says what is wrong and what to do. */
export class ToolError extends Error {
    constructor(readonly tool: string, message: string) {
        super(message);
        this.name = 'ToolError';
    }
}

export interface ParsedResult {
    readonly texts: readonly string[];
    readonly images: readonly ImageView[];
    /** The structured content, or else the first text block that parses as a JSON object. */
    readonly json: Record<string, unknown>;
}

export function parseToolResult(tool: string, result: RawToolResult): ParsedResult {
    const content = result.content ?? [];
    const texts = content.filter((c) => c.type === 'text' && typeof c.text === 'string').map((c) => c.text as string);
    if (result.isError) {
        throw new ToolError(tool, texts.join('\n').trim() || `${tool} failed without a message.`);
    }
    const images = content
        .filter((c) => c.type === 'image' && typeof c.data === 'string')
        .map((c) => toImage(c.mimeType ?? 'image/png', c.data as string));
    let json: Record<string, unknown> = isObject(result.structuredContent) ? result.structuredContent : {};
    if (!isObject(result.structuredContent)) {
        for (const text of texts) {
            const parsed = tryParseObject(text);
            if (parsed) {
                json = parsed;
                break;
            }
        }
    }
    return { texts, images, json };
}

export function toImage(mimeType: string, base64: string): ImageView {
    return { mimeType, dataUri: `data:${mimeType};base64,${base64}` };
}

export function toRenderView(result: RawToolResult): RenderView {
    const parsed = parseToolResult('render_page', result);
    const image = parsed.images[0];
    if (!image) {
        throw new ToolError('render_page', 'render_page returned no image.');
    }
    const j = parsed.json;
    return {
        image,
        width: num(j, 'width'),
        height: num(j, 'height'),
        elapsedMs: num(j, 'elapsedMs', 'elapsed_ms'),
        blockedRequests: strings(j, 'blockedRequests', 'blocked_requests'),
        consoleErrors: strings(j, 'consoleErrors', 'console_errors'),
    };
}

export function toDiffView(result: RawToolResult): DiffView {
    const parsed = parseToolResult('visual_diff', result);
    const j = parsed.json;
    const diffPixels = num(j, 'diffPixels', 'diff_pixels');
    const diffPercent = num(j, 'diffPercent', 'diff_percent');
    const identical = bool(j, 'identical') ?? diffPixels === 0;
    const regions = regionsOf(j, 'regions');
    const explanation = str(j, 'explanation');
    const summary = identical
        ? 'The images are identical.'
        : `${diffPixels.toLocaleString('en-US')} pixels differ (${formatPercent(diffPercent)}) in ${regions.length} region${regions.length === 1 ? '' : 's'}.`;
    return {
        width: num(j, 'width'),
        height: num(j, 'height'),
        diffPixels,
        aaPixels: num(j, 'aaPixels', 'aa_pixels'),
        diffPercent,
        identical,
        regions,
        elapsedMs: num(j, 'elapsedMs', 'elapsed_ms'),
        diffImage: parsed.images[0],
        explanation,
        summary,
    };
}

export function toCodeView(result: RawToolResult): CodeView {
    const parsed = parseToolResult('screenshot_to_code', result);
    const j = parsed.json;
    const rounds = j['rounds'] ?? j['scores'];
    const scores = Array.isArray(rounds)
        ? rounds.map((r) => (typeof r === 'number' ? r : isObject(r) ? num(r, 'score') : Number.NaN)).filter((s) => Number.isFinite(s))
        : [];
    const code = str(j, 'code') ?? extractCode(parsed.texts);
    const best = scores.length > 0 ? Math.max(...scores) : undefined;
    return {
        code: code ?? '',
        finalRender: parsed.images[parsed.images.length - 1],
        scores,
        sessionId: str(j, 'sessionId', 'session_id'),
        writtenPath: str(j, 'writtenPath', 'written_path', 'outputPath', 'output_path', 'path'),
        summary: code
            ? `Generated in ${scores.length || 1} round${scores.length > 1 ? 's' : ''}${best === undefined ? '' : `, best score ${best.toFixed(2)}`}.`
            : str(j, 'message') ?? 'The model produced no code.',
    };
}

export function toEditView(result: RawToolResult): EditView {
    const parsed = parseToolResult('locate_and_edit', result);
    const j = parsed.json;
    const diff = str(j, 'diff', 'unifiedDiff', 'unified_diff') ?? parsed.texts.find((t) => t.startsWith('---') || t.includes('\n@@')) ?? '';
    const accepted = bool(j, 'accepted') ?? diff !== '';
    return {
        diff,
        code: str(j, 'code', 'newCode', 'new_code'),
        before: parsed.images.length > 1 ? parsed.images[0] : undefined,
        after: parsed.images[parsed.images.length - 1],
        changedRegions: regionsOf(j, 'changedRegions', 'changed_regions', 'regions'),
        sessionId: str(j, 'sessionId', 'session_id'),
        version: optionalNum(j, 'version'),
        accepted,
        message: str(j, 'message', 'summary') ?? (accepted ? 'The edit landed where you pointed.' : 'The edit was not accepted.'),
    };
}

export function toDescribeView(result: RawToolResult): DescribeView {
    const parsed = parseToolResult('describe_image', result);
    const plain = parsed.texts.filter((t) => !tryParseObject(t));
    const answer = str(parsed.json, 'answer', 'text') ?? plain[0] ?? '';
    return {
        answer,
        details: plain.filter((t) => t !== answer).join('\n'),
        engine: str(parsed.json, 'engine'),
        annotated: parsed.images[0],
    };
}

function extractCode(texts: readonly string[]): string | undefined {
    for (const text of texts) {
        const fenced = /```(?:html)?\s*\n([\s\S]*?)```/i.exec(text);
        if (fenced?.[1]) {
            return fenced[1];
        }
        if (/<html[\s>]|<!doctype html/i.test(text)) {
            return text;
        }
    }
    return undefined;
}

function formatPercent(percent: number): string {
    return `${percent < 0.01 && percent > 0 ? percent.toPrecision(2) : percent.toFixed(2)}%`;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tryParseObject(text: string): Record<string, unknown> | undefined {
    const trimmed = text.trim();
    if (!trimmed.startsWith('{')) {
        return undefined;
    }
    try {
        const value: unknown = JSON.parse(trimmed);
        return isObject(value) ? value : undefined;
    } catch {
        return undefined;
    }
}

function pick(j: Record<string, unknown>, keys: readonly string[]): unknown {
    for (const key of keys) {
        if (j[key] !== undefined && j[key] !== null) {
            return j[key];
        }
    }
    return undefined;
}

function optionalNum(j: Record<string, unknown>, ...keys: string[]): number | undefined {
    const value = pick(j, keys);
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function num(j: Record<string, unknown>, ...keys: string[]): number {
    return optionalNum(j, ...keys) ?? 0;
}

function str(j: Record<string, unknown>, ...keys: string[]): string | undefined {
    const value = pick(j, keys);
    return typeof value === 'string' ? value : undefined;
}

function bool(j: Record<string, unknown>, ...keys: string[]): boolean | undefined {
    const value = pick(j, keys);
    return typeof value === 'boolean' ? value : undefined;
}

function strings(j: Record<string, unknown>, ...keys: string[]): string[] {
    const value = pick(j, keys);
    return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : [];
}

function regionsOf(j: Record<string, unknown>, ...keys: string[]): Region[] {
    const value = pick(j, keys);
    if (!Array.isArray(value)) {
        return [];
    }
    return value.filter(isObject).map((r) => {
        const pixels = optionalNum(r, 'pixels');
        const region: Region = { x: num(r, 'x'), y: num(r, 'y'), width: num(r, 'width'), height: num(r, 'height') };
        return pixels === undefined ? region : { ...region, pixels };
    });
}
