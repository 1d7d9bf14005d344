// ESLint flat config: typescript-eslint's type-aware recommended rules over the extension, its webview pages and tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['dist/**', 'out/**', 'media/dist/**', 'server/**', 'node_modules/**', '.vscode-test/**', '*.mjs'] },
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
            '@typescript-eslint/no-floating-promises': 'error',
            '@typescript-eslint/consistent-type-imports': 'error',
            eqeqeq: 'error',
            curly: 'off',
        },
    },
);
