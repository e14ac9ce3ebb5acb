import type { SecretSealer } from '../../secrets/secret-box';
import type { PgDatabase } from './pg-database';

/** The settings key holding a known text sealed with the first instance's key. */
export const KEY_CHECK_SETTING = 'secretsKeyCheck';
const KEY_CHECK_TEXT = 'hookbench-key-check';

export class SharedKeyError extends Error {}

/**
 * Every instance of one database must seal and open secrets with the same key file, or each would
 * store secrets the others cannot read. Run at open: the first instance stores a known text sealed
 * with its key; every later one must open it to that text, or it refuses to start with a message
 * saying what to do.
 *
 * INSERT … ON CONFLICT DO NOTHING and reading back, rather than "get, then set if absent": when two
 * instances with different keys start on a fresh database at once, exactly one check is stored
 * and the other instance fails, instead of both passing.
 */
export async function checkSharedKey(db: PgDatabase, sealer: SecretSealer): Promise<void> {
  const sealed = sealer.seal(KEY_CHECK_TEXT).toString('base64');
  // Settings values are JSON text: a JSON string here, as SettingsRepository.set would write it.
  await db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [KEY_CHECK_SETTING, JSON.stringify(sealed)]);
  const { rows } = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [KEY_CHECK_SETTING]);
  if (opened(rows[0]?.value, sealer) !== KEY_CHECK_TEXT) {
    throw new SharedKeyError(
      "This database's secrets were sealed with another key: give every instance the same key file (copy secrets.key from the first instance's data folder)",
    );
  }
}

function opened(value: string | undefined, sealer: SecretSealer): string | null {
  try {
    const stored: unknown = value === undefined ? null : JSON.parse(value);
    return typeof stored === 'string' ? sealer.open(Buffer.from(stored, 'base64')) : null;
  } catch {
    return null;
  }
}
