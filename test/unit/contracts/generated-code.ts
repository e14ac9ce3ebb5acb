import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll } from 'vitest';

/**
 * Compiles and loads generated code for the codegen tests. Files go under node_modules/.cache so
 * that `import { z } from 'zod'` in them resolves to the repository's zod, for the type checker and
 * for Node alike.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const base = path.join(root, 'node_modules/.cache/hookbench-test-contracts');
const made: string[] = [];
let runs = 0;

afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = path.join(base, `run-${process.pid}-${Date.now()}-${runs++}`);
  fs.mkdirSync(dir, { recursive: true });
  made.push(dir);
  return dir;
}

/**
 * Type-checks `files` (name -> source) together, as `tsc --strict --noEmit` would, and returns the
 * diagnostics per file name ('' for global ones). No ambient types: generated code must stand alone.
 */
export function typeCheck(files: Record<string, string>): Record<string, string[]> {
  const dir = freshDir();
  const names = Object.keys(files).map((name) => {
    fs.writeFileSync(path.join(dir, name), files[name]!);
    return path.join(dir, name);
  });
  const program = ts.createProgram(names, {
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  const out: Record<string, string[]> = {};
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file ? path.basename(d.file.fileName) : '';
    (out[file] ??= []).push(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return out;
}

/** Transpiles generated TypeScript to an ES module and imports it. */
export async function importGenerated<T = Record<string, unknown>>(code: string): Promise<T> {
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const file = path.join(freshDir(), 'generated.mjs');
  fs.writeFileSync(file, js);
  return (await import(pathToFileURL(file).href)) as T;
}
