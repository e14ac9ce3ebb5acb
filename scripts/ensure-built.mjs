// Builds out/ when it is missing or older than the sources, so `npm run serve` always runs what
// is checked out. Build output goes to stderr: with --json, stdout must carry only the ready line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'out', 'main', 'cli.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sourcesChanged = () => {
  const built = fs.statSync(stamp).mtimeMs;
  const inputs = [path.join(root, 'src'), path.join(root, 'electron.vite.config.ts'), path.join(root, 'package.json')];
  return inputs.some((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs) > built);
};

if (!fs.existsSync(stamp) || sourcesChanged()) {
  process.stderr.write('Building Hookbench (electron-vite build)…\n');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (result.status !== 0) {
    process.stderr.write('Build failed; see the output above.\n');
    process.exit(result.status ?? 1);
  }
}
