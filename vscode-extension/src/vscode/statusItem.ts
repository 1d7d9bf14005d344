import * as vscode from 'vscode';
import { describeEngine } from '../core/serverDefinition';
import { runServerVerb } from '../core/processRunner';
import type { LaunchSource } from './launchSource';

/**
 * The status bar item: the engine in use and whether `glm-mcp doctor` found everything ready. Click → Doctor. Doctor
 * runs when asked or when a setting changes, never at activation: VS Code starts without spawning a process for it.
 */
export class StatusItem implements vscode.Disposable {
    private readonly _item = vscode.window.createStatusBarItem('glmMcp.status', vscode.StatusBarAlignment.Right, 100);
    private readonly _subscription: vscode.Disposable;
    private _generation = 0;

    constructor(private readonly _source: LaunchSource) {
        this._item.name = 'GLM MCP';
        this._item.command = 'glmMcp.doctor';
        this._subscription = _source.onDidChange(() => void this.refresh());
        this.label('$(eye)', 'not checked yet');
        this._item.show();
    }

    private label(icon: string, state: string, details?: string): void {
        const engine = describeEngine(this._source.settings());
        this._item.text = `${icon} GLM: ${this._source.settings().engine}`;
        this._item.tooltip = new vscode.MarkdownString(`**GLM MCP** — ${engine}: ${state}${details ? `\n\n\`\`\`\n${details}\n\`\`\`` : ''}\n\nClick to run Doctor.`);
    }

    show(ready: boolean, details: string): void {
        this.label(ready ? '$(eye)' : '$(warning)', ready ? 'ready' : 'needs attention', details.trim().split(/\r?\n/).slice(-12).join('\n'));
    }

    /** Runs `glm-mcp doctor` in the background; an older refresh finishing late does not overwrite a newer one. */
    async refresh(): Promise<void> {
        const generation = ++this._generation;
        this.label('$(sync~spin)', 'checking…');
        try {
            const result = await runServerVerb(await this._source.launch('doctor'));
            if (generation === this._generation) {
                this.show(result.exitCode === 0, result.output);
            }
        } catch (error) {
            if (generation === this._generation) {
                this.show(false, error instanceof Error ? error.message : String(error));
            }
        }
    }

    dispose(): void {
        this._subscription.dispose();
        this._item.dispose();
    }
}
