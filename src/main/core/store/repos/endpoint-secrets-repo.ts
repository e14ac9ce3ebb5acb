import type { Database, Statement } from 'better-sqlite3';
import { secretHint } from '../../../../shared/endpoint-schemas';
import { SecretUnavailableError, type SecretSealer } from '../../secrets/secret-box';

interface SecretRow {
  id: number;
  endpoint: string;
  sealed: Buffer;
  hint: string;
  created_at: number;
}

export interface SecretInfo {
  id: number;
  hint: string;
  createdAt: string;
  /** Why it cannot be used here (sealed by the desktop app's keychain), or null. */
  unavailable: string | null;
}

/** Endpoint signing secrets, sealed by a SecretBox before they reach the database. */
export class EndpointSecretsRepo {
  private readonly listStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly clearStmt: Statement;
  private readonly replaceTx: (endpoint: string, secrets: readonly string[]) => void;

  constructor(
    db: Database,
    private readonly sealer: SecretSealer,
  ) {
    this.listStmt = db.prepare('SELECT id, endpoint, sealed, hint, created_at FROM endpoint_secrets WHERE endpoint = ? ORDER BY id');
    this.insertStmt = db.prepare('INSERT INTO endpoint_secrets (endpoint, sealed, hint, created_at) VALUES (?, ?, ?, ?)');
    this.clearStmt = db.prepare('DELETE FROM endpoint_secrets WHERE endpoint = ?');
    this.replaceTx = db.transaction((endpoint: string, secrets: readonly string[]) => {
      this.clearStmt.run(endpoint);
      const now = Date.now();
      for (const secret of secrets) this.insertStmt.run(endpoint, this.sealer.seal(secret), secretHint(secret), now);
    });
  }

  /** Replaces all of an endpoint's secrets at once (a rotation is "new first, old second"). */
  replace(endpoint: string, secrets: readonly string[]): void {
    this.replaceTx(endpoint, secrets);
  }

  info(endpoint: string): SecretInfo[] {
    return (this.listStmt.all(endpoint) as SecretRow[]).map((r) => ({
      id: r.id,
      hint: r.hint,
      createdAt: new Date(r.created_at).toISOString(),
      unavailable: this.tryOpen(r).error,
    }));
  }

  /** In clear, for verifying and signing only: never returned by the API or logged. Unopenable ones are skipped. */
  reveal(endpoint: string): string[] {
    return (this.listStmt.all(endpoint) as SecretRow[]).flatMap((r) => {
      const { plain } = this.tryOpen(r);
      return plain === null ? [] : [plain];
    });
  }

  private tryOpen(row: SecretRow): { plain: string | null; error: string | null } {
    try {
      return { plain: this.sealer.open(row.sealed), error: null };
    } catch (error) {
      if (error instanceof SecretUnavailableError) return { plain: null, error: error.message };
      // A tampered or corrupt row: say so rather than stop the app from starting.
      return { plain: null, error: 'cannot be decrypted (the key file changed or the row is damaged); enter it again' };
    }
  }
}
