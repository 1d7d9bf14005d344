import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema, ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { ServerLaunch } from './serverDefinition';
import {
    type CodeView,
    type DescribeView,
    type DiffView,
    type EditView,
    type RawToolResult,
    type Region,
    type RenderView,
    ToolError,
    toCodeView,
    toDescribeView,
    toDiffView,
    toEditView,
    toRenderView,
} from './toolResults';

export interface ToolInfo {
    readonly name: string;
    readonly description: string;
    readonly inputSchema: unknown;
}

export interface ProgressUpdate {
    readonly progress: number;
    readonly total: number | undefined;
    readonly message: string | undefined;
}

export interface CallOptions {
    readonly signal?: AbortSignal;
    readonly onProgress?: (update: ProgressUpdate) => void;
    /** Milliseconds without an answer or a progress notification before the call fails. */
    readonly idleTimeoutMs?: number;
}

export interface ConnectOptions {
    /** Folders the server may read and write, sent as MCP roots. */
    readonly roots: readonly string[];
    /** The environment the server inherits (the SDK alone passes only a short safe list, which lacks e.g. DOTNET_ROOT). */
    readonly inheritedEnv?: NodeJS.ProcessEnv;
    readonly clientVersion: string;
    /** Receives the server's stderr (its log), line by line. */
    readonly onLog?: (line: string) => void;
    /** Called once when the connection ends for any reason (the server exited or crashed, or `close`). */
    readonly onClose?: () => void;
}

/** Arguments of `render_page` as the server names them. */
export interface RenderPageArgs {
    readonly html?: string;
    readonly path?: string;
    readonly url?: string;
    readonly width?: number;
    readonly height?: number;
    readonly full_page?: boolean;
    readonly device_scale_factor?: number;
    readonly wait_for_ms?: number;
    readonly format?: 'png' | 'jpeg';
}

export interface VisualDiffArgs {
    readonly before: string;
    readonly after: string;
    readonly threshold?: number;
    readonly include_antialiasing?: boolean;
    readonly ignore_regions?: readonly Region[];
    readonly size_mismatch?: 'fail' | 'pad' | 'resize';
    readonly diff_image?: 'overlay' | 'mask' | 'none';
    readonly merge_distance?: number;
    readonly explain?: boolean;
}

export interface ScreenshotToCodeArgs {
    readonly image: string;
    readonly instructions?: string;
    readonly stack?: 'html' | 'tailwind' | 'react' | 'vue';
    readonly max_rounds?: number;
    readonly target_score?: number;
    readonly output_path?: string;
    readonly output_dir?: string;
    readonly session_id?: string;
}

export interface LocateAndEditArgs {
    readonly instruction: string;
    readonly region?: Region;
    readonly annotated_image?: string;
    readonly target?: string;
    readonly session_id?: string;
    readonly path?: string;
    readonly dry_run?: boolean;
}

export interface DescribeImageArgs {
    readonly image: string;
    readonly prompt?: string;
    readonly mode?: 'describe' | 'ocr' | 'locate';
}

/** Renders and diffs are quick; the model-backed tools report progress, and each notification restarts this clock. */
const defaultIdleTimeoutMs = 120_000;

/**
 * The extension's one way to talk to `glm-mcp`: an MCP client over stdio to the same command line VS Code's MCP list
 * starts, with typed helpers that return what the views show.
 */
export class GlmMcpClient {
    private _toolNames: Promise<Set<string>> | undefined;

    private constructor(
        private readonly _client: Client,
        private readonly _transport: StdioClientTransport,
    ) {}

