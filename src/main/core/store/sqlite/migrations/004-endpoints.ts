/**
 * Endpoints (named inboxes) and the retention policy.
 *
 * Requests keep the slug as text rather than a foreign key: deleting an endpoint must not touch the
 * history captured under it, and a request to a slug created later still reads correctly.
 * `request_usage` keeps the count and bytes of stored requests, updated in the same transactions as
 * inserts and deletes, so enforcing retention never sums a million blobs.
 */
export const sql = `
CREATE TABLE endpoints (
  slug       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  response   TEXT NOT NULL,   -- JSON EndpointResponse
  created_at INTEGER NOT NULL
);
CREATE TABLE retention (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  max_count INTEGER,           -- NULL: unlimited
  max_bytes INTEGER            -- NULL: unlimited
);
INSERT INTO retention (id, max_count, max_bytes) VALUES (1, NULL, NULL);
CREATE TABLE request_usage (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  count INTEGER NOT NULL,
  bytes INTEGER NOT NULL       -- body + headers as stored
);
INSERT INTO request_usage (id, count, bytes)
  SELECT 1, count(*), coalesce(sum(length(body) + length(headers)), 0) FROM requests;
`;
