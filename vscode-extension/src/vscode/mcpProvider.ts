import * as vscode from 'vscode';
import { apiKeyEnvironmentVariable, type ServerLaunch } from '../core/serverDefinition';
import type { LaunchSource } from './launchSource';
import { getMcpApi, type McpApi, type McpStdioServerDefinition } from './mcpApi';

/** Must equal `contributes.mcpServerDefinitionProviders[0].id` in package.json. */
export const mcpProviderId = 'glmMcp.server';

const noticeShownKey = 'glmMcp.mcpApiMissingNoticeShown';

export const mcpApiMissingMessage =
    'GLM MCP: VS Code 1.101 or newer lists the GLM MCP server for Copilot and other agents. ' +
    'This VS Code is older, so the server is not in its MCP list; the GLM MCP commands work as usual.';

function toDefinition(api: McpApi, launch: ServerLaunch): McpStdioServerDefinition {
    const definition = api.createStdioDefinition(launch.label, launch.command, [...launch.args], { ...launch.env }, launch.version);
    if (launch.cwd) {
        definition.cwd = vscode.Uri.file(launch.cwd);
    }
    return definition;
}

/**
 * Puts the bundled server in VS Code's MCP list, its arguments rebuilt from the settings whenever they change. The
 * key is added only when VS Code resolves the definition to start it, so the listed definition never carries it.
 * Without the API (older VS Code) it tells the user once and registers nothing.
 */
export function registerMcpProvider(context: vscode.ExtensionContext, source: LaunchSource, api: McpApi | undefined = getMcpApi()): vscode.Disposable[] {
    if (!api) {
        if (!context.globalState.get<boolean>(noticeShownKey)) {
            void context.globalState.update(noticeShownKey, true);
            void vscode.window.showInformationMessage(mcpApiMissingMessage);
        }
        return [];
    }
    const changed = new vscode.EventEmitter<void>();
    const provider = api.registerMcpServerDefinitionProvider(mcpProviderId, {
        onDidChangeMcpServerDefinitions: changed.event,
        provideMcpServerDefinitions: async () => [toDefinition(api, await source.launch('serve', [], false))],
        resolveMcpServerDefinition: async (server) => {
            const launch = await source.launch('serve', [], true);
            for (const warning of launch.warnings) {
                void vscode.window.showWarningMessage(`GLM MCP: ${warning}`);
            }
            const key = launch.env[apiKeyEnvironmentVariable];
            if (key) {
                server.env = { ...server.env, [apiKeyEnvironmentVariable]: key };
            }
            return server;
        },
    });
    return [changed, source.onDidChange(() => changed.fire()), provider];
}
