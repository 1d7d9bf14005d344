import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The real `glm-mcp` built from src/: `GLM_MCP_SERVER` when set, else the one `npm run package` / test.sh published
 * into server/. A missing server fails the tests with the command that builds it; it never skips them.
 */
export function serverExecutable(): string {
    const candidates = [process.env['GLM_MCP_SERVER'], path.join(__dirname, '../../../server/glm-mcp')].filter((c): c is string => !!c);
    const found = candidates.find((c) => existsSync(c));
    if (!found) {
        throw new Error(`glm-mcp not found (looked at ${candidates.join(', ')}). Run "npm run publish-server" (or test.sh) first.`);
    }
    return found;
}
