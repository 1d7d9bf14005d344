import '../support/useVscodeStub';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import type * as vscodeTypes from 'vscode';
import { activate } from '../../src/extension';
import { commandIds } from '../../src/vscode/commands';
import { apiKeySecret, LaunchSource } from '../../src/vscode/launchSource';
import { mcpApiMissingMessage, mcpProviderId, registerMcpProvider } from '../../src/vscode/mcpProvider';
import { fakeContext } from '../support/fakeContext';
import { setMcpApi, stub } from '../support/vscodeStub';

interface PackageJson {
    contributes: { mcpServerDefinitionProviders: { id: string }[]; commands: { command: string; category: string }[] };
}
const packageJson = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as PackageJson;

type Context = ReturnType<typeof fakeContext>;
const asContext = (c: Context) => c as unknown as vscodeTypes.ExtensionContext;
const none = {} as never;

function register(context: Context) {
    const source = new LaunchSource(asContext(context));
    const disposables = registerMcpProvider(asContext(context), source);
    return { source, disposables };
}

describe('MCP server definition provider', () => {
    beforeEach(() => {
        stub.reset();
        stub.workspaceFolders = ['/work/site'];
    });

    test('registers under the id package.json contributes and provides the bundled server built from the settings', async () => {
        setMcpApi(true);
        register(fakeContext('/ext'));
        assert.equal(stub.providers.length, 1);
        const provider = stub.providers[0]!;
        assert.equal(provider.id, mcpProviderId);
        assert.equal(packageJson.contributes.mcpServerDefinitionProviders[0]?.id, mcpProviderId);
        const [definition] = await provider.provider.provideMcpServerDefinitions(none);
        assert.ok(definition);
        assert.equal(definition.label, 'GLM MCP');
        assert.equal(definition.command, '/ext/server/glm-mcp');
        assert.deepEqual(definition.args, ['serve', '--root', '/work/site']);
        assert.equal(definition.version, '9.8.7');
        assert.equal(definition.cwd?.fsPath, '/work/site');
    });

    test('fires its change event when a glmMcp setting changes, and then provides the new arguments', async () => {
        setMcpApi(true);
        register(fakeContext('/ext'));
        const provider = stub.providers[0]!.provider;
        let fired = 0;
        provider.onDidChangeMcpServerDefinitions?.(() => fired++);
        stub.changeSettings({ engine: 'sampling', chromiumPath: '/usr/bin/chromium', serverPath: '/opt/glm-mcp' });
        assert.equal(fired, 1);
        const [definition] = await provider.provideMcpServerDefinitions(none);
        assert.equal(definition?.command, '/opt/glm-mcp');
        assert.deepEqual(definition?.args, ['serve', '--engine', 'sampling', '--root', '/work/site', '--chromium', '/usr/bin/chromium']);
    });

    test('ignores changes to other extensions’ settings', () => {
        setMcpApi(true);
        register(fakeContext('/ext'));
        let fired = 0;
        stub.providers[0]!.provider.onDidChangeMcpServerDefinitions?.(() => fired++);
        stub.fireConfigurationChange(['editor.fontSize', 'glmMcpOther.engine']);
        assert.equal(fired, 0);
        stub.fireConfigurationChange(['glmMcp.chromiumPath']);
        assert.equal(fired, 1);
    });

    test('reads the API key from SecretStorage when resolving, and never lists it in the provided definition', async () => {
        setMcpApi(true);
        stub.settings.set('engine', 'openai');
        stub.settings.set('openai.baseUrl', 'http://gpu:8000/v1');
        const context = fakeContext('/ext', { [apiKeySecret]: 'sk-from-secret-storage' });
        register(context);
        const provider = stub.providers[0]!.provider;
        const [listed] = await provider.provideMcpServerDefinitions(none);
        assert.ok(listed);
        assert.deepEqual(listed.env, {});
        assert.equal(JSON.stringify(listed).includes('sk-from'), false);
        const resolved = await provider.resolveMcpServerDefinition!(listed, none);
        assert.deepEqual(resolved.env, { GLM_MCP_API_KEY: 'sk-from-secret-storage' });
        assert.ok(context.secretReads.includes(apiKeySecret));
        assert.deepEqual(resolved.args, ['serve', '--engine', 'openai', '--base-url', 'http://gpu:8000/v1', '--provider', 'vllm', '--model', 'glm-4.6v', '--root', '/work/site']);
    });

    test('storing a new key re-fires the change event', async () => {
        setMcpApi(true);
        const context = fakeContext('/ext');
        register(context);
        let fired = 0;
        stub.providers[0]!.provider.onDidChangeMcpServerDefinitions?.(() => fired++);
        await context.secrets.store(apiKeySecret, 'k2');
        assert.equal(fired, 1);
    });

    test('without the MCP API it registers nothing and says once that the list needs VS Code 1.101', () => {
        setMcpApi(false);
        const context = fakeContext('/ext');
        assert.deepEqual(register(context).disposables, []);
        assert.deepEqual(register(context).disposables, []);
        assert.deepEqual(stub.messages, [{ level: 'info', text: mcpApiMissingMessage }]);
        assert.match(mcpApiMissingMessage, /1\.101/);
        assert.equal(stub.providers.length, 0);
    });
});

describe('activate', () => {
    beforeEach(() => {
        stub.reset();
        // A server path that cannot start: the status bar's doctor run fails quietly, as on a broken install.
        stub.settings.set('serverPath', '/nonexistent/glm-mcp');
    });

    test('without the MCP API every command still registers', () => {
        setMcpApi(false);
        const context = fakeContext('/ext');
        activate(asContext(context));
        const contributed = packageJson.contributes.commands.map((c) => c.command).sort();
        assert.deepEqual([...stub.commands.keys()].sort(), contributed);
        assert.deepEqual(Object.values(commandIds).sort(), contributed);
        assert.equal(stub.providers.length, 0);
        assert.equal(stub.messages.filter((m) => m.text === mcpApiMissingMessage).length, 1);
        context.subscriptions.forEach((d) => d.dispose());
    });

    test('activation starts no process: doctor waits until asked or until a setting changes', async () => {
        setMcpApi(true);
        const folder = mkdtempSync(path.join(os.tmpdir(), 'glm-mcp-activate-'));
        const marker = path.join(folder, 'started');
        const server = path.join(folder, 'glm-mcp');
        writeFileSync(server, `#!/bin/sh\ntouch '${marker}'\n`);
        chmodSync(server, 0o755);
        stub.settings.set('serverPath', server);
        const context = fakeContext('/ext');
        try {
            activate(asContext(context));
            await new Promise((resolve) => setTimeout(resolve, 1000));
            assert.equal(existsSync(marker), false, 'activation ran the server');
        } finally {
            context.subscriptions.forEach((d) => d.dispose());
            rmSync(folder, { recursive: true, force: true });
        }
    });

    test('with the MCP API the provider and every command register, all titled "GLM MCP: …"', () => {
        setMcpApi(true);
        const context = fakeContext('/ext');
        activate(asContext(context));
        assert.equal(stub.providers.length, 1);
        assert.equal(stub.commands.size, packageJson.contributes.commands.length);
        assert.ok(packageJson.contributes.commands.every((c) => c.category === 'GLM MCP'));
        assert.equal(stub.messages.length, 0);
        context.subscriptions.forEach((d) => d.dispose());
        assert.equal(stub.providers.length, 0);
        assert.equal(stub.commands.size, 0);
    });
});
