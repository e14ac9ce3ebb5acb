import type { Database, Statement } from 'better-sqlite3';
import type { SettingsRepository } from '../repositories';
import type { z } from 'zod';

/** App settings as JSON values under a key; each reader parses with its own schema. */
export class SettingsRepo implements SettingsRepository {
  private readonly getStmt: Statement;
  private readonly setStmt: Statement;
  private readonly deleteStmt: Statement;

  constructor(db: Database) {
    this.getStmt = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.setStmt = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.deleteStmt = db.prepare('DELETE FROM settings WHERE key = ?');
  }

  /** The stored value, or `fallback` when missing or no longer valid for the schema. */
  async get<T extends z.ZodType>(key: string, schema: T, fallback: z.output<T>): Promise<z.output<T>> {
    const row = this.getStmt.get(key) as { value: string } | undefined;
    if (!row) return fallback;
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : fallback;
  }

  async set(key: string, value: unknown): Promise<void> {
    this.setStmt.run(key, JSON.stringify(value));
  }

  async delete(key: string): Promise<void> {
    this.deleteStmt.run(key);
  }
}
