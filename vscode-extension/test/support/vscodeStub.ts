/**
 * A small stand-in for the `vscode` module, enough for the extension's glue to run under node's test runner. Tests
 * drive it through `stub` (settings, workspace folders, whether the MCP API exists) and read what the glue did.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
    private _listeners: Listener<T>[] = [];
    readonly event = (listener: Listener<T>): Disposable => {
        this._listeners.push(listener);
        return new Disposable(() => {
            this._listeners = this._listeners.filter((l) => l !== listener);
        });
    };
    fire(e: T): void {
        [...this._listeners].forEach((l) => l(e));
    }
    dispose(): void {
        this._listeners = [];
    }
}

export class Disposable {
    constructor(private readonly _dispose: () => void = () => undefined) {}
    static from(...items: { dispose(): unknown }[]): Disposable {
        return new Disposable(() => items.forEach((i) => i.dispose()));
    }
    dispose(): void {
        this._dispose();
    }
}

export class Uri {
    private constructor(
        readonly scheme: string,
        readonly path: string,
        readonly query: string,
    ) {}
    static file(p: string): Uri {
        return new Uri('file', p, '');
    }
    static from(parts: { scheme: string; path?: string; query?: string }): Uri {
        return new Uri(parts.scheme, parts.path ?? '', parts.query ?? '');
    }
    static joinPath(base: Uri, ...segments: string[]): Uri {
        return new Uri(base.scheme, path.posix.join(base.path, ...segments), base.query);
    }
    get fsPath(): string {
        return this.path;
    }
    toString(): string {
        return `${this.scheme}://${this.path}${this.query ? `?${this.query}` : ''}`;
    }
}

export class MarkdownString {
    constructor(readonly value = '') {}
}

export class Range {
    constructor(
        readonly start: unknown,
        readonly end: unknown,
    ) {}
}

export class WorkspaceEdit {
    readonly edits: { uri: Uri; range: Range; text: string }[] = [];
    replace(uri: Uri, range: Range, text: string): void {
        this.edits.push({ uri, range, text });
    }
}

export enum StatusBarAlignment {
    Left = 1,
    Right = 2,
}

export enum ViewColumn {
    Active = -1,
    Beside = -2,
    One = 1,
}

export enum ProgressLocation {
    SourceControl = 1,
    Window = 10,
    Notification = 15,
}

export interface McpStdioServerDefinitionShape {
    label: string;
    command: string;
    args: string[];
    env: Record<string, string | number | null>;
    version?: string;
    cwd?: Uri;
}

/** The 1.101 class, installed on the module only when a test says the API exists. */
export class McpStdioServerDefinitionImpl implements McpStdioServerDefinitionShape {
    cwd?: Uri;
    constructor(
        readonly label: string,
        public command: string,
        public args: string[] = [],
        public env: Record<string, string | number | null> = {},
        public version?: string,
    ) {}
}

export interface RegisteredProvider {
    readonly id: string;
    readonly provider: {
        onDidChangeMcpServerDefinitions?: (listener: () => void) => Disposable;
        provideMcpServerDefinitions(token: unknown): Promise<McpStdioServerDefinitionShape[]>;
        resolveMcpServerDefinition?(server: McpStdioServerDefinitionShape, token: unknown): Promise<McpStdioServerDefinitionShape>;
    };
}

const configurationChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
const foldersChanged = new EventEmitter<unknown>();

/** A webview panel that records the HTML it was given and what the extension posted, and lets a test post to it. */
export class FakeWebviewPanel {
    readonly posted: unknown[] = [];
    private readonly _received = new EventEmitter<unknown>();
    private readonly _disposed = new EventEmitter<void>();
    readonly webview = {
        html: '',
        cspSource: 'vscode-webview-resource:',
        asWebviewUri: (uri: Uri) => Uri.from({ scheme: 'vscode-webview-resource', path: uri.path }),
        postMessage: (message: unknown): Promise<boolean> => {
            this.posted.push(message);
            return Promise.resolve(true);
        },
        onDidReceiveMessage: (listener: (m: unknown) => unknown, thisArg?: unknown, disposables?: Disposable[]): Disposable => {
            const d = this._received.event((m) => listener.call(thisArg, m));
            disposables?.push(d);
            return d;
        },
    };
    constructor(
        readonly viewType: string,
        public title: string,
        readonly options: { enableScripts?: boolean; localResourceRoots?: Uri[] },
    ) {}
    /** What the page would post. */
    receive(message: unknown): void {
        this._received.fire(message);
    }
    onDidDispose(listener: () => unknown, thisArg?: unknown, disposables?: Disposable[]): Disposable {
        const d = this._disposed.event(() => listener.call(thisArg));
        disposables?.push(d);
        return d;
    }
    reveal(): void {}
    /** Like VS Code's: the first call disposes and fires onDidDispose, later calls do nothing. */
    dispose(): void {
        if (!this.disposed) {
            this.disposed = true;
            this._disposed.fire();
        }
    }
    disposed = false;
}

