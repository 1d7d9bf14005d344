import { accessSync, chmodSync, constants, existsSync, statSync } from 'node:fs';

/**
 * Restores the bundled server's executable bits when an unzip along the way dropped them (some archive tools and
 * copies do); a user-chosen server path is left alone. Returns false when the file could not be made executable.
 */
export function ensureExecutable(file: string, platform: NodeJS.Platform = process.platform): boolean {
    if (platform === 'win32' || !existsSync(file)) {
        return true;
    }
    try {
        accessSync(file, constants.X_OK);
        return true;
    } catch {
        try {
            chmodSync(file, statSync(file).mode | 0o755);
            return true;
        } catch {
            return false;
        }
    }
}
