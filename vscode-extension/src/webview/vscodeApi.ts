/** The handle VS Code injects into webviews; declared here because the page is compiled without VS Code's types. */
export interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function vscodeApi(): VsCodeApi {
    return acquireVsCodeApi();
}

export function element<T extends HTMLElement>(id: string): T {
    const found = document.getElementById(id);
    if (!found) {
        throw new Error(`The page lacks #${id}.`);
    }
    return found as T;
}
