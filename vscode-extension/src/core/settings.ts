/** The extension's settings (`glmMcp.*`), read without `vscode` so the mapping to a server launch is testable. */

export const engineKinds = ['local', 'openai', 'sampling'] as const;
export type EngineKind = (typeof engineKinds)[number];

/** How the OpenAI-compatible server wants thinking switched: vLLM/SGLang take chat_template_kwargs, Zhipu `thinking`. */
export const openAiProviders = ['vllm', 'sglang', 'zhipu'] as const;
export type OpenAiProvider = (typeof openAiProviders)[number];

export interface GlmMcpSettings {
    /** A user-chosen `glm-mcp` executable; empty means the bundled one. */
    readonly serverPath: string;
    readonly engine: EngineKind;
    /** Catalog name of the local model; empty means the server's default. */
    readonly localModel: string;
    readonly localModelPath: string;
    readonly localMmprojPath: string;
    readonly openaiBaseUrl: string;
    readonly openaiModel: string;
    readonly openaiProvider: OpenAiProvider;
    readonly allowedRoots: readonly string[];
    readonly chromiumPath: string;
    readonly maxRounds: number;
}

export const defaultSettings: GlmMcpSettings = {
    serverPath: '',
    engine: 'local',
    localModel: '',
    localModelPath: '',
    localMmprojPath: '',
    openaiBaseUrl: '',
    openaiModel: 'glm-4.6v',
    openaiProvider: 'vllm',
    allowedRoots: [],
    chromiumPath: '',
    maxRounds: 3,
};

/** The keys under the `glmMcp` configuration section, in package.json's spelling. */
export const settingKeys = {
    serverPath: 'serverPath',
    engine: 'engine',
    localModel: 'local.model',
    localModelPath: 'local.modelPath',
    localMmprojPath: 'local.mmprojPath',
    openaiBaseUrl: 'openai.baseUrl',
    openaiModel: 'openai.model',
    openaiProvider: 'openai.provider',
    allowedRoots: 'allowedRoots',
    chromiumPath: 'chromiumPath',
    maxRounds: 'screenshotToCode.maxRounds',
} as const satisfies Record<keyof GlmMcpSettings, string>;

export const configurationSection = 'glmMcp';

/**
 * Reads the settings through `get` (a `WorkspaceConfiguration.get` in the extension, a map in tests). A value of the
 * wrong type, as a hand-edited settings.json can hold, falls back to the default instead of reaching the command line.
 */
export function readSettings(get: (key: string) => unknown): GlmMcpSettings {
    const text = (key: keyof GlmMcpSettings): string => {
        const value = get(settingKeys[key]);
        return typeof value === 'string' ? value.trim() : (defaultSettings[key] as string);
    };
    const engine = get(settingKeys.engine);
    const provider = get(settingKeys.openaiProvider);
    const roots = get(settingKeys.allowedRoots);
    const rounds = get(settingKeys.maxRounds);
    return {
        serverPath: text('serverPath'),
        engine: typeof engine === 'string' && (engineKinds as readonly string[]).includes(engine) ? (engine as EngineKind) : defaultSettings.engine,
        localModel: text('localModel'),
        localModelPath: text('localModelPath'),
        localMmprojPath: text('localMmprojPath'),
        openaiBaseUrl: text('openaiBaseUrl'),
        openaiModel: text('openaiModel') || defaultSettings.openaiModel,
        openaiProvider:
            typeof provider === 'string' && (openAiProviders as readonly string[]).includes(provider) ? (provider as OpenAiProvider) : defaultSettings.openaiProvider,
        allowedRoots: Array.isArray(roots) ? roots.filter((r): r is string => typeof r === 'string' && r.trim() !== '').map((r) => r.trim()) : [],
        chromiumPath: text('chromiumPath'),
        maxRounds: typeof rounds === 'number' && Number.isInteger(rounds) && rounds >= 1 && rounds <= 10 ? rounds : defaultSettings.maxRounds,
    };
}
