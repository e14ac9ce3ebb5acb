import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toApiError } from '../core/api';

/** Larger than any HAR worth opening by hand; a bigger file is refused before being read. */
const MAX_HAR_BYTES = 200 * 1024 * 1024;

/**
 * The .har files among a command line's arguments (how Windows and Linux open a file with the
 * app, and how a second launch passes its files on). Linux desktops may pass file:// URIs.
 * Relative paths are relative to the launching shell's folder, not ours.
 */
export function harPathsIn(argv: readonly string[], workingDirectory: string): string[] {
  const paths: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    let file = arg;
    if (arg.startsWith('file://')) {
      try {
        file = fileURLToPath(arg);
      } catch {
        continue;
      }
    }
    if (path.extname(file).toLowerCase() === '.har') paths.push(path.resolve(workingDirectory, file));
  }
  return paths;
}

/** A file that could not be imported, with a message for a dialog in plain words. */
export class HarOpenError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

export type ImportCall = (input: { har: unknown }) => Promise<{ ids: number[] }>;

/** Reads a .har file and imports it through the core's Api (importRequests), as the UI's Import does. */
export async function importHarFile(file: string, importRequests: ImportCall): Promise<{ ids: number[] }> {
  const name = path.basename(file);
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_HAR_BYTES) throw new HarOpenError(file, `${name} is ${Math.round(size / 1024 / 1024)} MB; Hookbench opens HAR files up to ${MAX_HAR_BYTES / 1024 / 1024} MB.`);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof HarOpenError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HarOpenError(file, `${name} was not found (it may have been moved or deleted).`);
    if (code === 'EACCES' || code === 'EPERM') throw new HarOpenError(file, `${name} cannot be read: you do not have permission to open it.`);
    if (code === 'EISDIR') throw new HarOpenError(file, `${name} is a folder, not a HAR file.`);
    throw new HarOpenError(file, `${name} could not be read (${(error as Error).message}).`);
  }
  let har: unknown;
  try {
    har = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new HarOpenError(file, `${name} is not a HAR file: its content is not JSON. Export it again from your browser's Network panel ("Save all as HAR").`);
  }
  try {
    return await importRequests({ har });
  } catch (error) {
    const e = toApiError(error);
    if (e.code === 'invalid_input') throw new HarOpenError(file, `${name} is not a HAR 1.2 log Hookbench can import:\n${e.message}`);
    throw new HarOpenError(file, `${name} could not be imported: ${e.message}`);
  }
}

/**
 * Files asked for before the app can import them (macOS sends 'open-file' before 'ready'; argv
 * arrives at start): kept in order, then handed over once, and directly from then on.
 */
export class OpenFileQueue {
  private waiting: string[] = [];
  private handler: ((file: string) => void) | null = null;

  add(file: string): void {
    if (this.handler) this.handler(file);
    else this.waiting.push(file);
  }

  drainTo(handler: (file: string) => void): void {
    this.handler = handler;
    const files = this.waiting;
    this.waiting = [];
    for (const file of files) handler(file);
  }
}
