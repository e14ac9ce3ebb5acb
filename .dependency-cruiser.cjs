/**
 * The layer rules of DESIGN.md §3, checked on the module graph (`npm run layers`, part of `npm test`).
 *
 *   shared  <-  main/core  <-  main/transport, main/*.ts  ;  preload -> shared + electron ;
 *   renderer -> shared + itself.
 *
 * Why a graph checker beside ESLint's no-restricted-imports: a lint rule on import strings misses
 * dynamic `import()`, paths that climb out of a subfolder (`core/store/x.ts` importing `../../index`)
 * and what a permitted module drags in after it (core importing a main-process file that imports
 * Electron). dependency-cruiser resolves every import, static and dynamic, to a real file, so the
 * rules below are about where files are, not how the import is spelled. `reachable` rules follow
 * the graph transitively. test/unit/layers.test.ts proves each rule fails on a forbidden import.
 */
const NODE_ONLY = '^(better-sqlite3|fastify|@fastify/|ws|localtunnel)';

module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'src/shared is pure TypeScript + zod: it imports nothing above it, no Node builtins, no packages that need Node, the DOM or Electron.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { pathNot: ['^src/shared/', 'node_modules/zod/'] },
    },
    {
      name: 'core-imports-shared-and-itself',
      comment: 'main/core runs under plain Node (headless) and in Electron: it imports shared, itself, Node and its packages only.',
      severity: 'error',
      from: { path: '^src/main/core/' },
      to: { path: '^src/', pathNot: ['^src/shared/', '^src/main/core/'] },
    },
    {
      name: 'core-never-reaches-electron',
      comment: 'Not even through another module: headless mode has no Electron.',
      severity: 'error',
      from: { path: '^src/main/core/' },
      to: { path: '^electron$|node_modules/electron/', reachable: true },
    },
    {
      name: 'only-the-store-knows-sql',
      comment: 'Storage goes through repository interfaces: only main/core/store touches the SQLite driver.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/main/core/store/|^src/main/electron-sqlite\\.ts$' },
      to: { path: 'node_modules/better-sqlite3/|^better-sqlite3$' },
    },
    {
      name: 'transports-call-the-api',
      comment: 'Transports and shells call the Api, never the store, and never the renderer or the preload.',
      severity: 'error',
      from: { path: '^src/main/', pathNot: '^src/main/core/' },
      to: { path: ['^src/main/core/store/(repos|db)', '^src/renderer/', '^src/preload/'] },
    },
    {
      name: 'entry-points-are-not-imported',
      comment: 'The Electron and Node entries (index, cli, headless) sit on top: nothing in core or shared imports them.',
      severity: 'error',
      from: { path: '^src/(shared|main/core|renderer|preload)/' },
      to: { path: '^src/main/(index|cli|headless)\\.ts$' },
    },
    {
      name: 'preload-is-a-bridge',
      comment: 'The preload imports electron and shared only (it builds window.hookbench from the contract).',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { pathNot: ['^src/shared/', '^src/preload/', '^electron$', 'node_modules/electron/', 'node_modules/zod/'] },
    },
    {
      name: 'renderer-is-a-browser-app',
      comment: 'The renderer imports shared and itself only: no main, no preload, no Node builtins, no Electron.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/', pathNot: ['^src/renderer/', '^src/shared/'] },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer runs in a browser (the same code serves the desktop window and the headless UI).',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-node-packages',
      comment: 'Packages that need Node or Electron never reach the renderer bundle.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: [`${NODE_ONLY}`, '^electron$', 'node_modules/(electron|better-sqlite3|fastify|ws|localtunnel)/'] },
    },
    {
      name: 'renderer-features-meet-through-shared-parts',
      comment: 'A renderer feature imports shared components and stores, never another feature: features meet only in the app shell (app.tsx, app-stores.tsx), which composes them.',
      severity: 'error',
      from: { path: '^src/renderer/src/features/([^/]+)/' },
      to: { path: '^src/renderer/src/features/', pathNot: '^src/renderer/src/features/$1/' },
    },
    {
      name: 'renderer-shared-parts-below-features',
      comment: 'Shared components, stores and the API client are below the features: they never import one.',
      severity: 'error',
      from: { path: '^src/renderer/src/(components|stores|api|monaco)/' },
      to: { path: '^src/renderer/src/features/' },
    },
    {
      name: 'shared-no-node',
      comment: 'src/shared runs in the renderer too.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency, and would hide a layer breach.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true, pathNot: ['\\?worker$', '\\?url$', '\\?raw$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.(css|html)$' },
    tsPreCompilationDeps: true,
    // The node tsconfig has every source file but the renderer; resolution itself is by extension.
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
