import * as vscode from 'vscode';

/**
 * The part of VS Code's MCP API (final in 1.101) the extension uses. The extension supports older VS Code too, so its
 * `@types/vscode` is that of its oldest supported version and this API is looked up at run time.
 */
export interface McpStdioServerDefinition {
    readonly label: string;
    command: string;
    args: string[];
    env: Record<string, string | number | null>;
    version?: string | undefined;
    cwd?: vscode.Uri | undefined;
}

export interface McpServerDefinitionProvider {
    readonly onDidChangeMcpServerDefinitions?: vscode.Event<void>;
    provideMcpServerDefinitions(token: vscode.CancellationToken): vscode.ProviderResult<McpStdioServerDefinition[]>;
    resolveMcpServerDefinition?(server: McpStdioServerDefinition, token: vscode.CancellationToken): vscode.ProviderResult<McpStdioServerDefinition>;
}

export interface McpApi {
    registerMcpServerDefinitionProvider(id: string, provider: McpServerDefinitionProvider): vscode.Disposable;
    createStdioDefinition(
        label: string,
        command: string,
        args: string[],
        env: Record<string, string | number | null>,
        version: string | undefined,
    ): McpStdioServerDefinition;
}

type McpStdioServerDefinitionConstructor = new (
    label: string,
    command: string,
    args?: string[],
    env?: Record<string, string | number | null>,
    version?: string,
) => McpStdioServerDefinition;

interface VsCodeWithMcp {
    readonly lm?: { registerMcpServerDefinitionProvider?: McpApi['registerMcpServerDefinitionProvider'] };
    readonly McpStdioServerDefinition?: McpStdioServerDefinitionConstructor;
}

/** VS Code's MCP API when this VS Code has it (1.101 and later), else undefined. */
export function getMcpApi(api: unknown = vscode): McpApi | undefined {
    const host = api as VsCodeWithMcp;
    const register = host.lm?.registerMcpServerDefinitionProvider;
    const Definition = host.McpStdioServerDefinition;
    if (typeof register !== 'function' || typeof Definition !== 'function') {
        return undefined;
    }
    return {
        registerMcpServerDefinitionProvider: (id, provider) => register.call(host.lm, id, provider),
        createStdioDefinition: (label, command, args, env, version) => new Definition(label, command, args, env, version),
    };
}
