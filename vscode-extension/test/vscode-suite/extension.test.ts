import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'glm-mcp.glm-mcp';
const commandIds = [
    'glmMcp.screenshotToCode',
    'glmMcp.visualEdit',
    'glmMcp.compareScreenshots',
    'glmMcp.describeImage',
    'glmMcp.pullModel',
    'glmMcp.doctor',
    'glmMcp.setApiKey',
    'glmMcp.clearApiKey',
];

interface ExtensionApi {
    readonly source: { launch(): Promise<{ command: string; args: readonly string[] }> };
}

suite('GLM MCP in VS Code', () => {
    test('activates and registers every command', async () => {
        const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
        assert.ok(extension, `${extensionId} is installed`);
        await extension.activate();
        const commands = await vscode.commands.getCommands(true);
        for (const id of commandIds) {
            assert.ok(commands.includes(id), `${id} is registered`);
        }
    });

    test('builds the bundled server launch from the settings, and rebuilds it when they change', async () => {
        const api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
        const launch = await api.source.launch();
        assert.match(launch.command, /server[\\/]glm-mcp(\.exe)?$/);
        assert.equal(launch.args[0], 'serve');
        await vscode.workspace.getConfiguration('glmMcp').update('engine', 'sampling', vscode.ConfigurationTarget.Global);
        try {
            assert.deepEqual((await api.source.launch()).args.slice(0, 3), ['serve', '--engine', 'sampling']);
        } finally {
            await vscode.workspace.getConfiguration('glmMcp').update('engine', undefined, vscode.ConfigurationTarget.Global);
        }
    });

    test('the MCP server definition provider API exists on VS Code 1.101+', () => {
        const [major, minor] = vscode.version.split('.').map(Number);
        const hasApi = typeof (vscode as unknown as { lm?: { registerMcpServerDefinitionProvider?: unknown } }).lm?.registerMcpServerDefinitionProvider === 'function';
        assert.equal(hasApi, (major ?? 0) > 1 || (minor ?? 0) >= 101);
    });
});
