import { EventEmitter, Uri } from './vscodeStub';

/** An `ExtensionContext` with in-memory global state and secret storage, and what the extension stored in them. */
export function fakeContext(extensionPath = '/ext', secrets: Record<string, string> = {}) {
    const state = new Map<string, unknown>();
    const secretValues = new Map(Object.entries(secrets));
    const secretChanged = new EventEmitter<{ key: string }>();
    const secretReads: string[] = [];
    return {
        subscriptions: [] as { dispose(): unknown }[],
        extensionPath,
        extensionUri: Uri.file(extensionPath),
        extension: { packageJSON: { version: '9.8.7' } },
        globalState: {
            get: <T>(key: string): T | undefined => state.get(key) as T | undefined,
            update: (key: string, value: unknown): Promise<void> => {
                state.set(key, value);
                return Promise.resolve();
            },
            keys: () => [...state.keys()],
        },
        secrets: {
            get: (key: string): Promise<string | undefined> => {
                secretReads.push(key);
                return Promise.resolve(secretValues.get(key));
            },
            store: (key: string, value: string): Promise<void> => {
                secretValues.set(key, value);
                secretChanged.fire({ key });
                return Promise.resolve();
            },
            delete: (key: string): Promise<void> => {
                secretValues.delete(key);
                secretChanged.fire({ key });
                return Promise.resolve();
            },
            onDidChange: secretChanged.event,
        },
        secretReads,
    };
}
