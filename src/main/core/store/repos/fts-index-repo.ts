import type { Database, Statement } from 'better-sqlite3';
import type { HeaderPairs } from '../../../../shared/request-schemas';

/** Bytes of a body that are indexed: webhook payloads fit; a large upload is searchable by its start. */
export const INDEXED_BODY_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The searchable text of a body: valid UTF-8 only (binary bodies are not indexed). */
function bodyText(body: Buffer): string {
  const head = body.subarray(0, INDEXED_BODY_BYTES);
  // A cut inside a multi-byte character at the limit is not binary: retry without those bytes.
  const maxTrim = body.length > INDEXED_BODY_BYTES ? 3 : 0;
  for (let trim = 0; trim <= maxTrim; trim++) {
    try {
      return utf8.decode(head.subarray(0, head.length - trim));
    } catch {
      // try one byte shorter
    }
  }
  return '';
}

function headerText(json: string): string {
  return (JSON.parse(json) as HeaderPairs).map(([name, value]) => `${name}: ${value}`).join('\n');
}

interface PendingRow {
  id: number;
  path: string;
  headers: string;
  body: Buffer;
}

/** The full-text index of requests (FTS5, contentless), and how far it has caught up. */
export class FtsIndexRepo {
  private readonly progressStmt: Statement;
  private readonly pendingStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly advanceStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly lastIdStmt: Statement;
  private readonly indexBatchTx: (limit: number) => number;

  constructor(db: Database) {
    this.progressStmt = db.prepare('SELECT indexed_through AS n FROM fts_progress WHERE id = 1');
    this.pendingStmt = db.prepare('SELECT id, path, headers, body FROM requests WHERE id > ? ORDER BY id LIMIT ?');
    this.insertStmt = db.prepare('INSERT INTO requests_fts (rowid, path, headers, body) VALUES (?, ?, ?, ?)');
    this.advanceStmt = db.prepare('UPDATE fts_progress SET indexed_through = ? WHERE id = 1');
    this.deleteStmt = db.prepare('DELETE FROM requests_fts WHERE rowid = ?');
    this.lastIdStmt = db.prepare("SELECT seq AS n FROM sqlite_sequence WHERE name = 'requests'");
    this.indexBatchTx = db.transaction((limit: number) => {
      const rows = this.pendingStmt.all(this.indexedThrough(), limit) as PendingRow[];
      for (const row of rows) this.insertStmt.run(row.id, row.path, headerText(row.headers), bodyText(row.body));
      if (rows.length > 0) this.advanceStmt.run(rows[rows.length - 1]!.id);
      return rows.length;
    });
  }

  indexedThrough(): number {
    return (this.progressStmt.get() as { n: number }).n;
  }

  /** Whether requests exist that are not in the index yet. */
  behind(): boolean {
    const last = (this.lastIdStmt.get() as { n: number } | undefined)?.n ?? 0;
    return last > this.indexedThrough();
  }

  /** Indexes up to `limit` not-yet-indexed requests in one transaction; returns how many. */
  indexBatch(limit: number): number {
    return this.indexBatchTx(limit);
  }

  /** Removes deleted requests from the index (call inside the deleting transaction). */
  remove(ids: readonly number[]): void {
    for (const id of ids) this.deleteStmt.run(id);
  }
}
