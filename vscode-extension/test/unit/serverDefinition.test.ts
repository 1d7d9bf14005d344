import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiKeyEnvironmentVariable, buildServerLaunch, bundledServerPath, describeEngine, type ServerLaunchContext } from '../../src/core/serverDefinition';
import { defaultSettings, type GlmMcpSettings, readSettings } from '../../src/core/settings';

const context: ServerLaunchContext = {
    extensionPath: '/ext',
    platform: 'linux',
    workspaceFolders: ['/work/site'],
    extensionVersion: '1.2.3',
};

function settings(overrides: Partial<GlmMcpSettings>): GlmMcpSettings {
    return { ...defaultSettings, ...overrides };
}

describe('buildServerLaunch', () => {
    test('default settings start the bundled server with the workspace as root and no engine options', () => {
        const launch = buildServerLaunch(defaultSettings, context);
        assert.equal(launch.command, '/ext/server/glm-mcp');
        assert.deepEqual(launch.args, ['serve', '--root', '/work/site']);
        assert.deepEqual(launch.env, {});
        assert.equal(launch.cwd, '/work/site');
        assert.equal(launch.label, 'GLM MCP');
        assert.equal(launch.version, '1.2.3');
        assert.deepEqual(launch.warnings, []);
    });

    test('the bundled server on Windows is glm-mcp.exe', () => {
        assert.equal(bundledServerPath('C:\\ext', 'win32').endsWith('glm-mcp.exe'), true);
    });

    test('a user-set server path replaces the bundled one', () => {
        assert.equal(buildServerLaunch(settings({ serverPath: '/opt/glm-mcp' }), context).command, '/opt/glm-mcp');
    });

    test('a local model name becomes --model', () => {
        assert.deepEqual(buildServerLaunch(settings({ localModel: 'glm-4.6v-q4' }), context).args, ['serve', '--model', 'glm-4.6v-q4', '--root', '/work/site']);
    });

    test('own GGUF and mmproj paths become --model and --mmproj and win over the model name', () => {
        const launch = buildServerLaunch(settings({ localModel: 'ignored', localModelPath: '/m/text.gguf', localMmprojPath: '/m/mmproj.gguf' }), context);
        assert.deepEqual(launch.args, ['serve', '--model', '/m/text.gguf', '--mmproj', '/m/mmproj.gguf', '--root', '/work/site']);
        assert.deepEqual(launch.warnings, []);
    });

    test('a model path without its mmproj is passed on with a warning naming both settings', () => {
        const launch = buildServerLaunch(settings({ localModelPath: '/m/text.gguf' }), context);
        assert.deepEqual(launch.args.slice(0, 3), ['serve', '--model', '/m/text.gguf']);
        assert.match(launch.warnings[0] ?? '', /glmMcp\.local\.modelPath.*glmMcp\.local\.mmprojPath/);
    });

    test('the openai engine passes base URL, provider and model, and the key only as GLM_MCP_API_KEY', () => {
        const launch = buildServerLaunch(settings({ engine: 'openai', openaiBaseUrl: 'https://open.bigmodel.cn/api/paas/v4', openaiProvider: 'zhipu', openaiModel: 'glm-4.6v' }), {
            ...context,
            apiKey: 'sk-secret',
        });
        assert.deepEqual(launch.args, [
            'serve', '--engine', 'openai', '--base-url', 'https://open.bigmodel.cn/api/paas/v4', '--provider', 'zhipu', '--model', 'glm-4.6v', '--root', '/work/site',
        ]);
        assert.deepEqual(launch.env, { [apiKeyEnvironmentVariable]: 'sk-secret' });
        assert.equal(launch.args.some((a) => a.includes('sk-secret')), false);
        assert.deepEqual(launch.warnings, []);
    });

    test('the openai engine without a base URL or key warns about each', () => {
        const launch = buildServerLaunch(settings({ engine: 'openai' }), context);
        assert.deepEqual(launch.args, ['serve', '--engine', 'openai', '--provider', 'vllm', '--model', 'glm-4.6v', '--root', '/work/site']);
        assert.equal(launch.warnings.length, 2);
        assert.match(launch.warnings.join('\n'), /glmMcp\.openai\.baseUrl/);
        assert.match(launch.warnings.join('\n'), /Set API Key/);
    });

    test('a stored key is not passed to the local or sampling engines', () => {
        assert.deepEqual(buildServerLaunch(defaultSettings, { ...context, apiKey: 'k' }).env, {});
        assert.deepEqual(buildServerLaunch(settings({ engine: 'sampling' }), { ...context, apiKey: 'k' }).env, {});
    });

    test('the sampling engine is selected with --engine sampling', () => {
        assert.deepEqual(buildServerLaunch(settings({ engine: 'sampling' }), context).args, ['serve', '--engine', 'sampling', '--root', '/work/site']);
    });

    test('allowed roots follow the workspace folders without duplicates, and the Chromium path comes last', () => {
        const launch = buildServerLaunch(settings({ allowedRoots: ['/data', '/work/site'], chromiumPath: '/usr/bin/chromium' }), {
            ...context,
            workspaceFolders: ['/work/site', '/work/other'],
        });
        assert.deepEqual(launch.args, ['serve', '--root', '/work/site', '--root', '/work/other', '--root', '/data', '--chromium', '/usr/bin/chromium']);
    });

    test('with no workspace open there is no working directory and no root option', () => {
        const launch = buildServerLaunch(defaultSettings, { ...context, workspaceFolders: [] });
        assert.equal(launch.cwd, undefined);
        assert.deepEqual(launch.args, ['serve']);
    });

    test('doctor takes the same settings as serve, so it checks what serve will use', () => {
        const s = settings({ engine: 'sampling', chromiumPath: '/c' });
        assert.deepEqual(buildServerLaunch(s, context, 'doctor').args, ['doctor', '--engine', 'sampling', '--root', '/work/site', '--chromium', '/c']);
    });

    test('pull takes only the model name: its --base-url is the download endpoint, not the engine’s', () => {
        const s = settings({ engine: 'openai', openaiBaseUrl: 'http://gpu:8000/v1', chromiumPath: '/c' });
        const launch = buildServerLaunch(s, { ...context, apiKey: 'k' }, 'pull', ['glm-4.6v-flash']);
        assert.deepEqual(launch.args, ['pull', 'glm-4.6v-flash']);
        assert.deepEqual(launch.env, {});
    });

    test('the engine description names the model in use', () => {
        assert.equal(describeEngine(defaultSettings), 'local (default model)');
        assert.equal(describeEngine(settings({ localModelPath: '/m/x.gguf' })), 'local (x.gguf)');
        assert.equal(describeEngine(settings({ engine: 'openai', openaiModel: 'glm-4.6v' })), 'openai (glm-4.6v)');
    });
});

