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

/**
 * The latest progress line `glm-mcp pull` printed in a chunk of its output ("text.gguf: 40% of 5.1 GB"; piped, it
 * prints a line per step and file). Shown as the notification's message: the files are pulled one after another, so
 * one overall percentage would run to 100 and start again.
 */
export function lastProgressLine(chunk: string): string | undefined {
    const lines = chunk
        .split(/[\r\n]+/)
        .map((l) => l.trim())
        .filter((l) => /\d%/.test(l));
    return lines[lines.length - 1];
}
