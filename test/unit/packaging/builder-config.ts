import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** What the packaging tests read: package.json and its electron-builder `build` section. */

export const ROOT = path.resolve(__dirname, '../../..');

export interface PlatformConfig {
  target: string[];
  icon: string;
  category?: string;
}
export interface BuilderConfig {
  appId: string;
  productName: string;
  artifactName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  npmRebuild: boolean;
  fileAssociations: { ext: string; name: string; role: string; mimeType: string; description?: string }[];
  linux: PlatformConfig;
  mac: PlatformConfig;
  win: PlatformConfig;
  deb: { depends: string[] };
}
export interface PackageJson {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  build: BuilderConfig;
}

export const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
export const config = pkg.build;

/** electron-builder's own schema check (app-builder-lib, which `electron-builder` runs first). */
export async function validateWithElectronBuilder(candidate: unknown): Promise<void> {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
  };
  await validateConfiguration(candidate, { isEnabled: false, add() {} });
}

/**
 * Whether electron-builder's `files` list takes a path (relative to the project): it matches a
 * positive pattern and no negated one (`!…`), as electron-builder's FileMatcher treats them.
 */
export function inFileSet(relative: string, patterns: readonly string[]): boolean {
  const positive = patterns.filter((p) => !p.startsWith('!'));
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  return positive.some((p) => path.matchesGlob(relative, p)) && !negative.some((p) => path.matchesGlob(relative, p));
}

/** Every file under `dir`, as project-style relative paths (forward slashes) prefixed by `prefix`. */
export function listFiles(dir: string, prefix: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.posix.join(prefix, path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')));
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
export function pngSize(file: string): { width: number; height: number } {
  const head = Buffer.alloc(24);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 24, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) || head.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}
