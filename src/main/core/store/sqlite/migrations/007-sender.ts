/**
 * The sender: targets (subscriptions), one delivery per (event, target) holding the exact body
 * every attempt sends and its schedule (`next_attempt_at`, so retries survive a restart), and
 * every attempt with what was sent and what came back.
 */
export const sql = `
CREATE TABLE targets (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  url             TEXT    NOT NULL,
  events          TEXT    NOT NULL,               -- JSON array of names; "*" = every event
  provider        TEXT    NOT NULL,
  scheme          TEXT    NOT NULL,
  custom_scheme   TEXT,                           -- JSON, for scheme 'custom'
  secret_sealed   BLOB,                           -- sealed by the SecretSealer, never plain
  secret_hint     TEXT,
  format          TEXT    NOT NULL,               -- 'auto' | 'raw' | 'slack' | 'discord'
  retry_schedule  TEXT    NOT NULL,               -- JSON seconds before each retry
  timeout_ms      INTEGER NOT NULL,
  ssrf            TEXT    NOT NULL,               -- 'off' | 'public-only'
  concurrency     INTEGER NOT NULL,
  active          INTEGER NOT NULL,
  paused          INTEGER NOT NULL DEFAULT 0,     -- deliveries queue up and wait for resume
  disabled_reason TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE TABLE deliveries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id        TEXT    NOT NULL,
  event           TEXT    NOT NULL,
  provider        TEXT    NOT NULL,
  target_id       INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  url             TEXT    NOT NULL,
  idempotency_key TEXT    NOT NULL UNIQUE,
  body            BLOB    NOT NULL,               -- the exact bytes every attempt sends
  test            INTEGER NOT NULL DEFAULT 0,
  state           TEXT    NOT NULL,               -- 'pending' | 'sending' | 'succeeded' | 'dead'
  attempts        INTEGER NOT NULL DEFAULT 0,
  cycle_attempts  INTEGER NOT NULL DEFAULT 0,     -- attempts since the last manual resend
  next_attempt_at INTEGER,                        -- ms; set while pending
  last_status     INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  UNIQUE (event_id, target_id)
);
CREATE INDEX deliveries_due ON deliveries (target_id, next_attempt_at) WHERE state = 'pending';
CREATE INDEX deliveries_next ON deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX deliveries_state ON deliveries (state, id);
CREATE INDEX deliveries_event ON deliveries (event, id);
CREATE TABLE delivery_attempts (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id        INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  target_id          INTEGER NOT NULL,
  event              TEXT    NOT NULL,
  attempt            INTEGER NOT NULL,
  url                TEXT    NOT NULL,
  method             TEXT    NOT NULL,
  headers            TEXT    NOT NULL,            -- JSON [[name, value], ...] as sent (body: the delivery's)
  outcome            TEXT    NOT NULL,
  status             INTEGER,
  response_headers   TEXT,
  response_body      BLOB,
  response_truncated INTEGER NOT NULL DEFAULT 0,
  error_message      TEXT,
  scheduled_for      INTEGER NOT NULL,
  started_at         INTEGER NOT NULL,
  duration_ms        INTEGER NOT NULL,
  next_retry_at      INTEGER
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, id);
CREATE INDEX delivery_attempts_event ON delivery_attempts (event, id);
CREATE INDEX delivery_attempts_started ON delivery_attempts (started_at);
`;
