// Runs @doyensec/electronegativity over the app's sources and compares its HIGH and MEDIUM findings
// with the accepted list in docs/electron-audit.md (each one explained there). Exit code 1 when a
// finding is not accepted, or when a file could not be parsed (a finding it hides is still a finding).
//
//   node scripts/check-electron-audit.mjs [--input DIR] [--json]
//
// Offline by design: the Electron version is read from node_modules/electron (it would otherwise be
// guessed from a package.json in the input), and AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK is skipped:
// it downloads Electron's release list, which this project cannot reach; it only says whether a newer
// Electron exists, which `npm outdated` answers. The tool's own translation download fails within 1 s
// and falls back to its bundled English text.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ACCEPTED_FILE = path.join(root, 'docs', 'electron-audit.md');
const BLOCKING = new Set(['HIGH', 'MEDIUM']);
const OFFLINE_EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];

/** `| CHECK_ID | file | severity | why |` rows of docs/electron-audit.md's accepted table. */
export function readAccepted(markdown = fs.readFileSync(ACCEPTED_FILE, 'utf8')) {
  const rows = [];
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim().replace(/^`|`$/g, ''));
    if (cells.length < 4 || !/^[A-Z_]+_CHECK$/.test(cells[0])) continue;
    rows.push({ id: cells[0], file: cells[1], severity: cells[2], why: cells[3] });
  }
  return rows;
}

/**
 * A copy of the files under `dir` that git would commit (tracked, or new and not ignored), so a
 * build output or scratch file lying in the tree (an `out-*` folder under src/renderer, say) is
 * neither audited nor able to fail the audit. Outside a git checkout: the folder as it is.
 */
export function stageSources(dir) {
  let listed;
  try {
    listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', dir], { cwd: root, encoding: 'utf8' });
  } catch {
    return { dir, cleanup: () => {} };
  }
  const files = listed.split('\0').filter((file) => file && fs.existsSync(path.join(root, file)));
  if (files.length === 0) return { dir, cleanup: () => {} };
  const staged = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-audit-'));
  const base = path.relative(root, dir);
  for (const file of files) {
    const target = path.join(staged, path.relative(base, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(root, file), target);
  }
  return { dir: staged, cleanup: () => fs.rmSync(staged, { recursive: true, force: true }) };
}

export async function audit(input) {
  const run = require('@doyensec/electronegativity/dist/runner.js');
  const electronVersion = JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  // The tool talks on console.log (translations, release fetch); keep stdout for our own report.
  const log = console.log;
  console.log = (...args) => console.error(...args);
  let result;
  try {
    result = await run(
      { input, electronVersionOverride: electronVersion, isRelative: true, excludeFromScan: OFFLINE_EXCLUDED, customScan: [] },
      false,
    );
  } finally {
    console.log = log;
  }
  const findings = result.issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: issue.file.split(path.sep).join('/'),
    line: issue.location.line,
    manualReview: issue.manualReview,
    description: issue.description,
  }));
  return { electronVersion, checks: result.globalChecks + result.atomicChecks, findings, parseErrors: result.errors };
}

export function unaccepted(findings, accepted) {
  return findings.filter((f) => BLOCKING.has(f.severity) && !accepted.some((a) => a.id === f.id && a.file === f.file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const inputAt = args.indexOf('--input');
  const input = path.resolve(inputAt >= 0 ? args[inputAt + 1] : path.join(root, 'src'));
  const staged = stageSources(input);
  let report;
  try {
    report = await audit(staged.dir);
  } finally {
    staged.cleanup();
  }
  const blocking = unaccepted(report.findings, readAccepted());
  if (args.includes('--json')) {
    console.log(JSON.stringify({ ...report, unaccepted: blocking }));
  } else {
    console.log(`electronegativity: ${report.checks} checks over ${path.relative(root, input) || '.'} (Electron ${report.electronVersion})`);
    for (const f of report.findings) {
      const mark = blocking.includes(f) ? 'NOT ACCEPTED' : BLOCKING.has(f.severity) ? 'accepted' : 'info';
      console.log(`  ${f.severity.padEnd(13)} ${f.id} ${f.file}:${f.line} (${mark})`);
    }
    for (const e of report.parseErrors) console.log(`  could not parse ${path.relative(staged.dir, e.file)}: ${e.message}`);
    if (blocking.length) console.log(`${blocking.length} HIGH/MEDIUM finding(s) not explained in docs/electron-audit.md`);
  }
  process.exitCode = blocking.length > 0 || report.parseErrors.some((e) => !e.tolerable) ? 1 : 0;
}
