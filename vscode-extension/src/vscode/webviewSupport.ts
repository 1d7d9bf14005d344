import * as vscode from 'vscode';
import { buildWebviewHtml, createNonce } from '../core/webviewHtml';

/** Webview options the sample extensions recommend: scripts on, and only the extension's media/ folder readable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
        retainContextWhenHidden: true,
    };
}

export function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: { title: string; script: string; styles: string[]; body: string }): string {
    const media = (...segments: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', ...segments)).toString();
    return buildWebviewHtml({
        title: page.title,
        cspSource: webview.cspSource,
        nonce: createNonce(),
        scriptUri: media('dist', page.script),
        styleUris: ['common.css', ...page.styles].map((s) => media(s)),
        body: page.body,
    });
}

export function errorMessage(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
