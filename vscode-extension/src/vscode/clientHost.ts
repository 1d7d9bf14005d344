import type * as vscode from 'vscode';
import { GlmMcpClient } from '../core/mcpClient';
import type { LaunchSource } from './launchSource';

/**
 * The commands' MCP client: one `glm-mcp` process over stdio, started on first use, restarted with new arguments after
 * the settings change, and started afresh by the next command when the server exited.
 */
export class ClientHost implements vscode.Disposable {
    private _client: Promise<GlmMcpClient> | undefined;
    /** Which start the cached client belongs to, so a late exit of an old server cannot drop a newer one. */
    private _generation = 0;
    private readonly _subscription: vscode.Disposable;

    constructor(
        private readonly _source: LaunchSource,
        private readonly _log: vscode.OutputChannel,
        private readonly _version: string,
    ) {
        this._subscription = _source.onDidChange(() => void this.reset());
    }

    get(): Promise<GlmMcpClient> {
        if (!this._client) {
            const generation = ++this._generation;
            const starting = this.start(generation);
            this._client = starting;
            // A failed start is not cached: the next command tries again (e.g. after the user fixed the path).
            starting.catch(() => this.forget(generation));
        }
        return this._client;
    }

    private forget(generation: number): void {
        if (generation === this._generation) {
            this._client = undefined;
        }
    }

    private async start(generation: number): Promise<GlmMcpClient> {
        const launch = await this._source.launch();
        for (const warning of launch.warnings) {
            this._log.appendLine(`[settings] ${warning}`);
        }
        this._log.appendLine(`[start] ${launch.command} ${launch.args.join(' ')}`);
        return GlmMcpClient.connect(launch, {
            roots: this._source.roots(),
            inheritedEnv: process.env,
            clientVersion: this._version,
            onLog: (line) => this._log.appendLine(line),
            onClose: () => {
                this._log.appendLine('[exit] glm-mcp stopped');
                this.forget(generation);
            },
        });
    }

    async reset(): Promise<void> {
        const old = this._client;
        this._client = undefined;
        this._generation++;
        if (old) {
            await old.then((c) => c.close()).catch(() => undefined);
        }
    }

    dispose(): void {
        this._subscription.dispose();
        void this.reset();
    }
}
