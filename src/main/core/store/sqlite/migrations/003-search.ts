/**
 * Filters and full-text search over captured requests.
 *
 * Each filter index ends in received_at (and, implicitly, the rowid), so a filtered page newest
 * first is an index range walked in order and stopped after `limit` rows, never a sort.
 *
 * The FTS5 table is contentless (the text lives in `requests` already) with contentless_delete so
 * deleted requests can leave the index. It is filled off the acknowledgement path by the indexer
 * (store/fts-indexer.ts, SQL in repos/fts-index-repo.ts), which records how far it got in
 * `fts_progress`.
 */
export const sql = `
CREATE INDEX requests_event_time    ON requests (event, received_at);
CREATE INDEX requests_status_time   ON requests (status, received_at);
CREATE INDEX requests_endpoint_time ON requests (endpoint, received_at);
CREATE VIRTUAL TABLE requests_fts USING fts5(path, headers, body, content='', contentless_delete=1);
CREATE TABLE fts_progress (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_through INTEGER NOT NULL -- every request with id <= this is in requests_fts
);
INSERT INTO fts_progress (id, indexed_through) VALUES (1, 0);
`;
