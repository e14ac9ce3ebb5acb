import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readAccepted } from '../../scripts/check-electron-audit.mjs';
import { tempDir } from '../helpers/temp-dir';

/**
 * Electronegativity over the app's sources (scripts/check-electron-audit.mjs, the same as
 * `npm run audit:electron`): no HIGH or MEDIUM finding that docs/electron-audit.md does not explain,
 * no file it could not parse, and no explanation left for a finding that is gone. It runs in a
 * child process because the tool registers globals and patches console for its i18n.
 */

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/check-electron-audit.mjs');

interface Finding {
  id: string;
  severity: string;
  file: string;
  line: number;
}
interface Report {
  electronVersion: string;
  checks: number;
  findings: Finding[];
  parseErrors: { file: string; message: string; tolerable: boolean }[];
  unaccepted: Finding[];
}

/** Runs the audit; the script's exit code is 1 when something is not accepted, which is data here. */
async function audit(input: string): Promise<{ report: Report; exitCode: number }> {
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, '--input', input, '--json'], { cwd: ROOT, timeout: 120_000 });
    return { report: JSON.parse(stdout.trim().split('\n').at(-1)!) as Report, exitCode: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; code?: number };
    if (!failed.stdout) throw error;
    return { report: JSON.parse(failed.stdout.trim().split('\n').at(-1)!) as Report, exitCode: failed.code ?? 1 };
  }
}

const describeFinding = (f: Finding) => `${f.severity} ${f.id} at ${f.file}:${f.line}`;

describe('electronegativity audit', () => {
  it('finds no HIGH or MEDIUM issue in src/ that docs/electron-audit.md does not explain', { timeout: 150_000 }, async () => {
    const { report, exitCode } = await audit(path.join(ROOT, 'src'));
    const electronPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
    expect(report.electronVersion).toBe(electronPkg.version);
    expect(report.checks).toBeGreaterThan(30);
    expect(report.parseErrors, 'every source file must parse, else its findings are hidden').toEqual([]);
    expect(report.unaccepted.map(describeFinding), 'explain each in docs/electron-audit.md, or fix it').toEqual([]);
    expect(exitCode).toBe(0);

    // Each accepted row still matches a finding: the document describes the code as it is.
    const accepted = readAccepted();
    const stale = accepted.filter((a) => !report.findings.some((f) => f.id === a.id && f.file === a.file));
    expect(stale.map((a) => `${a.id} ${a.file}`), 'no longer reported: remove these rows from docs/electron-audit.md').toEqual([]);
    for (const row of accepted) {
      expect(row.why.length, `${row.id} needs a reason`).toBeGreaterThan(80);
      const finding = report.findings.find((f) => f.id === row.id && f.file === row.file)!;
      expect(finding.severity, `${row.id}'s severity in docs/electron-audit.md`).toBe(row.severity);
    }
  });

  it('reports an unsafe window written in current TypeScript, so the audit is known to read our code', { timeout: 150_000 }, async () => {
    const dir = tempDir('hookbench-audit-');
    // `satisfies` (TypeScript 4.9) is beyond the tool's bundled TypeScript 4.2 parser: the Babel
    // fallback must read it, as it reads src/main/desktop/hardening.ts.
    fs.writeFileSync(
      path.join(dir, 'main.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'const size = { width: 800, height: 600 } satisfies Record<string, number>;',
        'export const win = new BrowserWindow({ ...size, webPreferences: { contextIsolation: false, sandbox: false } });',
        '',
      ].join('\n'),
    );
    const { report, exitCode } = await audit(dir);
    expect(report.parseErrors).toEqual([]);
    const ids = report.unaccepted.map((f) => `${f.severity} ${f.id} ${f.file}:${f.line}`);
    expect(ids).toContain('HIGH CONTEXT_ISOLATION_JS_CHECK main.ts:3');
    expect(ids).toContain('MEDIUM SANDBOX_JS_CHECK main.ts:3');
    // Nothing in the fixture limits navigation: the global check sees the whole input.
    expect(ids).toContain('HIGH LIMIT_NAVIGATION_GLOBAL_CHECK N/A:0');
    expect(exitCode).toBe(1);
  });
});
