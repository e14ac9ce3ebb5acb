import type { Database, Statement } from 'better-sqlite3';
import type { Target } from '../../../../shared/sender-schemas';
import type { SecretSealer } from '../../secrets/secret-box';
import type { TargetFields, TargetsRepository, TargetWithSecret } from '../repositories';
import { openTarget, sealedSecret, TARGET_COLUMNS, targetValues, type TargetRow } from '../target-rows';

/** Sender targets (subscriptions); secrets sealed before they reach the database. */
export class TargetsRepo implements TargetsRepository {
  private readonly listStmt: Statement;
  private readonly getStmt: Statement;
  private readonly byUrlStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly updateStmt: Statement;
  private readonly setSecretStmt: Statement;
  private readonly disableStmt: Statement;
  private readonly deleteStmt: Statement;

  constructor(
    db: Database,
    private readonly sealer: SecretSealer,
  ) {
    this.listStmt = db.prepare(`SELECT ${TARGET_COLUMNS} FROM targets ORDER BY id`);
    this.getStmt = db.prepare(`SELECT ${TARGET_COLUMNS} FROM targets WHERE id = ?`);
    this.byUrlStmt = db.prepare(`SELECT id FROM targets WHERE url = ? ORDER BY id LIMIT 1`);
    this.insertStmt = db.prepare(`INSERT INTO targets (url, events, provider, scheme, custom_scheme, format, retry_schedule, timeout_ms, ssrf, concurrency, active, paused, created_at, updated_at)
      VALUES (@url, @events, @provider, @scheme, @customScheme, @format, @retrySchedule, @timeoutMs, @ssrf, @concurrency, @active, @paused, @now, @now)`);
    // Turning a target on again clears why the sender had turned it off.
    this.updateStmt = db.prepare(`UPDATE targets SET url = @url, events = @events, provider = @provider, scheme = @scheme, custom_scheme = @customScheme,
      format = @format, retry_schedule = @retrySchedule, timeout_ms = @timeoutMs, ssrf = @ssrf, concurrency = @concurrency, active = @active, paused = @paused,
      disabled_reason = CASE WHEN @active = 1 THEN NULL ELSE disabled_reason END, updated_at = @now WHERE id = @id`);
    this.setSecretStmt = db.prepare('UPDATE targets SET secret_sealed = ?, secret_hint = ? WHERE id = ?');
    this.disableStmt = db.prepare('UPDATE targets SET active = 0, disabled_reason = ?, updated_at = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM targets WHERE id = ?');
  }

  async list(): Promise<Target[]> {
    return (this.listStmt.all() as TargetRow[]).map((row) => openTarget(row, this.sealer).target);
  }

  async get(id: number): Promise<Target | null> {
    const row = this.getStmt.get(id) as TargetRow | undefined;
    return row ? openTarget(row, this.sealer).target : null;
  }

  async idByUrl(url: string): Promise<number | null> {
    return (this.byUrlStmt.get(url) as { id: number } | undefined)?.id ?? null;
  }

  /** Every target with its opened secret (the sender's cache). */
  async withSecrets(): Promise<TargetWithSecret[]> {
    return (this.listStmt.all() as TargetRow[]).map((row) => openTarget(row, this.sealer));
  }

  /** The opened secret of one target, or null (none set, or sealed where it cannot be opened here). */
  async secretOf(id: number): Promise<string | null> {
    const row = this.getStmt.get(id) as TargetRow | undefined;
    return row ? openTarget(row, this.sealer).secret : null;
  }

  async insert(fields: TargetFields): Promise<number> {
    return Number(this.insertStmt.run(this.params(fields)).lastInsertRowid);
  }

  async update(id: number, fields: TargetFields): Promise<void> {
    this.updateStmt.run({ ...this.params(fields), id });
  }

  /** `null` removes the secret. */
  async setSecret(id: number, secret: string | null): Promise<void> {
    const { sealed, hint } = sealedSecret(this.sealer, secret);
    this.setSecretStmt.run(sealed, hint, id);
  }

  async disable(id: number, reason: string, now: number): Promise<void> {
    this.disableStmt.run(reason, now, id);
  }

  async delete(id: number): Promise<boolean> {
    return this.deleteStmt.run(id).changes > 0;
  }

  private params(fields: TargetFields) {
    const values = targetValues(fields);
    return { ...values, active: values.active ? 1 : 0, paused: values.paused ? 1 : 0, now: Date.now() };
  }
}
