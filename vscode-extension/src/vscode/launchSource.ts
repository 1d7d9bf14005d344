import * as vscode from 'vscode';
import { buildServerLaunch, type ServerLaunch, type ServerVerb } from '../core/serverDefinition';
import { configurationSection, type GlmMcpSettings, readSettings } from '../core/settings';

/** Where the API key lives in SecretStorage (never in settings.json). */
export const apiKeySecret = 'glmMcp.apiKey';

/**
 * Builds `glm-mcp` command lines from the current settings, workspace folders and stored key, and says when any of
 * them changed, so the MCP list, the commands' client and the status bar all follow the same settings.
 */
export class LaunchSource implements vscode.Disposable {
    private readonly _onDidChange = new vscode.EventEmitter<void>();
    private readonly _subscriptions: vscode.Disposable[] = [];

    readonly onDidChange = this._onDidChange.event;

    constructor(private readonly _context: vscode.ExtensionContext) {
        this._subscriptions.push(
            this._onDidChange,
            vscode.workspace.onDidChangeConfiguration((e) => {
                if (e.affectsConfiguration(configurationSection)) {
                    this._onDidChange.fire();
                }
            }),
            vscode.workspace.onDidChangeWorkspaceFolders(() => this._onDidChange.fire()),
            _context.secrets.onDidChange((e) => {
                if (e.key === apiKeySecret) {
                    this._onDidChange.fire();
                }
            }),
        );
    }

    settings(): GlmMcpSettings {
        const configuration = vscode.workspace.getConfiguration(configurationSection);
        return readSettings((key) => configuration.get(key));
    }

    workspaceFolders(): string[] {
        return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    }

    /** Folders the server may touch: the workspace and the user's extra roots. */
    roots(): string[] {
        return [...new Set([...this.workspaceFolders(), ...this.settings().allowedRoots])];
    }

    async apiKey(): Promise<string | undefined> {
        return (await this._context.secrets.get(apiKeySecret)) || undefined;
    }

    /** The launch; with `withSecret` false the key is left out (VS Code's MCP list adds it when it starts the server). */
    async launch(verb: ServerVerb = 'serve', verbArgs: readonly string[] = [], withSecret = true): Promise<ServerLaunch> {
        const version = (this._context.extension?.packageJSON as { version?: string } | undefined)?.version ?? '0.0.0';
        return buildServerLaunch(
            this.settings(),
            {
                extensionPath: this._context.extensionPath,
                platform: process.platform,
                workspaceFolders: this.workspaceFolders(),
                apiKey: withSecret ? await this.apiKey() : undefined,
                extensionVersion: version,
            },
            verb,
            verbArgs,
        );
    }

    dispose(): void {
        for (const d of this._subscriptions) {
            d.dispose();
        }
    }
}
