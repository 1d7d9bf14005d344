// @vscode/test-cli: the activation suite inside a real VS Code (downloaded by @vscode/test-electron, so it runs only
// where VS Code can be downloaded; see README "Development").
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
    files: 'out/test/vscode-suite/**/*.test.js',
    version: 'stable',
    workspaceFolder: './test/vscode-suite/fixture',
    mocha: { ui: 'tdd', timeout: 30000 },
});
