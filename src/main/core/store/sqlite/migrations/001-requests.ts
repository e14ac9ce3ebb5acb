/** Captured requests. Bodies are BLOBs stored exactly; headers are JSON `[[name, value], ...]`. */
export const sql = `
CREATE TABLE requests (
  id             INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: ids of deleted rows are never reused
  endpoint       TEXT,                              -- endpoint slug, NULL for the default inbox
  method         TEXT    NOT NULL,
  path           TEXT    NOT NULL,
  query          TEXT    NOT NULL DEFAULT '',
  headers        TEXT    NOT NULL,
  body           BLOB    NOT NULL,
  size           INTEGER NOT NULL,                  -- bytes that arrived, even past the cap
  truncated      INTEGER NOT NULL DEFAULT 0,
  content_type   TEXT,
  event          TEXT,
  scheme         TEXT,
  status         INTEGER NOT NULL,                  -- what the receiver answered
  client_address TEXT,
  received_at    INTEGER NOT NULL                   -- ms since the Unix epoch
);
CREATE INDEX requests_received_at ON requests (received_at);
`;
