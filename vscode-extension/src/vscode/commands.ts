import * as path from 'node:path';
import * as vscode from 'vscode';
import { readClipboardImage } from '../core/clipboardImage';
import { imageBytesToDataUri, imageExtensions, pngSize } from '../core/images';
import type { CompareToWebview } from '../core/messages';
import { lastProgressLine, ProgressTracker } from '../core/progress';
import { runServerVerb } from '../core/processRunner';
import type { ClientHost } from './clientHost';
import { ComparePanel } from './comparePanel';
import { apiKeySecret, type LaunchSource } from './launchSource';
import type { ProposalDocuments } from './proposalDocuments';
import type { StatusItem } from './statusItem';
import { VisualEditPanel } from './visualEditPanel';
import { errorMessage } from './webviewSupport';

export const commandIds = {
    screenshotToCode: 'glmMcp.screenshotToCode',
    visualEdit: 'glmMcp.visualEdit',
    compareScreenshots: 'glmMcp.compareScreenshots',
    pullModel: 'glmMcp.pullModel',
    doctor: 'glmMcp.doctor',
    describeImage: 'glmMcp.describeImage',
    setApiKey: 'glmMcp.setApiKey',
    clearApiKey: 'glmMcp.clearApiKey',
} as const;

export interface CommandDeps {
    readonly context: vscode.ExtensionContext;
    readonly source: LaunchSource;
    readonly clients: ClientHost;
    readonly log: vscode.OutputChannel;
    readonly proposals: ProposalDocuments;
    readonly status: StatusItem;
}

const imageFilters = { Images: imageExtensions };

async function readImage(uri: vscode.Uri): Promise<string> {
    return imageBytesToDataUri(await vscode.workspace.fs.readFile(uri), uri.path);
}

function reportFailure(what: string, error: unknown): void {
    void vscode.window.showErrorMessage(`GLM MCP: ${what} failed: ${errorMessage(error)}`);
}

async function pickScreenshot(): Promise<{ image: string; name: string } | undefined> {
    const choice = await vscode.window.showQuickPick(
        [
            { label: '$(file-media) From a file…', id: 'file' },
            { label: '$(clippy) From the clipboard', id: 'clipboard' },
        ],
        { title: 'GLM MCP: Screenshot to Code', placeHolder: 'Where is the screenshot or design?' },
    );
    if (choice?.id === 'file') {
        const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: imageFilters, openLabel: 'Use screenshot' })) ?? [];
        return uri ? { image: await readImage(uri), name: path.parse(uri.path).name } : undefined;
    }
    if (choice?.id === 'clipboard') {
        const image = await readClipboardImage(await vscode.env.clipboard.readText());
        if (!image) {
            void vscode.window.showWarningMessage('GLM MCP: the clipboard holds no image (on Linux this needs wl-paste or xclip; on macOS pngpaste).');
        }
        return image ? { image, name: 'screenshot' } : undefined;
    }
    return undefined;
}

