import type { z } from 'zod';
import type { SettingsRepository } from '../repositories';
import type { PgDatabase } from './pg-database';

/** App settings as JSON text under a key (the same strings as SQLite); each reader parses with its own schema. */
export class PgSettingsRepo implements SettingsRepository {
  constructor(private readonly db: PgDatabase) {}

  /** The stored value, or `fallback` when missing or no longer valid for the schema. */
  async get<T extends z.ZodType>(key: string, schema: T, fallback: z.output<T>): Promise<z.output<T>> {
    const { rows } = await this.db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
    const row = rows[0];
    if (!row) return fallback;
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : fallback;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, JSON.stringify(value)]);
  }

  async delete(key: string): Promise<void> {
    await this.db.query('DELETE FROM settings WHERE key = $1', [key]);
  }
}