/** A text document over a real file, enough for Visual Edit (it saves before the server reads the file). */
export function fileDocument(uri: Uri) {
    return {
        uri,
        isDirty: false,
        getText: (): string => readFileSync(uri.fsPath, 'utf8'),
        save: (): Promise<boolean> => Promise.resolve(true),
        positionAt: (offset: number) => ({ offset }),
    };
}

export const stub = {
    settings: new Map<string, unknown>(),
    panels: [] as FakeWebviewPanel[],
    executed: [] as unknown[][],
    workspaceFolders: [] as string[],
    messages: [] as { level: 'info' | 'warning' | 'error'; text: string }[],
    commands: new Map<string, (...args: unknown[]) => unknown>(),
    providers: [] as RegisteredProvider[],
    reset(): void {
        this.settings.clear();
        this.workspaceFolders = [];
        this.messages = [];
        this.commands.clear();
        this.providers = [];
        this.panels = [];
        this.executed = [];
        setMcpApi(false);
    },
    /** Changes settings the way the Settings UI does: the values, then the change event for each key. */
    changeSettings(values: Record<string, unknown>): void {
        for (const [key, value] of Object.entries(values)) {
            this.settings.set(key, value);
        }
        this.fireConfigurationChange(Object.keys(values).map((k) => `glmMcp.${k}`));
    },
    /** The change event alone, for fully qualified keys such as `editor.fontSize`. */
    fireConfigurationChange(keys: readonly string[]): void {
        configurationChanged.fire({ affectsConfiguration: (section) => keys.some((k) => k === section || k.startsWith(`${section}.`)) });
    },
};

export const workspace = {
    getConfiguration(section?: string) {
        return {
            get<T>(key: string, fallback?: T): T | undefined {
                const value = stub.settings.get(section ? key : key);
                return (value as T | undefined) ?? fallback;
            },
        };
    },
    get workspaceFolders() {
        return stub.workspaceFolders.map((p, index) => ({ uri: Uri.file(p), name: path.basename(p), index }));
    },
    onDidChangeConfiguration: configurationChanged.event,
    onDidChangeWorkspaceFolders: foldersChanged.event,
    registerTextDocumentContentProvider: () => new Disposable(),
    openTextDocument: (uri: Uri) => Promise.resolve(fileDocument(uri)),
};

function record(level: 'info' | 'warning' | 'error') {
    return (text: string): Promise<undefined> => {
        stub.messages.push({ level, text });
        return Promise.resolve(undefined);
    };
}

export const window = {
    showInformationMessage: record('info'),
    showWarningMessage: record('warning'),
    showErrorMessage: record('error'),
    createOutputChannel: () => ({ append() {}, appendLine() {}, show() {}, dispose() {} }),
    createStatusBarItem: () => ({ text: '', tooltip: undefined as unknown, name: '', command: '', show() {}, hide() {}, dispose() {} }),
    createWebviewPanel: (viewType: string, title: string, _column: unknown, options: FakeWebviewPanel['options']): FakeWebviewPanel => {
        const panel = new FakeWebviewPanel(viewType, title, options);
        stub.panels.push(panel);
        return panel;
    },
    withProgress: <T>(_options: unknown, task: (progress: { report(value: unknown): void }, token: { onCancellationRequested(l: () => void): Disposable }) => Promise<T>): Promise<T> =>
        task({ report() {} }, { onCancellationRequested: () => new Disposable() }),
};

export const commands = {
    registerCommand(id: string, run: (...args: unknown[]) => unknown): Disposable {
        if (stub.commands.has(id)) {
            throw new Error(`command '${id}' already exists`);
        }
        stub.commands.set(id, run);
        return new Disposable(() => stub.commands.delete(id));
    },
    executeCommand: (...args: unknown[]): Promise<undefined> => {
        stub.executed.push(args);
        return Promise.resolve(undefined);
    },
};

export const env = { clipboard: { readText: (): Promise<string> => Promise.resolve('') } };

export const lm: { registerMcpServerDefinitionProvider?: (id: string, provider: RegisteredProvider['provider']) => Disposable } = {};

/** Makes this fake VS Code a 1.101+ one (with the MCP API) or an older one. */
export function setMcpApi(present: boolean): void {
    const module = exports as Record<string, unknown>;
    if (present) {
        lm.registerMcpServerDefinitionProvider = (id, provider) => {
            const entry = { id, provider };
            stub.providers.push(entry);
            return new Disposable(() => {
                stub.providers = stub.providers.filter((p) => p !== entry);
            });
        };
        module['McpStdioServerDefinition'] = McpStdioServerDefinitionImpl;
    } else {
        delete lm.registerMcpServerDefinitionProvider;
        delete module['McpStdioServerDefinition'];
    }
}
