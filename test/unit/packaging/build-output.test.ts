import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build as electronBuilder, Platform, type Configuration } from 'electron-builder';
import { contract, ipcChannel, type PushEvent } from '../../../src/shared/contract';
import { ROOT, config, inFileSet, listFiles, pkg } from './builder-config';
import { isNodeBuiltin, moduleSpecifiers, nodeReferences, packageOf } from './bundle-imports';

/**
 * The `electron-vite build` output, and electron-builder packing it. `npm test` runs the unit tests
 * before its own `npm run build`, so this test builds the current sources itself (about 10–60 s)
 * rather than reading an `out/` that may be stale or absent. The build has source maps on, so the
 * packaging rule that leaves them out is exercised too. It goes to an `out-*` folder of the project
 * (git-ignored, removed afterwards): electron-builder packs files relative to the project, whose
 * node_modules it reads for the production dependencies.
 */

const run = promisify(execFile);
let outDir: string;
let work: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-build-'));
  // Absolute: electron-vite resolves a relative --outDir against the renderer's root (src/renderer).
  outDir = path.join(ROOT, `out-packaging-test-${process.pid}`);
  await run(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', outDir, '--sourcemap', '--logLevel', 'warn'], {
    cwd: ROOT,
    timeout: 280_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}, 300_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

const built = (relative: string) => path.join(outDir, relative);
const jsFiles = (dir: string) => listFiles(built(dir), dir).filter((file) => /\.(c|m)?js$/.test(file));
const read = (relative: string) => fs.readFileSync(built(relative), 'utf8');
/** The build's files as the `files` patterns see them (`out/…`). */
const builtFiles = () => listFiles(outDir, 'out');

interface ExposedBridge {
  call: Record<string, (input: unknown) => Promise<unknown>>;
  onEvent(listener: (event: PushEvent) => void): () => void;
}

/**
 * Runs the built preload as Electron runs a sandboxed one: CommonJS in its own context, with a
 * `require` that knows only `electron`. The fake electron module records what the preload hands
 * to contextBridge and what it sends over ipcRenderer.
 */
function loadPreload() {
  const file = built('preload/index.cjs');
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; input: unknown }[] = [];
  const subscriptions: { op: 'on' | 'off'; channel: string; listener: (event: unknown, message: PushEvent) => void }[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, input: unknown) => {
        invoked.push({ channel, input });
        return Promise.resolve({ ok: true, value: channel });
      },
      on: (channel: string, listener: (event: unknown, message: PushEvent) => void) => subscriptions.push({ op: 'on', channel, listener }),
      off: (channel: string, listener: (event: unknown, message: PushEvent) => void) => subscriptions.push({ op: 'off', channel, listener }),
    },
  };
  const required: string[] = [];
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require "${id}"`);
  };
  const module = { exports: {} };
  // The web globals a sandboxed preload has (the bundled zod and shared code use some at load).
  const context = vm.createContext({ console, TextDecoder, TextEncoder, URL, URLSearchParams, setTimeout, clearTimeout, queueMicrotask, atob, btoa });
  const wrapper = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${read('preload/index.cjs')}\n})`, context, { filename: file }) as (
    ...args: unknown[]
  ) => void;
  wrapper(module.exports, sandboxRequire, module, file, path.dirname(file));
  return { exposed, invoked, subscriptions, required };
}

