import type { ProgressUpdate } from './mcpClient';

export interface ProgressStep {
    /** Percentage points to add to VS Code's progress bar (it takes increments, MCP sends totals). */
    readonly increment: number | undefined;
    readonly message: string | undefined;
}

/** Converts MCP progress notifications into VS Code progress reports. */
export class ProgressTracker {
    private _reported = 0;

    next(update: ProgressUpdate): ProgressStep {
        let increment: number | undefined;
        if (update.total !== undefined && update.total > 0) {
            const percent = Math.min(100, Math.max(0, (update.progress / update.total) * 100));
            if (percent > this._reported) {
                increment = percent - this._reported;
                this._reported = percent;
            }
        }
        const message = update.message ?? (update.total !== undefined ? `${update.progress}/${update.total}` : undefined);
        return { increment, message };
    }
}

/** The last percentage printed by `glm-mcp pull` in a chunk of its output (it redraws one progress line). */
export function lastPercent(chunk: string): number | undefined {
    const matches = [...chunk.matchAll(/(\d{1,3}(?:\.\d+)?)\s?%/g)];
    const last = matches[matches.length - 1];
    if (!last?.[1]) {
        return undefined;
    }
    const value = Number(last[1]);
    return value >= 0 && value <= 100 ? value : undefined;
}
