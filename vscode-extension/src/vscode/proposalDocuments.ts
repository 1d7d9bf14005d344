import * as vscode from 'vscode';

export const proposalScheme = 'glm-mcp-proposal';

/** Read-only documents holding proposed edits, the right-hand side of the Visual Edit diff view. */
export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly _texts = new Map<string, string>();
    private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this._onDidChange.event;

    set(file: vscode.Uri, text: string): vscode.Uri {
        const uri = vscode.Uri.from({ scheme: proposalScheme, path: file.path, query: file.toString() });
        this._texts.set(uri.toString(), text);
        this._onDidChange.fire(uri);
        return uri;
    }

    delete(uri: vscode.Uri): void {
        this._texts.delete(uri.toString());
    }

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this._texts.get(uri.toString()) ?? '';
    }

    dispose(): void {
        this._onDidChange.dispose();
        this._texts.clear();
    }
}
