import type { Database, Statement } from 'better-sqlite3';
import type { EndpointSecretsRepository, SecretInfo } from '../repositories';
import { secretHint } from '../../../../shared/endpoint-schemas';
import type { SecretSealer } from '../../secrets/secret-box';
import { openSecret, toSecretInfo, type SecretRow } from '../secret-rows';

/** Endpoint signing secrets, sealed by a SecretBox before they reach the database. */
export class EndpointSecretsRepo implements EndpointSecretsRepository {
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
  async replace(endpoint: string, secrets: readonly string[]): Promise<void> {
    this.replaceTx(endpoint, secrets);
  }

  async info(endpoint: string): Promise<SecretInfo[]> {
    return (this.listStmt.all(endpoint) as SecretRow[]).map((r) => toSecretInfo(r, this.sealer));
  }

  /** In clear, for verifying and signing only: never returned by the API or logged. Unopenable ones are skipped. */
  async reveal(endpoint: string): Promise<string[]> {
    return (this.listStmt.all(endpoint) as SecretRow[]).flatMap((r) => {
      const { plain } = openSecret(r, this.sealer);
      return plain === null ? [] : [plain];
    });
  }
}
