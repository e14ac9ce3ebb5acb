import type { Database, Statement } from 'better-sqlite3';
import { bodyText, headerText, INDEXED_BODY_BYTES } from '../search-text';

/** Body bytes one batch indexes at most (at least one request): the event loop gets a turn between. */
const BATCH_BODY_BYTES = INDEXED_BODY_BYTES;

interface PendingRow {
  id: number;
  path: string;
  headers: string;
  /** The first INDEXED_BODY_BYTES of the body (SQLite cuts it: the rest never reaches JS). */
  head: Buffer;
  cut: 0 | 1;
}

/** The full-text index of requests (FTS5, contentless), and how far it has caught up. */
export class FtsIndexRepo {
  private readonly progressStmt: Statement;
  private readonly sizesStmt: Statement;
  private readonly pendingStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly advanceStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly lastIdStmt: Statement;
  private readonly indexBatchTx: (limit: number) => number;

  constructor(db: Database) {
    this.progressStmt = db.prepare('SELECT indexed_through AS n FROM fts_progress WHERE id = 1');
    this.sizesStmt = db.prepare('SELECT id, min(length(body), ?) AS bytes FROM requests WHERE id > ? ORDER BY id LIMIT ?');
    this.pendingStmt = db.prepare(
      'SELECT id, path, headers, substr(body, 1, @max) AS head, length(body) > @max AS cut FROM requests WHERE id > @from AND id <= @through ORDER BY id',
    );
    this.insertStmt = db.prepare('INSERT INTO requests_fts (rowid, path, headers, body) VALUES (?, ?, ?, ?)');
    this.advanceStmt = db.prepare('UPDATE fts_progress SET indexed_through = ? WHERE id = 1');
    this.deleteStmt = db.prepare('DELETE FROM requests_fts WHERE rowid = ?');
    this.lastIdStmt = db.prepare("SELECT seq AS n FROM sqlite_sequence WHERE name = 'requests'");
    this.indexBatchTx = db.transaction((limit: number) => {
      const from = this.indexedThrough();
      // Sizes first (SQLite reads a BLOB's length without its bytes), so a batch stops at its byte budget.
      const sizes = this.sizesStmt.all(INDEXED_BODY_BYTES, from, limit) as { id: number; bytes: number }[];
      if (sizes.length === 0) return 0;
      let through = sizes[0]!.id;
      let taken = 0;
      for (const { id, bytes } of sizes) {
        if (taken > 0 && taken + bytes > BATCH_BODY_BYTES) break;
        taken += bytes;
        through = id;
      }
      const rows = this.pendingStmt.all({ max: INDEXED_BODY_BYTES, from, through }) as PendingRow[];
      for (const row of rows) this.insertStmt.run(row.id, row.path, headerText(row.headers), bodyText(row.head, row.cut === 1));
      this.advanceStmt.run(through);
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

  /**
   * Indexes up to `limit` not-yet-indexed requests, and at most BATCH_BODY_BYTES of their bodies
   * (but at least one request), in one transaction; returns how many (0: caught up).
   */
  indexBatch(limit: number): number {
    return this.indexBatchTx(limit);
  }

  /** Removes deleted requests from the index (call inside the deleting transaction). */
  remove(ids: readonly number[]): void {
    for (const id of ids) this.deleteStmt.run(id);
  }
}
