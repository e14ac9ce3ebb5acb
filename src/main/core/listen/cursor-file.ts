import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Where `hookbench listen` remembers the last capture it delivered: one small JSON file per
 * (server, endpoint, forward-to), so two listeners (another endpoint, another local app) never
 * share a cursor. Written atomically (temp file, fsync, rename) after every delivery: a crash
 * leaves the old cursor or the new one, never a torn file, and at worst the capture in flight is
 * delivered again.
 */

const CursorState = z.object({
  version: z.literal(1),
  server: z.string(),
  endpoint: z.string().nullable(),
  forwardTo: z.string(),
  /** Every capture with an id up to this one was delivered (or is not ours to deliver). */
  after: z.number().int().nonnegative(),
  updatedAt: z.string(),
});
type CursorState = z.infer<typeof CursorState>;

export class CursorFileError extends Error {}

export function cursorFilePath(stateDir: string, server: string, endpoint: string | null, forwardTo: string): string {
  const key = createHash('sha256').update(`${server}|${endpoint ?? ''}|${forwardTo}`).digest('hex').slice(0, 32);
  return path.join(stateDir, `${key}.json`);
}

export class CursorFile {
  constructor(
    readonly file: string,
    private readonly identity: Pick<CursorState, 'server' | 'endpoint' | 'forwardTo'>,
  ) {}

  /** The stored cursor, or null when this listener never ran. An unreadable file is an error: guessing could skip captures. */
  read(): number | null {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new CursorFileError(`cannot read the listen state file ${this.file}: ${(error as Error).message}`);
    }
    let parsed: ReturnType<typeof CursorState.safeParse>;
    try {
      parsed = CursorState.safeParse(JSON.parse(text));
    } catch {
      parsed = CursorState.safeParse(null);
    }
    if (!parsed.success) {
      throw new CursorFileError(`the listen state file ${this.file} is damaged; delete it (or start with --from now) to start afresh`);
    }
    return parsed.data.after;
  }

  write(after: number): void {
    const state: CursorState = { version: 1, ...this.identity, after, updatedAt: new Date().toISOString() };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(state) + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, this.file);
  }
}
