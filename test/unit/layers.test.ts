import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';

/**
 * The layer checker (`npm run layers`, dependency-cruiser with .dependency-cruiser.cjs) must fail
 * on each kind of breach DESIGN.md §3 forbids, including the ones a lint rule on import strings
 * lets through (dynamic import, a path climbing out of a subfolder, a permitted module that drags
 * Electron in). Each case lays out a small tree shaped like src/ and runs the real CLI on it.
 */

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** A fixture project: the repo's config and tsconfig, our node_modules, and the given files. */
function project(files: Record<string, string>): string {
  const dir = tempDir('hookbench-layers-');
  fs.copyFileSync(path.join(ROOT, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
  fs.copyFileSync(path.join(ROOT, 'tsconfig.base.json'), path.join(dir, 'tsconfig.base.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const base: Record<string, string> = {
    'src/shared/contract.ts': "import { z } from 'zod';\nexport const ping = z.string();\n",
    'src/main/core/api.ts': "import { ping } from '../../shared/contract';\nexport const api = ping;\n",
    'src/main/core/store/repos/requests-repo.ts': "import Database from 'better-sqlite3';\nexport const db = Database;\n",
    'src/main/transport/http.ts': "import { api } from '../core/api';\nexport const http = api;\n",
    'src/main/index.ts': "import { app } from 'electron';\nimport { http } from './transport/http';\nexport { app, http };\n",
    'src/preload/index.ts': "import { contextBridge } from 'electron';\nimport { ping } from '../shared/contract';\nexport { contextBridge, ping };\n",
    'src/renderer/src/app.tsx': "import { ping } from '../../shared/contract';\nexport const app = ping;\n",
  };
  for (const [file, text] of Object.entries({ ...base, ...files })) {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function cruise(dir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [CLI, '--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'src'], { cwd: dir });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('layer rules (dependency-cruiser)', () => {
  it('passes a tree that keeps to the layers', async () => {
    const { code, output } = await cruise(
      project({
        // A feature importing its own files and the shared parts below features is fine.
        'src/renderer/src/stores/session-store.ts': 'export const session = 1;\n',
        'src/renderer/src/features/inbox/inbox-list.tsx': "import { session } from '../../stores/session-store';\nexport const l = session;\n",
        'src/renderer/src/features/inbox/inbox-view.tsx': "import { l } from './inbox-list';\nexport const v = l;\n",
      }),
    );
    expect(output).toContain('no dependency violations');
    expect(code).toBe(0);
  });

  const breaches: [string, Record<string, string>, string][] = [
    [
      'renderer dynamically importing core',
      { 'src/renderer/src/sneaky.ts': "export async function f() { return import('../../main/core/api'); }\n" },
      'renderer-is-a-browser-app',
    ],
    ['renderer dynamically importing electron', { 'src/renderer/src/ipc.ts': "export async function f() { return import('electron'); }\n" }, 'renderer-no-node-packages'],
    ['renderer importing a Node builtin', { 'src/renderer/src/fs.ts': "import fs from 'node:fs';\nexport const f = fs;\n" }, 'renderer-no-node'],
    ['a core subfolder importing the Electron entry', { 'src/main/core/store/x.ts': "import * as main from '../../index';\nexport const m = main;\n" }, 'core-imports-shared-and-itself'],
    [
      'core importing a main-process module that imports Electron',
      {
        'src/main/safe-storage-box.ts': "import { safeStorage } from 'electron';\nexport const box = safeStorage;\n",
        'src/main/core/secrets.ts': "import { box } from '../safe-storage-box';\nexport const b = box;\n",
      },
      'core-never-reaches-electron',
    ],
    ['core importing electron directly', { 'src/main/core/bad.ts': "import { app } from 'electron';\nexport const a = app;\n" }, 'core-never-reaches-electron'],
    ['shared importing Node', { 'src/shared/hash.ts': "import { createHash } from 'node:crypto';\nexport const h = createHash;\n" }, 'shared-no-node'],
    ['shared importing core', { 'src/shared/oops.ts': "import { api } from '../main/core/api';\nexport const a = api;\n" }, 'shared-is-pure'],
    ['SQL outside the store', { 'src/main/core/sender/queue.ts': "import Database from 'better-sqlite3';\nexport const d = Database;\n" }, 'only-the-store-knows-sql'],
    ['a transport reaching into the store', { 'src/main/transport/ipc.ts': "import { db } from '../core/store/repos/requests-repo';\nexport const d = db;\n" }, 'transports-call-the-api'],
    ['the preload importing core', { 'src/preload/extra.ts': "import { api } from '../main/core/api';\nexport const a = api;\n" }, 'preload-is-a-bridge'],
    [
      'one renderer feature importing another',
      {
        'src/renderer/src/features/replay/replay-store.ts': 'export const replay = 1;\n',
        'src/renderer/src/features/detail/detail-view.tsx': "import { replay } from '../replay/replay-store';\nexport const d = replay;\n",
      },
      'renderer-features-meet-through-shared-parts',
    ],
    [
      'a shared renderer store importing a feature',
      {
        'src/renderer/src/features/inbox/inbox-store.ts': 'export const inbox = 1;\n',
        'src/renderer/src/stores/session-store.ts': "import { inbox } from '../features/inbox/inbox-store';\nexport const s = inbox;\n",
      },
      'renderer-shared-parts-below-features',
    ],
  ];

  // One tree holding every breach, cruised once: each must be reported, by its rule, at its file.
  let result: { code: number; output: string };
  beforeAll(async () => {
    result = await cruise(project(Object.assign({}, ...breaches.map(([, files]) => files))));
  });

  it.each(breaches)('fails on %s', (_name, files, rule) => {
    const from = Object.keys(files).at(-1)!;
    expect(result.output).toMatch(new RegExp(`error ${rule}: ${from.replace(/[.]/g, '\\.')} →`));
    expect(result.code).not.toBe(0);
  });
});