async function screenshotToCode(deps: CommandDeps, uri?: vscode.Uri): Promise<void> {
    const picked = uri ? { image: await readImage(uri), name: path.parse(uri.path).name } : await pickScreenshot();
    if (!picked) {
        return;
    }
    const folder = uri ? vscode.Uri.joinPath(uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${picked.name}.html`) } : {}),
        filters: { HTML: ['html'] },
        saveLabel: 'Write page',
    });
    if (!target) {
        return;
    }
    const client = await deps.clients.get();
    const view = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'GLM MCP: Screenshot to Code', cancellable: true },
        (progress, token) => {
            const abort = new AbortController();
            token.onCancellationRequested(() => abort.abort());
            const tracker = new ProgressTracker();
            progress.report({ message: 'generating the first version…' });
            return client.screenshotToCode(
                { image: picked.image, max_rounds: deps.source.settings().maxRounds },
                { signal: abort.signal, onProgress: (u) => progress.report(tracker.next(u)), idleTimeoutMs: 600_000 },
            );
        },
    );
    if (view.code === '') {
        void vscode.window.showWarningMessage(`GLM MCP: ${view.summary}`);
        return;
    }
    await vscode.workspace.fs.writeFile(target, Buffer.from(view.code, 'utf8'));
    await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.One });
    const message: CompareToWebview | undefined = view.finalRender
        ? {
              type: 'diff',
              mode: 'render',
              summary: `${view.summary} Scores by round: ${view.scores.map((s) => s.toFixed(2)).join(', ') || 'n/a'}.`,
              before: picked.image,
              after: view.finalRender.dataUri,
              diffImage: undefined,
              ...(pngSize(Buffer.from(picked.image.slice(picked.image.indexOf(',') + 1), 'base64')) ?? { width: 1, height: 1 }),
              regions: [],
              explanation: undefined,
          }
        : undefined;
    if (message) {
        ComparePanel.createOrShow(deps.context.extensionUri, `Render: ${path.basename(target.fsPath)}`, message, vscode.ViewColumn.Beside);
    }
    void vscode.window.showInformationMessage(`GLM MCP: ${view.summary}`);
}

const describeModes = [
    { label: 'Describe', detail: 'Answer a question about the image (default: a thorough description)', mode: 'describe' as const },
    { label: 'Read text (OCR)', detail: 'Transcribe the text in the image', mode: 'ocr' as const },
    { label: 'Locate', detail: 'Find something and box it on the image', mode: 'locate' as const },
];

async function describeImage(deps: CommandDeps, uri?: vscode.Uri): Promise<void> {
    const file = uri ?? (await vscode.window.showOpenDialog({ canSelectMany: false, filters: imageFilters, openLabel: 'Describe' }))?.[0];
    if (!file) {
        return;
    }
    const choice = await vscode.window.showQuickPick(describeModes, { title: 'GLM MCP: Describe Image' });
    if (!choice) {
        return;
    }
    const prompt = await vscode.window.showInputBox({
        title: `GLM MCP: ${choice.label}`,
        prompt: choice.mode === 'locate' ? 'What to find, e.g. "the Save button"' : 'Question or instructions (optional)',
    });
    if (prompt === undefined || (choice.mode === 'locate' && prompt.trim() === '')) {
        return;
    }
    const image = await readImage(file);
    const client = await deps.clients.get();
    const view = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `GLM MCP: ${choice.label}`, cancellable: true },
        (progress, token) => {
            const abort = new AbortController();
            token.onCancellationRequested(() => abort.abort());
            const tracker = new ProgressTracker();
            return client.describeImage(
                { image, mode: choice.mode, ...(prompt.trim() ? { prompt: prompt.trim() } : {}) },
                { signal: abort.signal, onProgress: (u) => progress.report(tracker.next(u)), idleTimeoutMs: 600_000 },
            );
        },
    );
    const name = path.basename(file.path);
    const content = `# ${name}\n\n${view.answer}\n\n---\n\n\`\`\`\n${view.details}\n\`\`\`\n`;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    if (view.annotated) {
        ComparePanel.createOrShow(
            deps.context.extensionUri,
            `Located: ${name}`,
            {
                type: 'diff',
                mode: 'render',
                summary: view.answer.split('\n')[0] ?? '',
                before: image,
                after: view.annotated.dataUri,
                diffImage: undefined,
                width: 1,
                height: 1,
                regions: [],
                explanation: undefined,
            },
            vscode.ViewColumn.Beside,
        );
    }
}

async function visualEdit(deps: CommandDeps, uri?: vscode.Uri): Promise<void> {
    let file = uri;
    const active = vscode.window.activeTextEditor?.document;
    if (!file && active && /\.html?$/i.test(active.uri.path)) {
        file = active.uri;
    }
    if (!file) {
        [file] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { HTML: ['html', 'htm'] }, openLabel: 'Edit visually' })) ?? [];
    }
    if (file) {
        VisualEditPanel.createOrShow(deps.context.extensionUri, file, deps.clients, deps.proposals);
    }
}

async function pickTwoImages(uri?: vscode.Uri, uris?: readonly vscode.Uri[]): Promise<[vscode.Uri, vscode.Uri] | undefined> {
    if (uris && uris.length === 2 && uris[0] && uris[1]) {
        return [uris[0], uris[1]];
    }
    const before = uri ?? (await vscode.window.showOpenDialog({ canSelectMany: false, filters: imageFilters, openLabel: 'Before' }))?.[0];
    if (!before) {
        return undefined;
    }
    const after = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: imageFilters, openLabel: 'After' }))?.[0];
    return after ? [before, after] : undefined;
}

async function compareScreenshots(deps: CommandDeps, uri?: vscode.Uri, uris?: readonly vscode.Uri[]): Promise<void> {
    const pair = await pickTwoImages(uri, uris);
    if (!pair) {
        return;
    }
    const [before, after] = await Promise.all(pair.map(readImage));
    if (!before || !after) {
        return;
    }
    const client = await deps.clients.get();
    const view = await client.visualDiff({ before, after, size_mismatch: 'pad', diff_image: 'overlay' });
    ComparePanel.createOrShow(deps.context.extensionUri, `Compare: ${path.basename(pair[0].path)} ↔ ${path.basename(pair[1].path)}`, {
        type: 'diff',
        mode: 'diff',
        summary: view.summary,
        before,
        after,
        diffImage: view.diffImage?.dataUri,
        width: Math.max(1, view.width),
        height: Math.max(1, view.height),
        regions: view.regions.map((r) => ({ ...r, pixels: r.pixels })),
        explanation: view.explanation,
    });
}

