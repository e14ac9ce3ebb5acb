import type { Target } from '../../../../shared/sender-schemas';
import type { SecretSealer } from '../../secrets/secret-box';
import type { TargetFields, TargetsRepository, TargetWithSecret } from '../repositories';
import { openTarget, sealedSecret, TARGET_COLUMNS, targetValues, type TargetRow } from '../target-rows';
import type { PgDatabase } from './pg-database';

/** Sender targets (subscriptions) on PostgreSQL; secrets sealed before they reach the database. */
export class PgTargetsRepo implements TargetsRepository {
  constructor(
    private readonly db: PgDatabase,
    private readonly sealer: SecretSealer,
  ) {}

  async list(): Promise<Target[]> {
    return (await this.rows()).map((row) => openTarget(row, this.sealer).target);
  }

  async get(id: number): Promise<Target | null> {
    const row = await this.row(id);
    return row ? openTarget(row, this.sealer).target : null;
  }

  async idByUrl(url: string): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>('SELECT id FROM targets WHERE url = $1 ORDER BY id LIMIT 1', [url]);
    return rows[0]?.id ?? null;
  }

  /** Every target with its opened secret (the sender's cache). */
  async withSecrets(): Promise<TargetWithSecret[]> {
    return (await this.rows()).map((row) => openTarget(row, this.sealer));
  }

  async secretOf(id: number): Promise<string | null> {
    const row = await this.row(id);
    return row ? openTarget(row, this.sealer).secret : null;
  }

  async insert(fields: TargetFields): Promise<number> {
    const v = targetValues(fields);
    const now = Date.now();
    const { rows } = await this.db.query<{ id: number }>(
      `INSERT INTO targets (url, events, provider, scheme, custom_scheme, format, retry_schedule, timeout_ms, ssrf, concurrency, active, paused, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
      [v.url, v.events, v.provider, v.scheme, v.customScheme, v.format, v.retrySchedule, v.timeoutMs, v.ssrf, v.concurrency, v.active, v.paused, now],
    );
    return rows[0]!.id;
  }

  async update(id: number, fields: TargetFields): Promise<void> {
    const v = targetValues(fields);
    // Turning a target on again clears why the sender had turned it off.
    await this.db.query(
      `UPDATE targets SET url = $1, events = $2, provider = $3, scheme = $4, custom_scheme = $5, format = $6, retry_schedule = $7, timeout_ms = $8,
       ssrf = $9, concurrency = $10, active = $11, paused = $12, disabled_reason = CASE WHEN $11 THEN NULL ELSE disabled_reason END, updated_at = $13
       WHERE id = $14`,
      [v.url, v.events, v.provider, v.scheme, v.customScheme, v.format, v.retrySchedule, v.timeoutMs, v.ssrf, v.concurrency, v.active, v.paused, Date.now(), id],
    );
  }

  /** `null` removes the secret. */
  async setSecret(id: number, secret: string | null): Promise<void> {
    const { sealed, hint } = sealedSecret(this.sealer, secret);
    await this.db.query('UPDATE targets SET secret_sealed = $1, secret_hint = $2 WHERE id = $3', [sealed, hint, id]);
  }

  async disable(id: number, reason: string, now: number): Promise<void> {
    await this.db.query('UPDATE targets SET active = false, disabled_reason = $1, updated_at = $2 WHERE id = $3', [reason, now, id]);
  }

  async delete(id: number): Promise<boolean> {
    return ((await this.db.query('DELETE FROM targets WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  private async rows(): Promise<TargetRow[]> {
    return (await this.db.query<TargetRow>(`SELECT ${TARGET_COLUMNS} FROM targets ORDER BY id`)).rows;
  }

  private async row(id: number): Promise<TargetRow | undefined> {
    return (await this.db.query<TargetRow>(`SELECT ${TARGET_COLUMNS} FROM targets WHERE id = $1`, [id])).rows[0];
  }
}
