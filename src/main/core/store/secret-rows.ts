import { SecretUnavailableError, type SecretSealer } from '../secrets/secret-box';
import type { SecretInfo } from './repositories';

/**
 * An `endpoint_secrets` row as both adapters read it, and how its sealed secret is opened: the
 * columns and the SecretSealer are the same on SQLite and PostgreSQL, so a secret that cannot be
 * opened is reported the same way by both.
 */
export interface SecretRow {
  id: number;
  sealed: Buffer;
  hint: string;
  created_at: number;
}

/** The secret in clear, or why it cannot be opened here (never throws). */
export function openSecret(row: SecretRow, sealer: SecretSealer): { plain: string | null; error: string | null } {
  try {
    return { plain: sealer.open(row.sealed), error: null };
  } catch (error) {
    if (error instanceof SecretUnavailableError) return { plain: null, error: error.message };
    // A tampered or corrupt row, or another instance's key: say so rather than stop the app from starting.
    return { plain: null, error: 'cannot be decrypted (the key file changed or the row is damaged); enter it again' };
  }
}

/** What the API shows of a secret: never the secret itself. */
export function toSecretInfo(row: SecretRow, sealer: SecretSealer): SecretInfo {
  return {
    id: row.id,
    hint: row.hint,
    createdAt: new Date(row.created_at).toISOString(),
    unavailable: openSecret(row, sealer).error,
  };
}