async function pullModel(deps: CommandDeps): Promise<void> {
    const settings = deps.source.settings();
    const name = await vscode.window.showInputBox({
        title: 'GLM MCP: Pull Model',
        prompt: 'Catalog name of the model to download (empty: the default GLM-4.6V-Flash)',
        value: settings.localModel,
    });
    if (name === undefined) {
        return;
    }
    const launch = await deps.source.launch('pull', name.trim() ? [name.trim()] : []);
    deps.log.show(true);
    deps.log.appendLine(`[pull] ${launch.command} ${launch.args.join(' ')}`);
    const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'GLM MCP: Pulling model', cancellable: true },
        (progress, token) => {
            const abort = new AbortController();
            token.onCancellationRequested(() => abort.abort());
            return runServerVerb(launch, {
                signal: abort.signal,
                onOutput: (text) => {
                    deps.log.append(text);
                    const line = lastProgressLine(text);
                    if (line) {
                        progress.report({ message: line });
                    }
                },
            });
        },
    );
    if (result.cancelled) {
        void vscode.window.showInformationMessage('GLM MCP: download paused; Pull Model again resumes it.');
    } else if (result.exitCode === 0) {
        void vscode.window.showInformationMessage('GLM MCP: the model is ready.');
    } else {
        void vscode.window.showErrorMessage(`GLM MCP: pull failed (exit ${result.exitCode}); see the GLM MCP output.`);
    }
    await deps.status.refresh();
}

async function doctor(deps: CommandDeps): Promise<void> {
    const launch = await deps.source.launch('doctor');
    deps.log.show(true);
    deps.log.appendLine(`[doctor] ${launch.command} ${launch.args.join(' ')}`);
    const result = await runServerVerb(launch, { onOutput: (text) => deps.log.append(text) });
    deps.log.appendLine(`[doctor] exit ${result.exitCode}`);
    deps.status.show(result.exitCode === 0, result.output);
}

async function setApiKey(deps: CommandDeps): Promise<void> {
    const key = await vscode.window.showInputBox({
        title: 'GLM MCP: Set API Key',
        prompt: 'Key for the OpenAI-compatible engine; kept in VS Code secret storage, passed to the server as GLM_MCP_API_KEY.',
        password: true,
        ignoreFocusOut: true,
    });
    if (key === undefined) {
        return;
    }
    if (key.trim() === '') {
        await deps.context.secrets.delete(apiKeySecret);
    } else {
        await deps.context.secrets.store(apiKeySecret, key.trim());
    }
    void vscode.window.showInformationMessage('GLM MCP: API key saved in secret storage.');
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
    const guarded =
        <A extends unknown[]>(what: string, run: (...args: A) => Promise<void>) =>
        async (...args: A): Promise<void> => {
            try {
                await run(...args);
            } catch (error) {
                if (!(error instanceof Error && error.name === 'AbortError')) {
                    reportFailure(what, error);
                }
            }
        };
    return [
        vscode.commands.registerCommand(commandIds.screenshotToCode, guarded('Screenshot to Code', (uri?: vscode.Uri) => screenshotToCode(deps, uri))),
        vscode.commands.registerCommand(commandIds.visualEdit, guarded('Visual Edit', (uri?: vscode.Uri) => visualEdit(deps, uri))),
        vscode.commands.registerCommand(
            commandIds.compareScreenshots,
            guarded('Compare Screenshots', (uri?: vscode.Uri, uris?: vscode.Uri[]) => compareScreenshots(deps, uri, uris)),
        ),
        vscode.commands.registerCommand(commandIds.describeImage, guarded('Describe Image', (uri?: vscode.Uri) => describeImage(deps, uri))),
        vscode.commands.registerCommand(commandIds.pullModel, guarded('Pull Model', () => pullModel(deps))),
        vscode.commands.registerCommand(commandIds.doctor, guarded('Doctor', () => doctor(deps))),
        vscode.commands.registerCommand(commandIds.setApiKey, guarded('Set API Key', () => setApiKey(deps))),
        vscode.commands.registerCommand(
            commandIds.clearApiKey,
            guarded('Clear API Key', async () => {
                await deps.context.secrets.delete(apiKeySecret);
                void vscode.window.showInformationMessage('GLM MCP: API key removed.');
            }),
        ),
    ];
}
