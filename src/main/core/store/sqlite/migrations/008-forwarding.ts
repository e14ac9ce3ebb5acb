/**
 * Forwarding and replay: an endpoint's forward target and proxy mode, and every request Hookbench
 * sent for a capture (the forward and each replay), linked to it and deleted with it.
 */
export const sql = `
ALTER TABLE endpoints ADD COLUMN forward_url TEXT;
ALTER TABLE endpoints ADD COLUMN proxy INTEGER NOT NULL DEFAULT 0;
CREATE TABLE request_sends (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id         INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  kind               TEXT    NOT NULL,            -- 'forward' | 'replay'
  url                TEXT    NOT NULL,
  method             TEXT    NOT NULL,
  headers            TEXT    NOT NULL,            -- JSON [[name, value], ...] as sent
  body               BLOB    NOT NULL,
  status             INTEGER,                     -- NULL when no answer came
  response_headers   TEXT,
  response_body      BLOB,
  response_truncated INTEGER NOT NULL DEFAULT 0,
  error_kind         TEXT,
  error_message      TEXT,
  duration_ms        INTEGER NOT NULL,
  started_at         INTEGER NOT NULL
);
CREATE INDEX request_sends_request ON request_sends (request_id, id);
`;
