import type * as vscode from 'vscode';
import { GlmMcpClient } from '../core/mcpClient';
import type { LaunchSource } from './launchSource';

/**
 * The commands' MCP client: one `glm-mcp` process over stdio, started on first use and restarted with new arguments
 * after the settings change.
 */
export class ClientHost implements vscode.Disposable {
    private _client: Promise<GlmMcpClient> | undefined;
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
            const starting = this.start();
            this._client = starting;
            // A failed start is not cached: the next command tries again (e.g. after the user fixed the path).
            starting.catch(() => {
                if (this._client === starting) {
                    this._client = undefined;
                }
            });
        }
        return this._client;
    }

    private async start(): Promise<GlmMcpClient> {
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
        });
    }

    async reset(): Promise<void> {
        const old = this._client;
        this._client = undefined;
        if (old) {
            await old.then((c) => c.close()).catch(() => undefined);
        }
    }

    dispose(): void {
        this._subscription.dispose();
        void this.reset();
    }
}
