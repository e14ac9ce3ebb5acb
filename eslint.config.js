import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Lint, and the layer rules of DESIGN.md §3 (each layer imports only those below it):
 *   shared  <-  main/core  <-  main/transport, main/*  ;  preload -> shared/contract + electron ;
 *   renderer -> shared + itself.
 * The web tsconfig already keeps Node types out of the renderer; these rules also catch the
 * imports the compiler would allow (a relative path into another layer, electron in core).
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'stream'];
const coreRules = [
  { group: ['electron'], message: 'main/core runs under plain Node too (headless): never import Electron here.' },
  { group: ['**/transport/**', '**/renderer/**', '**/preload/**', '../index', '../cli', '../headless'], message: 'main/core may import only shared and itself.' },
];
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['out/**', 'out-*/**', '**/out-*/**', 'dist/**', 'node_modules/**', 'native/**', 'test-results/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/shared/**'],
    rules: restrict([
      { group: [...nodeBuiltins, 'electron', 'react', 'react-dom', 'better-sqlite3', 'fastify', 'ws'], message: 'src/shared is pure TypeScript: no Node, DOM, Electron or UI imports.' },
      { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared is the bottom layer: it imports nothing above it.' },
    ]),
  },
  {
    files: ['src/main/core/**'],
    rules: restrict(coreRules),
  },
  {
    files: ['src/main/core/**'],
    ignores: ['src/main/core/store/**'],
    rules: restrict([...coreRules, { group: ['better-sqlite3'], message: 'Only main/core/store touches SQLite: go through a repository.' }]),
  },
  {
    files: ['src/main/transport/**', 'src/main/*.ts'],
    rules: restrict([
      { group: ['**/renderer/**', '**/preload/**'], message: 'The main process does not import the renderer or the preload.' },
      { group: ['better-sqlite3', '**/core/store/repos/**', '**/core/store/db'], message: 'Transports call the Api, never the store.' },
    ]),
  },
  {
    files: ['src/preload/**'],
    rules: restrict([
      { group: ['**/main/**', '**/renderer/**', ...nodeBuiltins], message: 'The preload is a bridge only: electron and shared/contract.' },
    ]),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([
      { group: [...nodeBuiltins, 'electron', 'better-sqlite3', 'fastify', 'ws'], message: 'The renderer runs in a browser: no Node or Electron.' },
      { group: ['**/main/**', '**/preload/**'], message: 'The renderer reaches the core only through the client (shared/contract).' },
    ]),
  },
);