describe('readSettings', () => {
    test('missing values read as the defaults', () => {
        assert.deepEqual(readSettings(() => undefined), defaultSettings);
    });

    test('values are read by their package.json keys and trimmed', () => {
        const values: Record<string, unknown> = {
            engine: 'openai',
            'openai.baseUrl': ' http://h/v1 ',
            'local.modelPath': '/m.gguf',
            allowedRoots: ['/a', ' ', '/b '],
            'screenshotToCode.maxRounds': 5,
            'openai.provider': 'sglang',
        };
        const s = readSettings((k) => values[k]);
        assert.equal(s.engine, 'openai');
        assert.equal(s.openaiBaseUrl, 'http://h/v1');
        assert.equal(s.localModelPath, '/m.gguf');
        assert.deepEqual(s.allowedRoots, ['/a', '/b']);
        assert.equal(s.maxRounds, 5);
        assert.equal(s.openaiProvider, 'sglang');
    });

    test('values of the wrong type or out of range fall back to the defaults', () => {
        const values: Record<string, unknown> = { engine: 'quantum', allowedRoots: '/not-a-list', 'screenshotToCode.maxRounds': 1000, chromiumPath: 42, 'openai.model': '', 'openai.provider': 'azure' };
        const s = readSettings((k) => values[k]);
        assert.equal(s.engine, 'local');
        assert.deepEqual(s.allowedRoots, []);
        assert.equal(s.maxRounds, 3);
        assert.equal(s.chromiumPath, '');
        assert.equal(s.openaiModel, 'glm-4.6v');
        assert.equal(s.openaiProvider, 'vllm');
    });
});
