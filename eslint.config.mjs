// Lint enforces the layering in design.md: arrows run renderer → preload/contract ← main/ipc → services → core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

const NODE_IO = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process',
  'worker_threads', 'node:worker_threads', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https',
  'os', 'node:os', 'path', 'node:path', 'process', 'node:process'];
const restrict = (paths, patterns, message) => ({
  'no-restricted-imports': ['error', {
    paths: paths.map((name) => ({ name, message })),
    patterns: patterns.length ? [{ group: patterns, message }] : [],
  }],
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'coverage/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/attribute-hyphenation': 'off',
      'vue/v-on-event-hyphenation': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // CommonJS shims that let worker threads load TypeScript through tsx in tests.
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // main/core is THE QUANT ENGINE: pure TypeScript, imports decimal.js and itself only.
  {
    files: ['main/core/**/*.ts'],
    rules: restrict(['electron', 'better-sqlite3', 'piscina', 'papaparse', 'exceljs', 'zod', ...NODE_IO],
      ['**/store/**', '**/services/**', '**/ipc/**', '**/jobs/**', '**/cli/**', '**/preload/**', '**/renderer/**', 'node:*'],
      'main/core is pure: it may import decimal.js and main/core only (design.md).'),
  },
  // The store persists; it never calls services, ipc, jobs or the CLI.
  {
    files: ['main/store/**/*.ts'],
    rules: restrict(['electron'], ['**/services/**', '**/ipc/**', '**/jobs/**', '**/cli/**', '**/renderer/**'],
      'main/store is below services: it may import core and node I/O only.'),
  },
  // Services are the only layer that sees both store and core; they never touch electron.
  {
    files: ['main/services/**/*.ts', 'main/jobs/**/*.ts'],
    rules: restrict(['electron'], ['**/ipc/**', '**/cli/**', '**/renderer/**'],
      'services and jobs never import electron, ipc, cli or the renderer.'),
  },
  // IPC handlers: validate → service → result. Only register.ts may touch electron.
  {
    files: ['main/ipc/**/*.ts'],
    ignores: ['main/ipc/register.ts', 'main/ipc/pdf.ts'],
    rules: restrict(['electron'], ['**/cli/**', '**/renderer/**'], 'ipc handlers stay electron-free so tests can run them.'),
  },
  {
    files: ['main/cli/**/*.ts'],
    rules: restrict(['electron'], ['**/ipc/register*', '**/renderer/**'], 'the CLI runs headless under plain Node.'),
  },
  // The contract is environment-neutral: no node, no electron, no DOM-only code, nothing from main/.
  {
    files: ['preload/contract/**/*.ts'],
    rules: restrict(['electron', ...NODE_IO], ['**/main/**', '**/renderer/**', 'node:*'],
      'preload/contract is environment-neutral: zod and itself only.'),
  },
  // The renderer never imports main/ or electron; it reaches the app through window.api only.
  {
    files: ['renderer/**/*.{ts,vue}'],
    rules: restrict(['electron', ...NODE_IO], ['**/main/**', 'node:*'],
      'the renderer talks to main only through window.api (preload/contract types are allowed).'),
  },
);
