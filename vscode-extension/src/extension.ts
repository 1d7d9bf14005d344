import * as vscode from 'vscode';
import { ensureExecutable } from './core/ensureExecutable';
import { bundledServerPath } from './core/serverDefinition';
import { ClientHost } from './vscode/clientHost';
import { registerCommands } from './vscode/commands';
import { LaunchSource } from './vscode/launchSource';
import { registerMcpProvider } from './vscode/mcpProvider';
import { ProposalDocuments, proposalScheme } from './vscode/proposalDocuments';
import { StatusItem } from './vscode/statusItem';

let clients: ClientHost | undefined;

export function activate(context: vscode.ExtensionContext): { readonly source: LaunchSource } {
    const version = (context.extension?.packageJSON as { version?: string } | undefined)?.version ?? '0.0.0';
    const log = vscode.window.createOutputChannel('GLM MCP');
    const bundled = bundledServerPath(context.extensionPath, process.platform);
    if (!ensureExecutable(bundled)) {
        log.appendLine(`[start] ${bundled} is not executable and could not be made so; run chmod +x on it.`);
    }
    const source = new LaunchSource(context);
    clients = new ClientHost(source, log, version);
    const proposals = new ProposalDocuments();
    const status = new StatusItem(source);
    context.subscriptions.push(
        log,
        source,
        clients,
        proposals,
        status,
        vscode.workspace.registerTextDocumentContentProvider(proposalScheme, proposals),
        ...registerMcpProvider(context, source),
        ...registerCommands({ context, source, clients, log, proposals, status }),
    );
    return { source };
}

export async function deactivate(): Promise<void> {
    await clients?.reset();
    clients = undefined;
}
