import type { Database, Statement } from 'better-sqlite3';
import { secretHint } from '../../../../shared/endpoint-schemas';
import { PayloadFormat, ProviderPreset, SsrfPolicy, targetWarnings, type Target } from '../../../../shared/sender-schemas';
import { CustomScheme, SchemeId, type CustomSchemeInput } from '../../../../shared/signatures';
import { SecretUnavailableError, type SecretSealer } from '../../secrets/secret-box';

interface TargetRow {
  id: number;
  url: string;
  events: string;
  provider: string;
  scheme: string;
  custom_scheme: string | null;
  secret_sealed: Buffer | null;
  secret_hint: string | null;
  format: string;
  retry_schedule: string;
  timeout_ms: number;
  ssrf: string;
  concurrency: number;
  active: number;
  paused: number;
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
}

/** A target with its secret opened, for the sender only (never crosses a transport). */
export interface TargetWithSecret {
  target: Target;
  /** Null when none is set or it cannot be opened here (see `target.secretUnavailable`). */
  secret: string | null;
}

/** The stored fields of a target; the repository fills id and times. */
export interface TargetFields {
  url: string;
  events: string[];
  provider: ProviderPreset;
  scheme: SchemeId;
  customScheme: CustomSchemeInput | null;
  format: PayloadFormat;
  retrySchedule: number[];
  timeoutSec: number;
  ssrf: SsrfPolicy;
  concurrency: number;
  active: boolean;
  paused: boolean;
}

const COLUMNS = 'id, url, events, provider, scheme, custom_scheme, secret_sealed, secret_hint, format, retry_schedule, timeout_ms, ssrf, concurrency, active, paused, disabled_reason, created_at, updated_at';

/** Sender targets (subscriptions); secrets sealed before they reach the database. */
export class TargetsRepo {
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
    this.listStmt = db.prepare(`SELECT ${COLUMNS} FROM targets ORDER BY id`);
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM targets WHERE id = ?`);
    this.byUrlStmt = db.prepare(`SELECT ${COLUMNS} FROM targets WHERE url = ? ORDER BY id LIMIT 1`);
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

  list(): Target[] {
    return (this.listStmt.all() as TargetRow[]).map((row) => this.toTarget(row));
  }

  get(id: number): Target | null {
    const row = this.getStmt.get(id) as TargetRow | undefined;
    return row ? this.toTarget(row) : null;
  }

  idByUrl(url: string): number | null {
    return (this.byUrlStmt.get(url) as TargetRow | undefined)?.id ?? null;
  }

  /** Every target with its opened secret (the sender's cache). */
  withSecrets(): TargetWithSecret[] {
    return (this.listStmt.all() as TargetRow[]).map((row) => this.open(row));
  }

  /** The opened secret of one target, or null (none set, or sealed where it cannot be opened here). */
  secretOf(id: number): string | null {
    const row = this.getStmt.get(id) as TargetRow | undefined;
    return row ? this.open(row).secret : null;
  }

  insert(fields: TargetFields): number {
    return Number(this.insertStmt.run(this.params(fields)).lastInsertRowid);
  }

  update(id: number, fields: TargetFields): void {
    this.updateStmt.run({ ...this.params(fields), id });
  }

  /** `null` removes the secret. */
  setSecret(id: number, secret: string | null): void {
    this.setSecretStmt.run(secret === null ? null : this.sealer.seal(secret), secret === null ? null : secretHint(secret), id);
  }

  disable(id: number, reason: string, now: number): void {
    this.disableStmt.run(reason, now, id);
  }

  delete(id: number): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }

  private params(fields: TargetFields) {
    return {
      url: fields.url,
      events: JSON.stringify(fields.events),
      provider: fields.provider,
      scheme: fields.scheme,
      customScheme: fields.customScheme === null ? null : JSON.stringify(fields.customScheme),
      format: fields.format,
      retrySchedule: JSON.stringify(fields.retrySchedule),
      timeoutMs: Math.round(fields.timeoutSec * 1000),
      ssrf: fields.ssrf,
      concurrency: fields.concurrency,
      active: fields.active ? 1 : 0,
      paused: fields.paused ? 1 : 0,
      now: Date.now(),
    };
  }

  private toTarget(row: TargetRow): Target {
    return this.open(row).target;
  }

  /** The row as a target, its secret opened once (or why it cannot be opened here). */
  private open(row: TargetRow): TargetWithSecret {
    let secret: string | null = null;
    let secretUnavailable: string | null = null;
    if (row.secret_sealed) {
      try {
        secret = this.sealer.open(row.secret_sealed);
      } catch (error) {
        if (!(error instanceof SecretUnavailableError)) throw error;
        secretUnavailable = error.message;
      }
    }
    // Parsed, not cast: a row from a newer version with an unknown value still reads.
    const provider = ProviderPreset.safeParse(row.provider).data ?? 'custom';
    const target: Target = {
      id: row.id,
      url: row.url,
      events: JSON.parse(row.events) as string[],
      provider,
      scheme: SchemeId.safeParse(row.scheme).data ?? 'custom',
      customScheme: row.custom_scheme === null ? null : (CustomScheme.safeParse(JSON.parse(row.custom_scheme)).data ?? null),
      secretHint: row.secret_hint,
      secretUnavailable,
      format: PayloadFormat.safeParse(row.format).data ?? 'raw',
      retrySchedule: JSON.parse(row.retry_schedule) as number[],
      timeoutSec: row.timeout_ms / 1000,
      ssrf: SsrfPolicy.safeParse(row.ssrf).data ?? 'public-only',
      concurrency: row.concurrency,
      active: row.active === 1,
      paused: row.paused === 1,
      disabledReason: row.disabled_reason,
      warnings: targetWarnings({ provider, secretHint: row.secret_hint }),
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
    return { target, secret };
  }
}
