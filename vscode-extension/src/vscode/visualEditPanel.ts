import * as path from 'node:path';
import * as vscode from 'vscode';
import { pngSize } from '../core/images';
import { parseVisualEditToExtension, type VisualEditToExtension, type VisualEditToWebview } from '../core/messages';
import { visualEditBody } from '../core/pages';
import { ProgressTracker } from '../core/progress';
import { applyUnifiedDiff } from '../core/unifiedDiff';
import type { ClientHost } from './clientHost';
import type { ProposalDocuments } from './proposalDocuments';
import { errorMessage, pageHtml, webviewOptions } from './webviewSupport';

/** The viewport Visual Edit renders at; `locate_and_edit` reads regions in the pixels of a render at this width. */
export const previewViewport = { width: 1280, height: 800 } as const;

interface Proposal {
    readonly text: string;
    readonly uri: vscode.Uri;
}

/**
 * Visual Edit for one HTML file: its render, a box or ellipse the user drags on it, the instruction, then
 * `locate_and_edit` → the diff view → Apply (a workspace edit, undoable in the editor) or Discard.
 */
export class VisualEditPanel {
    static readonly viewType = 'glmMcp.visualEdit';
    private static readonly _panels = new Map<string, VisualEditPanel>();

    private readonly _disposables: vscode.Disposable[] = [];
    private _imageSize: { width: number; height: number } | undefined;
    private _proposal: Proposal | undefined;

    private constructor(
        private readonly _panel: vscode.WebviewPanel,
        extensionUri: vscode.Uri,
        private readonly _file: vscode.Uri,
        private readonly _clients: ClientHost,
        private readonly _proposals: ProposalDocuments,
    ) {
        _panel.webview.html = pageHtml(_panel.webview, extensionUri, {
            title: _panel.title,
            script: 'visualEdit.js',
            styles: ['visualEdit.css'],
            body: visualEditBody,
        });
        _panel.onDidDispose(() => this.dispose(), null, this._disposables);
        _panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw), null, this._disposables);
    }

    static createOrShow(extensionUri: vscode.Uri, file: vscode.Uri, clients: ClientHost, proposals: ProposalDocuments): void {
        const existing = VisualEditPanel._panels.get(file.toString());
        if (existing) {
            existing._panel.reveal(vscode.ViewColumn.Beside);
            void existing.render();
            return;
        }
        const panel = vscode.window.createWebviewPanel(
            VisualEditPanel.viewType,
            `Visual Edit: ${path.basename(file.fsPath)}`,
            vscode.ViewColumn.Beside,
            webviewOptions(extensionUri),
        );
        VisualEditPanel._panels.set(file.toString(), new VisualEditPanel(panel, extensionUri, file, clients, proposals));
    }

    private post(message: VisualEditToWebview): void {
        void this._panel.webview.postMessage(message);
    }

    private receive(raw: unknown): void {
        const message: VisualEditToExtension | undefined = parseVisualEditToExtension(raw, this._imageSize);
        if (!message) {
            return;
        }
        switch (message.type) {
            case 'ready':
            case 'refresh':
                void this.render();
                break;
            case 'edit':
                void this.edit(message.region, message.instruction);
                break;
            case 'apply':
                void this.apply();
                break;
            case 'discard':
                this.clearProposal();
                this.post({ type: 'done', message: 'Discarded.' });
                break;
        }
    }

    private async saved(): Promise<vscode.TextDocument> {
        const document = await vscode.workspace.openTextDocument(this._file);
        // The server reads the file from disk: render and edit what the user sees in the editor.
        if (document.isDirty) {
            await document.save();
        }
        return document;
    }

    private async render(): Promise<void> {
        try {
            this.post({ type: 'busy', message: 'Rendering…' });
            await this.saved();
            const client = await this._clients.get();
            const view = await client.renderPage({ path: this._file.fsPath, ...previewViewport, full_page: true });
            const size = pngSize(Buffer.from(view.image.dataUri.slice(view.image.dataUri.indexOf(',') + 1), 'base64'));
            this._imageSize = size ?? { width: view.width, height: view.height };
            this.post({ type: 'show', image: view.image.dataUri, ...this._imageSize, title: path.basename(this._file.fsPath) });
        } catch (error) {
            this.post({ type: 'error', message: `Render failed: ${errorMessage(error)}` });
        }
    }

    private async edit(region: { x: number; y: number; width: number; height: number }, instruction: string): Promise<void> {
        try {
            const document = await this.saved();
            const client = await this._clients.get();
            this.post({ type: 'busy', message: 'Finding the marked element and editing it…' });
            const view = await vscode.window.withProgress(
                { location: vscode.ProgressLocation.Notification, title: 'GLM MCP: Visual Edit', cancellable: true },
                (progress, token) => {
                    const abort = new AbortController();
                    token.onCancellationRequested(() => abort.abort());
                    const tracker = new ProgressTracker();
                    return client.locateAndEdit(
                        { instruction, region, path: this._file.fsPath, dry_run: true },
                        { signal: abort.signal, onProgress: (u) => progress.report(tracker.next(u)) },
                    );
                },
            );
            if (!view.accepted || (view.diff === '' && view.code === undefined)) {
                this.post({ type: 'error', message: view.message });
                return;
            }
            const text = view.diff !== '' ? applyUnifiedDiff(document.getText(), view.diff) : (view.code as string);
            this.clearProposal();
            const uri = this._proposals.set(this._file, text);
            this._proposal = { text, uri };
            await vscode.commands.executeCommand('vscode.diff', this._file, uri, `${path.basename(this._file.fsPath)} ↔ proposed edit`, {
                preview: true,
                viewColumn: vscode.ViewColumn.One,
            });
            this.post({ type: 'proposal', message: `${view.message} Review the diff, then Apply or Discard.`, after: view.after?.dataUri });
        } catch (error) {
            this.post({ type: 'error', message: errorMessage(error) });
        }
    }

    private async apply(): Promise<void> {
        const proposal = this._proposal;
        if (!proposal) {
            return;
        }
        try {
            const document = await vscode.workspace.openTextDocument(this._file);
            const edit = new vscode.WorkspaceEdit();
            edit.replace(this._file, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), proposal.text);
            if (!(await vscode.workspace.applyEdit(edit))) {
                throw new Error('VS Code refused the edit (is the file read-only?).');
            }
            await document.save();
            this.clearProposal();
            this.post({ type: 'done', message: 'Applied. Undo in the editor reverts it.' });
            await this.render();
        } catch (error) {
            this.post({ type: 'error', message: errorMessage(error) });
        }
    }

    private clearProposal(): void {
        if (this._proposal) {
            this._proposals.delete(this._proposal.uri);
            this._proposal = undefined;
        }
    }

    dispose(): void {
        VisualEditPanel._panels.delete(this._file.toString());
        this.clearProposal();
        this._panel.dispose();
        for (const d of this._disposables) {
            d.dispose();
        }
    }
}
