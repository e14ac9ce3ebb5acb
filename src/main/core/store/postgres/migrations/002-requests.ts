/**
 * Captured requests, what they occupy, and the sends (forwards, replays) made for them. The same
 * columns as SQLite reached by its migrations 001-010, so both adapters map rows the same way:
 * bodies are exact bytes (BYTEA), headers the JSON text `[[name, value], ...]`, times BIGINT ms.
 *
 * - `search`: the words full-text search finds the request by, cut and folded in JS
 *   (postgres/search-words.ts), written with the row: a search is complete as soon as the
 *   capture is acknowledged, with no indexer to catch up.
 * - `feed_seq`: the request's position in the catch-up feed (`hookbench listen`), NULL until a
 *   reader's sequencer gives it one. Ids come from a sequence and are not in commit order across
 *   instances (an id taken early can commit late), so readers walk feed_seq, handed out in commit
 *   order (see PgRequestsRepo.since).
 * - Each filter index ends in (received_at, id), so a filtered page newest first is an index range
 *   walked in order and stopped after `limit` rows, and keyset positions enter it directly.
 * - `request_usage` is sharded: every capture transaction adds to one of 16 rows picked at random,
 *   so instances capturing at once do not queue on one hot row; the usage is the sum.
 */
export const sql = `
CREATE TABLE requests (
  id             BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- never reused
  endpoint       TEXT,                              -- endpoint slug, NULL for the default inbox
  method         TEXT    NOT NULL,
  path           TEXT    NOT NULL,
  query          TEXT    NOT NULL DEFAULT '',
  headers        TEXT    NOT NULL,
  body           BYTEA   NOT NULL,
  size           BIGINT  NOT NULL,                  -- bytes that arrived, even past the cap
  truncated      BOOLEAN NOT NULL DEFAULT false,
  content_type   TEXT,
  event          TEXT,
  scheme         TEXT,
  verification   TEXT,                              -- 'valid' | 'invalid' | 'unsigned'; NULL: no secret to check with
  status         INTEGER NOT NULL,                  -- what the receiver answered
  client_address TEXT,
  via_tunnel     BOOLEAN NOT NULL DEFAULT false,
  received_at    BIGINT  NOT NULL,                  -- ms since the Unix epoch
  search         TSVECTOR NOT NULL,
  feed_seq       BIGINT
);

CREATE INDEX requests_time          ON requests (received_at, id);
CREATE INDEX requests_event_time    ON requests (event, received_at, id);
CREATE INDEX requests_status_time   ON requests (status, received_at, id);
CREATE INDEX requests_endpoint_time ON requests (endpoint, received_at, id);
-- Partial: most requests come to endpoints without secrets.
CREATE INDEX requests_verification_time ON requests (verification, received_at, id) WHERE verification IS NOT NULL;
CREATE INDEX requests_search ON requests USING GIN (search);

CREATE SEQUENCE requests_feed_seq AS BIGINT;
-- The sequencer's work list: only the few captures not yet in the feed.
CREATE INDEX requests_unfed ON requests (id) WHERE feed_seq IS NULL;
CREATE UNIQUE INDEX requests_feed ON requests (feed_seq);

CREATE TABLE request_usage (
  shard INTEGER PRIMARY KEY,
  count BIGINT  NOT NULL DEFAULT 0,
  bytes BIGINT  NOT NULL DEFAULT 0                  -- body + headers (UTF-8 bytes)
);
INSERT INTO request_usage (shard) SELECT generate_series(0, 15);

CREATE TABLE request_sends (
  id                 BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id         BIGINT  NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  kind               TEXT    NOT NULL,              -- 'forward' | 'replay' | 'listen'
  by_name            TEXT,                          -- who sent it; NULL for an endpoint's automatic forward
  url                TEXT    NOT NULL,
  method             TEXT    NOT NULL,
  headers            TEXT    NOT NULL,              -- JSON [[name, value], ...] as sent
  body               BYTEA   NOT NULL,
  status             INTEGER,                       -- NULL when no answer came
  response_headers   TEXT,
  response_body      BYTEA,
  response_truncated BOOLEAN NOT NULL DEFAULT false,
  error_kind         TEXT,
  error_message      TEXT,
  duration_ms        BIGINT  NOT NULL,
  started_at         BIGINT  NOT NULL
);
CREATE INDEX request_sends_request ON request_sends (request_id, id);
`;
