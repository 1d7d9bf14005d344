import * as path from 'node:path';
import type { GlmMcpSettings } from './settings';

/** What the extension knows besides the settings when it builds a server command line. */
export interface ServerLaunchContext {
    /** Folder the extension is installed in; the bundled server lives in its `server/` folder. */
    readonly extensionPath: string;
    readonly platform: NodeJS.Platform;
    readonly workspaceFolders: readonly string[];
    /** The OpenAI-compatible engine's key, from SecretStorage; never from settings.json. */
    readonly apiKey?: string | undefined;
    readonly extensionVersion: string;
}

/** A `glm-mcp` process to start: the same shape VS Code's `McpStdioServerDefinition` and the SDK's stdio transport take. */
export interface ServerLaunch {
    readonly label: string;
    readonly command: string;
    readonly args: readonly string[];
    readonly env: Readonly<Record<string, string>>;
    readonly cwd: string | undefined;
    readonly version: string;
    /** Settings problems the user should hear about; the launch is still built so the server can report them too. */
    readonly warnings: readonly string[];
}

export type ServerVerb = 'serve' | 'doctor' | 'pull';

export const serverLabel = 'GLM MCP';

/** Environment variable the server reads the OpenAI-compatible engine's key from. */
export const apiKeyEnvironmentVariable = 'GLM_MCP_API_KEY';

/** The `glm-mcp` command-line options the settings map to (see `glm-mcp serve --help`). */
export const serverOptions = {
    engine: '--engine',
    model: '--model',
    mmproj: '--mmproj',
    baseUrl: '--base-url',
    provider: '--provider',
    root: '--root',
    chromium: '--chromium',
} as const;

export function bundledServerPath(extensionPath: string, platform: NodeJS.Platform): string {
    return path.join(extensionPath, 'server', platform === 'win32' ? 'glm-mcp.exe' : 'glm-mcp');
}

/**
 * Builds the command line for `verb`: the settings become options (the same for every verb, so `doctor` checks exactly
 * what `serve` will use), the key becomes an environment variable, and the first workspace folder the working directory.
 */
export function buildServerLaunch(
    settings: GlmMcpSettings,
    context: ServerLaunchContext,
    verb: ServerVerb = 'serve',
    verbArgs: readonly string[] = [],
): ServerLaunch {
    const warnings: string[] = [];
    const env: Record<string, string> = {};
    const base = {
        label: serverLabel,
        command: settings.serverPath || bundledServerPath(context.extensionPath, context.platform),
        env,
        cwd: context.workspaceFolders[0],
        version: context.extensionVersion,
        warnings,
    };
    if (verb === 'pull') {
        // pull downloads into the model cache: it takes no engine, root or Chromium options (its --base-url is the
        // download endpoint, not the engine's).
        return { ...base, args: [verb, ...verbArgs] };
    }
    const args: string[] = [verb, ...verbArgs, ...engineArgs(settings, context, warnings)];
    for (const root of unique([...context.workspaceFolders, ...settings.allowedRoots])) {
        args.push(serverOptions.root, root);
    }
    if (settings.chromiumPath) {
        args.push(serverOptions.chromium, settings.chromiumPath);
    }
    if (settings.engine === 'openai' && context.apiKey) {
        env[apiKeyEnvironmentVariable] = context.apiKey;
    }
    return { ...base, args };
}

function engineArgs(settings: GlmMcpSettings, context: ServerLaunchContext, warnings: string[]): string[] {
    switch (settings.engine) {
        case 'local': {
            // The server's default engine is local, so a default setting adds nothing and an older server still starts.
            if (settings.localModelPath || settings.localMmprojPath) {
                if (!settings.localModelPath || !settings.localMmprojPath) {
                    warnings.push('Set both glmMcp.local.modelPath and glmMcp.local.mmprojPath to use your own GGUF files.');
                }
                return [
                    ...(settings.localModelPath ? [serverOptions.model, settings.localModelPath] : []),
                    ...(settings.localMmprojPath ? [serverOptions.mmproj, settings.localMmprojPath] : []),
                ];
            }
            return settings.localModel ? [serverOptions.model, settings.localModel] : [];
        }
        case 'openai': {
            if (!settings.openaiBaseUrl) {
                warnings.push('The openai engine needs glmMcp.openai.baseUrl (e.g. http://gpu-node:8000/v1).');
            }
            if (!context.apiKey) {
                warnings.push('No API key is stored for the openai engine: run "GLM MCP: Set API Key" if the server needs one.');
            }
            return [
                serverOptions.engine, 'openai',
                ...(settings.openaiBaseUrl ? [serverOptions.baseUrl, settings.openaiBaseUrl] : []),
                serverOptions.provider, settings.openaiProvider,
                serverOptions.model, settings.openaiModel,
            ];
        }
        case 'sampling':
            return [serverOptions.engine, 'sampling'];
    }
}

function unique(values: readonly string[]): string[] {
    return [...new Set(values)];
}

/** A one-line summary of the engine for the status bar and tooltips. */
export function describeEngine(settings: GlmMcpSettings): string {
    switch (settings.engine) {
        case 'local':
            return settings.localModelPath ? `local (${path.basename(settings.localModelPath)})` : `local (${settings.localModel || 'default model'})`;
        case 'openai':
            return `openai (${settings.openaiModel})`;
        case 'sampling':
            return 'sampling (client model)';
    }
}
