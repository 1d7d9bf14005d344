import { spawn } from 'node:child_process';
import type { ServerLaunch } from './serverDefinition';

export interface VerbRun {
    readonly exitCode: number | null;
    readonly output: string;
    readonly cancelled: boolean;
}

export interface VerbRunOptions {
    readonly signal?: AbortSignal;
    readonly inheritedEnv?: NodeJS.ProcessEnv;
    /** Receives stdout and stderr as they arrive (pull redraws a progress line; doctor prints checks). */
    readonly onOutput?: (text: string) => void;
}

/** Runs a one-shot `glm-mcp` verb (`doctor`, `pull`) to completion; aborting kills it. */
export function runServerVerb(launch: ServerLaunch, options: VerbRunOptions = {}): Promise<VerbRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(launch.command, [...launch.args], {
            cwd: launch.cwd,
            env: { ...(options.inheritedEnv ?? process.env), ...launch.env },
            stdio: ['ignore', 'pipe', 'pipe'],
            signal: options.signal,
        });
        let output = '';
        const collect = (chunk: Buffer): void => {
            const text = chunk.toString('utf8');
            output += text;
            options.onOutput?.(text);
        };
        child.stdout.on('data', collect);
        child.stderr.on('data', collect);
        child.on('error', (error: NodeJS.ErrnoException) => {
            if (error.name === 'AbortError') {
                resolve({ exitCode: null, output, cancelled: true });
            } else if (error.code === 'ENOENT') {
                reject(new Error(`glm-mcp was not found at ${launch.command}. Set glmMcp.serverPath or reinstall the extension.`));
            } else {
                reject(error);
            }
        });
        child.on('close', (code) => resolve({ exitCode: code, output, cancelled: options.signal?.aborted ?? false }));
    });
}
