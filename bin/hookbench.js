#!/usr/bin/env node
// The `hookbench` command: runs the built headless CLI (out/main/cli.js).
import fs from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!fs.existsSync(cli)) {
  process.stderr.write('hookbench: not built yet; run `npm run build` in the Hookbench folder first.\n');
  process.exit(1);
}
await import(cli.href);