    static async connect(launch: ServerLaunch, options: ConnectOptions): Promise<GlmMcpClient> {
        const env: Record<string, string> = {};
        for (const [key, value] of Object.entries(options.inheritedEnv ?? {})) {
            if (value !== undefined) {
                env[key] = value;
            }
        }
        Object.assign(env, launch.env);
        const transport = new StdioClientTransport({
            command: launch.command,
            args: [...launch.args],
            env,
            ...(launch.cwd ? { cwd: launch.cwd } : {}),
            stderr: 'pipe',
        });
        const onLog = options.onLog;
        if (onLog) {
            let pending = '';
            transport.stderr?.on('data', (chunk: Buffer) => {
                const lines = (pending + chunk.toString('utf8')).split(/\r?\n/);
                pending = lines.pop() ?? '';
                lines.filter((l) => l !== '').forEach(onLog);
            });
        }
        const client = new Client({ name: 'glm-mcp-vscode', version: options.clientVersion }, { capabilities: { roots: { listChanged: false } } });
        const roots = options.roots.map((root) => ({ uri: pathToFileURL(root).href, name: root }));
        client.setRequestHandler(ListRootsRequestSchema, () => ({ roots }));
        if (options.onClose) {
            client.onclose = options.onClose;
        }
        try {
            await client.connect(transport);
        } catch (error) {
            await transport.close().catch(() => undefined);
            throw new Error(`Could not start ${launch.command}: ${error instanceof Error ? error.message : String(error)}`);
        }
        return new GlmMcpClient(client, transport);
    }

    /** The server process's id (for the log, and for tests that stop it). */
    get pid(): number | undefined {
        return this._transport.pid ?? undefined;
    }

    get serverVersion(): string | undefined {
        return this._client.getServerVersion()?.version;
    }

    async listTools(): Promise<ToolInfo[]> {
        const tools: ToolInfo[] = [];
        let cursor: string | undefined;
        do {
            const page = await this._client.listTools(cursor ? { cursor } : {});
            tools.push(...page.tools.map((t) => ({ name: t.name, description: t.description ?? '', inputSchema: t.inputSchema })));
            cursor = page.nextCursor;
        } while (cursor);
        return tools;
    }

    /**
     * Fails with a message the user can act on when the server lacks `name` (an older server chosen through
     * glmMcp.serverPath), instead of the protocol's bare "unknown tool" error.
     */
    async requireTool(name: string): Promise<void> {
        this._toolNames ??= this.listTools().then((tools) => new Set(tools.map((t) => t.name)));
        if (!(await this._toolNames).has(name)) {
            throw new ToolError(name, `This glm-mcp server has no ${name} tool. Update it, or clear glmMcp.serverPath to use the bundled one.`);
        }
    }

    async callTool(name: string, args: object, options: CallOptions = {}): Promise<RawToolResult> {
        const onProgress = options.onProgress;
        const result = await this._client.callTool({ name, arguments: { ...args } }, CallToolResultSchema, {
            ...(options.signal ? { signal: options.signal } : {}),
            ...(onProgress
                ? { onprogress: (p: { progress: number; total?: number; message?: string }) => onProgress({ progress: p.progress, total: p.total, message: p.message }) }
                : {}),
            timeout: options.idleTimeoutMs ?? defaultIdleTimeoutMs,
            resetTimeoutOnProgress: true,
        });
        return result as RawToolResult;
    }

    async renderPage(args: RenderPageArgs, options?: CallOptions): Promise<RenderView> {
        await this.requireTool('render_page');
        return toRenderView(await this.callTool('render_page', args, options));
    }

    async visualDiff(args: VisualDiffArgs, options?: CallOptions): Promise<DiffView> {
        await this.requireTool('visual_diff');
        return toDiffView(await this.callTool('visual_diff', args, options));
    }

    async screenshotToCode(args: ScreenshotToCodeArgs, options?: CallOptions): Promise<CodeView> {
        await this.requireTool('screenshot_to_code');
        return toCodeView(await this.callTool('screenshot_to_code', args, options));
    }

    async locateAndEdit(args: LocateAndEditArgs, options?: CallOptions): Promise<EditView> {
        await this.requireTool('locate_and_edit');
        return toEditView(await this.callTool('locate_and_edit', args, options));
    }

    async describeImage(args: DescribeImageArgs, options?: CallOptions): Promise<DescribeView> {
        await this.requireTool('describe_image');
        return toDescribeView(await this.callTool('describe_image', args, options));
    }

    /** Ends the session and the server process. */
    async close(): Promise<void> {
        await this._client.close();
        await this._transport.close();
    }
}
