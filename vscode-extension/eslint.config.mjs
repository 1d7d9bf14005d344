// ESLint flat config: typescript-eslint's type-aware recommended rules over the extension, its webview pages and tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['dist/**', 'out/**', 'media/dist/**', 'server/**', 'node_modules/**', '.vscode-test/**', '**/*.mjs'] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: {
            parserOptions: {
                project: ['./tsconfig.test.json', './tsconfig.webview.json', './tsconfig.vscode-suite.json'],
                tsconfigRootDir: import.meta.dirname,
            },
        },
        rules: {
            '@typescript-eslint/no-floating-promises': [
                'error',
                // node:test's describe/test return promises the runner itself awaits.
                { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'test', 'it', 'before', 'after', 'beforeEach', 'afterEach'] }] },
            ],
            '@typescript-eslint/consistent-type-imports': 'error',
            eqeqeq: 'error',
            curly: 'off',
        },
    },
);
