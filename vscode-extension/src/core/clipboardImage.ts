import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { imageBytesToDataUri, isImageFileName } from './images';
import { isImageDataUri } from './messages';

interface ClipboardTool {
    readonly command: string;
    readonly args: readonly string[];
}

/** Largest clipboard image read (bytes); a screenshot of a 4K screen as PNG is well under it. */
const maxClipboardBytes = 64 * 1024 * 1024;

/** VS Code's clipboard API carries text only, so images come from the platform's clipboard tool. */
export function clipboardImageTools(platform: NodeJS.Platform): readonly ClipboardTool[] {
    switch (platform) {
        case 'linux':
            return [
                { command: 'wl-paste', args: ['--no-newline', '--type', 'image/png'] },
                { command: 'xclip', args: ['-selection', 'clipboard', '-t', 'image/png', '-o'] },
            ];
        case 'darwin':
            return [{ command: 'pngpaste', args: ['-'] }];
        case 'win32':
            return [
                {
                    command: 'powershell.exe',
                    args: [
                        '-NoProfile',
                        '-STA',
                        '-Command',
                        'Add-Type -AssemblyName System.Windows.Forms; $i=[Windows.Forms.Clipboard]::GetImage(); if ($i) { $m=New-Object IO.MemoryStream; ' +
                            '$i.Save($m,[Drawing.Imaging.ImageFormat]::Png); $o=[Console]::OpenStandardOutput(); $o.Write($m.ToArray(),0,$m.Length) }',
                    ],
                },
            ];
        default:
            return [];
    }
}

function run(tool: ClipboardTool): Promise<Buffer | undefined> {
    return new Promise((resolve) => {
        execFile(tool.command, [...tool.args], { encoding: 'buffer', maxBuffer: maxClipboardBytes, timeout: 10_000 }, (error, stdout) => {
            resolve(error || stdout.length === 0 ? undefined : stdout);
        });
    });
}

/**
 * The clipboard's image as a data URI: copied text that is a data URI or an image file's path, else the image the
 * platform's clipboard holds. Undefined when there is none.
 */
export async function readClipboardImage(clipboardText: string, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
    const text = clipboardText.trim();
    if (text !== '' && !text.includes('\n') && isImageFileName(text) && existsSync(text)) {
        return imageBytesToDataUri(readFileSync(text), text);
    }
    if (isImageDataUri(text)) {
        return text;
    }
    for (const tool of clipboardImageTools(platform)) {
        const bytes = await run(tool);
        if (bytes) {
            try {
                return imageBytesToDataUri(bytes, 'clipboard');
            } catch {
                continue;
            }
        }
    }
    return undefined;
}
