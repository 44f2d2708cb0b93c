// Lint: correctness plus the runtime boundaries of DESIGN §1 (which layer may import what).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyInShell = {
  name: 'electron',
  message: 'Only src-main/main.ts, src-main/electron/ and src-preload may import electron.',
};
const ibOnlyInBroker = { name: '@stoqey/ib', message: 'Only src-main/broker and src-main/sim talk to @stoqey/ib.' };
const sqliteOnlyInStorage = { name: 'better-sqlite3', message: 'Only src-main/storage opens SQLite.' };
const noElectron = { paths: [electronOnlyInShell], patterns: [{ group: ['electron/*'], message: electronOnlyInShell.message }] };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'build/native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  // Everywhere by default: no electron.
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs', '**/*.cjs'],
    ignores: ['src-main/main.ts', 'src-main/electron/**', 'src-preload/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  // src-shared: pure — zod and itself only.
  {
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$|\\.{1,2}/).*', message: 'src-shared imports only zod and itself.' },
            { group: ['**/src-main/**', '**/src-renderer/**', '**/src-preload/**'], message: 'src-shared imports only zod and itself.' },
          ],
        },
      ],
    },
  },
  // src-renderer: a web page; never reaches into main.
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            { group: ['**/src-main/**', '**/src-preload/**'], message: 'src-renderer never imports src-main or the preload: use lib/api.ts.' },
            { regex: '^node:', message: 'The renderer is a web page: no Node modules.' },
            { group: ['better-sqlite3', '@stoqey/ib', 'ws', '@duckdb/node-api'], message: 'Main-process packages stay in main.' },
          ],
        },
      ],
    },
  },
  // Services reach IB and SQLite only through adapters.
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/main.ts', 'src-main/electron/**', 'src-main/broker/**', 'src-main/sim/**', 'src-main/storage/**', 'src-main/research/duckdb-engine.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnlyInShell,
            ibOnlyInBroker,
            sqliteOnlyInStorage,
            { name: '@duckdb/node-api', message: 'Only src-main/research/duckdb-engine.ts opens DuckDB (the research engine port).' },
          ],
        },
      ],
    },
  },
  // The one DuckDB adapter: the same rules as other services, DuckDB allowed.
  {
    files: ['src-main/research/duckdb-engine.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnlyInShell,
            ibOnlyInBroker,
            sqliteOnlyInStorage,
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/broker/**/*.ts', 'src-main/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell, sqliteOnlyInStorage, { name: '@duckdb/node-api', message: 'Only src-main/research/duckdb-engine.ts opens DuckDB.' }] }],
    },
  },
  {
    files: ['src-main/storage/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell, ibOnlyInBroker, { name: '@duckdb/node-api', message: 'Only src-main/research/duckdb-engine.ts opens DuckDB.' }] }],
    },
  },
);