describe('build output', () => {
  it('has the main (app and CLI), preload and renderer bundles', () => {
    for (const file of ['main/index.js', 'main/cli.js', 'preload/index.cjs', 'renderer/index.html']) {
      expect(fs.statSync(built(file)).size, file).toBeGreaterThan(100);
    }
    // package.json's `main` is what Electron starts in the packaged app.
    expect(pkg.main).toBe('out/main/index.js');
    const html = read('renderer/index.html');
    const scripts = [...html.matchAll(/<script[^>]+src="\.?\/?([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(fs.existsSync(built(path.join('renderer', script))), script).toBe(true);
  });

  it('the preload exposes exactly the contract’s methods, each invoking its own channel', async () => {
    const { exposed, invoked, subscriptions, required } = loadPreload();
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['hookbench']);
    const bridge = exposed.get('hookbench') as ExposedBridge;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    const names = Object.keys(contract).sort();
    expect(Object.keys(bridge.call).sort()).toEqual(names);

    for (const name of names) await expect(bridge.call[name]!({ probe: name })).resolves.toEqual({ ok: true, value: ipcChannel.method(name as keyof typeof contract) });
    expect(invoked).toEqual(names.map((name) => ({ channel: ipcChannel.method(name as keyof typeof contract), input: { probe: name } })));

    const received: PushEvent[] = [];
    const unsubscribe = bridge.onEvent((event) => received.push(event));
    expect(subscriptions.map((s) => [s.op, s.channel])).toEqual([['on', ipcChannel.events]]);
    const message = { type: 'probe' } as unknown as PushEvent;
    subscriptions[0]!.listener({ sender: 'ipc event, not passed to the page' }, message);
    expect(received).toEqual([message]);
    unsubscribe();
    expect(subscriptions[1]).toEqual({ op: 'off', channel: ipcChannel.events, listener: subscriptions[0]!.listener });
  });

  it('no Node built-in or Node-only package reaches the renderer bundle', () => {
    const files = jsFiles('renderer');
    expect(files.length).toBeGreaterThan(3);
    const found = files.flatMap((file) => nodeReferences(read(file)).map((what) => `${file}: ${what}`));
    expect(found).toEqual([]);
  });

  it('the scan would see a Node import in a bundle', () => {
    // The check above passes on an empty list; prove the scanner sees each shape a bundler emits.
    const planted = [
      'const fs = require("fs");',
      "import { join } from 'node:path';",
      'const m = await import("child_process");',
      'export { default } from "better-sqlite3";',
      'import "electron";',
      'const r = createRequire(import.meta.url);',
    ].join('\n');
    expect(nodeReferences(planted)).toEqual(['fs', 'node:path', 'child_process', 'better-sqlite3', 'electron', 'createRequire()']);
    // Monaco's AMD loader and TypeScript's messages mention require/import without a Node module.
    expect(nodeReferences('require(["vs/editor/editor.main"], cb); "import {1} = require({2})"; import x from "foo"')).toEqual([]);
  });

  it('main and preload import only Node, Electron and the packaged dependencies', () => {
    const allowed = new Set(['electron', ...Object.keys(pkg.dependencies)]);
    for (const file of [...jsFiles('main'), ...jsFiles('preload')]) {
      const missing = moduleSpecifiers(read(file)).filter((specifier) => {
        const name = packageOf(specifier);
        return name !== null && !isNodeBuiltin(specifier) && !allowed.has(name);
      });
      // A devDependency imported here would be absent from the installed app.
      expect(missing, file).toEqual([]);
    }
  });

  it('every `files` pattern of the electron-builder config matches the build, and source maps stay out', () => {
    const all = builtFiles();
    const maps = all.filter((file) => file.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    for (const pattern of config.files) {
      const negated = pattern.startsWith('!');
      const glob = negated ? pattern.slice(1) : pattern;
      expect(all.filter((file) => path.matchesGlob(file, glob)).length, pattern).toBeGreaterThan(0);
    }
    expect(all.filter((file) => !inFileSet(file, config.files))).toEqual(maps);
  });

  it('electron-builder packs it: the built app, the production dependencies, the native module unpacked', { timeout: 300_000 }, async () => {
    // A real electron-builder run of the Linux `dir` target (the unpacked app every Linux target
    // starts from), offline: a stand-in Electron (`electronDist`) and no native rebuild, which
    // both need downloads; `npm run dist` does those. The `files` patterns are the configured ones
    // with `out/` pointed at this test's build.
    const electronDist = path.join(work, 'electron-dist');
    fs.mkdirSync(electronDist);
    fs.writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    const relOut = path.relative(ROOT, outDir);
    const require = createRequire(path.join(ROOT, 'package.json'));
    const electronVersion = (require('electron/package.json') as { version: string }).version;
    const derived = {
      ...(config as Configuration),
      files: config.files.map((pattern) => pattern.replace(/^(!?)out\//, `$1${relOut}/`)),
      extraMetadata: { main: pkg.main.replace(/^out\//, `${relOut}/`) },
      npmRebuild: false,
      electronDist,
      electronVersion,
      directories: { ...config.directories, output: path.join(work, 'dist') },
    } satisfies Configuration;
    // As a file, not an object: an object is merged into package.json's `build`, concatenating
    // its lists (files, extraResources) with the originals.
    const configFile = path.join(work, 'electron-builder.json');
    fs.writeFileSync(configFile, JSON.stringify(derived));
    await electronBuilder({ projectDir: ROOT, targets: Platform.LINUX.createTarget('dir'), publish: 'never', config: configFile });
    const resources = path.join(work, 'dist', 'linux-unpacked', 'resources');
    const asar = require('@electron/asar') as {
      listPackage(archive: string, options: object): string[];
      statFile(archive: string, file: string): object;
      extractFile(archive: string, file: string): Buffer;
    };
    const archive = path.join(resources, 'app.asar');
    const entries = asar.listPackage(archive, { isPack: false }).map((entry) => entry.replace(/^[\\/]/, '').split(path.sep).join('/'));
    const isDirectory = (entry: string) => 'files' in asar.statFile(archive, entry);
    const packedFiles = entries.filter((entry) => !entry.startsWith('node_modules/') && entry !== 'package.json' && !isDirectory(entry));
    const expected = builtFiles()
      .filter((file) => inFileSet(file, config.files))
      .map((file) => file.replace(/^out\//, `${relOut}/`));
    // The app's own files: exactly the build, minus source maps; nothing from src/, test/, bench/.
    expect(packedFiles.sort()).toEqual(expected.sort());
    const packedPkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main: string; devDependencies?: unknown };
    expect(packedPkg.main).toBe(`${relOut}/main/index.js`);

    const modules = new Set(entries.filter((e) => e.startsWith('node_modules/')).map((e) => e.split('/').slice(1, e.split('/')[1]!.startsWith('@') ? 3 : 2).join('/')));
    // Every production dependency, and what they need at run time (bindings loads better-sqlite3's .node).
    for (const name of [...Object.keys(pkg.dependencies), 'bindings', 'avvio', 'pg-pool']) expect(modules.has(name), name).toBe(true);
    for (const dev of ['electron', 'electron-vite', 'vitest', 'react', 'monaco-editor', 'typescript', 'playwright-core']) expect(modules.has(dev), dev).toBe(false);

    expect(fs.existsSync(path.join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    expect(fs.existsSync(path.join(resources, 'icon.png'))).toBe(true);
  });
});
