import { randomBytes } from 'node:crypto';

/** A fresh nonce per page load: the only scripts and styles that run are the ones carrying it. */
export function createNonce(): string {
    return randomBytes(16).toString('base64');
}

export interface WebviewPage {
    readonly title: string;
    /** `webview.cspSource`: the origin that serves the extension's `media/` files. */
    readonly cspSource: string;
    readonly nonce: string;
    readonly scriptUri: string;
    readonly styleUris: readonly string[];
    /** Trusted markup written by the extension (no user text: that travels in messages). */
    readonly body: string;
}

/**
 * The Content-Security-Policy the sample extensions use, tightened: nothing loads by default, images only from
 * `data:` (every image is passed as a data URI) and media/, styles from media/ only, scripts only with the nonce.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
    return [
        "default-src 'none'",
        `img-src data: ${cspSource}`,
        `style-src ${cspSource}`,
        `font-src ${cspSource}`,
        `script-src 'nonce-${nonce}'`,
        "base-uri 'none'",
        "form-action 'none'",
    ].join('; ');
}

export function buildWebviewHtml(page: WebviewPage): string {
    const styles = page.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeAttribute(uri)}">`).join('\n    ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(page.cspSource, page.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeAttribute(page.title)}</title>
</head>
<body>
${page.body}
    <script nonce="${escapeAttribute(page.nonce)}" src="${escapeAttribute(page.scriptUri)}"></script>
</body>
</html>`;
}

export function escapeAttribute(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
