import type { EndpointSecretsRepository, SecretInfo } from '../repositories';
import type { PgDatabase } from './pg-database';
import { secretHint } from '../../../../shared/endpoint-schemas';
import type { SecretSealer } from '../../secrets/secret-box';
import { openSecret, toSecretInfo, type SecretRow } from '../secret-rows';

/** Endpoint signing secrets, sealed by the SecretSealer before they reach the database. */
export class PgEndpointSecretsRepo implements EndpointSecretsRepository {
  constructor(
    private readonly db: PgDatabase,
    private readonly sealer: SecretSealer,
  ) {}

  /** Replaces all of an endpoint's secrets at once (a rotation is "new first, old second"). */
  async replace(endpoint: string, secrets: readonly string[]): Promise<void> {
    const now = Date.now();
    await this.db.tx(async (client) => {
      // Two instances replacing at once would each delete only the rows they can see and both
      // insert: locking the endpoint's row makes the second wait and replace the first's set whole,
      // as SQLite's single writer does.
      await client.query('SELECT 1 FROM endpoints WHERE slug = $1 FOR UPDATE', [endpoint]);
      await client.query('DELETE FROM endpoint_secrets WHERE endpoint = $1', [endpoint]);
      for (const secret of secrets) {
        await client.query('INSERT INTO endpoint_secrets (endpoint, sealed, hint, created_at) VALUES ($1, $2, $3, $4)', [
          endpoint,
          this.sealer.seal(secret),
          secretHint(secret),
          now,
        ]);
      }
    });
  }

  async info(endpoint: string): Promise<SecretInfo[]> {
    return (await this.rows(endpoint)).map((r) => toSecretInfo(r, this.sealer));
  }

  /** In clear, for verifying and signing only: never returned by the API or logged. Unopenable ones are skipped. */
  async reveal(endpoint: string): Promise<string[]> {
    return (await this.rows(endpoint)).flatMap((r) => {
      const { plain } = openSecret(r, this.sealer);
      return plain === null ? [] : [plain];
    });
  }

  private async rows(endpoint: string): Promise<SecretRow[]> {
    const { rows } = await this.db.query<SecretRow>('SELECT id, sealed, hint, created_at FROM endpoint_secrets WHERE endpoint = $1 ORDER BY id', [endpoint]);
    return rows;
  }
}
