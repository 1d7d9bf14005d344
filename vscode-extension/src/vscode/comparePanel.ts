import * as vscode from 'vscode';
import { type CompareToWebview, parseCompareToExtension } from '../core/messages';
import { compareBody } from '../core/pages';
import { pageHtml, webviewOptions } from './webviewSupport';

/** Shows two images and what differs between them: the diff overlay, the region list, and before/after toggles. */
export class ComparePanel {
    static readonly viewType = 'glmMcp.compare';
    private static _current: ComparePanel | undefined;

    private readonly _disposables: vscode.Disposable[] = [];
    private _ready = false;

    private constructor(
        private readonly _panel: vscode.WebviewPanel,
        extensionUri: vscode.Uri,
        private _message: CompareToWebview,
    ) {
        _panel.webview.html = pageHtml(_panel.webview, extensionUri, { title: _panel.title, script: 'compare.js', styles: ['compare.css'], body: compareBody });
        _panel.onDidDispose(() => this.dispose(), null, this._disposables);
        _panel.webview.onDidReceiveMessage(
            (raw: unknown) => {
                if (parseCompareToExtension(raw)) {
                    this._ready = true;
                    void _panel.webview.postMessage(this._message);
                }
            },
            null,
            this._disposables,
        );
    }

    static createOrShow(extensionUri: vscode.Uri, title: string, message: CompareToWebview, column = vscode.ViewColumn.Active): void {
        const existing = ComparePanel._current;
        if (existing) {
            existing._panel.title = title;
            existing._message = message;
            existing._panel.reveal(column);
            if (existing._ready) {
                void existing._panel.webview.postMessage(message);
            }
            return;
        }
        const panel = vscode.window.createWebviewPanel(ComparePanel.viewType, title, column, webviewOptions(extensionUri));
        ComparePanel._current = new ComparePanel(panel, extensionUri, message);
    }

    dispose(): void {
        ComparePanel._current = undefined;
        this._panel.dispose();
        for (const d of this._disposables) {
            d.dispose();
        }
    }
}
