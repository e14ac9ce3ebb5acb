import type { Database, Statement } from 'better-sqlite3';
import { secretHint } from '../../../../shared/endpoint-schemas';
import type { SecretBox } from '../../secrets/secret-box';

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
}

/** Endpoint signing secrets, sealed by a SecretBox before they reach the database. */
export class EndpointSecretsRepo {
  private readonly listStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly clearStmt: Statement;
  private readonly replaceTx: (endpoint: string, secrets: readonly string[]) => void;

  constructor(
    db: Database,
    private readonly box: SecretBox,
  ) {
    this.listStmt = db.prepare('SELECT id, endpoint, sealed, hint, created_at FROM endpoint_secrets WHERE endpoint = ? ORDER BY id');
    this.insertStmt = db.prepare('INSERT INTO endpoint_secrets (endpoint, sealed, hint, created_at) VALUES (?, ?, ?, ?)');
    this.clearStmt = db.prepare('DELETE FROM endpoint_secrets WHERE endpoint = ?');
    this.replaceTx = db.transaction((endpoint: string, secrets: readonly string[]) => {
      this.clearStmt.run(endpoint);
      const now = Date.now();
      for (const secret of secrets) this.insertStmt.run(endpoint, this.box.encrypt(secret), secretHint(secret), now);
    });
  }

  /** Replaces all of an endpoint's secrets at once (a rotation is "new first, old second"). */
  replace(endpoint: string, secrets: readonly string[]): void {
    this.replaceTx(endpoint, secrets);
  }

  info(endpoint: string): SecretInfo[] {
    return (this.listStmt.all(endpoint) as SecretRow[]).map((r) => ({ id: r.id, hint: r.hint, createdAt: new Date(r.created_at).toISOString() }));
  }

  /** In clear, for verifying and signing only: never returned by the API or logged. */
  reveal(endpoint: string): string[] {
    return (this.listStmt.all(endpoint) as SecretRow[]).map((r) => this.box.decrypt(r.sealed));
  }
}
