import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

/**
 * A small JSON settings file in userData (window state, desktop preferences). Reading never
 * throws: a missing, truncated or hand-edited file that fails its schema gives the defaults, since
 * a desktop app must still open. Writing goes through a temp file and a rename, so a crash or a
 * power cut mid-write leaves the previous file, never half of one.
 */
export class JsonFile<T> {
  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly fallback: () => T,
  ) {}

  read(): T {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return this.fallback();
    }
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : this.fallback();
    } catch {
      return this.fallback();
    }
  }

  write(value: T): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(value, null, 2) + '\n');
    fs.renameSync(temp, this.file);
  }
}
