// Bundles the extension (Node, CommonJS, `vscode` external) and the webview pages (browser IIFEs into media/dist).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning' };

await Promise.all([
    esbuild.build({
        ...common,
        entryPoints: ['src/extension.ts'],
        outfile: 'dist/extension.js',
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['vscode'],
    }),
    esbuild.build({
        ...common,
        entryPoints: { visualEdit: 'src/webview/visualEdit.ts', compare: 'src/webview/compare.ts' },
        outdir: 'media/dist',
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
    }),
]);
