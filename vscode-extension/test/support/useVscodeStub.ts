/**
 * Makes `require('vscode')` load the stub. Import this first in a test file that loads the extension's glue: the real
 * module exists only inside VS Code's extension host.
 */
import Module from 'node:module';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const original = loader._resolveFilename;
const stubPath = require.resolve('./vscodeStub');

loader._resolveFilename = function (request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? stubPath : original.call(this, request, ...rest);
};
